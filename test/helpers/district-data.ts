/** The district round's data alone (no test framework): scripts read it too. */
/**
 * A district round of 22 units (12 departments, 10 communes) whose appraised scores give 21 units
 * "Tốt" and 1 "Khá": mean 84.92, highest 88.75, lowest 75.83, and a tie at 86.50 across the groups.
 * Expected figures were computed by hand (exact decimals, half-up) from these indexes.
 *
 * `self` is the unit's self-assessed total (tự đánh giá), spread over the leaves like the appraised one;
 * xa-quang-loi proposed nothing for leaf 5.2 (it counts 0), so its self-assessment is 72.00, not 80.00.
 * Gaps (self − index): the departments' sum to 10.65 (mean 0.89), the communes' to −1.25 (mean −0.125,
 * published −0.13: half away from zero). Appraised scores are final, so no index depends on `self`.
 */
export const district: Array<{ code: string; name: string; group: 'phong' | 'xa'; index: string; self: string }> = [
  { code: 'phong-noi-vu', name: 'Phòng Nội vụ', group: 'phong', index: '88.75', self: '90.00' },
  { code: 'phong-tai-chinh', name: 'Phòng Tài chính - Kế hoạch', group: 'phong', index: '87.10', self: '88.00' },
  { code: 'phong-tu-phap', name: 'Phòng Tư pháp', group: 'phong', index: '86.50', self: '86.50' },
  { code: 'phong-kinh-te', name: 'Phòng Kinh tế', group: 'phong', index: '85.90', self: '87.40' },
  { code: 'phong-giao-duc', name: 'Phòng Giáo dục và Đào tạo', group: 'phong', index: '85.40', self: '86.40' },
  { code: 'phong-y-te', name: 'Phòng Y tế', group: 'phong', index: '85.00', self: '85.00' },
  { code: 'phong-tai-nguyen', name: 'Phòng Tài nguyên và Môi trường', group: 'phong', index: '84.75', self: '85.25' },
  { code: 'phong-van-hoa', name: 'Phòng Văn hóa và Thông tin', group: 'phong', index: '84.30', self: '86.30' },
  {
    code: 'phong-lao-dong',
    name: 'Phòng Lao động - Thương binh và Xã hội',
    group: 'phong',
    index: '84.10',
    self: '84.60',
  },
  { code: 'phong-quan-ly-do-thi', name: 'Phòng Quản lý đô thị', group: 'phong', index: '83.90', self: '85.90' },
  { code: 'thanh-tra', name: 'Thanh tra huyện', group: 'phong', index: '86.20', self: '86.45' },
  { code: 'van-phong', name: 'Văn phòng HĐND và UBND', group: 'phong', index: '85.60', self: '86.35' },
  { code: 'xa-quang-loi', name: 'UBND xã Quảng Lợi', group: 'xa', index: '75.83', self: '80.00' },
  { code: 'xa-phu-thuong', name: 'UBND xã Phú Thượng', group: 'xa', index: '86.50', self: '86.50' },
  { code: 'xa-phu-my', name: 'UBND xã Phú Mỹ', group: 'xa', index: '85.20', self: '85.70' },
  { code: 'xa-phu-an', name: 'UBND xã Phú An', group: 'xa', index: '84.80', self: '84.30' },
  { code: 'xa-vinh-thai', name: 'UBND xã Vinh Thái', group: 'xa', index: '84.60', self: '85.10' },
  { code: 'xa-phu-ho', name: 'UBND xã Phú Hồ', group: 'xa', index: '84.40', self: '84.65' },
  { code: 'xa-phu-luong', name: 'UBND xã Phú Lương', group: 'xa', index: '84.00', self: '84.33' },
  { code: 'xa-phu-xuan', name: 'UBND xã Phú Xuân', group: 'xa', index: '83.70', self: '83.70' },
  { code: 'thi-tran-phu-da', name: 'UBND thị trấn Phú Đa', group: 'xa', index: '83.50', self: '83.50' },
  { code: 'xa-vinh-ha', name: 'UBND xã Vinh Hà', group: 'xa', index: '88.21', self: '89.71' },
]

/** 5 fields × 2 leaves of 10 points: 100 in all, so a unit's points are its index. */
export const districtFramework = {
  name: 'Bộ chỉ số CCHC cấp huyện 2018',
  criteria: Array.from({ length: 5 }, (_, f) => ({
    code: `${f + 1}`,
    title: `Lĩnh vực ${f + 1}`,
    children: [1, 2].map((l) => ({ code: `${f + 1}.${l}`, title: `Tiêu chí ${f + 1}.${l}`, maxPoints: 10 })),
  })),
}
export const districtLeaves = districtFramework.criteria.flatMap((f) => f.children.map((c) => c.code))

/** Splits a total over the 10 leaves (each at most 10): nine times a tenth rounded down, then the rest. */
function spread(total: string): number[] {
  const hundredths = Math.round(Number(total) * 100)
  const base = Math.floor(hundredths / 10)
  return districtLeaves.map((_, i) => (i < 9 ? base : hundredths - 9 * base) / 100)
}

/** Splits a unit's points over the 10 leaves (each at most 10), as appraised scores. */
export function appraisedRows(
  code: string,
  index: string,
): Array<{ unit: string; criterion: string; appraised: number }> {
  const points = spread(index)
  return districtLeaves.map((criterion, i) => ({ unit: code, criterion, appraised: points[i]! }))
}

/** The leaves a unit proposed no score for. */
export const selfMissing: Record<string, string[]> = { 'xa-quang-loi': ['5.2'] }

/** The appraised rows with the unit's self-assessed scores (tự đánh giá) beside them. */
export function scoredRows(u: { code: string; index: string; self: string }) {
  const self = spread(u.self)
  return appraisedRows(u.code, u.index).map((row, i) =>
    selfMissing[u.code]?.includes(row.criterion) ? row : { ...row, self: self[i]! },
  )
}

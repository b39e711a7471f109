import type { FastifyInstance } from 'fastify'
import { call, seedPeriod, seedUnit, seedFramework } from './api.js'

/**
 * A district round of 22 units (12 departments, 10 communes) whose appraised scores give 21 units
 * "Tốt" and 1 "Khá": mean 84.92, highest 88.75, lowest 75.83, and a tie at 86.50 across the groups.
 * Expected figures were computed by hand (exact decimals, half-up) from these indexes.
 */
export const district: Array<{ code: string; name: string; group: 'phong' | 'xa'; index: string }> = [
  { code: 'phong-noi-vu', name: 'Phòng Nội vụ', group: 'phong', index: '88.75' },
  { code: 'phong-tai-chinh', name: 'Phòng Tài chính - Kế hoạch', group: 'phong', index: '87.10' },
  { code: 'phong-tu-phap', name: 'Phòng Tư pháp', group: 'phong', index: '86.50' },
  { code: 'phong-kinh-te', name: 'Phòng Kinh tế', group: 'phong', index: '85.90' },
  { code: 'phong-giao-duc', name: 'Phòng Giáo dục và Đào tạo', group: 'phong', index: '85.40' },
  { code: 'phong-y-te', name: 'Phòng Y tế', group: 'phong', index: '85.00' },
  { code: 'phong-tai-nguyen', name: 'Phòng Tài nguyên và Môi trường', group: 'phong', index: '84.75' },
  { code: 'phong-van-hoa', name: 'Phòng Văn hóa và Thông tin', group: 'phong', index: '84.30' },
  { code: 'phong-lao-dong', name: 'Phòng Lao động - Thương binh và Xã hội', group: 'phong', index: '84.10' },
  { code: 'phong-quan-ly-do-thi', name: 'Phòng Quản lý đô thị', group: 'phong', index: '83.90' },
  { code: 'thanh-tra', name: 'Thanh tra huyện', group: 'phong', index: '86.20' },
  { code: 'van-phong', name: 'Văn phòng HĐND và UBND', group: 'phong', index: '85.60' },
  { code: 'xa-quang-loi', name: 'UBND xã Quảng Lợi', group: 'xa', index: '75.83' },
  { code: 'xa-phu-thuong', name: 'UBND xã Phú Thượng', group: 'xa', index: '86.50' },
  { code: 'xa-phu-my', name: 'UBND xã Phú Mỹ', group: 'xa', index: '85.20' },
  { code: 'xa-phu-an', name: 'UBND xã Phú An', group: 'xa', index: '84.80' },
  { code: 'xa-vinh-thai', name: 'UBND xã Vinh Thái', group: 'xa', index: '84.60' },
  { code: 'xa-phu-ho', name: 'UBND xã Phú Hồ', group: 'xa', index: '84.40' },
  { code: 'xa-phu-luong', name: 'UBND xã Phú Lương', group: 'xa', index: '84.00' },
  { code: 'xa-phu-xuan', name: 'UBND xã Phú Xuân', group: 'xa', index: '83.70' },
  { code: 'thi-tran-phu-da', name: 'UBND thị trấn Phú Đa', group: 'xa', index: '83.50' },
  { code: 'xa-vinh-ha', name: 'UBND xã Vinh Hà', group: 'xa', index: '88.21' },
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

/** Splits a unit's points over the 10 leaves (each at most 10), as appraised scores. */
export function appraisedRows(
  code: string,
  index: string,
): Array<{ unit: string; criterion: string; appraised: number }> {
  const total = Math.round(Number(index) * 100)
  const base = Math.floor(total / 10)
  return districtLeaves.map((criterion, i) => ({
    unit: code,
    criterion,
    appraised: (i < 9 ? base : total - 9 * base) / 100,
  }))
}

export async function seedDistrict(
  app: FastifyInstance,
  period = '2018',
  framework: unknown = districtFramework,
): Promise<void> {
  await seedFramework(app, 'huyen-2018', framework)
  for (const u of district) await seedUnit(app, u.code, { name: u.name, group: u.group })
  await seedPeriod(
    app,
    period,
    'huyen-2018',
    district.map((u) => u.code),
  )
  const res = await call(app, 'POST', `/v1/periods/${period}/scores/import`, {
    body: { rows: district.flatMap((u) => appraisedRows(u.code, u.index)) },
  })
  if (res.statusCode !== 200) throw new Error(`seedDistrict import: ${res.statusCode} ${res.body}`)
}

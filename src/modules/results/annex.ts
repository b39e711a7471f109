/**
 * The annex table (phụ lục): the ranking table of the CSV, XLSX and HTML representations, one column
 * list for all three (docs/api.md, "Report formats"): the unit, its points per field, its self-assessment
 * points, the existing columns, and `Tạm tính` last.
 */
import type { DocumentItem, ResultsDocument } from './document.js'

export type ColumnKind = 'text' | 'decimal' | 'integer'

export interface AnnexColumn {
  header: string
  kind: ColumnKind
  value: (item: DocumentItem) => number | string | null
}

const unitColumns: AnnexColumn[] = [
  { header: 'Mã đơn vị', kind: 'text', value: (i) => i.unit.code },
  { header: 'Tên đơn vị', kind: 'text', value: (i) => i.unit.name },
  { header: 'Nhóm', kind: 'text', value: (i) => i.unit.group },
]

const resultColumns: AnnexColumn[] = [
  { header: 'Điểm đạt', kind: 'decimal', value: (i) => i.points },
  { header: 'Điểm tối đa', kind: 'decimal', value: (i) => i.maxPoints },
  { header: 'Chỉ số (%)', kind: 'decimal', value: (i) => i.index },
  { header: 'Xếp loại', kind: 'text', value: (i) => i.band?.label ?? null },
  { header: 'Xếp hạng', kind: 'integer', value: (i) => i.rank?.position ?? null },
  { header: 'Xếp hạng trong nhóm', kind: 'integer', value: (i) => i.groupRank?.position ?? null },
  { header: 'Chỉ số hài lòng (%)', kind: 'decimal', value: (i) => i.satisfaction?.index ?? null },
  { header: 'Xếp hạng hài lòng', kind: 'integer', value: (i) => i.satisfaction?.rank?.position ?? null },
]

const provisionalColumn: AnnexColumn = {
  header: 'Tạm tính',
  kind: 'text',
  value: (i) => (i.provisional ? 'x' : null),
}

/** The columns for this document: one per field of its framework (none in a publication made before fields). */
export function annexColumns(d: Pick<ResultsDocument, 'fields'>): AnnexColumn[] {
  const fields = (d.fields ?? []).map((field, k): AnnexColumn => ({
    header: `${field.code}. ${field.title}`,
    kind: 'decimal',
    value: (i) => i.fields?.[k]?.points ?? null,
  }))
  const self: AnnexColumn = {
    header: 'Điểm tự đánh giá',
    kind: 'decimal',
    value: (i) => i.selfAssessment?.points ?? null,
  }
  return [...unitColumns, ...fields, self, ...resultColumns, provisionalColumn]
}

/** The number of unit and field columns: what stays in view when a sheet scrolls sideways. */
export const UNIT_COLUMNS = unitColumns.length

import { stringify } from 'csv-stringify/sync'
import type { Band } from '../../domain/bands.js'
import { hundredthsToString, parseHundredths } from '../../domain/decimal.js'
import type { ResultItem } from '../../domain/results.js'
import type { Statistics } from '../../domain/statistics.js'
import type { ResultsDocument } from './document.js'

export const CSV_TYPE = 'text/csv'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The ranking table's columns, in the words a district office reads. */
const columns: Array<{ header: string; value: (i: ResultItem) => number | string | null; decimal?: boolean }> = [
  { header: 'Mã đơn vị', value: (i) => i.unit.code },
  { header: 'Tên đơn vị', value: (i) => i.unit.name },
  { header: 'Nhóm', value: (i) => i.unit.group },
  { header: 'Điểm đạt', value: (i) => i.points, decimal: true },
  { header: 'Điểm tối đa', value: (i) => i.maxPoints, decimal: true },
  { header: 'Chỉ số (%)', value: (i) => i.index, decimal: true },
  { header: 'Xếp loại', value: (i) => i.band?.label ?? null },
  { header: 'Xếp hạng', value: (i) => i.rank?.position ?? null },
  { header: 'Xếp hạng trong nhóm', value: (i) => i.groupRank?.position ?? null },
  { header: 'Chỉ số hài lòng (%)', value: (i) => i.satisfaction?.index ?? null, decimal: true },
  { header: 'Xếp hạng hài lòng', value: (i) => i.satisfaction?.rank?.position ?? null },
]

/**
 * A text a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, or a tab or carriage return before
 * one) is prefixed with `'`, as OWASP advises against CSV injection. Only text: numbers stay as they are.
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

const cellValue = <T>(value: T): T | string => (typeof value === 'string' ? neutraliseFormula(value) : value)

const twoDecimals = (value: number): string => hundredthsToString(parseHundredths(value))

export function exportFileName(d: ResultsDocument, extension: 'csv' | 'xlsx'): string {
  const parts = ['ket-qua-cchc', d.period.code, d.group, d.snapshot ? `cong-bo-${d.snapshot.number}` : null].filter(
    Boolean,
  )
  return `${parts.join('_').replace(/[^A-Za-z0-9._-]/g, '-')}.${extension}`
}

/** UTF-8 with BOM (so Excel reads Vietnamese), comma-separated, `.` decimals with two places, CRLF. */
export function toCsv(d: ResultsDocument): string {
  const rows = d.items.map((item) =>
    columns.map((c) => {
      const v = c.value(item)
      if (v === null) return ''
      if (typeof v === 'string') return neutraliseFormula(v)
      return c.decimal ? twoDecimals(v) : String(v)
    }),
  )
  // A line break of any kind inside a cell is quoted, or a bare CR would split the row in some readers.
  const options = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ }
  return '\uFEFF' + stringify([columns.map((c) => c.header), ...rows], options)
}

function statisticsRows(label: string, s: Statistics): Array<[string, number | string | null]> {
  return [
    [`${label}: số đơn vị`, s.count],
    [`${label}: trung bình`, s.mean],
    [`${label}: trung vị`, s.median],
    [`${label}: độ lệch chuẩn`, s.stddev],
    [`${label}: cao nhất`, s.max?.value ?? null],
    [`${label}: đơn vị cao nhất`, s.max?.units.join(', ') ?? null],
    [`${label}: thấp nhất`, s.min?.value ?? null],
    [`${label}: đơn vị thấp nhất`, s.min?.units.join(', ') ?? null],
  ]
}

/** A workbook with the ranking table and a second sheet of statistics; numbers stay numbers. */
export async function toXlsx(d: ResultsDocument, bands: readonly Band[]): Promise<Buffer> {
  // Loaded on the first export only: it costs ~30 MB of memory that most instances never need.
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  workbook.creator = 'cchc-index'
  const table = workbook.addWorksheet('Kết quả')
  table.columns = columns.map((c) => ({
    header: c.header,
    width: Math.max(12, c.header.length + 4),
    ...(c.decimal ? { style: { numFmt: '0.00' } } : {}),
  }))
  for (const item of d.items) table.addRow(columns.map((c) => cellValue(c.value(item))))
  table.getRow(1).font = { bold: true }
  table.views = [{ state: 'frozen', ySplit: 1 }]

  const stats = workbook.addWorksheet('Thống kê')
  stats.columns = [
    { header: 'Chỉ tiêu', width: 40 },
    { header: 'Giá trị', width: 30 },
  ]
  const addStat = (row: Array<number | string | null>) => stats.addRow(row.map(cellValue))
  addStat(['Kỳ đánh giá', `${d.period.name} (${d.period.code})`])
  addStat(['Nhóm', d.group ?? 'Tất cả'])
  for (const row of statisticsRows('Chỉ số CCHC', d.statistics)) addStat(row)
  for (const band of bands) addStat([`Xếp loại ${band.label}`, d.statistics.bands[band.code] ?? 0])
  if (d.satisfaction) for (const row of statisticsRows('Chỉ số hài lòng', d.satisfaction)) addStat(row)
  stats.getRow(1).font = { bold: true }
  return Buffer.from(await workbook.xlsx.writeBuffer())
}

import { stringify } from 'csv-stringify/sync'
import { annexColumns } from './annex.js'
import type { DocumentHeading, ResultsDocument } from './document.js'
import { neutraliseCell, twoDecimals } from './format.js'

export const CSV_TYPE = 'text/csv'
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
export const SVG_TYPE = 'image/svg+xml'
export const HTML_TYPE = 'text/html'

export function exportFileName(d: DocumentHeading, extension: 'csv' | 'xlsx' | 'svg' | 'html'): string {
  const parts = ['ket-qua-cchc', d.period.code, d.group, d.snapshot ? `cong-bo-${d.snapshot.number}` : null].filter(
    Boolean,
  )
  return `${parts.join('_').replace(/[^A-Za-z0-9._-]/g, '-')}.${extension}`
}

/**
 * UTF-8 with BOM (so Excel reads Vietnamese), comma-separated, `.` decimals with two places, CRLF; the
 * annex columns. A text cell a spreadsheet would read as a formula is neutralised.
 */
export function toCsv(d: ResultsDocument): string {
  const columns = annexColumns(d)
  const rows = d.items.map((item) =>
    columns.map((c) => {
      const v = c.value(item)
      if (v === null) return ''
      if (typeof v === 'number') return c.kind === 'decimal' ? twoDecimals(v) : String(v)
      return neutraliseCell(v)
    }),
  )
  // A line break of any kind inside a cell is quoted, or a bare CR would split the row in some readers.
  const options = { record_delimiter: '\r\n', quoted_match: /[\r\n]/ }
  return '\uFEFF' + stringify([columns.map((c) => c.header), ...rows], options)
}

export { toXlsx } from './workbook.js'

/**
 * The print-ready XLSX of a period's results (docs/api.md, "Report formats"): title rows, the annex table
 * with an autofilter, a frozen header, fitted column widths, A4 landscape one page wide with the header
 * repeated on every printed page; a second sheet of statistics. Numbers stay numbers with two-decimal
 * formats. The same document gives the same bytes: every date in the file is the publication's.
 */
import type { Band } from '../../domain/bands.js'
import type { Statistics } from '../../domain/statistics.js'
import { annexColumns, UNIT_COLUMNS, type AnnexColumn } from './annex.js'
import type { ResultsDocument } from './document.js'
import { neutraliseCell, publicationLine, STATUS_LABELS } from './format.js'
import { setZipTimestamps } from './zip-time.js'

type ExcelJS = typeof import('exceljs')
type Worksheet = import('exceljs').Worksheet
type Cell = number | string | null

const DECIMAL = '0.00'
const INTEGER = '0'
/** Live results have no date of their own: the earliest date a zip entry can carry, the same every time. */
const LIVE_DATE = new Date(Date.UTC(1980, 0, 1))

const text = (value: string | null): string | null => (value === null ? null : neutraliseCell(value))

function titleLines(d: ResultsDocument): string[] {
  const lines = [`Kết quả Chỉ số CCHC – ${d.period.name}`, `Trạng thái: ${STATUS_LABELS[d.period.status]}`]
  const publication = publicationLine(d.snapshot)
  if (publication) lines.push(publication)
  if (d.group !== null) lines.push(`Nhóm: ${d.group}`)
  return lines
}

/** Title rows, then a blank row; answers the number of the next free row. */
function addTitle(sheet: Worksheet, d: ResultsDocument): number {
  titleLines(d).forEach((line, i) => {
    const cell = sheet.getCell(i + 1, 1)
    cell.value = text(line)
    cell.font = i === 0 ? { bold: true, size: 14 } : { italic: true }
  })
  return titleLines(d).length + 2
}

const displayLength = (value: Cell, kind: AnnexColumn['kind']): number =>
  value === null ? 0 : kind === 'decimal' && typeof value === 'number' ? value.toFixed(2).length : String(value).length

/** Wide enough for the longest value; a long header wraps instead of widening a column of numbers. */
function fittedWidths(columns: readonly AnnexColumn[], rows: readonly Cell[][]): number[] {
  return columns.map((c, k) => {
    let longest = 0
    for (const row of rows) longest = Math.max(longest, displayLength(row[k] ?? null, c.kind))
    const header = c.kind === 'text' ? c.header.length : Math.min(c.header.length, 14)
    return Math.min(60, Math.max(6, longest, header) + 2)
  })
}

function addTable(sheet: Worksheet, d: ResultsDocument): void {
  const columns = annexColumns(d)
  const headerRow = addTitle(sheet, d)
  const rows = d.items.map((item) =>
    columns.map((c): Cell => {
      const value = c.value(item)
      return c.kind === 'text' && typeof value === 'string' ? text(value) : value
    }),
  )
  const widths = fittedWidths(columns, rows)
  columns.forEach((c, k) => {
    const column = sheet.getColumn(k + 1)
    column.width = widths[k]!
    if (c.kind !== 'text') column.numFmt = c.kind === 'decimal' ? DECIMAL : INTEGER
  })
  const header = sheet.getRow(headerRow)
  header.values = columns.map((c) => c.header)
  header.font = { bold: true }
  header.alignment = { wrapText: true, vertical: 'middle' }
  rows.forEach((values, i) => (sheet.getRow(headerRow + 1 + i).values = values))
  sheet.autoFilter = {
    from: { row: headerRow, column: 1 },
    to: { row: headerRow + Math.max(rows.length, 1), column: columns.length },
  }
  sheet.views = [
    { state: 'frozen', ySplit: headerRow, xSplit: Math.min(2, UNIT_COLUMNS), topLeftCell: 'C' + (headerRow + 1) },
  ]
  sheet.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: `${headerRow}:${headerRow}`,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  }
  sheet.headerFooter = { oddFooter: 'Trang &P/&N' }
}

type StatRow = [string, Cell, string?]

/** Unit names, not codes: the holders of a minimum or maximum as people know them. */
function holders(units: readonly string[] | undefined, names: ReadonlyMap<string, string>): string | null {
  return units ? text(units.map((code) => names.get(code) ?? code).join(', ')) : null
}

function statisticsRows(label: string, s: Statistics, names: ReadonlyMap<string, string>): StatRow[] {
  return [
    [`${label}: số đơn vị`, s.count, INTEGER],
    [`${label}: trung bình`, s.mean, DECIMAL],
    [`${label}: trung vị`, s.median, DECIMAL],
    [`${label}: độ lệch chuẩn`, s.stddev, DECIMAL],
    [`${label}: cao nhất`, s.max?.value ?? null, DECIMAL],
    [`${label}: đơn vị cao nhất`, holders(s.max?.units, names)],
    [`${label}: thấp nhất`, s.min?.value ?? null, DECIMAL],
    [`${label}: đơn vị thấp nhất`, holders(s.min?.units, names)],
  ]
}

function statisticsTable(d: ResultsDocument, bands: readonly Band[]): StatRow[] {
  const names = new Map(d.items.map((i) => [i.unit.code, i.unit.name]))
  const rows: StatRow[] = [
    ['Kỳ đánh giá', text(`${d.period.name} (${d.period.code})`)],
    ['Nhóm', text(d.group ?? 'Tất cả')],
    ...statisticsRows('Chỉ số CCHC', d.statistics, names),
    ...bands.map((band): StatRow => [text(`Xếp loại ${band.label}`)!, d.statistics.bands[band.code] ?? 0, INTEGER]),
  ]
  if (d.satisfaction) rows.push(...statisticsRows('Chỉ số hài lòng', d.satisfaction, names))
  for (const field of d.fields ?? [])
    rows.push(...statisticsRows(text(`Lĩnh vực ${field.code}. ${field.title}`)!, field.statistics, names))
  if (d.selfAssessmentGap) rows.push(...statisticsRows('Chênh lệch tự đánh giá', d.selfAssessmentGap, names))
  return rows
}

function addStatistics(sheet: Worksheet, d: ResultsDocument, bands: readonly Band[]): void {
  const headerRow = addTitle(sheet, d)
  sheet.getColumn(1).width = 50
  sheet.getColumn(2).width = 40
  const header = sheet.getRow(headerRow)
  header.values = ['Chỉ tiêu', 'Giá trị']
  header.font = { bold: true }
  statisticsTable(d, bands).forEach(([label, value, format], i) => {
    const row = sheet.getRow(headerRow + 1 + i)
    row.values = [label, value]
    if (format) row.getCell(2).numFmt = format
  })
  sheet.views = [{ state: 'frozen', ySplit: headerRow }]
  sheet.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 }
}

/** A workbook with the annex table and a second sheet of statistics; the same document, the same bytes. */
export async function toXlsx(d: ResultsDocument, bands: readonly Band[]): Promise<Buffer> {
  // Loaded on the first export only: it costs ~30 MB of memory that most instances never need.
  const { default: Excel } = (await import('exceljs')) as { default: ExcelJS }
  const date = d.snapshot ? new Date(d.snapshot.publishedAt) : LIVE_DATE
  const workbook = new Excel.Workbook()
  workbook.creator = 'cchc-index'
  workbook.lastModifiedBy = 'cchc-index'
  workbook.created = date
  workbook.modified = date
  workbook.title = `Kết quả Chỉ số CCHC – ${d.period.name}`
  addTable(workbook.addWorksheet('Kết quả'), d)
  addStatistics(workbook.addWorksheet('Thống kê'), d, bands)
  return setZipTimestamps(Buffer.from(await workbook.xlsx.writeBuffer()), date)
}

/**
 * The printable report (báo cáo) of a period's results as one self-contained HTML page: the title and
 * publication, the headline statistics in a Vietnamese sentence, the ranking chart, statistics per field
 * and of the self-assessment gap, and the annex table. A4 landscape print CSS, the table header repeated
 * on every printed page; no script and no external request. Numbers use Vietnamese comma decimals.
 */
import type { Band } from '../../domain/bands.js'
import type { Statistics } from '../../domain/statistics.js'
import { annexColumns, type AnnexColumn } from './annex.js'
import { rankLabel, toSvg } from './chart-svg.js'
import type { DocumentItem, ResultsDocument } from './document.js'
import { escapeMarkup as esc, publicationLine, STATUS_LABELS, vietnameseDecimal } from './format.js'

const STYLE = `
@page { size: A4 landscape; margin: 8mm; }
* { box-sizing: border-box; }
body { font-family: 'DejaVu Sans', Arial, Helvetica, sans-serif; font-size: 10pt; color: #212121; margin: 16px; }
h1 { font-size: 15pt; margin: 0 0 2px; }
h2 { font-size: 11pt; margin: 10px 0 4px; }
p { margin: 2px 0; }
.meta { color: #555; font-size: 9pt; }
.headline { font-size: 11pt; font-weight: bold; margin: 6px 0; }
.chart svg { width: 100%; height: auto; max-width: 1100px; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #9e9e9e; padding: 1px 3px; }
th { background: #eeeeee; font-weight: bold; vertical-align: bottom; }
td.n { text-align: right; white-space: nowrap; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.stats td, .stats th { font-size: 8.5pt; }
.note { font-size: 8pt; color: #555; margin-top: 4px; }
@media print {
  body { margin: 0; font-size: 7pt; }
  h1 { font-size: 11pt; }
  h2 { font-size: 8pt; margin: 3px 0 1px; }
  .meta, .note { font-size: 6.5pt; }
  .headline { font-size: 8pt; margin: 2px 0; }
  .chart.small svg { display: block; width: auto; max-width: 100%; height: 64mm; margin: 0 auto; }
  .chart.part { break-inside: avoid; page-break-inside: avoid; }
  .chart.part svg { display: block; width: auto; max-width: 100%; height: auto; max-height: 185mm; margin: 0 auto; }
  .stats td, .stats th { font-size: 6.5pt; }
  th, td { padding: 0 2px; line-height: 1.15; }
  .annex { font-size: 6.5pt; }
  .annex td:nth-child(1) { white-space: nowrap; }
  .annex td:nth-child(2) { min-width: 42mm; }
  .annex th { font-size: 6pt; }
}
`

/** "21/22 đơn vị xếp loại Tốt, 1 đơn vị xếp loại Khá; bình quân 84,92; cao nhất 88,75; thấp nhất 75,83" */
export function headline(d: ResultsDocument, bands: readonly Band[]): string {
  const s = d.statistics
  if (s.count === 0 || s.mean === null || s.max === null || s.min === null) return 'Chưa có đơn vị nào có chỉ số.'
  const counted = bands.filter((b) => (s.bands[b.code] ?? 0) > 0)
  const parts = counted.map((b, k) => {
    const n = s.bands[b.code] ?? 0
    return `${k === 0 ? `${n}/${s.count}` : n} đơn vị xếp loại ${b.label}`
  })
  const figures = [
    `bình quân ${vietnameseDecimal(s.mean)}`,
    `cao nhất ${vietnameseDecimal(s.max.value)}`,
    `thấp nhất ${vietnameseDecimal(s.min.value)}`,
  ]
  return [parts.join(', '), ...figures].join('; ')
}

const figure = (value: number | null) => (value === null ? '' : vietnameseDecimal(value))

function statisticsRow(label: string, s: Statistics, names: ReadonlyMap<string, string>): string {
  const who = (units: readonly string[] | undefined) => esc((units ?? []).map((c) => names.get(c) ?? c).join(', '))
  return (
    `<tr><td>${esc(label)}</td><td class='n'>${s.count}</td><td class='n'>${figure(s.mean)}</td>` +
    `<td class='n'>${figure(s.median)}</td><td class='n'>${figure(s.stddev)}</td>` +
    `<td class='n'>${figure(s.max?.value ?? null)}</td><td>${who(s.max?.units)}</td>` +
    `<td class='n'>${figure(s.min?.value ?? null)}</td><td>${who(s.min?.units)}</td></tr>`
  )
}

function statisticsTable(d: ResultsDocument): string {
  const names = new Map(d.items.map((i) => [i.unit.code, i.unit.name]))
  const rows = [statisticsRow('Chỉ số CCHC', d.statistics, names)]
  if (d.satisfaction) rows.push(statisticsRow('Chỉ số hài lòng', d.satisfaction, names))
  for (const f of d.fields ?? [])
    rows.push(
      statisticsRow(`Lĩnh vực ${f.code}. ${f.title} (tối đa ${vietnameseDecimal(f.maxPoints)})`, f.statistics, names),
    )
  if (d.selfAssessmentGap) rows.push(statisticsRow('Chênh lệch tự đánh giá', d.selfAssessmentGap, names))
  return (
    `<table class='stats'><thead><tr><th>Chỉ tiêu</th><th>Số đơn vị</th><th>Bình quân</th><th>Trung vị</th>` +
    `<th>Độ lệch chuẩn</th><th>Cao nhất</th><th>Đơn vị cao nhất</th><th>Thấp nhất</th><th>Đơn vị thấp nhất</th>` +
    `</tr></thead><tbody>${rows.join('')}</tbody></table>`
  )
}

function cell(column: AnnexColumn, item: DocumentItem): string {
  if (column.header === 'Xếp hạng') return `<td class='n'>${item.rank ? rankLabel(item) : ''}</td>`
  const value = column.value(item)
  if (value === null) return '<td></td>'
  if (typeof value === 'number')
    return `<td class='n'>${column.kind === 'decimal' ? vietnameseDecimal(value) : value}</td>`
  return `<td>${esc(value)}</td>`
}

function annexTable(d: ResultsDocument): string {
  const columns = annexColumns(d)
  const head = columns.map((c) => `<th>${esc(c.header)}</th>`).join('')
  // Built as one array joined once: a province's 3,300 rows stay a single allocation of the result.
  const body = d.items.map((item) => `<tr>${columns.map((c) => cell(c, item)).join('')}</tr>`)
  return `<table class='annex'><thead><tr>${head}</tr></thead><tbody>${body.join('\n')}</tbody></table>`
}

/** Units per part of the chart: a part is printed on a page of its own when the round is large. */
export const CHART_PART = 50

/**
 * The chart: whole for a small round (scaled to share the first printed page with the table); for a
 * large one, parts of CHART_PART units, each kept on one printed page, so that it stays legible.
 */
function chart(d: ResultsDocument, bands: readonly Band[]): string {
  if (d.items.length <= CHART_PART) return `<div class='chart small'>${toSvg(d, bands, { standalone: false })}</div>`
  const parts: string[] = []
  for (let from = 0; from < d.items.length; from += CHART_PART)
    parts.push(`<div class='chart part'>${toSvg(d, bands, { standalone: false, from, to: from + CHART_PART })}</div>`)
  return parts.join('')
}

export function toHtml(d: ResultsDocument, bands: readonly Band[]): string {
  const title = `Kết quả Chỉ số CCHC – ${d.period.name}`
  const meta = [
    `Trạng thái: ${STATUS_LABELS[d.period.status]}`,
    publicationLine(d.snapshot),
    d.group === null ? null : `Nhóm: ${d.group}`,
  ]
    .filter((line): line is string => line !== null)
    .map(esc)
    .join(' · ')
  return [
    `<!DOCTYPE html>\n<html lang='vi'><head><meta charset='utf-8'>`,
    `<meta http-equiv='Content-Security-Policy' content="default-src 'none'; style-src 'unsafe-inline'">`,
    `<meta name='viewport' content='width=device-width, initial-scale=1'>`,
    `<title>${esc(title)}</title><style>${STYLE}</style></head><body>`,
    `<h1>${esc(title)}</h1><p class='meta'>${meta}</p>`,
    `<p class='headline'>${esc(headline(d, bands))}</p>`,
    chart(d, bands),
    `<h2>Thống kê</h2>${statisticsTable(d)}`,
    `<h2>Phụ lục: kết quả từng đơn vị</h2>${annexTable(d)}`,
    `<p class='note'>Điểm theo lĩnh vực là điểm đạt; chỉ số tính trên điểm tối đa áp dụng. “=”: đồng hạng; “x”: tạm tính.</p>`,
    `</body></html>\n`,
  ].join('')
}

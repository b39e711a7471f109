/**
 * The ranking chart (biểu đồ xếp hạng) as SVG: one horizontal bar per listed unit in listing order, its
 * length the index, its colour the band; labelled with the rank, the full unit name and the index
 * (Vietnamese comma decimals); the mean as a line, the band thresholds as guides, the period's name as
 * the title. Self-contained: no script, no external reference, every text escaped.
 */
import type { Band } from '../../domain/bands.js'
import type { DocumentItem, ResultsDocument } from './document.js'
import { escapeMarkup as esc, vietnameseDecimal } from './format.js'

/** Colours from the best band down (green to red); bands beyond five reuse the last. */
const BAND_COLOURS = ['#1a9850', '#4575b4', '#fdae61', '#f46d43', '#d73027']
const NO_BAND = '#bdbdbd'

const FONT = "font-family='DejaVu Sans, Arial, Helvetica, sans-serif'"
const ROW = 18
const BAR = 12
const TOP = 64
const PLOT = 560
const GAP = 8
const INDEX_LABEL = 64
/** An estimate of the width of one character at 11 px: enough room for the longest label. */
const CHAR = 6.6

export interface ChartLayout {
  width: number
  height: number
  plotLeft: number
}

export function rankLabel(item: DocumentItem): string {
  if (!item.rank) return '–'
  return item.rank.tied ? `${item.rank.position}=` : String(item.rank.position)
}

/** "1. Phòng Nội vụ", "4= Phòng Tư pháp" (đồng hạng), "– Ban Quản lý dự án" (not ranked). */
const label = (item: DocumentItem) => `${rankLabel(item)}${item.rank && !item.rank.tied ? '.' : ''} ${item.unit.name}`

/** The same label column for every part of one chart, so that parts printed on several pages align. */
export function chartLayout(d: ResultsDocument, rows = d.items.length): ChartLayout {
  const longest = d.items.reduce((max, i) => Math.max(max, [...label(i)].length), 20)
  const plotLeft = Math.ceil(longest * CHAR) + 16
  return { width: plotLeft + PLOT + INDEX_LABEL + 16, height: TOP + rows * ROW + 24, plotLeft }
}

const x = (layout: ChartLayout, index: number) => (layout.plotLeft + (PLOT * index) / 100).toFixed(1)

function bandColours(bands: readonly Band[]): Map<string, string> {
  const byMin = [...bands].sort((a, b) => b.min - a.min)
  return new Map(byMin.map((b, k) => [b.code, BAND_COLOURS[Math.min(k, BAND_COLOURS.length - 1)]!]))
}

function guides(d: ResultsDocument, bands: readonly Band[], layout: ChartLayout): string[] {
  const bottom = layout.height - 20
  // Labels of neighbouring thresholds alternate between two lines, so that 80 and 90 never overlap.
  const lines = [...bands]
    .filter((b) => b.min > 0 && b.min <= 100)
    .sort((a, b) => a.min - b.min)
    .map((b, k) => {
      const at = x(layout, b.min)
      const y = TOP - (k % 2 === 0 ? 10 : 22)
      return (
        `<line x1='${at}' y1='${y + 2}' x2='${at}' y2='${bottom}' stroke='#9e9e9e' stroke-dasharray='3 3'/>` +
        `<text x='${at}' y='${y}' font-size='10' text-anchor='middle' fill='#616161'>${esc(b.label)} ≥ ${b.min}</text>`
      )
    })
  const mean = d.statistics.mean
  if (mean !== null) {
    const at = x(layout, mean)
    lines.push(
      `<line class='mean' x1='${at}' y1='${TOP - 4}' x2='${at}' y2='${bottom}' stroke='#212121' stroke-width='1.5'/>` +
        `<text x='${at}' y='${bottom + 14}' font-size='10' text-anchor='middle' fill='#212121'>Bình quân ${vietnameseDecimal(mean)}</text>`,
    )
  }
  return lines
}

function bar(item: DocumentItem, row: number, layout: ChartLayout, colours: ReadonlyMap<string, string>): string {
  const y = TOP + row * ROW
  const text = `<text x='${layout.plotLeft - GAP}' y='${y + BAR - 2}' font-size='11' text-anchor='end'>${esc(label(item))}</text>`
  if (item.index === null)
    return `${text}<text x='${layout.plotLeft + 4}' y='${y + BAR - 2}' font-size='11' fill='#757575'>chưa có chỉ số</text>`
  const width = ((PLOT * Math.max(0, Math.min(item.index, 100))) / 100).toFixed(1)
  const fill = item.band ? (colours.get(item.band.code) ?? NO_BAND) : NO_BAND
  // The index in a column of its own right of the plot: no guide or mean line runs through a figure.
  return (
    text +
    `<rect x='${layout.plotLeft}' y='${y}' width='${width}' height='${BAR}' fill='${fill}'><title>${esc(item.unit.name)}: ${vietnameseDecimal(item.index)}</title></rect>` +
    `<text x='${layout.plotLeft + PLOT + INDEX_LABEL - 4}' y='${y + BAR - 2}' font-size='11' text-anchor='end'>${vietnameseDecimal(item.index)}</text>`
  )
}

export interface ChartOptions {
  /** Adds the XML declaration of an .svg file. */
  standalone?: boolean
  /** Only these listed units (a part of the chart, for a page of a printed report); all by default. */
  from?: number
  to?: number
}

/** The chart of the listed units (or of a slice of them, continuing its title). */
export function toSvg(d: ResultsDocument, bands: readonly Band[], options: ChartOptions = {}): string {
  const from = options.from ?? 0
  const items = d.items.slice(from, options.to ?? d.items.length)
  const layout = chartLayout(d, items.length)
  const colours = bandColours(bands)
  const whole = `Xếp hạng Chỉ số CCHC – ${d.period.name}${d.group === null ? '' : ` (nhóm ${d.group})`}`
  const title =
    items.length === d.items.length ? whole : `${whole}: ${from + 1}–${from + items.length}/${d.items.length}`
  const parts = [
    options.standalone === false ? '' : `<?xml version='1.0' encoding='UTF-8'?>\n`,
    `<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ${layout.width} ${layout.height}' width='${layout.width}' height='${layout.height}' ${FONT} role='img'>`,
    `<title>${esc(title)}</title>`,
    `<rect width='100%' height='100%' fill='#ffffff'/>`,
    `<text x='${layout.width / 2}' y='22' font-size='16' font-weight='bold' text-anchor='middle'>${esc(title)}</text>`,
    ...guides(d, bands, layout),
    ...items.map((item, row) => bar(item, row, layout, colours)),
    `<text x='8' y='${layout.height - 6}' font-size='10' fill='#616161'>Số đứng trước tên là hạng; “=”: đồng hạng</text>`,
    '</svg>',
  ]
  return parts.join('')
}

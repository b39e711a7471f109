/**
 * How figures and text are written into files people open: two-decimal numbers (`.` in JSON, CSV and
 * XLSX; Vietnamese `,` in HTML and SVG), dates in Vietnam time, escaping for HTML and SVG, and the
 * neutralising of spreadsheet text cells that a spreadsheet would otherwise read as a formula.
 */
import { hundredthsToString, parseHundredths } from '../../domain/decimal.js'
import type { PeriodStatus } from '../../domain/period-status.js'

/** 88.75 → "88.75", 100 → "100.00": the published two decimals, never a float's digits. */
export const twoDecimals = (value: number): string => hundredthsToString(parseHundredths(value))

/** 84.92 → "84,92", 1868.24 → "1.868,24", -0.13 → "-0,13": the Vietnamese way of writing numbers. */
export function vietnameseDecimal(value: number): string {
  const [whole = '0', fraction = '00'] = twoDecimals(value).split('.')
  const negative = whole.startsWith('-')
  const digits = negative ? whole.slice(1) : whole
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, '.')
  return `${negative ? '-' : ''}${grouped},${fraction}`
}

/** Vietnam has kept UTC+7 without daylight saving since 1975: no time-zone database needed. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000

/** "2019-01-14T20:30:00Z" → "15/01/2019": the calendar date in Vietnam. */
export function vietnameseDate(iso: string): string {
  const d = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`
}

export const STATUS_LABELS: Record<PeriodStatus, string> = {
  open: 'Đang tự đánh giá (số liệu tạm tính)',
  appraisal: 'Đang thẩm định (số liệu tạm tính)',
  published: 'Đã công bố',
}

/** The hash as people quote it: its first 12 hexadecimal digits (after the `sha256:` prefix). */
export const shortHash = (hash: string): string => hash.replace(/^sha256:/, '').slice(0, 12)

/**
 * "Công bố lần 2, ngày 15/01/2019 (giờ Việt Nam), mã 3f2a…" for a publication, null for live results.
 */
export function publicationLine(snapshot: { number: number; publishedAt: string; hash: string } | null): string | null {
  if (!snapshot) return null
  const date = vietnameseDate(snapshot.publishedAt)
  return `Công bố lần ${snapshot.number}, ngày ${date} (giờ Việt Nam), mã ${shortHash(snapshot.hash)}`
}

// Characters XML 1.0 cannot carry (control characters but tab and line ends, lone surrogates, U+FFFE/F);
// the C1 controls it allows are replaced too: nobody means them in a name.
const NOT_XML = /(?![\t\n\r])[\p{Cc}\p{Cs}\uFFFE\uFFFF]/gu
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }

/** Text made safe inside HTML or SVG (element content and quoted attributes alike). */
export function escapeMarkup(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ESCAPES[c]!)
}

/**
 * A spreadsheet text cell that starts with `=`, `+`, `-`, `@`, or a tab or carriage return before one,
 * would be read as a formula by Excel or LibreOffice (CSV injection): it gets a leading `'`, which keeps
 * it text, as OWASP advises. Only text: numbers stay as they are.
 */
export function neutraliseCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
}

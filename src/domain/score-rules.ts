import { hundredthsToString, parseHundredths } from './decimal.js'
import type { Role } from './access.js'
import type { LeafMethod } from './framework.js'
import type { PeriodStatus } from './period-status.js'

/** The fields of one score row (unit × leaf criterion) that callers write; the counts only on ratio leaves. */
export type ScoreField = 'self' | 'appraised' | 'notApplicable' | 'note' | 'evidence' | 'numerator' | 'denominator'
export const SCORE_FIELDS: readonly ScoreField[] = [
  'self',
  'appraised',
  'notApplicable',
  'note',
  'evidence',
  'numerator',
  'denominator',
]

/**
 * docs/api.md: the unit proposes (self, note, evidence); the appraisal council decides (appraised, N/A).
 * The counts of a ratio leaf are facts reported by systems, not a self-assessment: each writer may send them.
 */
const writableByRole: Record<Role, readonly ScoreField[]> = {
  admin: SCORE_FIELDS,
  appraiser: ['appraised', 'notApplicable', 'numerator', 'denominator'],
  unit: ['self', 'note', 'evidence', 'numerator', 'denominator'],
  reader: [],
}

export const mayWrite = (role: Role, field: ScoreField): boolean => writableByRole[role].includes(field)

/** Which writes each status accepts: self-assessment closes at `appraisal`, everything at `published`. */
export function statusBlocks(status: PeriodStatus, field: ScoreField): 'period-locked' | 'period-closed' | null {
  if (status === 'published') return 'period-locked'
  if (status === 'appraisal' && (field === 'self' || field === 'note' || field === 'evidence')) return 'period-closed'
  return null
}

export const NOTE_MAX_LENGTH = 2000
export const EVIDENCE_MAX_ITEMS = 50

/** A row as a caller sends it; absent = keep, null = clear. Numbers may come as text from CSV. */
export interface ScoreRowInput {
  criterion: string
  self?: number | string | null
  appraised?: number | string | null
  notApplicable?: boolean | null
  note?: string | null
  evidence?: string[] | null
  /** Ratio leaves: whole counts, given together (null for both clears). */
  numerator?: number | string | null
  denominator?: number | string | null
}

/** A field to write: `set` false means "not given, keep what is stored". */
export interface FieldWrite<T> {
  set: boolean
  value: T | null
}

export interface ScoreRowWrite {
  criterion: string
  /** Decimal strings with two decimals ("1.50"), as stored in NUMERIC. */
  self: FieldWrite<string>
  appraised: FieldWrite<string>
  notApplicable: FieldWrite<boolean>
  note: FieldWrite<string>
  evidence: FieldWrite<string[]>
  numerator: FieldWrite<number>
  denominator: FieldWrite<number>
}

const unset = { set: false, value: null } as const

/** A row that writes no field of `criterion`: what a row with an issue stages, and the base of any other. */
export const writeNothing = (criterion: string): ScoreRowWrite => ({
  criterion,
  self: unset,
  appraised: unset,
  notApplicable: unset,
  note: unset,
  evidence: unset,
  numerator: unset,
  denominator: unset,
})

export interface RuleIssue {
  pointer: string
  code: string
  message: string
}

export interface LeafInfo {
  maxHundredths: bigint
  method: LeafMethod
}

const isHttpUrl = (text: string): boolean => {
  try {
    const url = new URL(text)
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== ''
  } catch {
    return false
  }
}

function scoreValue(
  value: number | string | null | undefined,
  max: bigint,
  at: string,
  issues: RuleIssue[],
): FieldWrite<string> {
  if (value === undefined) return { set: false, value: null }
  if (value === null) return { set: true, value: null }
  let hundredths: bigint
  try {
    hundredths = parseHundredths(typeof value === 'string' ? value.trim() : value)
  } catch {
    const decimals = /^\s*-?\d+\.\d{3,}\s*$/.test(String(value))
    issues.push(
      decimals
        ? { pointer: at, code: 'too-many-decimals', message: 'has more than two decimals' }
        : { pointer: at, code: 'not-a-number', message: 'is not a decimal number' },
    )
    return { set: false, value: null }
  }
  if (hundredths < 0n) issues.push({ pointer: at, code: 'below-zero', message: 'must be 0 or more' })
  else if (hundredths > max)
    issues.push({
      pointer: at,
      code: 'above-maximum',
      message: `must be at most the criterion's maximum, ${hundredthsToString(max)}`,
    })
  return { set: true, value: hundredthsToString(hundredths) }
}

/** A count as sent: a whole number (JSON) or its digits (CSV), at least 0 and safely within a JSON number. */
function countValue(value: number | string, at: string, issues: RuleIssue[]): number | null {
  const text = typeof value === 'string' ? value.trim() : String(value)
  if (!/^-?\d+$/.test(text)) {
    issues.push({ pointer: at, code: 'not-an-integer', message: 'must be a whole number' })
    return null
  }
  const count = Number(text)
  if (count < 0) issues.push({ pointer: at, code: 'below-zero', message: 'must be 0 or more' })
  else if (!Number.isSafeInteger(count))
    issues.push({ pointer: at, code: 'too-large', message: `must be at most ${Number.MAX_SAFE_INTEGER}` })
  else return count
  return null
}

const notGiven = { set: false, value: null }

/**
 * The counts of a row: both given or neither, both null to clear, whole, 0 ≤ numerator ≤ denominator.
 * Counts belong to ratio leaves only.
 */
function countWrites(
  row: ScoreRowInput,
  leaf: LeafInfo,
  at: string,
  issues: RuleIssue[],
): Pick<ScoreRowWrite, 'numerator' | 'denominator'> {
  const { numerator, denominator } = row
  if (numerator === undefined && denominator === undefined) return { numerator: notGiven, denominator: notGiven }
  if (leaf.method !== 'ratio') {
    const field = numerator !== undefined ? 'numerator' : 'denominator'
    const message = `criterion ${row.criterion} is not a ratio criterion: it takes no counts`
    issues.push({ pointer: `${at}/${field}`, code: 'not-ratio', message })
    return { numerator: notGiven, denominator: notGiven }
  }
  if (numerator === null && denominator === null) {
    return { numerator: { set: true, value: null }, denominator: { set: true, value: null } }
  }
  const given = (value: typeof numerator): value is number | string => value !== undefined && value !== null
  if (!given(numerator) || !given(denominator)) {
    const message = 'numerator and denominator are given together (null for both clears them)'
    issues.push({
      pointer: `${at}/${given(numerator) ? 'denominator' : 'numerator'}`,
      code: 'counts-together',
      message,
    })
    return { numerator: notGiven, denominator: notGiven }
  }
  const n = countValue(numerator, `${at}/numerator`, issues)
  const d = countValue(denominator, `${at}/denominator`, issues)
  if (n === null || d === null) return { numerator: notGiven, denominator: notGiven }
  if (n > d) {
    const message = `must be at most the denominator, ${d}`
    issues.push({ pointer: `${at}/numerator`, code: 'above-denominator', message })
  }
  return { numerator: { set: true, value: n }, denominator: { set: true, value: d } }
}

/** The leaf a row names, if scores may be written on it: a known leaf, not scored by the survey. */
function writableLeaf(
  row: ScoreRowInput,
  leaf: LeafInfo | 'inner' | undefined,
  at: string,
  issues: RuleIssue[],
): LeafInfo | null {
  const pointer = `${at}/criterion`
  if (leaf === undefined) {
    issues.push({
      pointer,
      code: 'unknown-criterion',
      message: `no criterion ${row.criterion} in the period's framework`,
    })
  } else if (leaf === 'inner') {
    issues.push({ pointer, code: 'not-a-leaf', message: `criterion ${row.criterion} has sub-criteria: score those` })
  } else if (leaf.method === 'survey') {
    const message = `criterion ${row.criterion} is scored by the survey, not by appraisal`
    issues.push({ pointer, code: 'survey-scored', message })
  } else {
    return leaf
  }
  return null
}

/**
 * Checks one row against the period's framework and turns it into the values to store. `leaf` is the
 * criterion as the framework has it: undefined when unknown, 'inner' for a node with children. A ratio
 * leaf takes counts, and `appraised`, `notApplicable`, `note` and `evidence` as any leaf, but no `self`:
 * its own points are computed from the counts.
 */
export function checkScoreRow(
  row: ScoreRowInput,
  found: LeafInfo | 'inner' | undefined,
  at: string,
  issues: RuleIssue[],
): ScoreRowWrite | null {
  const before = issues.length
  const leaf = writableLeaf(row, found, at, issues)
  if (leaf === null) return null
  if (leaf.method === 'ratio' && row.self != null) {
    const message = `criterion ${row.criterion} is scored from its counts: send numerator and denominator`
    issues.push({ pointer: `${at}/self`, code: 'ratio-scored', message })
  }
  const counts = countWrites(row, leaf, at, issues)
  const self = scoreValue(row.self, leaf.maxHundredths, `${at}/self`, issues)
  const appraised = scoreValue(row.appraised, leaf.maxHundredths, `${at}/appraised`, issues)
  const note =
    row.note === undefined
      ? { set: false, value: null }
      : { set: true, value: row.note === null ? null : row.note.normalize('NFC') }
  if (note.value !== null && note.value.length > NOTE_MAX_LENGTH) {
    issues.push({ pointer: `${at}/note`, code: 'too-long', message: `must be at most ${NOTE_MAX_LENGTH} characters` })
  }
  if (row.evidence) {
    if (row.evidence.length > EVIDENCE_MAX_ITEMS)
      issues.push({ pointer: `${at}/evidence`, code: 'too-many', message: `at most ${EVIDENCE_MAX_ITEMS} links` })
    row.evidence.forEach((link, i) => {
      if (!isHttpUrl(link))
        issues.push({ pointer: `${at}/evidence/${i}`, code: 'not-a-url', message: 'must be an http(s) URL' })
    })
  }
  if (issues.length > before) return null
  return {
    criterion: row.criterion,
    self,
    appraised,
    // Clearing the mark means "applicable": the stored flag is never null.
    notApplicable:
      row.notApplicable === undefined ? { set: false, value: null } : { set: true, value: row.notApplicable ?? false },
    note,
    evidence: row.evidence === undefined ? { set: false, value: null } : { set: true, value: row.evidence },
    ...counts,
  }
}

/** Not plain: the row goes through checkScoreRow, which reports what it breaks. */
const NOT_PLAIN = Symbol('not plain')

const SAFE_HUNDREDTHS = BigInt(Number.MAX_SAFE_INTEGER)
const DIGIT_0 = 48

/** The value of the decimal digit at `at` of `text`, or -1 when there is none. */
function digitAt(text: string, at: number): number {
  const d = text.charCodeAt(at) - DIGIT_0
  return d >= 0 && d <= 9 ? d : -1
}

/**
 * Hundredths of a plain decimal — 1 to 12 digits, then optionally a point and 1 or 2 digits — read
 * digit by digit (exact in a JavaScript number); -1 for any other text.
 */
function plainHundredths(text: string): number {
  const point = text.indexOf('.')
  const wholeDigits = point < 0 ? text.length : point
  const decimals = point < 0 ? 0 : text.length - point - 1
  if (wholeDigits < 1 || wholeDigits > 12 || (point >= 0 && (decimals < 1 || decimals > 2))) return -1
  let whole = 0
  for (let i = 0; i < wholeDigits; i++) {
    const d = digitAt(text, i)
    if (d < 0) return -1
    whole = whole * 10 + d
  }
  const tenths = decimals >= 1 ? digitAt(text, point + 1) : 0
  const cents = decimals === 2 ? digitAt(text, point + 2) : 0
  return tenths < 0 || cents < 0 ? -1 : whole * 100 + tenths * 10 + cents
}

/** Points as scoreValue writes them, read without bigint: a plain decimal within 0 … max, or NOT_PLAIN. */
function plainPoints(value: number | string | null | undefined, max: number): FieldWrite<string> | typeof NOT_PLAIN {
  if (value === undefined) return unset
  if (value === null) return { set: true, value: null }
  const hundredths = plainHundredths(typeof value === 'string' ? value.trim() : String(value))
  if (hundredths < 0 || hundredths > max) return NOT_PLAIN
  const cents = hundredths % 100
  return { set: true, value: `${(hundredths - cents) / 100}.${cents < 10 ? '0' : ''}${cents}` }
}

/** The note as checkScoreRow writes it, or NOT_PLAIN when it is too long. */
function plainNote(note: string | null | undefined): FieldWrite<string> | typeof NOT_PLAIN {
  if (note === undefined) return unset
  if (note === null) return { set: true, value: null }
  const value = note.normalize('NFC')
  return value.length > NOTE_MAX_LENGTH ? NOT_PLAIN : { set: true, value }
}

/**
 * The write of a plain row — an appraisal leaf's points, not-applicable mark and note, no counts and no
 * evidence, every value within the rules — as checkScoreRow makes it, without its issue lists and
 * bigints: an import of hundreds of thousands of such rows checks each at little cost. Null for any
 * other row, which checkScoreRow then checks (and reports).
 */
export function plainScoreRow(row: ScoreRowInput, found: LeafInfo | 'inner' | undefined): ScoreRowWrite | null {
  if (found === undefined || found === 'inner' || found.method !== 'appraisal') return null
  if (row.numerator !== undefined || row.denominator !== undefined || row.evidence !== undefined) return null
  if (found.maxHundredths > SAFE_HUNDREDTHS) return null
  const max = Number(found.maxHundredths)
  const self = plainPoints(row.self, max)
  const appraised = plainPoints(row.appraised, max)
  const note = plainNote(row.note)
  if (self === NOT_PLAIN || appraised === NOT_PLAIN || note === NOT_PLAIN) return null
  return {
    criterion: row.criterion,
    self,
    appraised,
    notApplicable: row.notApplicable === undefined ? unset : { set: true, value: row.notApplicable ?? false },
    note,
    evidence: unset,
    numerator: unset,
    denominator: unset,
  }
}

import { hundredthsToString, parseHundredths } from './decimal.js'
import type { Role } from './access.js'
import type { PeriodStatus } from './period-status.js'

/** The fields of one score row (unit × leaf criterion) that callers write. */
export type ScoreField = 'self' | 'appraised' | 'notApplicable' | 'note' | 'evidence'
export const SCORE_FIELDS: readonly ScoreField[] = ['self', 'appraised', 'notApplicable', 'note', 'evidence']

/** docs/api.md: the unit proposes (self, note, evidence); the appraisal council decides (appraised, N/A). */
const writableByRole: Record<Role, readonly ScoreField[]> = {
  admin: SCORE_FIELDS,
  appraiser: ['appraised', 'notApplicable'],
  unit: ['self', 'note', 'evidence'],
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
}

export interface RuleIssue {
  pointer: string
  code: string
  message: string
}

export interface LeafInfo {
  maxHundredths: bigint
  method: 'appraisal' | 'survey'
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

/**
 * Checks one row against the period's framework and turns it into the values to store. `leaf` is the
 * criterion as the framework has it: undefined when unknown, 'inner' for a node with children.
 */
export function checkScoreRow(
  row: ScoreRowInput,
  leaf: LeafInfo | 'inner' | undefined,
  at: string,
  issues: RuleIssue[],
): ScoreRowWrite | null {
  const before = issues.length
  if (leaf === undefined) {
    issues.push({
      pointer: `${at}/criterion`,
      code: 'unknown-criterion',
      message: `no criterion ${row.criterion} in the period's framework`,
    })
    return null
  }
  if (leaf === 'inner') {
    issues.push({
      pointer: `${at}/criterion`,
      code: 'not-a-leaf',
      message: `criterion ${row.criterion} has sub-criteria: score those`,
    })
    return null
  }
  if (leaf.method !== 'appraisal') {
    issues.push({
      pointer: `${at}/criterion`,
      code: 'survey-scored',
      message: `criterion ${row.criterion} is scored by the survey, not by appraisal`,
    })
    return null
  }
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
  }
}

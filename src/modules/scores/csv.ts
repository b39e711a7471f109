import { parse } from 'csv-parse/sync'
import { AppError, type ProblemError } from '../../http/problems.js'
import { CODE_PATTERN } from '../../http/schemas.js'
import type { ScoreRowRequest } from './service.js'

const COLUMNS = ['unit', 'criterion', 'self', 'appraised', 'notApplicable', 'note'] as const
type Column = (typeof COLUMNS)[number]
const code = new RegExp(CODE_PATTERN)
const booleans: Record<string, boolean> = { true: true, false: false, '1': true, '0': false }

const badRequest = (detail: string, pointer = '', codeName = 'malformed-csv'): AppError =>
  new AppError('invalid-request', detail, { errors: [{ pointer, code: codeName, message: detail }] })

/**
 * Reads an import CSV (API.md: comma-separated, `.` decimals, columns in any order, UTF-8 with or
 * without BOM). The header and the CSV syntax are the request's shape (400); a cell that breaks a rule
 * is reported with its row (422), like the same value sent as JSON.
 */
export function parseScoresCsv(text: string): { rows: ScoreRowRequest[]; issues: ProblemError[] } {
  let records: string[][]
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_quotes: false, trim: false })
  } catch (error) {
    throw badRequest(`The CSV cannot be read: ${(error as Error).message}`)
  }
  const header = records[0]
  if (!header) throw badRequest('The CSV is empty: a header line is required', '', 'missing-header')
  const positions = new Map<Column, number>()
  header.forEach((raw, i) => {
    const name = raw.trim()
    if (!(COLUMNS as readonly string[]).includes(name)) throw badRequest(`Unknown CSV column ${JSON.stringify(name)}; the columns are ${COLUMNS.join(', ')}`, `/header/${i}`, 'unknown-column')
    if (positions.has(name as Column)) throw badRequest(`CSV column ${name} appears twice`, `/header/${i}`, 'duplicate-column')
    positions.set(name as Column, i)
  })
  for (const required of ['unit', 'criterion'] as const) {
    if (!positions.has(required)) throw badRequest(`The CSV needs a ${required} column`, '/header', 'missing-column')
  }

  const rows: ScoreRowRequest[] = []
  const issues: ProblemError[] = []
  for (let i = 1; i < records.length; i++) {
    const record = records[i]!
    const row = i
    const pointer = `/rows/${i - 1}`
    // Empty cell: not given. Whitespace around values is not meaningful in a spreadsheet export.
    const cell = (column: Column): string | undefined => {
      const at = positions.get(column)
      const value = at === undefined ? undefined : record[at]?.trim()
      return value === undefined || value === '' ? undefined : value
    }
    const unit = cell('unit')
    const criterion = cell('criterion')
    let ok = true
    for (const [name, value] of [['unit', unit], ['criterion', criterion]] as const) {
      if (value === undefined) {
        issues.push({ pointer: `${pointer}/${name}`, row, code: 'required', message: `${name} is required` })
        ok = false
      } else if (!code.test(value)) {
        issues.push({ pointer: `${pointer}/${name}`, row, code: 'invalid-code', message: `${JSON.stringify(value)} is not a valid code` })
        ok = false
      }
    }
    const na = cell('notApplicable')
    if (na !== undefined && !(na.toLowerCase() in booleans)) {
      issues.push({ pointer: `${pointer}/notApplicable`, row, code: 'not-a-boolean', message: 'must be true, false, 1 or 0' })
      ok = false
    }
    if (!ok) continue
    const self = cell('self')
    const appraised = cell('appraised')
    const note = cell('note')
    rows.push({
      unit: unit!,
      pointer,
      row,
      input: {
        criterion: criterion!,
        ...(self !== undefined ? { self } : {}),
        ...(appraised !== undefined ? { appraised } : {}),
        ...(na !== undefined ? { notApplicable: booleans[na.toLowerCase()]! } : {}),
        ...(note !== undefined ? { note } : {}),
      },
    })
  }
  return { rows, issues }
}

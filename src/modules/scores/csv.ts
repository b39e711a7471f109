import { Transform, pipeline, type Readable } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import { AppError, type ProblemError } from '../../http/problems.js'
import { CODE_PATTERN } from '../../http/schemas.js'
import { unstorableText } from '../../http/text.js'
import type { ScoreRowRequest } from './service.js'

const COLUMNS = ['unit', 'criterion', 'self', 'appraised', 'notApplicable', 'note', 'numerator', 'denominator'] as const
type Column = (typeof COLUMNS)[number]
/** Columns handed on as text: the rules (src/domain/score-rules.ts) read the numbers. */
const TEXT_COLUMNS = ['self', 'appraised', 'note', 'numerator', 'denominator'] as const
type TextColumn = (typeof TEXT_COLUMNS)[number]
const code = new RegExp(CODE_PATTERN)
const booleans: Record<string, boolean> = { true: true, false: false, '1': true, '0': false }

const badRequest = (detail: string, pointer = '', codeName = 'malformed-csv'): AppError =>
  new AppError('invalid-request', detail, { errors: [{ pointer, code: codeName, message: detail }] })

/** Stops a body past the route's limit as it streams in (a stream body is not measured by Fastify). */
function byteLimit(limit: number): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      if (seen > limit)
        done(new AppError('payload-too-large', `The body is larger than this route accepts (${limit} bytes)`))
      else done(null, chunk)
    },
  })
}

function columnsOf(header: string[]): Map<Column, number> {
  const positions = new Map<Column, number>()
  header.forEach((raw, i) => {
    const name = raw.trim()
    if (!(COLUMNS as readonly string[]).includes(name))
      throw badRequest(
        `Unknown CSV column ${JSON.stringify(name)}; the columns are ${COLUMNS.join(', ')}`,
        `/header/${i}`,
        'unknown-column',
      )
    if (positions.has(name as Column))
      throw badRequest(`CSV column ${name} appears twice`, `/header/${i}`, 'duplicate-column')
    positions.set(name as Column, i)
  })
  for (const required of ['unit', 'criterion'] as const) {
    if (!positions.has(required)) throw badRequest(`The CSV needs a ${required} column`, '/header', 'missing-column')
  }
  return positions
}

/** Cells holding what PostgreSQL cannot store (a NUL character), each with its row. */
function unstorableCells(record: string[], index: number, positions: Map<Column, number>): ProblemError[] {
  const issues: ProblemError[] = []
  for (const [column, at] of positions) {
    const why = unstorableText(record[at] ?? '')
    if (why)
      issues.push({ pointer: `/rows/${index}/${column}`, row: index + 1, code: 'invalid-character', message: why })
  }
  return issues
}

/** The text cells of a row that are given (not empty), each as the member of its column. */
function givenCells(cell: (column: Column) => string | undefined): Partial<Record<TextColumn, string>> {
  const given: Partial<Record<TextColumn, string>> = {}
  for (const column of TEXT_COLUMNS) {
    const value = cell(column)
    if (value !== undefined) given[column] = value
  }
  return given
}

/** One data row (0-based `index`) as a score row; a cell that breaks a rule is reported with its row. */
function rowOf(record: string[], index: number, positions: Map<Column, number>): ScoreRowRequest {
  const row = index + 1
  const pointer = `/rows/${index}`
  // Empty cell: not given. Whitespace around values is not meaningful in a spreadsheet export.
  const cell = (column: Column): string | undefined => {
    const at = positions.get(column)
    const value = at === undefined ? undefined : record[at]?.trim()
    return value === undefined || value === '' ? undefined : value
  }
  const issues = unstorableCells(record, index, positions)
  const unit = cell('unit')
  const criterion = cell('criterion')
  for (const [name, value] of [
    ['unit', unit],
    ['criterion', criterion],
  ] as const) {
    if (value === undefined)
      issues.push({ pointer: `${pointer}/${name}`, row, code: 'required', message: `${name} is required` })
    else if (!code.test(value))
      issues.push({
        pointer: `${pointer}/${name}`,
        row,
        code: 'invalid-code',
        message: `${JSON.stringify(value)} is not a valid code`,
      })
  }
  const na = cell('notApplicable')
  if (na !== undefined && !(na.toLowerCase() in booleans)) {
    issues.push({
      pointer: `${pointer}/notApplicable`,
      row,
      code: 'not-a-boolean',
      message: 'must be true, false, 1 or 0',
    })
  }
  return {
    unit: unit ?? '',
    ...(issues.length > 0 ? { issues } : {}),
    input: {
      criterion: criterion ?? '',
      ...givenCells(cell),
      ...(na !== undefined && na.toLowerCase() in booleans ? { notApplicable: booleans[na.toLowerCase()]! } : {}),
    },
  }
}

/**
 * Reads an import CSV as it streams in (docs/api.md: comma-separated, `.` decimals, columns in any order,
 * UTF-8 with or without BOM). The header is read at once — a bad header or CSV syntax is the request's
 * shape (400) — and the data rows are handed out one at a time, never all held in memory.
 */
export async function readScoresCsv(body: Readable, limit: number): Promise<AsyncIterable<ScoreRowRequest>> {
  const parser = parse({ bom: true, skip_empty_lines: true })
  pipeline(body, byteLimit(limit), parser, () => {
    // Errors reach the reader through the parser's iterator.
  })
  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>
  const next = async (): Promise<IteratorResult<string[]>> => {
    try {
      return await records.next()
    } catch (error) {
      if (error instanceof CsvError) throw badRequest(`The CSV cannot be read: ${error.message}`)
      throw error
    }
  }
  const header = await next()
  if (header.done) throw badRequest('The CSV is empty: a header line is required', '', 'missing-header')
  const positions = columnsOf(header.value)
  return (async function* rows() {
    for (let index = 0, record = await next(); !record.done; index++, record = await next()) {
      yield rowOf(record.value, index, positions)
    }
  })()
}

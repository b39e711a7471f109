import { Transform, pipeline, type Readable } from 'node:stream'
import { CsvError, parse } from 'csv-parse'
import { AppError, type ProblemError } from '../../http/problems.js'
import { CODE_PATTERN } from '../../http/schemas.js'
import { unstorableText } from '../../http/text.js'
import type { ScoreRowInput } from '../../domain/score-rules.js'
import type { SpooledBody } from '../../http/spool.js'
import type { ScoreRowRequest } from './row-request.js'

const COLUMNS = ['unit', 'criterion', 'self', 'appraised', 'notApplicable', 'note', 'numerator', 'denominator'] as const
type Column = (typeof COLUMNS)[number]
/** Columns handed on as text: the rules (src/domain/score-rules.ts) read the numbers. */
const TEXT_COLUMNS = ['self', 'appraised', 'note', 'numerator', 'denominator'] as const
const code = new RegExp(CODE_PATTERN)
const booleans: Record<string, boolean> = { true: true, false: false, '1': true, '0': false }

const badRequest = (detail: string, pointer = '', codeName = 'malformed-csv'): AppError =>
  new AppError('invalid-request', detail, { errors: [{ pointer, code: codeName, message: detail }] })

const tooLarge = (limit: number): AppError =>
  new AppError('payload-too-large', `The body is larger than this route accepts (${limit} bytes)`)

/** Stops a body past the route's limit as it streams in (a stream body is not measured by Fastify). */
function byteLimit(limit: number): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      if (seen > limit) done(tooLarge(limit))
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

// One scan for both: NUL is the one control character PostgreSQL cannot store.
// eslint-disable-next-line no-control-regex
const NUL_OR_SURROGATE = /[\u0000\ud800-\udfff]/
/** Whether a cell may hold what PostgreSQL cannot store (NUL, or a lone surrogate): `unstorableText` decides. */
const suspect = (cell: string): boolean => NUL_OR_SURROGATE.test(cell)

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

/** A code cell's issue (required, or not a code), or null. */
function codeIssue(name: 'unit' | 'criterion', value: string | undefined, index: number): ProblemError | null {
  if (value !== undefined && code.test(value)) return null
  const place = { pointer: `/rows/${index}/${name}`, row: index + 1 }
  if (value === undefined) return { ...place, code: 'required', message: `${name} is required` }
  return { ...place, code: 'invalid-code', message: `${JSON.stringify(value)} is not a valid code` }
}

/** Whether any of the cells at `cells` is suspect: a loop, as this runs for every row of an import. */
function anySuspect(record: string[], cells: readonly number[]): boolean {
  for (const at of cells) if (suspect(record[at] ?? '')) return true
  return false
}

/** A cell's value: undefined when empty (not given). Whitespace around values is not meaningful in a spreadsheet export. */
function given(record: string[], at: number | undefined): string | undefined {
  const value = at === undefined ? undefined : record[at]?.trim()
  return value === undefined || value === '' ? undefined : value
}

/**
 * Reads data records as score rows, numbering them from 0 as they come; a cell that breaks a rule is
 * reported with its row.
 */
function rowReader(positions: Map<Column, number>): (record: string[]) => ScoreRowRequest {
  const cells = [...positions.values()]
  const [unitAt, criterionAt, naAt] = [
    positions.get('unit'),
    positions.get('criterion'),
    positions.get('notApplicable'),
  ]
  const texts = TEXT_COLUMNS.flatMap((column) => {
    const at = positions.get(column)
    return at === undefined ? [] : [[column, at] as const]
  })
  let index = 0
  return (record) => {
    const rowNo = index++
    const issues = anySuspect(record, cells) ? unstorableCells(record, rowNo, positions) : []
    const unit = given(record, unitAt)
    const criterion = given(record, criterionAt)
    const unitIssue = codeIssue('unit', unit, rowNo)
    if (unitIssue) issues.push(unitIssue)
    const criterionIssue = codeIssue('criterion', criterion, rowNo)
    if (criterionIssue) issues.push(criterionIssue)
    const input: ScoreRowInput = { criterion: criterion ?? '' }
    for (const [column, at] of texts) {
      const value = given(record, at)
      if (value !== undefined) input[column] = value
    }
    const na = given(record, naAt)
    const flag = na === undefined ? undefined : booleans[na.toLowerCase()]
    if (flag !== undefined) input.notApplicable = flag
    else if (na !== undefined) {
      const place = { pointer: `/rows/${rowNo}/notApplicable`, row: rowNo + 1 }
      issues.push({ ...place, code: 'not-a-boolean', message: 'must be true, false, 1 or 0' })
    }
    return issues.length > 0 ? { unit: unit ?? '', issues, input } : { unit: unit ?? '', input }
  }
}

/**
 * The quoted field that starts at `at` (a double quote), unquoted, and where it ends; null unless it
 * closes on the line and is followed by a comma or the line's end.
 */
function quotedField(line: string, at: number): { value: string; end: number } | null {
  let value = ''
  let from = at + 1
  for (;;) {
    const quote = line.indexOf('"', from)
    if (quote < 0) return null // the field goes on past the line: csv-parse decides
    const escaped = line.startsWith('"', quote + 1) // "" is one quote
    value += line.slice(from, escaped ? quote + 1 : quote)
    from = quote + (escaped ? 2 : 1)
    if (!escaped) break
  }
  return from === line.length || line.startsWith(',', from) ? { value, end: from } : null
}

/** The fields of a line holding a double quote, if each quoted field is plain; null otherwise. */
function quotedFields(line: string): string[] | null {
  const fields: string[] = []
  let at = 0
  for (;;) {
    let end: number
    if (line.startsWith('"', at)) {
      const field = quotedField(line, at)
      if (field === null) return null
      fields.push(field.value)
      end = field.end
    } else {
      const comma = line.indexOf(',', at)
      end = comma < 0 ? line.length : comma
      const value = line.slice(at, end)
      if (value.includes('"')) return null
      fields.push(value)
    }
    if (end >= line.length) return fields
    at = end + 1
  }
}

/** Where the first character is that PlainLines leaves to csv-parse: a carriage return, or U+FFFD. */
function firstOdd(text: string): number {
  const found = [text.indexOf('\r'), text.indexOf('\ufffd')].filter((i) => i >= 0)
  return found.length > 0 ? Math.min(...found) : Infinity
}

/**
 * Records of whole lines of text, as long as they are plain: no carriage return, no replacement
 * character (bytes that were no UTF-8), every quoted field closed on its line and followed by a comma
 * or the line's end, as many fields as the first record. csv-parse reads such lines into the same
 * records (an empty line is none). `plain` turns false at the first line that is not, and reading stops.
 */
class PlainLines {
  private width = -1
  plain = true

  /** The records of `text`, which ends with a newline. */
  read(text: string): string[][] {
    const records: string[][] = []
    const odd = firstOdd(text)
    const lines = text.split('\n')
    lines.pop() // after the last newline: nothing
    let end = -1
    for (const line of lines) {
      end += line.length + 1
      if (line === '') continue
      const fields = end > odd ? null : line.includes('"') ? quotedFields(line) : line.split(',')
      if (fields === null || (this.width >= 0 && fields.length !== this.width)) {
        this.plain = false
        break
      }
      this.width = fields.length
      records.push(fields)
    }
    return records
  }
}

/**
 * Reads the body a line at a time (a newline byte is never part of another UTF-8 character), handing out
 * the records of each chunk while the text is plain (PlainLines), then stops; `complete` tells whether
 * it read the whole body so.
 */
function plainRecords(stream: Readable, limit: number): AsyncGenerator<string[][]> & { complete(): boolean } {
  const lines = new PlainLines()
  let complete = false
  let start = true
  const decode = (bytes: Buffer): string => {
    const text = bytes.toString('utf8')
    const bom = start && text.startsWith('\ufeff')
    start = false
    return bom ? text.slice(1) : text
  }
  async function* batches(): AsyncGenerator<string[][]> {
    let seen = 0
    let carry: Buffer = Buffer.alloc(0)
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      seen += chunk.length
      if (seen > limit) throw tooLarge(limit)
      const bytes = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk
      const end = bytes.lastIndexOf(0x0a) + 1
      carry = bytes.subarray(end)
      if (end === 0) continue
      const records = lines.read(decode(bytes.subarray(0, end)))
      if (records.length > 0) yield records
      if (!lines.plain) return
    }
    const records = carry.length > 0 ? lines.read(`${decode(carry)}\n`) : []
    if (records.length > 0) yield records
    complete = lines.plain
  }
  return Object.assign(batches(), { complete: () => complete })
}

/** The records of a CSV as csv-parse reads them (comma, double quotes, UTF-8 with or without BOM). */
async function* parsedRecords(body: Readable, limit: number): AsyncGenerator<string[]> {
  const parser = parse({ bom: true, skip_empty_lines: true })
  pipeline(body, byteLimit(limit), parser, () => {
    // Errors reach the reader through the parser's iterator.
  })
  try {
    for await (const record of parser as AsyncIterable<string[]>) yield record
  } catch (error) {
    if (error instanceof CsvError) throw badRequest(`The CSV cannot be read: ${error.message}`)
    throw error
  }
}

/**
 * The records of the CSV, in batches: read by `plainRecords` while the text is plain, then by csv-parse
 * from the first record that is not (the body read again from its start, the records up to there
 * skipped), so that every error, line number included, is csv-parse's.
 */
export async function* csvRecords(body: SpooledBody, limit: number): AsyncGenerator<string[][]> {
  const plain = plainRecords(body.open(), limit)
  let read = 0
  for await (const batch of plain) {
    read += batch.length
    yield batch
  }
  if (plain.complete()) return
  let skipped = 0
  for await (const record of parsedRecords(body.open(), limit)) {
    if (skipped < read) skipped++
    else yield [record]
  }
}

/**
 * Reads an import CSV (docs/api.md: comma-separated, `.` decimals, columns in any order, UTF-8 with or
 * without BOM) from the spooled body. The header is read at once — a bad header or CSV syntax is the
 * request's shape (400) — and the data rows are handed out in batches as they are read, never all held
 * in memory.
 */
export async function readScoresCsv(body: SpooledBody, limit: number): Promise<AsyncIterable<ScoreRowRequest[]>> {
  const records = csvRecords(body, limit)
  const first = await records.next()
  if (first.done || first.value.length === 0)
    throw badRequest('The CSV is empty: a header line is required', '', 'missing-header')
  const [header, ...rest] = first.value
  const reader = rowReader(columnsOf(header!))
  return (async function* rows() {
    try {
      if (rest.length > 0) yield rest.map(reader)
      for await (const batch of records) yield batch.map(reader)
    } finally {
      // A reader left early (an import giving way at its first rows) closes the file it holds open.
      await records.return(undefined)
    }
  })()
}

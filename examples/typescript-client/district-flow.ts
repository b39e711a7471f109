/**
 * A district's round through the typed client, from an empty service to the published ranking and its
 * files: the framework, the units, the period, the units' self-assessment (JSON import), the council's
 * scores (CSV import of examples/data/scores.csv), a correction written with If-Match, publication, the
 * results and the CSV and XLSX exports.
 *
 * The types come from openapi/openapi.json (schema.d.ts, `npm run examples:types`); the calls go through
 * openapi-fetch. Nothing is cast: every answer is narrowed with `if (error)`, which is the service's
 * problem+json (RFC 9457) when a call fails.
 *
 *   CCHC_URL=http://127.0.0.1:3000 CCHC_TOKEN=<an admin token> npx tsx examples/typescript-client/district-flow.ts
 *
 * CCHC_PERIOD names the period (default hoa-vang-2024; a published period cannot be scored again, so
 * take another code to run the flow a second time), CCHC_OUT the directory for the exported files
 * (default: a new temporary directory).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import createClient from 'openapi-fetch'
import framework from '../data/framework.json' with { type: 'json' }
import units from '../data/units.json' with { type: 'json' }
import type { components, paths } from './schema.js'

type Problem = components['schemas']['Problem']
type Results = components['schemas']['Results']
type ImportRow = components['schemas']['ImportRow']
type ImportResult = components['schemas']['ImportResult']
type Log = (line: string) => void

export const FRAMEWORK = 'hoa-vang-2024'
export const PERIOD = 'hoa-vang-2024'
const PERIOD_NAME = 'Chỉ số CCHC huyện Hòa Vang năm 2024 (ví dụ)'
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const SCORES_CSV = new URL('../data/scores.csv', import.meta.url)

/** The council's correction, written with If-Match: UBND xã Hòa Liên's 3.1 goes from 21 to 24. */
export const CORRECTION = { unit: 'xa-hoa-lien', criterion: '3.1', appraised: 24 }

export interface FlowOptions {
  baseUrl: string
  /** An admin token: the flow writes the framework, the units and the period. */
  token: string
  /** Receives the summary, a line at a time (default: nothing is printed). */
  log?: Log
  /** The period's code (default hoa-vang-2024). */
  period?: string
}

export interface ExportedFile {
  contentType: string | null
  fileName: string | null
  bytes: Uint8Array
}

export interface FlowResult {
  period: string
  /** The counts of the self-assessment (JSON) and appraisal (CSV) imports. */
  imports: { selfAssessment: ImportResult; appraisal: ImportResult }
  /** The published results, as the service answered them. */
  results: Results
  /** The If-Match round trip on the corrected unit's scorecard. */
  ifMatch: { etag: string; newEtag: string | null; indexBefore: number | null; indexAfter: number | null }
  /** The write sent with the ETag read before the correction: refused. */
  staleWrite: { status: number; type: Problem['type'] }
  exports: { csv: ExportedFile; xlsx: ExportedFile }
}

/** A call that failed, with the service's problem+json (or, from something in between, its text). */
export class ProblemError extends Error {
  readonly status: number
  readonly problem: Problem | string

  constructor(step: string, response: Response, problem: Problem | string) {
    super(`${step}: ${describeProblem(response, problem)}`)
    this.name = 'ProblemError'
    this.status = response.status
    this.problem = problem
  }
}

function describeProblem(response: Response, problem: Problem | string): string {
  const requestId = response.headers.get('x-request-id') ?? 'none'
  if (typeof problem === 'string') return `HTTP ${response.status} (request ${requestId}) ${problem.slice(0, 200)}`
  // `errors` points at each place at fault: a JSON pointer into the body and, for imports, the row.
  const places = (problem.errors ?? []).map((e) => `${e.pointer} ${e.code}${e.row ? ` (row ${e.row})` : ''}`)
  const where = places.length > 0 ? ` [${places.join('; ')}]` : ''
  return `${response.status} ${problem.type}: ${problem.detail}${where} (request ${requestId})`
}

/** The client. `application/${string}json` types each JSON answer (and problem+json) by its schema. */
export function cchcClient(baseUrl: string, token: string) {
  return createClient<paths, `application/${string}json`>({ baseUrl, headers: { authorization: `Bearer ${token}` } })
}
type Api = ReturnType<typeof cchcClient>

/** The template's rows: `unit,criterion,self,appraised`, no quoted cells. */
export function readScoresTemplate(csv: string): Array<{ unit: string; criterion: string; self: number }> {
  const [header = '', ...lines] = csv.split(/\r?\n/).filter((line) => line.trim() !== '')
  const columns = header.replace(/^\uFEFF/, '').split(',')
  const at = (name: string) => {
    const i = columns.indexOf(name)
    if (i < 0) throw new Error(`scores.csv has no ${name} column`)
    return i
  }
  const [unit, criterion, self] = [at('unit'), at('criterion'), at('self')]
  return lines.map((line) => {
    const cells = line.split(',')
    return { unit: cells[unit] ?? '', criterion: cells[criterion] ?? '', self: Number(cells[self]) }
  })
}

const fileNameOf = (response: Response) =>
  /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null

async function defineDistrict(api: Api, period: string, log: Log): Promise<void> {
  const fw = await api.PUT('/v1/frameworks/{framework}', {
    params: { path: { framework: FRAMEWORK } },
    body: framework,
  })
  if (fw.error) throw new ProblemError('PUT framework', fw.response, fw.error)
  log(
    `framework ${fw.data.code}: ${fw.data.totalPoints} points (${fw.response.status === 201 ? 'created' : 'unchanged'})`,
  )

  let created = 0
  for (const [code, unit] of Object.entries(units)) {
    const { error, response } = await api.PUT('/v1/units/{unit}', { params: { path: { unit: code } }, body: unit })
    if (error) throw new ProblemError(`PUT unit ${code}`, response, error)
    if (response.status === 201) created += 1
  }
  log(`units: ${Object.keys(units).length} (${created} created)`)

  const { data, error, response } = await api.PUT('/v1/periods/{period}', {
    params: { path: { period } },
    body: { name: PERIOD_NAME, year: 2024, framework: FRAMEWORK, units: Object.keys(units) },
  })
  if (error) throw new ProblemError('PUT period', response, error)
  // A period is scored while open: one left in appraisal or published by an earlier run is not reused.
  if (data.status !== 'open') throw new Error(`period ${period} is ${data.status}: name another one (CCHC_PERIOD)`)
  log(`period ${data.code}: ${data.status}, ${data.units.length} units`)
}

async function changeStatus(api: Api, period: string, status: 'appraisal' | 'published') {
  const { data, error, response } = await api.POST('/v1/periods/{period}/status', {
    params: { path: { period } },
    body: { status },
  })
  if (error) throw new ProblemError(`status ${status}`, response, error)
  return data
}

async function importScores(api: Api, period: string, log: Log) {
  const csv = await readFile(SCORES_CSV, 'utf8')

  // While the period is open, the units' self-assessment, as a system sends it: JSON rows.
  const rows: ImportRow[] = readScoresTemplate(csv).map(({ unit, criterion, self }) => ({ unit, criterion, self }))
  const json = await api.POST('/v1/periods/{period}/scores/import', {
    params: { path: { period } },
    body: { rows, reason: 'Tự đánh giá của các đơn vị' },
  })
  if (json.error) throw new ProblemError('JSON import', json.response, json.error)
  log(`self-assessment (JSON import): ${json.data.rows} rows, ${json.data.created} created`)

  const appraisal = await changeStatus(api, period, 'appraisal')
  log(`period ${appraisal.code}: open → ${appraisal.status}`)

  // In appraisal, the council's filled template, sent as it is (text/csv). Its `self` column is what
  // is stored already, so re-sending it is harmless although self-assessment is now closed.
  const upload = await api.POST('/v1/periods/{period}/scores/import', {
    params: { path: { period }, query: { reason: 'Kết quả thẩm định của Hội đồng' } },
    body: csv,
    bodySerializer: (body) => body, // the text as it is: the default serializer would JSON-encode it
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  })
  if (upload.error) throw new ProblemError('CSV import', upload.response, upload.error)
  log(`appraisal (CSV import): ${upload.data.rows} rows, ${upload.data.updated} updated`)
  return { selfAssessment: json.data, appraisal: upload.data }
}

/** Reads a scorecard and its ETag, writes a correction with If-Match, then shows a stale ETag refused. */
async function correctWithIfMatch(api: Api, period: string, log: Log) {
  const path = { period, unit: CORRECTION.unit }
  const read = await api.GET('/v1/periods/{period}/units/{unit}/scorecard', { params: { path } })
  if (read.error) throw new ProblemError('GET scorecard', read.response, read.error)
  const etag = read.response.headers.get('etag')
  if (etag === null) throw new Error('the scorecard came without an ETag')

  const write = await api.PUT('/v1/periods/{period}/units/{unit}/scores', {
    params: { path, header: { 'if-match': etag } },
    body: {
      scores: [{ criterion: CORRECTION.criterion, appraised: CORRECTION.appraised }],
      reason: 'Đơn vị giải trình bổ sung tài liệu kiểm chứng',
    },
  })
  if (write.error) throw new ProblemError('PUT scores with If-Match', write.response, write.error)
  const ifMatch = {
    etag,
    newEtag: write.response.headers.get('etag'),
    indexBefore: read.data.index,
    indexAfter: write.data.scorecard.index,
  }
  const before = ifMatch.indexBefore?.toFixed(2) ?? '-'
  const after = ifMatch.indexAfter?.toFixed(2) ?? '-'
  log(`${CORRECTION.unit} ${CORRECTION.criterion} := ${CORRECTION.appraised} with If-Match: index ${before} → ${after}`)

  // Another writer still holding the first ETag: the scorecard changed since, so 412 and nothing written.
  const stale = await api.PUT('/v1/periods/{period}/units/{unit}/scores', {
    params: { path, header: { 'if-match': etag } },
    body: { scores: [{ criterion: CORRECTION.criterion, appraised: 22 }] },
  })
  if (!stale.error) throw new Error('a write with a stale If-Match was accepted')
  if (stale.response.status !== 412)
    throw new ProblemError('PUT scores with a stale If-Match', stale.response, stale.error)
  log(`stale If-Match: ${stale.response.status} ${stale.error.type}`)
  return { ifMatch, staleWrite: { status: stale.response.status, type: stale.error.type } }
}

async function readResults(api: Api, period: string, log: Log): Promise<Results> {
  const { data, error, response } = await api.GET('/v1/periods/{period}/results', { params: { path: { period } } })
  if (error) throw new ProblemError('GET results', response, error)
  log(`publication ${data.snapshot?.number ?? '-'} of ${data.period.name}`)
  for (const item of data.items.slice(0, 3)) {
    const rank = item.rank ? `${item.rank.position}${item.rank.tied ? '=' : ''}` : '-'
    log(
      `${rank.padStart(4)}. ${(item.index?.toFixed(2) ?? '-').padStart(6)}  ${item.unit.name} (${item.band?.label ?? '-'})`,
    )
  }
  const { count, mean, max, min } = data.statistics
  const figure = (value: number | null | undefined) => value?.toFixed(2) ?? '-'
  log(`mean ${figure(mean)} over ${count} units; highest ${figure(max?.value)}, lowest ${figure(min?.value)}`)
  return data
}

async function exportFiles(api: Api, period: string, log: Log) {
  // CSV chosen with ?format=, read as bytes: text() would drop the byte-order mark that Excel needs.
  const csv = await api.GET('/v1/periods/{period}/results', {
    params: { path: { period }, query: { format: 'csv' } },
    parseAs: 'arrayBuffer',
  })
  if (csv.error) throw new ProblemError('GET results as CSV', csv.response, csv.error)
  // XLSX chosen with Accept, read as bytes.
  const xlsx = await api.GET('/v1/periods/{period}/results', {
    params: { path: { period } },
    headers: { accept: XLSX_TYPE },
    parseAs: 'arrayBuffer',
  })
  if (xlsx.error) throw new ProblemError('GET results as XLSX', xlsx.response, xlsx.error)
  const exported = {
    csv: {
      contentType: csv.response.headers.get('content-type'),
      fileName: fileNameOf(csv.response),
      bytes: new Uint8Array(csv.data),
    },
    xlsx: {
      contentType: xlsx.response.headers.get('content-type'),
      fileName: fileNameOf(xlsx.response),
      bytes: new Uint8Array(xlsx.data),
    },
  }
  for (const file of [exported.csv, exported.xlsx])
    log(`export ${file.fileName} (${file.contentType}, ${file.bytes.length} bytes)`)
  return exported
}

/** Runs the whole round against the service at `baseUrl`; throws a ProblemError at the first failed call. */
export async function runDistrictFlow(options: FlowOptions): Promise<FlowResult> {
  const { baseUrl, token, log = () => {}, period = PERIOD } = options
  const api = cchcClient(baseUrl, token)
  await defineDistrict(api, period, log)
  const imports = await importScores(api, period, log)
  const { ifMatch, staleWrite } = await correctWithIfMatch(api, period, log)
  const published = await changeStatus(api, period, 'published')
  log(`period ${published.code}: appraisal → ${published.status}`)
  const results = await readResults(api, period, log)
  const files = await exportFiles(api, period, log)
  return { period, imports, results, ifMatch, staleWrite, exports: files }
}

async function main(): Promise<void> {
  const token = process.env.CCHC_TOKEN
  if (!token) throw new Error('set CCHC_TOKEN to an admin token')
  const result = await runDistrictFlow({
    baseUrl: process.env.CCHC_URL ?? 'http://127.0.0.1:3000',
    token,
    log: (line) => console.log(line),
    ...(process.env.CCHC_PERIOD ? { period: process.env.CCHC_PERIOD } : {}),
  })
  const out = process.env.CCHC_OUT ?? (await mkdtemp(join(tmpdir(), 'cchc-example-')))
  for (const [extension, file] of Object.entries(result.exports)) {
    const target = join(out, file.fileName ?? `results.${extension}`)
    await writeFile(target, file.bytes)
    console.log(`wrote ${target}`)
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error)
    process.exitCode = 1
  })
}

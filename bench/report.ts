/**
 * The report a province round publishes: results with fields and the self-assessment gap, and the XLSX
 * and HTML files, for 3,300 units (3,200 `xa`, 100 `phong`) on a framework of 8 fields × 10 appraisal
 * leaves (80 points), every unit scored (264,000 rows through the CSV import, self and appraised).
 *
 * Targets:
 * - cold results with fields ≤ 1.5 × cold results without fields, in the same run. "Without fields" is
 *   the computation as it was before fields existed, run in this process on the same database: the
 *   earlier unit-totals statement (one sum per unit, the not-applicable leaves as an array), the domain
 *   without fields, and the JSON text. "With fields" is what the service runs now: the statement with
 *   the leaf → field mapping, the domain with fields, ranks per field, statistics and the gap, and the
 *   JSON text. Every side ranks and writes its JSON answer as a cold read of the service does
 *   (rankResults, rankedResultsJson). Both
 *   alternate, COMPARE_RUNS times each; the medians are compared. The service's own cold
 *   read (first GET after a restart, over HTTP) is reported beside them. Since the results read maintained
 *   totals (one row per unit), a stricter baseline is reported too: the same read of the totals, without
 *   fields in the domain and the JSON.
 * - the service's peak RSS ≤ 300 MB, read after the cold read and both files;
 * - the XLSX and the HTML report of the province generated in ≤ 5 s each (the first request for each
 *   format, once the results are cached, so the time is the file's).
 *
 * Every answer is checked: 3,300 items with 8 fields each; the XLSX is a zip; the HTML holds the
 * statistics sentence and the last unit's name.
 */
import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { Database } from '../src/db/schema.js'
import { readHundredths } from '../src/domain/hundredths.js'
import { normaliseFramework, type FrameworkContent, type FrameworkInput } from '../src/domain/framework.js'
import { rankResults, type RankedResults, type UnitTotals } from '../src/domain/results.js'
import { rankedResultsJson } from '../src/modules/results/results-json.js'
import { frameworkInputs, toUnitTotals } from '../src/modules/results/inputs.js'
import { ResultsRepository } from '../src/modules/results/repository.js'
import { median } from './lib/stats.js'
import { HttpError, request, type HttpResponse } from './lib/http.js'
import { log } from './lib/log.js'
import { megabytes } from './lib/memory.js'
import { createBenchDatabase, type BenchDatabase } from './lib/postgres.js'
import type { BenchContext, Benchmark } from './lib/report.js'
import { dataset, DATASET_SEED, frameworkBody, importCsv, leaves, setUpRound, units } from './lib/round.js'
import { buildService, startService, type RunningService } from './lib/server.js'
import { unitTotalsWithoutFieldsStatement } from './lib/sql.js'

const ROUND = { framework: 'bench-khung-bao-cao', period: 'bench-bao-cao-2024', fields: 8, leavesPerField: 10 }
const UNITS = { xa: 3_200, phong: 100 }
const UNIT_COUNT = UNITS.xa + UNITS.phong
const TOTAL_POINTS = 80
const COMPARE_RUNS = 5
const TARGET_RATIO = 1.5
const TARGET_PEAK_RSS_MB = 300
const TARGET_FILE_S = 5
const READ_TIMEOUT_MS = 120_000
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

const ms = (start: number) => Math.round((performance.now() - start) * 10) / 10

function get(service: RunningService, query = ''): Promise<HttpResponse> {
  return request(`${service.baseUrl}/v1/periods/${ROUND.period}/results${query}`, {
    headers: { authorization: `Bearer ${service.adminToken}` },
    timeoutMs: READ_TIMEOUT_MS,
  })
}

function checkJson(what: string, response: HttpResponse): void {
  if (response.status !== 200) throw new HttpError(what, response)
  const body = JSON.parse(response.text) as { items: Array<{ fields?: unknown[] }>; fields?: unknown[] }
  if (body.items.length !== UNIT_COUNT) throw new Error(`${what}: ${body.items.length} items, not ${UNIT_COUNT}`)
  if (body.fields?.length !== ROUND.fields || body.items.some((i) => i.fields?.length !== ROUND.fields))
    throw new Error(`${what}: not ${ROUND.fields} fields on the document and every item`)
}

interface Compared {
  withFields: number[]
  withoutFields: number[]
  /** The stricter baseline: the same maintained-totals read as with fields, the domain and JSON without them. */
  withoutFieldsFromTotals: number[]
  bytes: { withFields: number; withoutFields: number; withoutFieldsFromTotals: number }
}

interface WithoutFieldsRow {
  code: string
  name: string
  group: string
  rankable: boolean
  appraisal_points: string
  settled: number
  not_applicable: string[]
}

/** The bytes of the JSON answer, as the service writes them (the same writer for every side compared). */
const answer = (ranked: RankedResults): Buffer =>
  rankedResultsJson(
    { period: { code: ROUND.period, name: ROUND.period, year: 2024, status: 'open' }, group: null, snapshot: null },
    ranked,
  )

/** What the service computed before fields: the earlier statement, the domain without fields, JSON. */
async function withoutFields(pool: pg.Pool, framework: FrameworkContent): Promise<Buffer> {
  const inputs = frameworkInputs(framework)
  const { text, params } = unitTotalsWithoutFieldsStatement(ROUND.period)
  const { rows } = await pool.query<WithoutFieldsRow>(text, params)
  const units: UnitTotals[] = rows.map((r) => ({
    code: r.code,
    name: r.name,
    group: r.group,
    rankable: r.rankable,
    appraisalHundredths: readHundredths(r.appraisal_points),
    maxHundredths: r.not_applicable.reduce(
      (max, code) => max - (inputs.leaves.get(code)?.max ?? 0),
      inputs.totalHundredths,
    ),
    missingAppraisals: inputs.scoredLeaves - r.settled,
    ratioCounts: [],
    satisfaction: null,
    selfHundredths: 0,
    fieldPoints: [],
    fieldNotApplicable: [],
  }))
  return answer(rankResults(units, { survey: [], ratio: new Map() }, framework.bands, null))
}

/**
 * Without fields, on today's read: the maintained unit totals (one row per unit, as with fields), the
 * domain without fields (no per-field points, ranks or statistics), JSON.
 */
async function withoutFieldsFromTotals(db: Kysely<Database>, framework: FrameworkContent): Promise<Buffer> {
  const inputs = frameworkInputs(framework)
  const rows = await new ResultsRepository(db).unitTotals(ROUND.period)
  const units = toUnitTotals(rows, inputs, new Map()).map((u) => ({ ...u, fieldPoints: [], fieldNotApplicable: [] }))
  return answer(rankResults(units, inputs.computedLeaves, framework.bands, null))
}

/** What a cold read of the service computes now (without its cache): with fields and the gap. */
async function withFields(db: Kysely<Database>, framework: FrameworkContent): Promise<Buffer> {
  const inputs = frameworkInputs(framework)
  const rows = await new ResultsRepository(db).unitTotals(ROUND.period)
  const units = toUnitTotals(rows, inputs, new Map())
  const ranked = rankResults(units, inputs.computedLeaves, framework.bands, null, inputs.fields.fields)
  if (ranked.listing.length !== UNIT_COUNT || ranked.summary.fields.length !== ROUND.fields)
    throw new Error('the in-process results with fields are not the round')
  return answer(ranked)
}

async function compare(database: BenchDatabase, body: unknown): Promise<Compared> {
  const framework = normaliseFramework(body as FrameworkInput)
  const pool = new pg.Pool({ connectionString: database.url, max: 2 })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  try {
    const result: Compared = {
      withFields: [],
      withoutFields: [],
      withoutFieldsFromTotals: [],
      bytes: { withFields: 0, withoutFields: 0, withoutFieldsFromTotals: 0 },
    }
    for (let i = 0; i < COMPARE_RUNS; i++) {
      let start = performance.now()
      result.bytes.withoutFields = (await withoutFields(pool, framework)).length
      result.withoutFields.push(ms(start))
      start = performance.now()
      result.bytes.withoutFieldsFromTotals = (await withoutFieldsFromTotals(db, framework)).length
      result.withoutFieldsFromTotals.push(ms(start))
      start = performance.now()
      result.bytes.withFields = (await withFields(db, framework)).length
      result.withFields.push(ms(start))
      log(
        `compare ${i + 1}: without fields ${result.withoutFields.at(-1)} ms, ` +
          `from totals ${result.withoutFieldsFromTotals.at(-1)} ms, with fields ${result.withFields.at(-1)} ms`,
      )
    }
    return result
  } finally {
    await db.destroy()
  }
}

async function timeFile(
  service: RunningService,
  format: 'xlsx' | 'html',
): Promise<{ s: number; bytes: number; response: HttpResponse }> {
  const start = performance.now()
  const response = await get(service, `?format=${format}`)
  const s = Math.round(performance.now() - start) / 1000
  if (response.status !== 200) throw new HttpError(`GET ?format=${format}`, response)
  return { s, bytes: Buffer.byteLength(response.text), response }
}

async function load(service: RunningService, body: unknown, csv: string): Promise<Record<string, number>> {
  const unitList = units(UNITS.xa, UNITS.phong, 'r-')
  const setup = await setUpRound(service, {
    framework: ROUND.framework,
    frameworkBody: body,
    totalPoints: TOTAL_POINTS,
    period: ROUND.period,
    units: unitList,
  })
  const imported = await importCsv(service, ROUND.period, csv, false)
  if (imported.response.status !== 200) throw new HttpError('import', imported.response)
  return { ...setup, importS: imported.seconds }
}

export const reportBenchmark: Benchmark = {
  name: 'report',
  description: `province report (3,300 units, 8 fields): results with fields ≤ ${TARGET_RATIO}× without, ≤ ${TARGET_PEAK_RSS_MB} MB, XLSX and HTML ≤ ${TARGET_FILE_S} s each`,
  async run(context: BenchContext): Promise<void> {
    const buildS = await buildService()
    const db = await createBenchDatabase()
    const all = leaves(ROUND.fields, ROUND.leavesPerField)
    const body = frameworkBody(all, { name: 'Bộ chỉ số CCHC cấp tỉnh (8 lĩnh vực, benchmark)' })
    const data = dataset(all, units(UNITS.xa, UNITS.phong, 'r-'), DATASET_SEED + 7)

    const loader = await startService({ databaseUrl: db.url })
    const setup = await load(loader, body, data.csv)
    await loader.stop()
    context.report.line('setup', { bench: 'report', buildS, rows: data.rows.length, ...setup })

    await db.connect().then(async (c) => {
      await c.query('analyze scores; analyze period_units; analyze units')
      await c.end()
    })
    const compared = await compare(db, body)
    const ratio = Math.round((median(compared.withFields) / median(compared.withoutFields)) * 100) / 100
    context.figure({
      name: 'report_fields_cost_ratio',
      label: 'province: results with fields ÷ without fields (statement + domain + JSON, median)',
      value: ratio,
      unit: '×',
      target: { op: '<=', value: TARGET_RATIO },
      detail: { ...compared },
    })
    context.figure({
      name: 'report_fields_cost_ratio_same_read',
      label: 'province: results with fields ÷ without fields, both from the maintained totals (median)',
      value: Math.round((median(compared.withFields) / median(compared.withoutFieldsFromTotals)) * 100) / 100,
      unit: '×',
      target: { op: '<=', value: TARGET_RATIO },
      detail: { withFields: compared.withFields, withoutFieldsFromTotals: compared.withoutFieldsFromTotals },
    })

    const service = await startService({ databaseUrl: db.url })
    const cold = await get(service)
    checkJson('cold read after a restart', cold)
    context.figure({
      name: 'report_cold_read_s',
      label: 'province: first GET results after a restart (HTTP, with fields)',
      value: Math.round(cold.ms) / 1000,
      unit: 's',
      detail: { bytes: Buffer.byteLength(cold.text), withFieldsInProcessMs: median(compared.withFields) },
    })
    const xlsx = await timeFile(service, 'xlsx')
    if (xlsx.response.headers.get('content-type') !== XLSX) throw new HttpError('XLSX', xlsx.response)
    context.figure({
      name: 'report_xlsx_s',
      label: 'province: XLSX generated (first request, results cached)',
      value: xlsx.s,
      unit: 's',
      target: { op: '<=', value: TARGET_FILE_S },
      detail: { bytes: xlsx.bytes },
    })
    const html = await timeFile(service, 'html')
    if (!/\d+\/3300 đơn vị xếp loại/.test(html.response.text) || !html.response.text.includes('r-xa-3200'))
      throw new Error('the province HTML report lacks the statistics sentence or a unit')
    context.figure({
      name: 'report_html_s',
      label: 'province: HTML report generated (first request, results cached)',
      value: html.s,
      unit: 's',
      target: { op: '<=', value: TARGET_FILE_S },
      detail: { bytes: html.bytes },
    })
    const memory = service.memory()
    if (!memory) throw new Error('could not read the service peak RSS')
    context.figure({
      name: 'report_peak_rss_mb',
      label: 'province: service peak RSS after the cold read, the XLSX and the HTML',
      value: megabytes(memory.peakRssBytes),
      unit: 'MB',
      target: { op: '<=', value: TARGET_PEAK_RSS_MB },
    })
    await service.stop()
  },
}

/**
 * Issue 4: importing 330,000 score rows (3,300 units × 100 leaves) through the API on real PostgreSQL.
 * Targets: ≤ 10 s wall-clock and ≤ 300 MB peak RSS of the service. Reported beside the same rows loaded
 * with plain multi-row INSERT statements (5,000 rows each, pg package) in the same run, as a ratio.
 *
 * Steps: a fresh database; the compiled service as a child process on it; through the API (admin
 * token) a framework of 10 fields × 10 appraisal leaves (100 points), 3,300 units (3,200 `xa`, 100
 * `phong`, 16 requests in flight) and a period listing them; then, each timed from the client, a dry
 * run, the import, and the same import again (all unchanged), of a deterministic 330,000-row CSV. The
 * service's peak RSS (VmHWM) is read at the end. The baseline INSERT runs first, before the service.
 */
import type pg from 'pg'
import { boundedPool, json, request, HttpError, type HttpResponse } from './lib/http.js'
import { envNumber, log, secondsSince } from './lib/log.js'
import { megabytes, type ProcessMemory } from './lib/memory.js'
import { createBenchDatabase, type BenchDatabase } from './lib/postgres.js'
import type { BenchContext, Benchmark } from './lib/report.js'
import { buildService, startService, type RunningService } from './lib/server.js'

const FIELDS = 10
const LEAVES_PER_FIELD = 10
const XA_UNITS = 3_200
const PHONG_UNITS = 100
const UNITS = XA_UNITS + PHONG_UNITS
const LEAVES = FIELDS * LEAVES_PER_FIELD
const ROWS = UNITS * LEAVES
const PUT_CONCURRENCY = 16
const BASELINE_BATCH = 5_000

const FRAMEWORK = 'bench-khung-2024'
const PERIOD = 'bench-2024'
const TARGET_WALL_S = 10
const TARGET_PEAK_RSS_MB = 300

/** Each field is worth 10 points: these ten leaf maxima (hundredths) sum to 1,000, rotated per field. */
const LEAF_MAX_HUNDREDTHS = [75, 125, 50, 150, 100, 100, 85, 115, 95, 105]

interface Leaf {
  code: string
  maxHundredths: number
}

function leaves(): Leaf[] {
  const result: Leaf[] = []
  for (let f = 1; f <= FIELDS; f++) {
    for (let l = 1; l <= LEAVES_PER_FIELD; l++) {
      result.push({ code: `${f}.${l}`, maxHundredths: LEAF_MAX_HUNDREDTHS[(l - 1 + f - 1) % LEAF_MAX_HUNDREDTHS.length]! })
    }
  }
  return result
}

function frameworkBody(all: readonly Leaf[]): unknown {
  return {
    name: 'Bộ chỉ số CCHC (benchmark)',
    criteria: Array.from({ length: FIELDS }, (_, i) => ({
      code: String(i + 1),
      title: `Lĩnh vực ${i + 1}`,
      children: all
        .filter((leaf) => leaf.code.startsWith(`${i + 1}.`))
        .map((leaf) => ({ code: leaf.code, title: `Tiêu chí thành phần ${leaf.code}`, maxPoints: leaf.maxHundredths / 100 })),
    })),
  }
}

interface Unit {
  code: string
  name: string
  group: 'xa' | 'phong'
}

function units(): Unit[] {
  const result: Unit[] = []
  for (let i = 1; i <= XA_UNITS; i++) result.push({ code: `xa-${String(i).padStart(4, '0')}`, name: `UBND xã số ${i}`, group: 'xa' })
  for (let i = 1; i <= PHONG_UNITS; i++) result.push({ code: `phong-${String(i).padStart(3, '0')}`, name: `Phòng chuyên môn số ${i}`, group: 'phong' })
  return result
}

/** mulberry32: a small deterministic generator, so every run imports the same bytes. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const hundredthsText = (h: number): string => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`

interface Row {
  unit: string
  criterion: string
  self: number
  appraised: number
  /** '' (not given), 'false' or 'true', as in the CSV. */
  notApplicable: '' | 'false' | 'true'
  note: string | null
}

interface Dataset {
  rows: Row[]
  csv: string
  selfHundredths: number
  appraisedHundredths: number
  notApplicable: number
  notes: number
}

/**
 * 330,000 rows: both scores on every row (two decimals, 0 to the leaf's maximum), `notApplicable` mostly
 * empty (2% false, 1% true), a note with a comma (so quoted) and Vietnamese text on 5% of the rows.
 */
function dataset(all: readonly Leaf[], unitList: readonly Unit[]): Dataset {
  const random = prng(20_240_601)
  const rows: Row[] = []
  const lines = ['unit,criterion,self,appraised,notApplicable,note']
  let selfHundredths = 0
  let appraisedHundredths = 0
  let notApplicable = 0
  let notes = 0
  for (const unit of unitList) {
    for (const leaf of all) {
      const self = Math.floor(random() * (leaf.maxHundredths + 1))
      // The council mostly confirms or trims the self-assessment: self − 0.25 to self + 0.10, within 0 … max.
      const appraised = Math.max(0, Math.min(leaf.maxHundredths, self + Math.floor(random() * 36) - 25))
      const na = random()
      const notApplicableCell = na < 0.01 ? 'true' : na < 0.03 ? 'false' : ''
      const note = random() < 0.05 ? `Đã thực hiện, minh chứng số ${Math.floor(random() * 10_000)}` : null
      rows.push({ unit: unit.code, criterion: leaf.code, self, appraised, notApplicable: notApplicableCell, note })
      lines.push(`${unit.code},${leaf.code},${hundredthsText(self)},${hundredthsText(appraised)},${notApplicableCell},${note === null ? '' : `"${note}"`}`)
      selfHundredths += self
      appraisedHundredths += appraised
      if (notApplicableCell === 'true') notApplicable++
      if (note !== null) notes++
    }
  }
  return { rows, csv: `${lines.join('\n')}\n`, selfHundredths, appraisedHundredths, notApplicable, notes }
}

interface ImportResult {
  dryRun: boolean
  rows: number
  created: number
  updated: number
  unchanged: number
}

function expectImport(what: string, response: HttpResponse, expected: ImportResult): ImportResult {
  if (response.status !== 200) throw new HttpError(what, response)
  const body = JSON.parse(response.text) as ImportResult
  for (const key of Object.keys(expected) as Array<keyof ImportResult>) {
    if (body[key] !== expected[key]) throw new Error(`${what}: expected ${JSON.stringify(expected)}, the service answered ${response.text.slice(0, 500)}`)
  }
  return body
}

/** Samples the service's RSS while a request runs: when the memory peaks says which phase it is. */
function sampleRss(service: RunningService, everyMs: number): () => Array<[number, number]> {
  const start = performance.now()
  const samples: Array<[number, number]> = []
  const take = (): void => {
    const memory = service.memory()
    if (memory) samples.push([Math.round(performance.now() - start) / 1000, megabytes(memory.rssBytes)])
  }
  take()
  const timer = setInterval(take, everyMs)
  return () => {
    clearInterval(timer)
    take()
    return samples
  }
}

async function importCsv(service: RunningService, csv: string, dryRun: boolean): Promise<{ response: HttpResponse; seconds: number; rss: Array<[number, number]> }> {
  const stopSampling = sampleRss(service, 500)
  const start = performance.now()
  try {
    const response = await request(`${service.baseUrl}/v1/periods/${PERIOD}/scores/import?dryRun=${dryRun}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${service.adminToken}`, 'content-type': 'text/csv; charset=utf-8', accept: 'application/json' },
      body: csv,
      timeoutMs: envNumber('BENCH_IMPORT_TIMEOUT_S', 300) * 1000,
    })
    return { response, seconds: secondsSince(start), rss: stopSampling() }
  } catch (error) {
    stopSampling()
    throw error
  }
}

async function setUp(service: RunningService, all: readonly Leaf[], unitList: readonly Unit[]): Promise<Record<string, number>> {
  const token = service.adminToken
  const base = `${service.baseUrl}/v1`
  const phases: Record<string, number> = {}

  let start = performance.now()
  const { body: framework } = await json<{ totalPoints: number }>('PUT framework', `${base}/frameworks/${FRAMEWORK}`, { method: 'PUT', token, body: frameworkBody(all), expect: [200, 201] })
  if (framework.totalPoints !== 100) throw new Error(`the framework totals ${framework.totalPoints} points, not 100`)
  phases.frameworkS = secondsSince(start)

  start = performance.now()
  await boundedPool(unitList, PUT_CONCURRENCY, async (unit) => {
    await json(`PUT unit ${unit.code}`, `${base}/units/${unit.code}`, { method: 'PUT', token, body: { name: unit.name, group: unit.group }, expect: [201] })
  })
  phases.unitsS = secondsSince(start)

  start = performance.now()
  const { body: period } = await json<{ status: string; units: string[] }>('PUT period', `${base}/periods/${PERIOD}`, {
    method: 'PUT',
    token,
    body: { name: 'Chỉ số CCHC năm 2024 (benchmark)', year: 2024, framework: FRAMEWORK, units: unitList.map((u) => u.code) },
    expect: [201],
    timeoutMs: 60_000,
  })
  if (period.status !== 'open' || period.units.length !== UNITS) throw new Error(`the period is ${period.status} with ${period.units.length} units`)
  phases.periodS = secondsSince(start)
  return phases
}

async function count(client: pg.Client, query: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(query)
  return Number(rows[0]!.n)
}

/** Fails loudly unless the stored scores are exactly the CSV's. */
async function checkStored(db: BenchDatabase, data: Dataset): Promise<{ scores: number; auditEntries: number }> {
  const client = await db.connect()
  try {
    const scores = await count(client, 'select count(*)::int as n from scores')
    if (scores !== ROWS) throw new Error(`select count(*) from scores answers ${scores}, not ${ROWS}`)
    const { rows } = await client.query<{ self: string; appraised: string; na: number; notes: number }>(
      `select (sum(self) * 100)::bigint::text as self, (sum(appraised) * 100)::bigint::text as appraised,
        count(*) filter (where not_applicable)::int as na, count(note)::int as notes
       from scores where period_code = $1`,
      [PERIOD],
    )
    const stored = rows[0]!
    const expected = { self: String(data.selfHundredths), appraised: String(data.appraisedHundredths), na: data.notApplicable, notes: data.notes }
    if (stored.self !== expected.self || stored.appraised !== expected.appraised || stored.na !== expected.na || stored.notes !== expected.notes) {
      throw new Error(`the stored scores differ from the CSV: stored ${JSON.stringify(stored)}, expected ${JSON.stringify(expected)}`)
    }
    const auditEntries = await count(client, 'select count(*)::int as n from score_audit')
    return { scores, auditEntries }
  } finally {
    await client.end()
  }
}

/** The same rows, same columns and key as `scores`, with plain multi-row INSERTs in one transaction. */
async function baselineInsert(db: BenchDatabase, data: Dataset): Promise<{ seconds: number; statements: number }> {
  const client = await db.connect()
  try {
    await client.query(`create table bench_baseline_scores (
        period_code text not null, unit_code text not null, criterion_code text not null,
        self numeric(12, 2), appraised numeric(12, 2), not_applicable boolean not null default false,
        note text, evidence jsonb,
        primary key (period_code, unit_code, criterion_code))`)
    const columns = 8
    const statementFor = (n: number): string =>
      `insert into bench_baseline_scores (period_code, unit_code, criterion_code, self, appraised, not_applicable, note, evidence) values ${Array.from(
        { length: n },
        (_, r) => `(${Array.from({ length: columns }, (_, c) => `$${r * columns + c + 1}`).join(', ')})`,
      ).join(', ')}`
    const fullStatement = statementFor(BASELINE_BATCH)
    let statements = 0
    const start = performance.now()
    await client.query('begin')
    for (let at = 0; at < data.rows.length; at += BASELINE_BATCH) {
      const batch = data.rows.slice(at, at + BASELINE_BATCH)
      const values: unknown[] = []
      for (const row of batch) {
        values.push(PERIOD, row.unit, row.criterion, hundredthsText(row.self), hundredthsText(row.appraised), row.notApplicable === 'true', row.note, null)
      }
      await client.query(batch.length === BASELINE_BATCH ? fullStatement : statementFor(batch.length), values)
      statements++
    }
    await client.query('commit')
    const seconds = secondsSince(start)
    const loaded = await count(client, 'select count(*)::int as n from bench_baseline_scores')
    if (loaded !== ROWS) throw new Error(`the baseline table holds ${loaded} rows, not ${ROWS}`)
    return { seconds, statements }
  } finally {
    await client.end()
  }
}

const mb = (memory: ProcessMemory | null): number | null => (memory ? megabytes(memory.peakRssBytes) : null)

export const importBenchmark: Benchmark = {
  name: 'import',
  description: 'POST /v1/periods/{p}/scores/import of 330,000 CSV rows (3,300 units × 100 leaves) on PostgreSQL; ≤ 10 s, ≤ 300 MB peak RSS',
  async run(context: BenchContext): Promise<void> {
    const buildSeconds = await buildService()
    const db = await createBenchDatabase()

    const all = leaves()
    const unitList = units()
    const start = performance.now()
    const data = dataset(all, unitList)
    const csvBytes = Buffer.byteLength(data.csv)
    log(`generated ${data.rows.length.toLocaleString('en-US')} rows, ${megabytes(csvBytes)} MB of CSV, in ${secondsSince(start)} s`)

    // The baseline runs first, on the quiet new database: run after the import, it would also pay for
    // the import's dirty buffers and WAL (hundreds of MB), and vary from run to run with them.
    log(`baseline: ${ROWS.toLocaleString('en-US')} rows by multi-row INSERT (${BASELINE_BATCH.toLocaleString('en-US')} rows each)`)
    const baseline = await baselineInsert(db, data)
    context.figure({
      name: 'baseline_insert_s',
      label: 'baseline: same rows, multi-row INSERT ×5,000',
      value: baseline.seconds,
      unit: 's',
      detail: { statements: baseline.statements, rowsPerStatement: BASELINE_BATCH, oneTransaction: true },
    })

    const service = await startService({ databaseUrl: db.url })
    const memoryAtReady = service.memory()
    log(`setting up: framework (${LEAVES} leaves), ${UNITS} units (${PUT_CONCURRENCY} in flight), period`)
    const setup = await setUp(service, all, unitList)
    log(`set up in ${Object.entries(setup).map(([k, v]) => `${k.replace(/S$/, '')} ${v} s`).join(', ')}`)
    const memoryAfterSetup = service.memory()
    context.report.line('setup', {
      bench: 'import',
      buildS: buildSeconds,
      database: { kind: db.kind, name: db.name, server: db.serverVersion },
      ...setup,
      rows: data.rows.length,
      csvBytes,
      serverRssMbAtReady: memoryAtReady ? megabytes(memoryAtReady.rssBytes) : null,
      serverPeakRssMbAfterSetup: mb(memoryAfterSetup),
    })

    log('dry run: POST …/scores/import?dryRun=true')
    const dry = await importCsv(service, data.csv, true)
    const dryBody = expectImport('dry run', dry.response, { dryRun: true, rows: ROWS, created: ROWS, updated: 0, unchanged: 0 })
    const memoryAfterDryRun = service.memory()
    context.figure({
      name: 'import_dry_run_wall_s',
      label: 'dry run of the same import (wall)',
      value: dry.seconds,
      unit: 's',
      detail: { response: dryBody, rssMbSamples: dry.rss },
    })

    log('import: POST …/scores/import')
    const first = await importCsv(service, data.csv, false)
    const firstBody = expectImport('import', first.response, { dryRun: false, rows: ROWS, created: ROWS, updated: 0, unchanged: 0 })
    const memoryAfterImport = service.memory()
    const stored = await checkStored(db, data)
    context.figure({
      name: 'import_wall_s',
      label: 'import of 330,000 rows (wall, client side)',
      value: first.seconds,
      unit: 's',
      target: { op: '<=', value: TARGET_WALL_S },
      detail: { response: firstBody, rowsPerSecond: Math.round(ROWS / first.seconds), csvBytes, rssMbSamples: first.rss, scoreAuditEntries: stored.auditEntries },
    })
    context.figure({
      name: 'import_vs_baseline_ratio',
      label: 'import time ÷ baseline time',
      value: Math.round((first.seconds / baseline.seconds) * 100) / 100,
      unit: '×',
    })

    log('import again (every row unchanged)')
    const again = await importCsv(service, data.csv, false)
    const againBody = expectImport('second import', again.response, { dryRun: false, rows: ROWS, created: 0, updated: 0, unchanged: ROWS })
    const storedAfter = await checkStored(db, data)
    if (storedAfter.auditEntries !== stored.auditEntries) throw new Error(`the unchanged import wrote ${storedAfter.auditEntries - stored.auditEntries} audit entries`)
    context.figure({
      name: 'import_unchanged_wall_s',
      label: 'same import again, all unchanged (wall)',
      value: again.seconds,
      unit: 's',
      detail: { response: againBody, rssMbSamples: again.rss },
    })

    const { exit, memory: final } = await service.stop()
    if (final === null) throw new Error('could not read the service\'s peak RSS from /proc')
    if (exit !== 0) context.note(`the service exited with ${String(exit)} on SIGTERM`)
    context.figure({
      name: 'server_peak_rss_mb',
      label: 'service peak RSS (VmHWM, whole run)',
      value: megabytes(final.peakRssBytes),
      unit: 'MB',
      target: { op: '<=', value: TARGET_PEAK_RSS_MB },
      detail: {
        megabytesAre: '10^6 bytes',
        peakMib: Math.round((final.peakRssBytes / 1024 / 1024) * 10) / 10,
        rssMbAtReady: memoryAtReady ? megabytes(memoryAtReady.rssBytes) : null,
        peakMbAfterSetup: mb(memoryAfterSetup),
        peakMbAfterDryRun: mb(memoryAfterDryRun),
        peakMbAfterImport: mb(memoryAfterImport),
        rssMbAtEnd: megabytes(final.rssBytes),
      },
    })
    await db.drop()
  },
}

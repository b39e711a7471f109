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
import { HttpError, type HttpResponse } from './lib/http.js'
import { log, secondsSince } from './lib/log.js'
import { megabytes, type ProcessMemory } from './lib/memory.js'
import { createBenchDatabase, type BenchDatabase } from './lib/postgres.js'
import type { BenchContext, Benchmark } from './lib/report.js'
import {
  dataset,
  frameworkBody,
  hundredthsText,
  importCsv as importRoundCsv,
  leaves as roundLeaves,
  setUpRound,
  units as roundUnits,
  type Dataset,
  type Leaf,
  type Unit,
} from './lib/round.js'
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

/** The round: 10 fields × 10 appraisal leaves (100 points), 3,200 `xa` and 100 `phong` units (bench/lib/round.ts). */
const leaves = (): Leaf[] => roundLeaves(FIELDS, LEAVES_PER_FIELD)
const units = (): Unit[] => roundUnits(XA_UNITS, PHONG_UNITS)

const importCsv = (service: RunningService, csv: string, dryRun: boolean) =>
  importRoundCsv(service, PERIOD, csv, dryRun)

async function setUp(
  service: RunningService,
  all: readonly Leaf[],
  unitList: readonly Unit[],
): Promise<Record<string, number>> {
  const phases = await setUpRound(service, {
    framework: FRAMEWORK,
    frameworkBody: frameworkBody(all),
    totalPoints: 100,
    period: PERIOD,
    units: unitList,
    concurrency: PUT_CONCURRENCY,
  })
  return { ...phases }
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
    if (body[key] !== expected[key])
      throw new Error(
        `${what}: expected ${JSON.stringify(expected)}, the service answered ${response.text.slice(0, 500)}`,
      )
  }
  return body
}

async function count(client: pg.Client, query: string): Promise<number> {
  const { rows } = await client.query<{ n: number }>(query)
  return Number(rows[0]!.n)
}

/** Fails loudly unless the stored scores are exactly the CSV's. */
async function checkStored(db: BenchDatabase, data: Dataset): Promise<{ scores: number; auditRows: number }> {
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
    const expected = {
      self: String(data.selfHundredths),
      appraised: String(data.appraisedHundredths),
      na: data.notApplicable,
      notes: data.notes,
    }
    if (
      stored.self !== expected.self ||
      stored.appraised !== expected.appraised ||
      stored.na !== expected.na ||
      stored.notes !== expected.notes
    ) {
      throw new Error(
        `the stored scores differ from the CSV: stored ${JSON.stringify(stored)}, expected ${JSON.stringify(expected)}`,
      )
    }
    // The audit's rows: a batch per write, a row per updated score.
    const auditRows = await count(
      client,
      'select (select count(*) from score_write_batches) + (select count(*) from score_changes) as n',
    )
    return { scores, auditRows }
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
        values.push(
          PERIOD,
          row.unit,
          row.criterion,
          hundredthsText(row.self),
          hundredthsText(row.appraised),
          row.notApplicable === 'true',
          row.note,
          null,
        )
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
  description:
    'POST /v1/periods/{p}/scores/import of 330,000 CSV rows (3,300 units × 100 leaves) on PostgreSQL; ≤ 10 s, ≤ 300 MB peak RSS',
  async run(context: BenchContext): Promise<void> {
    const buildSeconds = await buildService()
    const db = await createBenchDatabase()

    const all = leaves()
    const unitList = units()
    const start = performance.now()
    const data = dataset(all, unitList)
    const csvBytes = Buffer.byteLength(data.csv)
    log(
      `generated ${data.rows.length.toLocaleString('en-US')} rows, ${megabytes(csvBytes)} MB of CSV, in ${secondsSince(start)} s`,
    )

    // The baseline runs first, on the quiet new database: run after the import, it would also pay for
    // the import's dirty buffers and WAL (hundreds of MB), and vary from run to run with them.
    log(
      `baseline: ${ROWS.toLocaleString('en-US')} rows by multi-row INSERT (${BASELINE_BATCH.toLocaleString('en-US')} rows each)`,
    )
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
    log(
      `set up in ${Object.entries(setup)
        .map(([k, v]) => `${k.replace(/S$/, '')} ${v} s`)
        .join(', ')}`,
    )
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
    const dryBody = expectImport('dry run', dry.response, {
      dryRun: true,
      rows: ROWS,
      created: ROWS,
      updated: 0,
      unchanged: 0,
    })
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
    const firstBody = expectImport('import', first.response, {
      dryRun: false,
      rows: ROWS,
      created: ROWS,
      updated: 0,
      unchanged: 0,
    })
    const memoryAfterImport = service.memory()
    const stored = await checkStored(db, data)
    context.figure({
      name: 'import_wall_s',
      label: 'import of 330,000 rows (wall, client side)',
      value: first.seconds,
      unit: 's',
      target: { op: '<=', value: TARGET_WALL_S },
      detail: {
        response: firstBody,
        rowsPerSecond: Math.round(ROWS / first.seconds),
        csvBytes,
        rssMbSamples: first.rss,
        auditRows: stored.auditRows,
      },
    })
    context.figure({
      name: 'import_vs_baseline_ratio',
      label: 'import time ÷ baseline time',
      value: Math.round((first.seconds / baseline.seconds) * 100) / 100,
      unit: '×',
    })

    log('import again (every row unchanged)')
    const again = await importCsv(service, data.csv, false)
    const againBody = expectImport('second import', again.response, {
      dryRun: false,
      rows: ROWS,
      created: 0,
      updated: 0,
      unchanged: ROWS,
    })
    const storedAfter = await checkStored(db, data)
    if (storedAfter.auditRows !== stored.auditRows)
      throw new Error(`the unchanged import wrote ${storedAfter.auditRows - stored.auditRows} audit rows`)
    context.figure({
      name: 'import_unchanged_wall_s',
      label: 'same import again, all unchanged (wall)',
      value: again.seconds,
      unit: 's',
      detail: { response: againBody, rssMbSamples: again.rss },
    })

    const { exit, memory: final } = await service.stop()
    if (final === null) throw new Error("could not read the service's peak RSS from /proc")
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

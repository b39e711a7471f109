/**
 * Issue 12: the 330,000-row import (3,300 units × 100 leaves) with the statistics of `scores` set
 * explicitly before each import, beside a COPY of the same CSV into a keyed table in the same run.
 *
 * States: `never-analysed` (TRUNCATE: no statistics), `analysed-empty` (TRUNCATE, then ANALYZE: the
 * statistics say empty, the state of the 888 s plan trap), `analysed-full` (330,000 rows of another
 * period, analysed). Autovacuum is off for the run's tables, so nothing changes a state behind the
 * benchmark's back. Each run (BENCH_IMPORT_RUNS, 3 by default) does: the COPY baseline, a dry run, then
 * the import in each state (the order rotates from run to run, so states are interleaved), and the same
 * import again after the first of them (every row unchanged). Each time is a ratio to the COPY of its
 * own run; the figures are the min and median of those ratios. Targets: each state's import ≤ 3× COPY,
 * the slowest state's median ≤ 1.2× the fastest's, unchanged re-import ≤ 1.5×, dry run ≤ 1.5×.
 */
import type pg from 'pg'
import { from as copyFrom } from 'pg-copy-streams'
import { pipeline } from 'node:stream/promises'
import { Readable } from 'node:stream'
import { median } from './lib/stats.js'
import { log, envNumber, secondsSince } from './lib/log.js'
import { createBenchDatabase, type BenchDatabase } from './lib/postgres.js'
import type { BenchContext, Benchmark } from './lib/report.js'
import { setAutovacuum } from './lib/sql.js'
import { HttpError } from './lib/http.js'
import {
  dataset,
  frameworkBody,
  importCsv,
  leaves as roundLeaves,
  setUpRound,
  units as roundUnits,
  type Dataset,
} from './lib/round.js'
import { buildService, startService, type RunningService } from './lib/server.js'
import { request } from './lib/http.js'

const LEAVES_PER_FIELD = 10
const FIELDS = 10
const ROWS = 3_300 * FIELDS * LEAVES_PER_FIELD
const FRAMEWORK = 'bench-khung-2024'
const PERIOD = 'bench-2024'
/** The period whose rows fill `scores` in the `analysed-full` state. */
const OTHER_PERIOD = 'bench-2024-other'

const STATES = ['never-analysed', 'analysed-empty', 'analysed-full'] as const
type State = (typeof STATES)[number]

const TARGET_FIRST = 3
const TARGET_SPREAD = 1.2
const TARGET_UNCHANGED = 1.5
const TARGET_DRY = 1.5

async function withClient<T>(db: BenchDatabase, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await db.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/** `\copy` of the import's CSV into a fresh keyed table (the columns of the CSV, the key of `scores`). */
async function copyBaseline(db: BenchDatabase, csv: string): Promise<number> {
  return withClient(db, async (client) => {
    await client.query('drop table if exists bench_copy')
    await client.query(`create table bench_copy (
        period_code text not null default '${PERIOD}', unit_code text not null, criterion_code text not null,
        self numeric(12, 2), appraised numeric(12, 2), not_applicable boolean, note text,
        primary key (period_code, unit_code, criterion_code))`)
    const start = performance.now()
    await client.query('begin')
    await pipeline(
      Readable.from([csv]),
      client.query(
        copyFrom(
          'copy bench_copy (unit_code, criterion_code, self, appraised, not_applicable, note) from stdin (format csv, header true)',
        ),
      ),
    )
    await client.query('commit')
    const seconds = secondsSince(start)
    const { rows } = await client.query<{ n: number }>('select count(*)::int as n from bench_copy')
    if (rows[0]!.n !== ROWS) throw new Error(`COPY loaded ${rows[0]!.n} rows, not ${ROWS}`)
    return seconds
  })
}

/** Puts `scores` in the state, with an empty audit, and checks what the catalogue then says. */
async function setState(db: BenchDatabase, state: State): Promise<number> {
  return withClient(db, async (client) => {
    await client.query('truncate scores, score_write_batches, score_changes')
    if (state === 'analysed-full') {
      await client.query(
        `insert into scores (period_code, unit_code, criterion_code, self, appraised, not_applicable, note)
         select $1, unit_code, criterion_code, self, appraised, coalesce(not_applicable, false), note from bench_copy`,
        [OTHER_PERIOD],
      )
    }
    if (state !== 'never-analysed') await client.query('analyze scores')
    await client.query('checkpoint').catch(() => {}) // needs privileges the role may lack: best effort
    const { rows } = await client.query<{ reltuples: number }>(
      "select reltuples from pg_class where oid = 'scores'::regclass",
    )
    const reltuples = Number(rows[0]!.reltuples)
    const expected = { 'never-analysed': -1, 'analysed-empty': 0, 'analysed-full': ROWS }[state]
    if (reltuples !== expected) throw new Error(`scores: reltuples ${reltuples} in state ${state}, not ${expected}`)
    return reltuples
  })
}

async function timedImport(
  service: RunningService,
  csv: string,
  dryRun: boolean,
  expected: { created: number; unchanged: number },
): Promise<number> {
  const { response, seconds } = await importCsv(service, PERIOD, csv, dryRun)
  if (response.status !== 200) throw new HttpError(dryRun ? 'dry run' : 'import', response)
  const body = JSON.parse(response.text) as { rows: number; created: number; updated: number; unchanged: number }
  if (body.rows !== ROWS || body.created !== expected.created || body.unchanged !== expected.unchanged)
    throw new Error(`import answered ${response.text.slice(0, 300)}, expected ${JSON.stringify(expected)}`)
  return seconds
}

async function checkStored(db: BenchDatabase, data: Dataset): Promise<void> {
  await withClient(db, async (client) => {
    const { rows } = await client.query<{ n: number; appraised: string }>(
      'select count(*)::int as n, (sum(appraised) * 100)::bigint::text as appraised from scores where period_code = $1',
      [PERIOD],
    )
    if (rows[0]!.n !== ROWS || rows[0]!.appraised !== String(data.appraisedHundredths))
      throw new Error(`stored ${JSON.stringify(rows[0])}, expected ${ROWS} rows, ${data.appraisedHundredths}`)
  })
}

async function putOtherPeriod(service: RunningService, units: readonly string[]): Promise<void> {
  const response = await request(`${service.baseUrl}/v1/periods/${OTHER_PERIOD}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${service.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Kỳ khác (benchmark)', year: 2023, framework: FRAMEWORK, units }),
    timeoutMs: 60_000,
  })
  if (response.status !== 201) throw new HttpError('PUT other period', response)
}

const round2 = (x: number): number => Math.round(x * 100) / 100

interface RunTimes {
  copy: number
  dry: number
  unchanged: number
  states: Record<State, number>
}

async function oneRun(db: BenchDatabase, service: RunningService, data: Dataset, run: number): Promise<RunTimes> {
  const copy = await copyBaseline(db, data.csv)
  log(`run ${run + 1}: COPY ${copy} s`)
  await setState(db, 'never-analysed')
  const dry = await timedImport(service, data.csv, true, { created: ROWS, unchanged: 0 })
  log(`run ${run + 1}: dry run ${dry} s`)
  const order = STATES.map((_, i) => STATES[(i + run) % STATES.length]!)
  const states = {} as Record<State, number>
  let unchanged = 0
  for (const state of order) {
    await setState(db, state)
    states[state] = await timedImport(service, data.csv, false, { created: ROWS, unchanged: 0 })
    await checkStored(db, data)
    log(`run ${run + 1}: import, ${state}: ${states[state]} s`)
    if (state === order[0]) {
      unchanged = await timedImport(service, data.csv, false, { created: 0, unchanged: ROWS })
      log(`run ${run + 1}: unchanged re-import ${unchanged} s`)
    }
  }
  return { copy, dry, unchanged, states }
}

function report(context: BenchContext, runs: RunTimes[]): void {
  const ratioFigure = (name: string, label: string, ratios: number[], target?: number) => {
    const detail = { ratios: ratios.map(round2), min: round2(Math.min(...ratios)) }
    context.figure({
      name: `${name}_median`,
      label: `${label} (median of ${ratios.length})`,
      value: round2(median(ratios)),
      unit: '×',
      ...(target ? { target: { op: '<=' as const, value: target } } : {}),
      detail,
    })
  }
  context.figure({
    name: 'copy_baseline_s',
    label: 'COPY of the CSV into a keyed table (median)',
    value: round2(median(runs.map((r) => r.copy))),
    unit: 's',
    detail: { seconds: runs.map((r) => r.copy) },
  })
  const medians: number[] = []
  for (const state of STATES) {
    const ratios = runs.map((r) => r.states[state] / r.copy)
    medians.push(median(ratios))
    ratioFigure(`import_${state.replace('-', '_')}_vs_copy`, `import, scores ${state}, ÷ COPY`, ratios, TARGET_FIRST)
  }
  context.figure({
    name: 'import_state_spread',
    label: 'slowest ÷ fastest state (medians)',
    value: round2(Math.max(...medians) / Math.min(...medians)),
    unit: '×',
    target: { op: '<=', value: TARGET_SPREAD },
    detail: { seconds: Object.fromEntries(STATES.map((s) => [s, runs.map((r) => r.states[s])])) },
  })
  ratioFigure(
    'import_unchanged_vs_copy',
    'unchanged re-import ÷ COPY',
    runs.map((r) => r.unchanged / r.copy),
    TARGET_UNCHANGED,
  )
  ratioFigure(
    'import_dry_run_vs_copy',
    'dry run ÷ COPY',
    runs.map((r) => r.dry / r.copy),
    TARGET_DRY,
  )
}

export const importStatesBenchmark: Benchmark = {
  name: 'import-states',
  description:
    'the 330,000-row import with scores never analysed, analysed empty, analysed full; ratios to a COPY of the CSV',
  async run(context: BenchContext): Promise<void> {
    await buildService()
    const db = await createBenchDatabase()
    const all = roundLeaves(FIELDS, LEAVES_PER_FIELD)
    const unitList = roundUnits(3_200, 100)
    const data = dataset(all, unitList)
    const service = await startService({ databaseUrl: db.url })
    await setUpRound(service, {
      framework: FRAMEWORK,
      frameworkBody: frameworkBody(all),
      totalPoints: 100,
      period: PERIOD,
      units: unitList,
      concurrency: 16,
    })
    await putOtherPeriod(
      service,
      unitList.map((u) => u.code),
    )
    await setAutovacuum(db, false)
    const runs: RunTimes[] = []
    for (let run = 0; run < envNumber('BENCH_IMPORT_RUNS', 3); run++) runs.push(await oneRun(db, service, data, run))
    context.report.line('setup', { bench: 'import-states', database: db.serverVersion, runs })
    report(context, runs)
    await service.stop()
    await db.drop()
  },
}

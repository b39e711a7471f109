/**
 * Issue 12: how GET /v1/periods/{p}/results scales, read cold right after a score write, each figure
 * against a baseline measured in the same run.
 *
 * "Cold after a write": one appraised score of the period changed through PUT …/units/{u}/scores (which
 * drops the service's cached results), then the wall time of GET …/results as the client sees it. The
 * baseline, "the raw per-unit aggregate": the same kind of write, then straight through pg on the same
 * database `select unit_code, sum(coalesce(appraised, self, 0)) from scores where period_code = $1 group
 * by unit_code`, every row fetched. Cold reads and aggregates alternate (which comes first too), round
 * after round, BENCH_SCALE_RUNS (5) times: each ratio is taken within one run, so a load that changes
 * during the run weighs on both sides.
 *
 * Rounds, one service process and one database for all (only the HTTP API and plain SQL on `scores`, so
 * that the benchmark outlives changes to how the service computes its results):
 * - the scale curve: 330, 3,300 and 33,000 units × 10 leaves (one field, 10 points; 3,300 to 330,000
 *   rows): the cold read at each size, its time per unit, and the ratio of the per-unit times (≤ 1:
 *   linear or better);
 * - the province round, 3,300 units (the curve's own) × 100 leaves (330,000 rows): cold ÷ raw ≤ 0.6;
 * - the 33,000-unit round: cold ≤ 0.35 s;
 * - right after a big import, statistics stale (autovacuum off on the run's tables, as in `results`),
 *   the cold read ÷ the same read after ANALYZE ≤ 1.3, in two states: the province round imported into
 *   tables never analysed, then the 33,000-unit round imported after an ANALYZE that saw the smaller
 *   rounds only (its period, units and rows unknown to the statistics: the state of a deployment whose
 *   tables autovacuum analysed before a new round's import). Stale samples: the read right after the
 *   import, then the runs of (write, read); the state cannot come back once analysed, so they precede
 *   the analysed ones instead of alternating with them;
 * - the district round (25 units × 60 leaves), warm: autocannon req/s of GET …/results ÷ a bare fastify
 *   route answering the same bytes, alternating, 3 pairs of BENCH_SECONDS (10) each: ≥ 0.9.
 * And the service's peak RSS (VmHWM) over the whole benchmark, imports included: ≤ 300 MB.
 *
 * Every read is checked: as many items as the period has units, each with the points of the rows
 * imported and written (so a stale cached answer fails loudly); every aggregate: a row per unit and the
 * written unit's new sum; every warm answer: byte for byte the body checked before the load.
 */
import type pg from 'pg'
import { measureHelloWorld } from './lib/hello.js'
import { loadTest } from './lib/load.js'
import { envNumber, log } from './lib/log.js'
import { megabytes } from './lib/memory.js'
import { createBenchDatabase, type BenchDatabase } from './lib/postgres.js'
import type { BenchContext, Benchmark } from './lib/report.js'
import {
  checkBaseline,
  checkResults,
  getResults,
  importResultsRound,
  makeResultsRound,
  peakMb,
  type ResultsRound,
  type RoundSpec,
} from './lib/results.js'
import { DATASET_SEED } from './lib/round.js'
import { buildService, startService, type RunningService } from './lib/server.js'
import { analyzeTables, runTables, setAutovacuum, statisticsState, tableStatistics } from './lib/sql.js'
import { max, median, min, round2 } from './lib/stats.js'

/** A field of ten leaves (10 points): the curve's rounds differ in their number of units only. */
const curveRound = (units: number, xa: number, prefix: string): RoundSpec => ({
  framework: `bench-khung-${units}`,
  period: `bench-ky-${units}`,
  fields: 1,
  leavesPerField: 10,
  xa,
  phong: units - xa,
  prefix,
  totalPoints: 10,
})
const SMALL = curveRound(330, 320, 's-')
const MEDIUM = curveRound(3_300, 3_200, '')
const LARGE = curveRound(33_000, 32_000, 'l-')
/** The units of MEDIUM (same prefix and counts), with 100 leaves each. */
const PROVINCE: RoundSpec = {
  framework: 'bench-khung-tinh',
  period: 'bench-ky-tinh',
  fields: 10,
  leavesPerField: 10,
  xa: 3_200,
  phong: 100,
  prefix: '',
  totalPoints: 100,
}
const DISTRICT: RoundSpec = {
  framework: 'bench-khung-huyen',
  period: 'bench-ky-huyen',
  fields: 6,
  leavesPerField: 10,
  xa: 13,
  phong: 12,
  prefix: 'h-',
  totalPoints: 60,
}

const RAW_AGGREGATE =
  'select unit_code, sum(coalesce(appraised, self, 0)) from scores where period_code = $1 group by unit_code'

const CONNECTIONS = 10
const WARM_PAIRS = 3
const TARGET_COLD_VS_RAW = 0.6
const TARGET_LARGE_COLD_S = 0.35
const TARGET_STALE_VS_ANALYZED = 1.3
const TARGET_WARM_VS_SAME_BYTES = 0.9
const TARGET_PER_UNIT_RATIO = 1
const TARGET_PEAK_RSS_MB = 300

const unitCount = (round: ResultsRound): number => round.units.length
const describe = (round: ResultsRound): string =>
  `${unitCount(round).toLocaleString('en-US')} units × ${round.leaves.length} leaves (${round.rows.toLocaleString('en-US')} rows)`
const ms1 = (ms: number): number => Math.round(ms * 10) / 10

interface Samples {
  /** Cold reads after a write, ms. */
  cold: number[]
  /** Raw aggregates after a write, ms. */
  raw: number[]
  /** cold ÷ raw, per run. */
  ratios: number[]
  responseBytes: number
}

/** Write, then the timed read, checked against the totals the writes leave. */
async function coldRead(
  service: RunningService,
  round: ResultsRound,
  what: string,
): Promise<{ ms: number; bytes: number }> {
  await round.writer.write(service)
  const response = await getResults(service, round.spec.period)
  checkResults(what, round, response)
  return { ms: ms1(response.ms), bytes: Buffer.byteLength(response.text) }
}

/** Write, then the plain aggregate through pg (rows fetched), checked: a row per unit, the write seen. */
async function rawAggregate(
  client: pg.Client,
  service: RunningService,
  round: ResultsRound,
  what: string,
): Promise<number> {
  const { writer } = round
  await writer.write(service)
  const start = performance.now()
  const { rows } = await client.query<{ unit_code: string; sum: string }>(RAW_AGGREGATE, [round.spec.period])
  const ms = performance.now() - start
  if (rows.length !== unitCount(round)) throw new Error(`${what}: ${rows.length} rows, not ${unitCount(round)}`)
  const written = rows.find((r) => r.unit_code === writer.unit)
  if (!written || Math.round(Number(written.sum) * 100) !== writer.rawHundredths)
    throw new Error(`${what}: ${writer.unit} sums to ${written?.sum}, not ${writer.rawHundredths / 100}`)
  return ms1(ms)
}

/**
 * `runs` × every round (the order rotating): a cold read and a raw aggregate each after its own write,
 * the first of the two alternating from run to run.
 */
async function interleaved(
  service: RunningService,
  db: BenchDatabase,
  rounds: readonly ResultsRound[],
  runs: number,
  phase: string,
): Promise<Map<ResultsRound, Samples>> {
  const samples = new Map<ResultsRound, Samples>(
    rounds.map((r) => [r, { cold: [], raw: [], ratios: [], responseBytes: 0 }]),
  )
  const client = await db.connect()
  try {
    for (let run = 0; run < runs; run++) {
      for (let i = 0; i < rounds.length; i++) {
        const round = rounds[(i + run) % rounds.length]!
        const what = `${phase}, ${round.spec.period}, run ${run + 1}`
        const s = samples.get(round)!
        let raw = run % 2 === 1 ? await rawAggregate(client, service, round, what) : null
        const cold = await coldRead(service, round, what)
        raw ??= await rawAggregate(client, service, round, what)
        s.cold.push(cold.ms)
        s.raw.push(raw)
        s.ratios.push(round2(cold.ms / raw))
        s.responseBytes = cold.bytes
        log(`${what}: cold read ${cold.ms} ms, raw aggregate ${raw} ms`)
      }
    }
  } finally {
    await client.end()
  }
  return samples
}

/** The import, then at once the read right after it (statistics as they are), timed and checked. */
async function importAndRead(service: RunningService, round: ResultsRound, options: { replaceUnits?: boolean } = {}) {
  log(`setting up and importing ${round.spec.period}: ${describe(round)}`)
  const setup = await importResultsRound(service, round, options)
  // The VmHWM after the import and after the read: which of the two makes the benchmark's peak.
  const peakAfterImportMb = peakMb(service)
  const response = await getResults(service, round.spec.period)
  checkResults(`${round.spec.period}: first read after the import`, round, response)
  log(`${round.spec.period}: imported in ${setup.importS} s, first read ${ms1(response.ms)} ms`)
  return {
    round: describe(round),
    ...setup,
    firstReadMs: ms1(response.ms),
    responseBytes: Buffer.byteLength(response.text),
    peakAfterImportMb,
    peakAfterFirstReadMb: peakMb(service),
  }
}

/** The statistics of every table holding rows (a service change may add tables the results read). */
async function staleStatistics(db: BenchDatabase, tables: readonly string[]): Promise<unknown> {
  const all = await tableStatistics(db, tables)
  return statisticsState(all.filter((t) => t.liveRows > 0 || t.modifiedSinceAnalyze > 0))
}

interface StaleState {
  round: ResultsRound
  state: string
  firstReadMs: number
  samples: Samples
  statistics: unknown
}

function reportStale(context: BenchContext, stale: StaleState, analyzed: Samples): void {
  const staleMs = [stale.firstReadMs, ...stale.samples.cold]
  const key = unitCount(stale.round)
  context.figure({
    name: `results_scale_after_import_vs_analyzed_${key}`,
    label: `${describe(stale.round)}: cold read right after the import (${stale.state}) ÷ after ANALYZE (medians)`,
    value: round2(median(staleMs) / median(analyzed.cold)),
    unit: '×',
    target: { op: '<=', value: TARGET_STALE_VS_ANALYZED },
    detail: {
      state: stale.state,
      staleMs,
      firstReadAfterImportMs: stale.firstReadMs,
      firstReadRatio: round2(stale.firstReadMs / median(analyzed.cold)),
      worstRatio: round2(max(staleMs) / median(analyzed.cold)),
      analyzedMs: analyzed.cold,
      rawAggregateStaleMs: stale.samples.raw,
      rawAggregateAnalyzedMs: analyzed.raw,
      statisticsWhileStale: stale.statistics,
    },
  })
  // The stale and the analysed reads are minutes apart, and a change of the machine's load between them
  // moves the ratio above: the same comparison with each read divided by the raw aggregate of its own run
  // (which reads `scores` alone, analysed by the service after a big import) weighs the load on both sides.
  context.figure({
    name: `results_scale_after_import_vs_analyzed_${key}_per_raw`,
    label: `${describe(stale.round)}: the same, each read ÷ its run's raw aggregate (diagnostic, medians)`,
    value: round2(median(stale.samples.ratios) / median(analyzed.ratios)),
    unit: '×',
    detail: { staleRatios: stale.samples.ratios, analyzedRatios: analyzed.ratios },
  })
}

function reportColdVsRaw(context: BenchContext, round: ResultsRound, s: Samples): void {
  context.figure({
    name: `results_scale_raw_aggregate_${unitCount(round)}_ms`,
    label: `${describe(round)}: raw per-unit aggregate through pg after a write (median of ${s.raw.length})`,
    value: median(s.raw),
    unit: 'ms',
    detail: { ms: s.raw, statement: RAW_AGGREGATE },
  })
  context.figure({
    name: `results_scale_cold_vs_raw_${unitCount(round)}`,
    label: `${describe(round)}: cold results after a write ÷ raw aggregate (median of ${s.ratios.length} runs)`,
    value: median(s.ratios),
    unit: '×',
    target: { op: '<=', value: TARGET_COLD_VS_RAW },
    detail: {
      round: describe(round),
      ratios: s.ratios,
      min: min(s.ratios),
      coldMs: s.cold,
      rawMs: s.raw,
      ratioOfMedians: round2(median(s.cold) / median(s.raw)),
      responseBytes: s.responseBytes,
    },
  })
}

function reportCurve(context: BenchContext, curve: ReadonlyArray<[ResultsRound, Samples]>): void {
  const perUnit = (ms: number, round: ResultsRound): number => Math.round((ms / unitCount(round)) * 1000 * 100) / 100
  const perUnitUs = curve.map(([round, s]) => perUnit(median(s.cold), round))
  // The same for the raw aggregate: whether a growth per unit comes from the database or the service.
  const rawPerUnitUs = curve.map(([round, s]) => perUnit(median(s.raw), round))
  curve.forEach(([round, s], i) => {
    context.figure({
      name: `results_scale_cold_after_write_${unitCount(round)}_ms`,
      label: `scale curve, ${describe(round)}: cold results after a write (median of ${s.cold.length})`,
      value: median(s.cold),
      unit: 'ms',
      detail: {
        ms: s.cold,
        min: min(s.cold),
        perUnitUs: perUnitUs[i],
        rawAggregateMs: s.raw,
        coldVsRawMedian: median(s.ratios),
        responseBytes: s.responseBytes,
      },
    })
  })
  for (let i = 1; i < curve.length; i++) {
    const [small] = curve[i - 1]!
    const [large] = curve[i]!
    context.figure({
      name: `results_scale_per_unit_${unitCount(large)}_vs_${unitCount(small)}`,
      label: `scale curve: time per unit at ${unitCount(large).toLocaleString('en-US')} ÷ at ${unitCount(small).toLocaleString('en-US')} units (≤ 1: linear or better)`,
      value: round2(perUnitUs[i]! / perUnitUs[i - 1]!),
      unit: '×',
      target: { op: '<=', value: TARGET_PER_UNIT_RATIO },
      detail: {
        perUnitUs: { [unitCount(small)]: perUnitUs[i - 1], [unitCount(large)]: perUnitUs[i] },
        rawAggregatePerUnitUs: { [unitCount(small)]: rawPerUnitUs[i - 1], [unitCount(large)]: rawPerUnitUs[i] },
        rawAggregateRatio: round2(rawPerUnitUs[i]! / rawPerUnitUs[i - 1]!),
      },
    })
  }
}

function reportLarge(context: BenchContext, round: ResultsRound, s: Samples): void {
  context.figure({
    name: `results_scale_cold_after_write_${unitCount(round)}_s`,
    label: `${describe(round)}: cold results after a write (median of ${s.cold.length})`,
    value: median(s.cold) / 1000,
    unit: 's',
    target: { op: '<=', value: TARGET_LARGE_COLD_S },
    detail: { round: describe(round), ms: s.cold, min: min(s.cold), max: max(s.cold), responseBytes: s.responseBytes },
  })
}

/** Warm reads of the district results ÷ a bare route with the same bytes, in alternating pairs. */
async function warmDistrict(context: BenchContext, service: RunningService, district: ResultsRound): Promise<void> {
  const response = await getResults(service, district.spec.period)
  checkResults('district read', district, response)
  const body = response.text
  const seconds = envNumber('BENCH_SECONDS', 10)
  const resultsReqPerS: number[] = []
  const bare: number[] = []
  const ratios: number[] = []
  const bareRoute = async () =>
    checkBaseline(
      await measureHelloWorld({ seconds, connections: CONNECTIONS, payload: { text: body }, expectBody: body }),
    )
  const resultsRoute = (pair: number) =>
    loadTest(`district results, pair ${pair + 1}`, {
      url: `${service.baseUrl}/v1/periods/${district.spec.period}/results`,
      headers: { authorization: `Bearer ${service.adminToken}`, accept: 'application/json' },
      connections: CONNECTIONS,
      seconds,
      expectBody: body,
    })
  for (let pair = 0; pair < WARM_PAIRS; pair++) {
    // Which of the two runs first alternates, so that a drift of the machine's load favours neither.
    let sameBytes = pair % 2 === 0 ? await bareRoute() : null
    const results = await resultsRoute(pair)
    sameBytes ??= await bareRoute()
    resultsReqPerS.push(results.requestsPerSecond)
    bare.push(sameBytes.requestsPerSecond)
    ratios.push(round2(results.requestsPerSecond / sameBytes.requestsPerSecond))
    log(
      `district pair ${pair + 1}: results ${results.requestsPerSecond} req/s, same bytes ${sameBytes.requestsPerSecond} req/s`,
    )
  }
  checkResults('district read after the warm runs', district, await getResults(service, district.spec.period))
  context.figure({
    name: 'results_scale_district_warm_vs_same_bytes',
    label: `district (${describe(district)}): warm GET results ÷ bare fastify route, same bytes (median of ${WARM_PAIRS} pairs)`,
    value: median(ratios),
    unit: '×',
    target: { op: '>=', value: TARGET_WARM_VS_SAME_BYTES },
    detail: {
      ratios,
      min: min(ratios),
      resultsReqPerS,
      sameBytesReqPerS: bare,
      responseBytes: Buffer.byteLength(body),
      connections: CONNECTIONS,
      seconds,
    },
  })
  context.figure({
    name: 'results_scale_district_warm_req_per_s',
    label: 'district: warm GET results (median)',
    value: median(resultsReqPerS),
    unit: 'req/s',
  })
}

// What the benchmark did; the service may analyse a table itself (it does `scores` after a big import):
// the figure's detail gives the statistics as they were.
const STATE_NEVER = 'no ANALYZE before the import'
const STATE_BEFORE = 'ANALYZE before the import, of the smaller rounds'

interface Rounds {
  district: ResultsRound
  small: ResultsRound
  medium: ResultsRound
  large: ResultsRound
  province: ResultsRound
}

type Setup = Record<string, Awaited<ReturnType<typeof importAndRead>>>

/**
 * Imports every round, autovacuum off: the smaller ones, then the province round with no ANALYZE before
 * it, read stale; then an ANALYZE, and the 33,000-unit round, unknown to those statistics, read stale.
 */
async function loadWithStaleReads(
  service: RunningService,
  db: BenchDatabase,
  tables: readonly string[],
  runs: number,
  rounds: Rounds,
): Promise<{ setup: Setup; stale: StaleState[] }> {
  const { district, small, medium, large, province } = rounds
  const setup: Setup = {}
  for (const round of [district, small, medium]) setup[round.spec.period] = await importAndRead(service, round)
  const stale: StaleState[] = []
  const readStale = async (round: ResultsRound, state: string): Promise<void> => {
    stale.push({
      round,
      state,
      firstReadMs: setup[round.spec.period]!.firstReadMs,
      statistics: await staleStatistics(db, tables),
      samples: (await interleaved(service, db, [round], runs, `${round.spec.period}, ${state}`)).get(round)!,
    })
  }
  setup[province.spec.period] = await importAndRead(service, province, { replaceUnits: true })
  await readStale(province, STATE_NEVER)
  await analyzeTables(db, tables)
  setup[large.spec.period] = await importAndRead(service, large)
  await readStale(large, STATE_BEFORE)
  return { setup, stale }
}

export const resultsScaleBenchmark: Benchmark = {
  name: 'results-scale',
  description:
    'GET results cold after a write at 330/3,300/33,000 units: ÷ raw aggregate ≤ 0.6, 33,000 ≤ 0.35 s, stale ÷ analysed ≤ 1.3; district warm ≥ 0.9 × same bytes',
  async run(context: BenchContext): Promise<void> {
    const runs = Math.max(3, Math.round(envNumber('BENCH_SCALE_RUNS', 5)))
    const buildSeconds = await buildService()
    const db = await createBenchDatabase()
    const service = await startService({ databaseUrl: db.url })
    // After the start: with a fresh database (not a schema) the service's migration makes the tables.
    const tables = await runTables(db)
    await setAutovacuum(db, false)
    const district = makeResultsRound(DISTRICT, DATASET_SEED + 1)
    const [small, medium, large, province] = [SMALL, MEDIUM, LARGE, PROVINCE].map((spec, i) =>
      makeResultsRound(spec, DATASET_SEED + 2 + i),
    ) as [ResultsRound, ResultsRound, ResultsRound, ResultsRound]
    const { setup, stale } = await loadWithStaleReads(service, db, tables, runs, {
      district,
      small,
      medium,
      large,
      province,
    })
    context.report.line('setup', {
      bench: 'results-scale',
      buildS: buildSeconds,
      database: { kind: db.kind, name: db.name, server: db.serverVersion },
      rounds: setup,
      tables,
    })
    const peaks: Record<string, unknown> = {
      afterImports: Object.fromEntries(
        Object.entries(setup).map(([period, r]) => [
          period,
          { import: r.peakAfterImportMb, firstRead: r.peakAfterFirstReadMb },
        ]),
      ),
      afterStaleReads: peakMb(service),
    }

    // The steady state: autovacuum back to the server's setting, every table analysed.
    await setAutovacuum(db, true)
    const analyzeMs = await analyzeTables(db, tables)
    log(`ANALYZE of ${tables.length} tables: ${analyzeMs} ms`)
    const steady = await interleaved(service, db, [small, medium, large, province], runs, 'analysed')
    peaks.afterColdReads = peakMb(service)

    reportColdVsRaw(context, province, steady.get(province)!)
    reportLarge(context, large, steady.get(large)!)
    for (const state of stale) reportStale(context, state, steady.get(state.round)!)
    reportCurve(
      context,
      [small, medium, large].map((r) => [r, steady.get(r)!]),
    )

    await warmDistrict(context, service, district)
    peaks.afterWarmReads = peakMb(service)

    const { exit, memory } = await service.stop()
    if (memory === null) throw new Error("could not read the service's peak RSS from /proc")
    if (exit !== 0) context.note(`the service exited with ${String(exit)} on SIGTERM`)
    context.figure({
      name: 'results_scale_peak_rss_mb',
      label: 'service peak RSS over the whole benchmark, imports included (VmHWM)',
      value: megabytes(memory.peakRssBytes),
      unit: 'MB',
      target: { op: '<=', value: TARGET_PEAK_RSS_MB },
      detail: { megabytesAre: '10^6 bytes', ...peaks, rssMbAtEnd: megabytes(memory.rssBytes) },
    })
    await db.drop()
  },
}

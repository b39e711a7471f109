/**
 * Issue 5: GET /v1/periods/{p}/results on real PostgreSQL.
 *
 * Province round: a framework of 10 fields × 10 appraisal leaves (100 points), 3,300 units (3,200 `xa`,
 * 100 `phong`), every one scored (330,000 rows through the CSV import, the same rows as bench/import.ts).
 * Targets: a cold read ≤ 0.5 s (client-side wall time) and the service's peak RSS ≤ 300 MB.
 *
 * "Cold" is measured two ways, three times each: the first read after the service (re)started, and the
 * first read after a write (one appraised score changed through PUT …/scores, which drops the cached
 * results). Both in two states of the database, because the plan of the unit-totals statement depends on
 * them: right after the import, while the planner's statistics do not know the new rows yet (autovacuum
 * is off for the run's tables until then, so that this window does not depend on when autovacuum wakes:
 * in production it lasts until the next autoanalyze, about a minute), and after ANALYZE (the steady
 * state). The statement itself is also timed straight through pg in both states, with its plan.
 *
 * The peak RSS is the VmHWM of the service processes that only served reads (and the single-score
 * writes), read after all their reads, warm ones included; the process that ran the import is reported
 * beside it. Then autocannon warm reads of the province results (10 connections): req/s and MB/s.
 *
 * District round: 6 fields × 10 leaves (60 points), 25 units (13 `xa`, 12 `phong`), every one scored.
 * Warm reads with autocannon (10 connections, BENCH_SECONDS) as a ratio to the hello-world fastify route
 * measured by this benchmark right before and right after them (same connections and duration), target
 * ≥ 0.5; also, as extra figures, the ratio for ?group=xa and for the CSV export.
 *
 * Every answer is checked: 3,300 items, statistics.count 3,300, and each unit's points and maximum equal
 * to the sums of the imported rows (after each single-score write too, so a stale read fails loudly).
 */
import { HttpError } from './lib/http.js'
import { measureHelloWorld, type HelloBaseline } from './lib/hello.js'
import { loadTest, type LoadResult } from './lib/load.js'
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
import {
  analyzeTables,
  setAutovacuum,
  statisticsState,
  tableStatistics,
  timeStatement,
  unitTotalsStatement,
} from './lib/sql.js'
import { max, median, seconds } from './lib/stats.js'

const PROVINCE: RoundSpec = {
  framework: 'bench-khung-tinh-2024',
  period: 'bench-tinh-2024',
  fields: 10,
  leavesPerField: 10,
  xa: 3_200,
  phong: 100,
  prefix: '',
  totalPoints: 100,
}
const DISTRICT: RoundSpec = {
  framework: 'bench-khung-huyen-2024',
  period: 'bench-huyen-2024',
  fields: 6,
  leavesPerField: 10,
  xa: 13,
  phong: 12,
  prefix: 'h-',
  totalPoints: 60,
}
const PROVINCE_UNITS = PROVINCE.xa + PROVINCE.phong
const DISTRICT_UNITS = DISTRICT.xa + DISTRICT.phong
/** The tables the unit-totals statement reads. */
const RESULT_TABLES = ['scores', 'period_units', 'units']

const COLD_REPEATS = 3
const CONNECTIONS = 10
const TARGET_COLD_S = 0.5
const TARGET_PEAK_RSS_MB = 300
const TARGET_WARM_RATIO = 0.5

interface ColdPhase {
  afterRestart: number[]
  afterWrite: number[]
  writes: unknown[]
  /** VmHWM (MB) of each process stopped in this phase. */
  peaks: number[]
  /** The last process, still running. */
  service: RunningService
  responseBytes: number
}

/** COLD_REPEATS restarts, each followed by a read; then, on the last process, COLD_REPEATS × (write, read). */
async function coldPhase(
  context: BenchContext,
  db: BenchDatabase,
  province: ResultsRound,
  phase: string,
  previous: RunningService | null,
): Promise<ColdPhase> {
  const afterRestart: number[] = []
  const peaks: number[] = []
  let service = previous
  let responseBytes = 0
  for (let i = 1; i <= COLD_REPEATS; i++) {
    if (service) {
      peaks.push(peakMb(service))
      const stopped = await service.stop()
      if (stopped.exit !== 0) context.note(`the service exited with ${String(stopped.exit)} on SIGTERM`)
    }
    service = await startService({ databaseUrl: db.url })
    const response = await getResults(service, PROVINCE.period)
    checkResults(`${phase}: cold read after restart ${i}`, province, response)
    responseBytes = Buffer.byteLength(response.text)
    afterRestart.push(seconds(response.ms))
    log(`${phase}: cold read after restart ${i}: ${seconds(response.ms)} s`)
  }
  const afterWrite: number[] = []
  const writes: unknown[] = []
  for (let i = 1; i <= COLD_REPEATS; i++) {
    writes.push(await province.writer.write(service!))
    const response = await getResults(service!, PROVINCE.period)
    checkResults(`${phase}: first read after write ${i}`, province, response)
    afterWrite.push(seconds(response.ms))
    log(`${phase}: first read after write ${i}: ${seconds(response.ms)} s`)
  }
  return { afterRestart, afterWrite, writes, peaks, service: service!, responseBytes }
}

function reportCold(
  context: BenchContext,
  key: string,
  label: string,
  cold: ColdPhase,
  extra: Record<string, unknown>,
): void {
  context.figure({
    name: `results_cold_after_restart_${key}_s`,
    label: `province, ${label}: first read after a restart (worst of ${COLD_REPEATS})`,
    value: max(cold.afterRestart),
    unit: 's',
    target: { op: '<=', value: TARGET_COLD_S },
    detail: { seconds: cold.afterRestart, median: median(cold.afterRestart), ...extra },
  })
  context.figure({
    name: `results_first_read_after_write_${key}_s`,
    label: `province, ${label}: first read after a score write (worst of ${COLD_REPEATS})`,
    value: max(cold.afterWrite),
    unit: 's',
    target: { op: '<=', value: TARGET_COLD_S },
    detail: { seconds: cold.afterWrite, median: median(cold.afterWrite), writes: cold.writes },
  })
}

async function reportStatement(context: BenchContext, db: BenchDatabase, key: string, label: string): Promise<void> {
  const sql = await timeStatement(db, unitTotalsStatement(PROVINCE.period))
  if (sql.rows !== PROVINCE_UNITS)
    throw new Error(`the unit-totals statement answered ${sql.rows} rows, not ${PROVINCE_UNITS}`)
  context.figure({
    name: `results_sql_unit_totals_${key}_ms`,
    label: `province, ${label}: the unit-totals statement alone (pg, median of 3)`,
    value: median(sql.ms),
    unit: 'ms',
    detail: {
      ms: sql.ms,
      rows: sql.rows,
      explainExecutionMs: sql.explain.executionMs,
      explainPlanningMs: sql.explain.planningMs,
      plan: sql.explain.plan,
    },
  })
}

export const resultsBenchmark: Benchmark = {
  name: 'results',
  description:
    'GET /v1/periods/{p}/results: province (3,300 units × 100 leaves) cold ≤ 0.5 s, ≤ 300 MB; district (25 × 60) warm ≥ 0.5 × hello-world',
  async run(context: BenchContext): Promise<void> {
    const buildSeconds = await buildService()
    const db = await createBenchDatabase()
    await setAutovacuum(db, false)

    const province = makeResultsRound(PROVINCE, DATASET_SEED)
    const district = makeResultsRound(DISTRICT, DATASET_SEED + 1)

    // The loading process: sets both rounds up and imports their scores (its peak RSS is the import's).
    const loader = await startService({ databaseUrl: db.url })
    log(
      `loading the district round (${DISTRICT_UNITS} units × ${district.leaves.length} leaves) and the province round (${PROVINCE_UNITS} units × ${province.leaves.length} leaves)`,
    )
    const districtSetup = await importResultsRound(loader, district)
    const provinceSetup = await importResultsRound(loader, province)
    const afterImport = await getResults(loader, PROVINCE.period)
    checkResults('first read after the import', province, afterImport)
    const responseBytes = Buffer.byteLength(afterImport.text)
    const loaderPeakMb = peakMb(loader)
    const loaderStop = await loader.stop()
    if (loaderStop.exit !== 0) context.note(`the loading service exited with ${String(loaderStop.exit)} on SIGTERM`)
    context.report.line('setup', {
      bench: 'results',
      buildS: buildSeconds,
      database: { kind: db.kind, name: db.name, server: db.serverVersion },
      district: districtSetup,
      province: provinceSetup,
      loaderPeakRssMb: loaderPeakMb,
    })
    context.figure({
      name: 'results_response_bytes',
      label: 'province: results JSON size',
      value: responseBytes,
      unit: 'B',
      detail: { megabytes: megabytes(responseBytes), items: PROVINCE_UNITS },
    })
    context.figure({
      name: 'results_first_read_after_import_s',
      label: 'province: first read after the import (loading process)',
      value: seconds(afterImport.ms),
      unit: 's',
    })

    // Phase 1: right after the import, the planner's statistics not yet updated.
    const staleBefore = await tableStatistics(db, RESULT_TABLES)
    const stale = await coldPhase(context, db, province, 'after the import', null)
    const staleAfter = await tableStatistics(db, RESULT_TABLES)
    reportCold(context, 'after_import', 'statistics not yet analyzed', stale, {
      statisticsBefore: statisticsState(staleBefore),
      statisticsAfter: statisticsState(staleAfter),
    })
    await reportStatement(context, db, 'after_import', 'statistics not yet analyzed')

    // Phase 2: after ANALYZE, the steady state (autovacuum back to the server's setting).
    await setAutovacuum(db, true)
    const analyzeMs = await analyzeTables(db, RESULT_TABLES)
    log(`ANALYZE ${RESULT_TABLES.join(', ')}: ${analyzeMs} ms`)
    const steady = await coldPhase(context, db, province, 'after ANALYZE', stale.service)
    const service = steady.service
    reportCold(context, 'analyzed', 'after ANALYZE', steady, {
      analyzeMs,
      statistics: statisticsState(await tableStatistics(db, RESULT_TABLES)),
    })
    await reportStatement(context, db, 'analyzed', 'after ANALYZE')
    const peakAfterColdReads = peakMb(service)

    // District warm reads against the hello-world baseline, measured just before and just after.
    const districtUrl = `${service.baseUrl}/v1/periods/${DISTRICT.period}/results`
    const auth = { authorization: `Bearer ${service.adminToken}` }
    checkResults('district read', district, await getResults(service, DISTRICT.period))
    checkResults(
      'district read ?group=xa',
      district,
      await getResults(service, DISTRICT.period, { query: '?group=xa' }),
      'xa',
    )
    const csv = await getResults(service, DISTRICT.period, { accept: 'text/csv' })
    if (csv.status !== 200 || !csv.headers.get('content-type')?.startsWith('text/csv'))
      throw new HttpError('district CSV export', csv)
    const csvLines = csv.text.split('\r\n').filter((l) => l !== '').length
    if (csvLines !== DISTRICT_UNITS + 1)
      throw new Error(`district CSV export: ${csvLines} lines, not ${DISTRICT_UNITS + 1}`)
    const districtJsonText = (await getResults(service, DISTRICT.period)).text

    const duration = envNumber('BENCH_SECONDS', 10)
    const helloBefore = await measureHelloWorld({ seconds: duration, connections: CONNECTIONS })
    const districtJson = await loadTest('district results', {
      url: districtUrl,
      headers: { ...auth, accept: 'application/json' },
      connections: CONNECTIONS,
      seconds: duration,
    })
    const districtGroup = await loadTest('district results ?group=xa', {
      url: `${districtUrl}?group=xa`,
      headers: { ...auth, accept: 'application/json' },
      connections: CONNECTIONS,
      seconds: duration,
    })
    const districtCsv = await loadTest('district results CSV', {
      url: districtUrl,
      headers: { ...auth, accept: 'text/csv' },
      connections: CONNECTIONS,
      seconds: duration,
    })
    const helloAfter = await measureHelloWorld({ seconds: duration, connections: CONNECTIONS })
    const peakAfterDistrict = peakMb(service)
    // What the bytes alone cost: a bare fastify route answering the very same body (diagnostic).
    const sameJson = checkBaseline(
      await measureHelloWorld({ seconds: duration, connections: CONNECTIONS, payload: { text: districtJsonText } }),
    )
    const sameCsv = checkBaseline(
      await measureHelloWorld({
        seconds: duration,
        connections: CONNECTIONS,
        payload: {
          text: csv.text.startsWith('\uFEFF') ? csv.text : `\uFEFF${csv.text}`,
          contentType: 'text/csv; charset=utf-8',
        },
      }),
    )
    const hello = Math.round(
      (checkBaseline(helloBefore).requestsPerSecond + checkBaseline(helloAfter).requestsPerSecond) / 2,
    )
    const helloDetail = (h: HelloBaseline) => ({
      reqPerS: h.requestsPerSecond,
      megabytesPerSecond: h.megabytesPerSecond,
      p50Ms: h.latencyP50Ms,
      p99Ms: h.latencyP99Ms,
      path: h.path,
    })
    context.figure({
      name: 'results_hello_world_req_per_s',
      label: 'hello-world baseline (mean of before and after the district runs)',
      value: hello,
      unit: 'req/s',
      detail: {
        before: helloDetail(helloBefore),
        after: helloDetail(helloAfter),
        connections: CONNECTIONS,
        seconds: duration,
      },
    })
    const ratio = (load: { requestsPerSecond: number }, base = hello): number =>
      Math.round((load.requestsPerSecond / base) * 100) / 100
    const loadDetail = (load: LoadResult) => ({ ...load, helloReqPerS: hello })
    context.figure({
      name: 'results_district_warm_ratio',
      label: 'district: warm GET results ÷ hello-world req/s',
      value: ratio(districtJson),
      unit: '×',
      target: { op: '>=', value: TARGET_WARM_RATIO },
      detail: { ...loadDetail(districtJson), responseBytes: Buffer.byteLength(districtJsonText) },
    })
    context.figure({
      name: 'results_district_warm_req_per_s',
      label: 'district: warm GET results',
      value: districtJson.requestsPerSecond,
      unit: 'req/s',
      detail: { megabytesPerSecond: districtJson.megabytesPerSecond },
    })
    context.figure({
      name: 'results_district_group_ratio',
      label: 'district: warm GET results?group=xa ÷ hello-world (extra)',
      value: ratio(districtGroup),
      unit: '×',
      detail: loadDetail(districtGroup),
    })
    context.figure({
      name: 'results_district_csv_ratio',
      label: 'district: warm CSV export ÷ hello-world (extra)',
      value: ratio(districtCsv),
      unit: '×',
      detail: { ...loadDetail(districtCsv), responseBytes: Buffer.byteLength(csv.text) },
    })
    context.figure({
      name: 'results_district_same_bytes_ratio',
      label: 'diagnostic: bare fastify route, same JSON bytes ÷ hello-world',
      value: ratio(sameJson),
      unit: '×',
      detail: { ...helloDetail(sameJson), serviceVsSameBytes: ratio(districtJson, sameJson.requestsPerSecond) },
    })
    context.figure({
      name: 'results_district_csv_same_bytes_ratio',
      label: 'diagnostic: bare fastify route, same CSV bytes ÷ hello-world',
      value: ratio(sameCsv),
      unit: '×',
      detail: { ...helloDetail(sameCsv), serviceVsSameBytes: ratio(districtCsv, sameCsv.requestsPerSecond) },
    })

    // Province warm reads, and the same bytes from a bare route.
    const provinceLoad = await loadTest('province results', {
      url: `${service.baseUrl}/v1/periods/${PROVINCE.period}/results`,
      headers: { ...auth, accept: 'application/json' },
      connections: CONNECTIONS,
      seconds: duration,
    })
    const peakAfterProvince = peakMb(service)
    const afterLoad = await getResults(service, PROVINCE.period)
    checkResults('read after the warm runs', province, afterLoad)
    const provinceText = afterLoad.text
    const sameProvince = checkBaseline(
      await measureHelloWorld({ seconds: duration, connections: CONNECTIONS, payload: { text: provinceText } }),
    )
    context.figure({
      name: 'results_province_warm_req_per_s',
      label: 'province: warm GET results',
      value: provinceLoad.requestsPerSecond,
      unit: 'req/s',
      detail: { ...provinceLoad },
    })
    context.figure({
      name: 'results_province_warm_mb_per_s',
      label: 'province: warm GET results throughput',
      value: provinceLoad.megabytesPerSecond,
      unit: 'MB/s',
      detail: { responseBytes },
    })
    context.figure({
      name: 'results_province_same_bytes_req_per_s',
      label: 'diagnostic: bare fastify route, same province JSON bytes',
      value: sameProvince.requestsPerSecond,
      unit: 'req/s',
      detail: { ...helloDetail(sameProvince), serviceVsSameBytes: ratio(provinceLoad, sameProvince.requestsPerSecond) },
    })

    const { exit, memory } = await service.stop()
    if (memory === null) throw new Error("could not read the service's peak RSS from /proc")
    if (exit !== 0) context.note(`the service exited with ${String(exit)} on SIGTERM`)
    const finalPeak = megabytes(memory.peakRssBytes)
    const coldPeaks = [...stale.peaks, ...steady.peaks, peakAfterColdReads]
    context.figure({
      name: 'results_peak_rss_mb',
      label: 'service peak RSS, cold reads and score writes (VmHWM, worst process)',
      value: max(coldPeaks),
      unit: 'MB',
      target: { op: '<=', value: TARGET_PEAK_RSS_MB },
      detail: {
        megabytesAre: '10^6 bytes',
        perProcess: coldPeaks,
        processes: `${COLD_REPEATS} after the import, ${COLD_REPEATS} after ANALYZE; each a cold read, the last of each phase also ${COLD_REPEATS} × (score write + read)`,
      },
    })
    context.figure({
      name: 'results_peak_rss_warm_load_mb',
      label: 'service peak RSS, after the autocannon warm reads too (VmHWM)',
      value: finalPeak,
      unit: 'MB',
      target: { op: '<=', value: TARGET_PEAK_RSS_MB },
      detail: {
        megabytesAre: '10^6 bytes',
        afterColdReadsAndWrites: peakAfterColdReads,
        afterDistrictRuns: peakAfterDistrict,
        afterProvinceRun: peakAfterProvince,
        atEnd: finalPeak,
        rssMbAtEnd: megabytes(memory.rssBytes),
      },
    })
    context.figure({
      name: 'results_loader_peak_rss_mb',
      label: 'service peak RSS of the process that imported both rounds',
      value: loaderPeakMb,
      unit: 'MB',
    })
    await db.drop()
  },
}

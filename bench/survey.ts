/**
 * Issue 6: 1,000,000 individual survey responses (3,300 units, 20 questions in 5 elements) through
 * POST /v1/periods/{p}/units/{u}/survey/responses on real PostgreSQL: the wall time and the service's
 * peak RSS; then "computing the satisfaction of all units" on that data: ≤ 1 s.
 *
 * The round: 9 fields × 10 appraisal leaves (90 points) and a field of survey leaves (one per element,
 * 1.5 points each, and one for the overall index, 2.5 points): 100 points; a survey of 5 levels,
 * satisfied from 4, 5 elements × 4 questions; 3,300 units (3,200 `xa`, 100 `phong`) and a period. A
 * first service process sets it up and imports every unit's appraisal scores (297,000 CSV rows), so the
 * results are a real round's; then a fresh process receives the responses, so its peak RSS is theirs.
 *
 * Responses: 303 per unit (304 for the first 100: 1,000,000 in all), ids unique per unit, every question
 * answered with a deterministic pseudo-random level 1 … 5 (each unit its own share of satisfied answers).
 * The route takes one unit's responses (up to 10,000 a request): one unit's ~303 fit one request, so the
 * batches are one request per unit, 3,300 requests, 4 in flight. Every answer is checked (accepted,
 * duplicates, respondents and the unit's index against the one computed here).
 *
 * Then, timed from the client, GET …/results (the results include every unit's satisfaction; target
 * ≤ 1 s), in two states of the database, because the plans depend on them: the first read after the last
 * write, the planner's statistics not yet analyzed (autovacuum is off for the run's tables until then, so
 * that this does not depend on when autovacuum wakes: in production it lasts until the next autoanalyze,
 * about a minute); and after ANALYZE (the steady state), the first read of a restarted process and the
 * first read after one more response. Straight on the database, in both states: the aggregation statement
 * the service sends (survey repository `tallies`) and the unit-totals one. Sanity: one batch sent again
 * reports every id as a duplicate and changes nothing (the rows, the tallies, the results).
 */
import { median } from './lib/stats.js'
import { HttpError, boundedPool, request, type HttpResponse } from './lib/http.js'
import { log, secondsSince } from './lib/log.js'
import { megabytes } from './lib/memory.js'
import { createBenchDatabase, type BenchDatabase } from './lib/postgres.js'
import type { BenchContext, Benchmark } from './lib/report.js'
import {
  dataset,
  DATASET_SEED,
  frameworkBody,
  importCsv,
  leaves,
  prng,
  sampleRss,
  setUpRound,
  units,
  type CriterionInput,
  type Unit,
} from './lib/round.js'
import { buildService, startService, type RunningService } from './lib/server.js'
import {
  analyzeTables,
  setAutovacuum,
  statisticsState,
  tableStatistics,
  talliesStatement,
  timeStatement,
  unitTotalsStatement,
} from './lib/sql.js'

const FRAMEWORK = 'bench-khung-khaosat-2024'
const PERIOD = 'bench-khaosat-2024'
const XA_UNITS = 3_200
const PHONG_UNITS = 100
const UNITS = XA_UNITS + PHONG_UNITS
const APPRAISAL_FIELDS = 9
const LEAVES_PER_FIELD = 10
const RESPONSES = 1_000_000
const LEVELS = 5
const SATISFIED_FROM = 4
const CONCURRENCY = 4
const MAX_BATCH = 10_000
const SURVEY_SEED = 20_240_606
const TARGET_SATISFACTION_S = 1
const REQUEST_TIMEOUT_MS = 120_000
/** The tables the results read. */
const READ_TABLES = ['survey_tallies', 'survey_responses', 'scores', 'period_units', 'units']

const ELEMENTS = [
  { code: 'tiep-can', title: 'Tiếp cận dịch vụ', letter: 'A' },
  { code: 'thu-tuc', title: 'Thủ tục hành chính', letter: 'B' },
  { code: 'cong-chuc', title: 'Công chức giải quyết công việc', letter: 'C' },
  { code: 'ket-qua', title: 'Kết quả giải quyết công việc', letter: 'D' },
  { code: 'phan-anh', title: 'Tiếp nhận, xử lý góp ý, phản ánh', letter: 'E' },
] as const
const QUESTIONS_PER_ELEMENT = 4
const QUESTIONS = ELEMENTS.flatMap((e) =>
  Array.from({ length: QUESTIONS_PER_ELEMENT }, (_, i) => `${e.letter}${i + 1}`),
)

function surveyFramework(): { body: Record<string, unknown>; totalPoints: number } {
  const impact: CriterionInput = {
    code: String(APPRAISAL_FIELDS + 1),
    title: 'Tác động của cải cách hành chính (chỉ số hài lòng)',
    children: [
      ...ELEMENTS.map((e, i) => ({
        code: `${APPRAISAL_FIELDS + 1}.${i + 1}`,
        title: `Hài lòng: ${e.title}`,
        maxPoints: 1.5,
        method: 'survey' as const,
        surveyElement: e.code,
      })),
      {
        code: `${APPRAISAL_FIELDS + 1}.${ELEMENTS.length + 1}`,
        title: 'Chỉ số hài lòng chung',
        maxPoints: 2.5,
        method: 'survey' as const,
      },
    ],
  }
  const survey = {
    levels: LEVELS,
    satisfiedFrom: SATISFIED_FROM,
    elements: ELEMENTS.map((e) => ({
      code: e.code,
      title: e.title,
      questions: Array.from({ length: QUESTIONS_PER_ELEMENT }, (_, i) => ({
        code: `${e.letter}${i + 1}`,
        text: `Câu hỏi ${e.letter}${i + 1} về ${e.title.toLowerCase()}`,
      })),
    })),
  }
  return {
    body: frameworkBody(leaves(APPRAISAL_FIELDS, LEAVES_PER_FIELD), {
      name: 'Bộ chỉ số CCHC có khảo sát (benchmark)',
      extra: [impact],
      survey,
    }),
    totalPoints: 100,
  }
}

interface Batch {
  unit: string
  /** The request body, built before the clock starts. */
  body: string
  responses: number
  /** Answers at a satisfied level, over all questions. */
  satisfied: number
}

/** 303 responses a unit, one more for the first RESPONSES − 303 × UNITS units: RESPONSES in all. */
function batches(unitList: readonly Unit[]): Batch[] {
  const base = Math.floor(RESPONSES / unitList.length)
  const extra = RESPONSES - base * unitList.length
  return unitList.map((unit, u) => {
    const random = prng(SURVEY_SEED + u)
    // Each unit its own share of satisfied answers, 55 % to 95 %.
    const share = 0.55 + 0.4 * random()
    const count = base + (u < extra ? 1 : 0)
    let satisfied = 0
    const parts: string[] = []
    for (let r = 1; r <= count; r++) {
      let answers = ''
      for (let q = 0; q < QUESTIONS.length; q++) {
        const x = random()
        let level: number
        if (x < share) level = x < share * 0.45 ? 5 : 4
        else level = 1 + Math.min(2, Math.floor(((x - share) / (1 - share)) * 3))
        if (level >= SATISFIED_FROM) satisfied++
        answers += `${q === 0 ? '' : ','}"${QUESTIONS[q]}":${level}`
      }
      parts.push(`{"id":"phieu-${String(r).padStart(6, '0')}","answers":{${answers}}}`)
    }
    return { unit: unit.code, body: `{"responses":[${parts.join(',')}]}`, responses: count, satisfied }
  })
}

/**
 * The unit's overall index in hundredths, rounded half up: with every question answered by all n
 * respondents, the mean of the element means of the question rates is 100 × satisfied ÷ (20 n).
 */
const expectedIndexHundredths = (batch: Batch): number =>
  Math.floor((1000 * batch.satisfied + batch.responses) / (2 * batch.responses))

interface ResponsesAnswer {
  accepted: number
  duplicates: string[]
  index: number | null
  respondents: number
}

async function post(service: RunningService, batch: Batch): Promise<{ body: ResponsesAnswer; response: HttpResponse }> {
  const response = await request(`${service.baseUrl}/v1/periods/${PERIOD}/units/${batch.unit}/survey/responses`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${service.adminToken}`,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    body: batch.body,
    timeoutMs: REQUEST_TIMEOUT_MS,
  })
  if (response.status !== 200) throw new HttpError(`POST responses of ${batch.unit}`, response)
  return { body: JSON.parse(response.text) as ResponsesAnswer, response }
}

function checkAnswer(
  what: string,
  batch: Batch,
  body: ResponsesAnswer,
  expected: { accepted: number; duplicates: number },
): void {
  const index = expectedIndexHundredths(batch) / 100
  if (
    body.accepted !== expected.accepted ||
    body.duplicates.length !== expected.duplicates ||
    body.respondents !== batch.responses ||
    body.index !== index
  ) {
    throw new Error(
      `${what}: expected accepted ${expected.accepted}, ${expected.duplicates} duplicates, ${batch.responses} respondents, index ${index}; ` +
        `the service answered accepted ${body.accepted}, ${body.duplicates.length} duplicates, ${body.respondents} respondents, index ${String(body.index)}`,
    )
  }
}

interface ResultsBody {
  statistics: { count: number }
  satisfaction: { count: number; mean: number | null } | null
  items: Array<{
    unit: { code: string }
    satisfaction: { index: number; rank: { position: number } | null } | null
    provisional: boolean
  }>
}

/** Fails loudly unless every unit is listed with the satisfaction computed here. */
function checkResults(what: string, response: HttpResponse, expected: ReadonlyMap<string, number>): ResultsBody {
  if (response.status !== 200) throw new HttpError(what, response)
  const body = JSON.parse(response.text) as ResultsBody
  if (body.items.length !== UNITS) throw new Error(`${what}: ${body.items.length} items, not ${UNITS}`)
  if (body.statistics.count !== UNITS)
    throw new Error(`${what}: statistics.count is ${body.statistics.count}, not ${UNITS}`)
  if (body.satisfaction?.count !== UNITS)
    throw new Error(`${what}: satisfaction.count is ${String(body.satisfaction?.count)}, not ${UNITS}`)
  for (const item of body.items) {
    const index = expected.get(item.unit.code)
    if (item.satisfaction === null || item.satisfaction.index !== index || item.satisfaction.rank === null) {
      throw new Error(
        `${what}: unit ${item.unit.code} has satisfaction ${JSON.stringify(item.satisfaction)}, expected index ${String(index)}`,
      )
    }
    if (item.provisional) throw new Error(`${what}: unit ${item.unit.code} is provisional`)
  }
  return body
}

const getResults = (service: RunningService): Promise<HttpResponse> =>
  request(`${service.baseUrl}/v1/periods/${PERIOD}/results`, {
    headers: { authorization: `Bearer ${service.adminToken}`, accept: 'application/json' },
    timeoutMs: 60_000,
  })

async function stored(db: BenchDatabase): Promise<{ responses: number; tallyRows: number; answers: number }> {
  const client = await db.connect()
  try {
    const { rows } = await client.query<{ responses: number; tally_rows: number; answers: string }>(
      `select (select count(*) from survey_responses where period_code = $1)::int as responses,
        (select count(*) from survey_tallies where period_code = $1)::int as tally_rows,
        (select coalesce(sum(answers), 0) from survey_tallies where period_code = $1)::text as answers`,
      [PERIOD],
    )
    const row = rows[0]!
    return { responses: row.responses, tallyRows: row.tally_rows, answers: Number(row.answers) }
  } finally {
    await client.end()
  }
}

const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
const round1 = (n: number): number => Math.round(n * 10) / 10

/** The database's share: the statements the service sends for the results, straight through pg. */
async function reportStatements(
  context: BenchContext,
  db: BenchDatabase,
  key: string,
  label: string,
  tallyRows: number,
): Promise<void> {
  const statistics = statisticsState(await tableStatistics(db, ['survey_tallies', 'scores']))
  const tallies = await timeStatement(db, talliesStatement(PERIOD, SATISFIED_FROM))
  if (tallies.rows !== UNITS * QUESTIONS.length)
    throw new Error(`the tallies statement answered ${tallies.rows} rows, not ${UNITS * QUESTIONS.length}`)
  context.figure({
    name: `survey_sql_tallies_${key}_ms`,
    label: `${label}: satisfaction aggregation statement alone (pg, median of 3)`,
    value: median(tallies.ms),
    unit: 'ms',
    detail: {
      ms: tallies.ms,
      rows: tallies.rows,
      tallyRows,
      explainExecutionMs: tallies.explain.executionMs,
      statistics,
      plan: tallies.explain.plan,
    },
  })
  const totals = await timeStatement(db, unitTotalsStatement(PERIOD))
  if (totals.rows !== UNITS) throw new Error(`the unit-totals statement answered ${totals.rows} rows, not ${UNITS}`)
  context.figure({
    name: `survey_sql_unit_totals_${key}_ms`,
    label: `${label}: unit-totals statement alone (pg, median of 3)`,
    value: median(totals.ms),
    unit: 'ms',
    detail: {
      ms: totals.ms,
      rows: totals.rows,
      explainExecutionMs: totals.explain.executionMs,
      statistics,
      plan: totals.explain.plan,
    },
  })
}

/** The response batches, one per unit, checked against the totals the benchmark promises. */
function prepareBatches(unitList: ReturnType<typeof units>) {
  const start = performance.now()
  const work = batches(unitList)
  const totalResponses = work.reduce((n, b) => n + b.responses, 0)
  if (totalResponses !== RESPONSES) throw new Error(`generated ${totalResponses} responses, not ${RESPONSES}`)
  const bodyBytes = work.reduce((n, b) => n + b.body.length, 0)
  const largest = Math.max(...work.map((b) => b.responses))
  if (largest > MAX_BATCH) throw new Error(`a batch of ${largest} responses is over the route's ${MAX_BATCH}`)
  log(
    `generated ${RESPONSES.toLocaleString('en-US')} responses in ${work.length} batches (${megabytes(bodyBytes)} MB of JSON) in ${secondsSince(start)} s`,
  )
  const expected = new Map(work.map((b) => [b.unit, expectedIndexHundredths(b) / 100]))
  return { work, bodyBytes, largest, expected }
}

/** Process A: the round and its appraisal scores, loaded by a service of its own. */
async function loadRound(
  databaseUrl: string,
  framework: ReturnType<typeof surveyFramework>,
  unitList: ReturnType<typeof units>,
  scores: ReturnType<typeof dataset>,
) {
  // Process A: the round and its appraisal scores.
  const loader = await startService({ databaseUrl })
  const setup = await setUpRound(loader, {
    framework: FRAMEWORK,
    frameworkBody: framework.body,
    totalPoints: framework.totalPoints,
    period: PERIOD,
    units: unitList,
  })
  const imported = await importCsv(loader, PERIOD, scores.csv, false)
  if (imported.response.status !== 200) throw new HttpError('import of the appraisal scores', imported.response)
  const importBody = JSON.parse(imported.response.text) as { created: number }
  if (importBody.created !== scores.rows.length)
    throw new Error(`import of the appraisal scores: ${imported.response.text.slice(0, 500)}`)
  await loader.stop()
  return { setup, imported }
}

async function checkStored(db: Awaited<ReturnType<typeof createBenchDatabase>>) {
  const afterWrites = await stored(db)
  if (afterWrites.responses !== RESPONSES || afterWrites.answers !== RESPONSES * QUESTIONS.length) {
    throw new Error(
      `stored: ${JSON.stringify(afterWrites)}; expected ${RESPONSES} responses and ${RESPONSES * QUESTIONS.length} answers`,
    )
  }
  return afterWrites
}

export const surveyBenchmark: Benchmark = {
  name: 'survey',
  description:
    'POST …/survey/responses of 1,000,000 responses (3,300 units × 20 questions) on PostgreSQL; satisfaction of all units ≤ 1 s',
  async run(context: BenchContext): Promise<void> {
    const buildSeconds = await buildService()
    const db = await createBenchDatabase()
    // Until the first read after the writes, the planner's statistics stay as they are right after a bulk
    // load (never analyzed): autovacuum off for the run's tables, so that this does not depend on when
    // autovacuum wakes. ANALYZE comes after, for the steady state.
    await setAutovacuum(db, false)
    const unitList = units(XA_UNITS, PHONG_UNITS)
    const framework = surveyFramework()
    const scores = dataset(leaves(APPRAISAL_FIELDS, LEAVES_PER_FIELD), unitList, DATASET_SEED)

    const { work, bodyBytes, largest, expected } = prepareBatches(unitList)
    let start = performance.now()

    const { setup, imported } = await loadRound(db.url, framework, unitList, scores)

    // Process B: the responses, then the reads.
    let service = await startService({ databaseUrl: db.url })
    const memoryAtReady = service.memory()
    context.report.line('setup', {
      bench: 'survey',
      buildS: buildSeconds,
      database: { kind: db.kind, name: db.name, server: db.serverVersion },
      ...setup,
      scoreRows: scores.rows.length,
      scoreImportS: imported.seconds,
      responses: RESPONSES,
      requests: work.length,
      responsesPerRequest: { min: Math.min(...work.map((b) => b.responses)), max: largest },
      requestBodyBytes: bodyBytes,
      concurrency: CONCURRENCY,
      serverRssMbAtReady: memoryAtReady ? megabytes(memoryAtReady.rssBytes) : null,
    })

    log(`submitting ${RESPONSES.toLocaleString('en-US')} responses: ${work.length} requests, ${CONCURRENCY} in flight`)
    const latencies: number[] = []
    let done = 0
    // One read before the writes (no survey answers yet), so that the timed read after them is not
    // also the process's first results request.
    const before = await getResults(service)
    if (before.status !== 200) throw new HttpError('results before the responses', before)
    const stopSampling = sampleRss(service, 1_000)
    let rss: Array<[number, number]> = []
    start = performance.now()
    try {
      await boundedPool(work, CONCURRENCY, async (batch) => {
        const { body, response } = await post(service, batch)
        checkAnswer(`POST responses of ${batch.unit}`, batch, body, { accepted: batch.responses, duplicates: 0 })
        latencies.push(response.ms)
        if (++done % 500 === 0) log(`  ${done} / ${work.length} requests`)
      })
    } finally {
      rss = stopSampling()
    }
    const wall = secondsSince(start)
    const afterSubmit = service.memory()
    latencies.sort((a, b) => a - b)
    context.figure({
      name: 'survey_submit_wall_s',
      label: '1,000,000 responses, 3,300 requests (wall, client side)',
      value: wall,
      unit: 's',
      detail: {
        requests: work.length,
        concurrency: CONCURRENCY,
        requestMs: {
          p50: round1(percentile(latencies, 50)),
          p90: round1(percentile(latencies, 90)),
          p99: round1(percentile(latencies, 99)),
          max: round1(latencies[latencies.length - 1]!),
        },
        requestBodyBytes: bodyBytes,
        rssMbSamples: rss,
      },
    })
    context.figure({
      name: 'survey_submit_requests_per_s',
      label: 'requests per second',
      value: Math.round(work.length / wall),
      unit: 'req/s',
    })
    context.figure({
      name: 'survey_submit_responses_per_s',
      label: 'responses per second',
      value: Math.round(RESPONSES / wall),
      unit: 'responses/s',
    })

    const afterWrites = await checkStored(db)

    // The satisfaction of all units: the first read of the results after the last write, the planner's
    // statistics not yet analyzed (recorded), and the statements alone in that state.
    const statisticsAtRead = await tableStatistics(db, READ_TABLES)
    const cold = await getResults(service)
    checkResults('first read after the last write', cold, expected)
    log(
      `results, first read after the last write: ${round1(cold.ms)} ms, ${megabytes(Buffer.byteLength(cold.text))} MB`,
    )
    const warm = await getResults(service)
    checkResults('warm read', warm, expected)
    context.figure({
      name: 'survey_results_cold_s',
      label: "GET results (every unit's satisfaction), first read after the last write, statistics not yet analyzed",
      value: Math.round(cold.ms) / 1000,
      unit: 's',
      target: { op: '<=', value: TARGET_SATISFACTION_S },
      detail: {
        responseBytes: Buffer.byteLength(cold.text),
        warmReadMs: round1(warm.ms),
        readBeforeTheResponsesMs: round1(before.ms),
        statistics: statisticsState(statisticsAtRead),
      },
    })
    await reportStatements(context, db, 'after_writes', 'statistics not yet analyzed', afterWrites.tallyRows)

    // Sanity: a retried batch is all duplicates and changes nothing.
    const retried = work[0]!
    const again = await post(service, retried)
    checkAnswer(`retry of ${retried.unit}`, retried, again.body, { accepted: 0, duplicates: retried.responses })
    const afterRetry = await stored(db)
    if (JSON.stringify(afterRetry) !== JSON.stringify(afterWrites))
      throw new Error(
        `the retried batch changed the stored data: ${JSON.stringify(afterWrites)} → ${JSON.stringify(afterRetry)}`,
      )
    const resultsAfterRetry = await getResults(service)
    if (resultsAfterRetry.text !== warm.text) throw new Error('the results changed after a retried batch')
    context.note(
      `retried the batch of ${retried.unit} (${retried.responses} responses): all reported as duplicates in ${round1(again.response.ms)} ms; rows, tallies and results unchanged`,
    )

    const { memory: final, exit } = await service.stop()
    if (final === null) throw new Error("could not read the service's peak RSS from /proc")
    if (exit !== 0) context.note(`the service exited with ${String(exit)} on SIGTERM`)
    context.figure({
      name: 'survey_server_peak_rss_mb',
      label: 'service peak RSS (VmHWM: responses, results reads, retry)',
      value: megabytes(final.peakRssBytes),
      unit: 'MB',
      detail: {
        megabytesAre: '10^6 bytes',
        rssMbAtReady: memoryAtReady ? megabytes(memoryAtReady.rssBytes) : null,
        peakMbAfterSubmit: afterSubmit ? megabytes(afterSubmit.peakRssBytes) : null,
        rssMbAtEnd: megabytes(final.rssBytes),
      },
    })

    // The steady state: ANALYZE, then a fresh process, its first request the results; then one more
    // response (all answers at the top level) and the first read after that write.
    await setAutovacuum(db, true)
    const analyzeMs = await analyzeTables(db, READ_TABLES)
    service = await startService({ databaseUrl: db.url })
    const restarted = await getResults(service)
    checkResults('cold read after ANALYZE and a restart', restarted, expected)
    log(`results, first read after ANALYZE and a restart: ${round1(restarted.ms)} ms`)
    context.figure({
      name: 'survey_results_cold_after_restart_s',
      label: "GET results (every unit's satisfaction), after ANALYZE, first read after a restart",
      value: Math.round(restarted.ms) / 1000,
      unit: 's',
      target: { op: '<=', value: TARGET_SATISFACTION_S },
      detail: { analyzeMs, statistics: statisticsState(await tableStatistics(db, READ_TABLES)) },
    })
    const extended = work[1]!
    const extra: Batch = {
      unit: extended.unit,
      body: `{"responses":[{"id":"phieu-bo-sung-1","answers":{${QUESTIONS.map((q) => `"${q}":${LEVELS}`).join(',')}}}]}`,
      responses: extended.responses + 1,
      satisfied: extended.satisfied + QUESTIONS.length,
    }
    const added = await post(service, extra)
    if (
      added.body.accepted !== 1 ||
      added.body.duplicates.length !== 0 ||
      added.body.respondents !== extra.responses ||
      added.body.index !== expectedIndexHundredths(extra) / 100
    ) {
      throw new Error(`one more response for ${extra.unit}: ${added.response.text.slice(0, 300)}`)
    }
    expected.set(extra.unit, expectedIndexHundredths(extra) / 100)
    const afterOneMore = await getResults(service)
    checkResults('first read after one more response', afterOneMore, expected)
    log(`results, first read after one more response: ${round1(afterOneMore.ms)} ms`)
    context.figure({
      name: 'survey_results_after_write_analyzed_s',
      label: "GET results (every unit's satisfaction), after ANALYZE, first read after a write",
      value: Math.round(afterOneMore.ms) / 1000,
      unit: 's',
      target: { op: '<=', value: TARGET_SATISFACTION_S },
      detail: { write: { unit: extra.unit, responses: 1, ms: round1(added.response.ms) } },
    })
    await service.stop()
    await reportStatements(context, db, 'analyzed', 'after ANALYZE', afterWrites.tallyRows)
    await db.drop()
  },
}

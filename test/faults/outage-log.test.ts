// A database outage in the logs and metrics: a burst of 503 answers logs one warning with its cause and
// no stack, then one line counting the 503s not logged, when the database is back or the window ends.
import t from 'tap'
import { seedFramework, seedPeriod, seedUnit, smallFramework } from '../helpers/api.js'
import { isDatabaseUnavailable } from '../../src/db/unavailable.js'
import { capturedLogger, LEVEL, scrape, valueOf, type LogLine } from '../helpers/observe.js'
import { eventually, faultApp, send, throwawayServer } from './throwaway.js'

t.setTimeout(180_000)

const timeouts = { connectMs: 1_000, queryMs: 2_000, statementMs: 1_500, lockMs: 1_000, idleInTransactionMs: 5_000 }
const SCORECARD = '/v1/periods/2018/units/xa-a/scorecard'

async function outageApp(t: Parameters<typeof throwawayServer>[0], outageWindowMs?: number) {
  const pgServer = await throwawayServer(t)
  const { lines, logger } = capturedLogger('info')
  const fault = await faultApp(t, pgServer, {
    timeouts,
    logger,
    ...(outageWindowMs !== undefined ? { outageWindowMs } : {}),
  })
  await seedFramework(fault.app, 'xa-2018', smallFramework)
  await seedUnit(fault.app, 'xa-a')
  await seedPeriod(fault.app, '2018', 'xa-2018', ['xa-a'])
  return { pgServer, lines, ...fault }
}

/** `n` reads, one after the other; their statuses. */
async function reads(base: string, n: number): Promise<number[]> {
  const statuses: number[] = []
  for (let i = 0; i < n; i++) statuses.push((await send(base, 'GET', SCORECARD)).status)
  return statuses
}

const burstWarnings = (lines: LogLine[]) => lines.filter((l) => l.level === LEVEL.warn && 'reqId' in l)
const summaries = (lines: LogLine[]) => lines.filter((l) => typeof l.suppressed === 'number')

t.test('an outage answering 20 requests 503 logs one warning with its cause, then one summary of 19', async (t) => {
  const { app, base, pgServer, lines, changes } = await outageApp(t)
  const before = lines.length
  await pgServer.stop()
  t.same(await reads(base, 20), Array(20).fill(503))
  const during = lines.slice(before)
  const warnings = burstWarnings(during)
  t.equal(warnings.length, 1, 'one warning for the burst')
  t.ok(isDatabaseUnavailable(warnings[0]?.cause), `it names the cause: ${JSON.stringify(warnings[0]?.cause)}`)
  const others = during.filter((l) => l.level >= LEVEL.warn && !('reqId' in l)).map((l) => l.msg)
  t.ok(
    others.length <= 1 && others.every((m) => /^webhook rounds fail/.test(String(m))),
    'and one of the webhook dispatcher at most',
  )
  t.same(
    during.filter((l) => 'err' in l),
    [],
    'no line carries an error with its stack',
  )
  const requestLines = during.filter(
    (l) => l.msg === 'request completed' && l.route === '/v1/periods/:period/units/:unit/scorecard',
  )
  t.same(
    requestLines.map((l) => [l.status, l.problemType]),
    Array(20).fill([503, 'urn:cchc:problem:unavailable']),
    'each request still has its line',
  )
  t.equal(
    valueOf(await scrape(app), 'http_problems_total', { type: 'urn:cchc:problem:unavailable', status: '503' }),
    20,
  )
  t.same(summaries(lines), [], 'no summary while the burst lasts')

  await pgServer.start()
  t.ok(await eventually(async () => changes.live), 'the change feed listens again')
  const summary = summaries(lines)
  t.equal(summary.length, 1)
  t.match(summary[0], { level: LEVEL.info, suppressed: 19, reason: 'recovered' })
  t.ok(await eventually(async () => (await send(base, 'GET', SCORECARD)).status === 200), 'reads answer again')
  t.equal(summaries(lines).length, 1, 'and log no more summaries')
})

t.test('a burst longer than its window: a summary when the window ends, a new warning after it', async (t) => {
  const { base, pgServer, lines, changes } = await outageApp(t, 1_000)
  const before = lines.length
  await pgServer.stop()
  t.same(await reads(base, 5), Array(5).fill(503))
  t.ok(await eventually(async () => summaries(lines).length === 1), 'the window ends')
  t.match(summaries(lines)[0], { suppressed: 4, reason: 'window' })
  t.same(await reads(base, 3), Array(3).fill(503))
  t.equal(burstWarnings(lines.slice(before)).length, 2, 'one warning per burst')
  await pgServer.start()
  t.ok(await eventually(async () => changes.live), 'the change feed listens again')
  t.match(summaries(lines)[1], { suppressed: 2, reason: 'recovered' })
})

// What operators see: /metrics after user actions, and the request log lines.
import { readFileSync } from 'node:fs'
import t from 'tap'
import { ADMIN_TOKEN, build } from './helpers/build.js'
import { call, seedClient, seedFramework, seedPeriod, seedUnit, smallFramework } from './helpers/api.js'
import { capturedLogger, LEVEL, samplesOf, scrape, valueOf, type LogLine } from './helpers/observe.js'

type App = Awaited<ReturnType<typeof build>>

const version = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version

/** smallFramework with a ratio leaf 3.1 (1 point, in proportion to a 75 % target). */
const withRatio = {
  ...smallFramework,
  criteria: [
    ...smallFramework.criteria,
    {
      code: '3',
      title: 'Cải cách thủ tục hành chính',
      children: [
        {
          code: '3.1',
          title: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
          maxPoints: 1,
          method: 'ratio',
          ratio: { label: 'Hồ sơ đúng hạn', scoring: { kind: 'proportional', target: 75 } },
        },
      ],
    },
  ],
}

async function seedRound(app: App): Promise<void> {
  await seedFramework(app, 'obs-f', withRatio)
  await seedUnit(app, 'obs-a')
  await seedUnit(app, 'obs-b')
  await seedPeriod(app, 'obs-2018', 'obs-f', ['obs-a', 'obs-b'])
}

const importedRows = async (app: App, kind: string) => valueOf(await scrape(app), 'cchc_imported_rows_total', { kind })

t.test('metrics show the build, the process, the database pool and the change feed', async (t) => {
  const app = await build(t)
  t.equal((await call(app, 'GET', '/v1/units')).statusCode, 200, 'a query has opened a connection')
  const metrics = await scrape(app)
  t.equal(valueOf(metrics, 'cchc_build_info', { version, node: process.version }), 1)
  t.ok((valueOf(metrics, 'process_cpu_user_seconds_total') ?? -1) > 0, 'process CPU time')
  t.ok((valueOf(metrics, 'nodejs_heap_size_used_bytes') ?? -1) > 0, 'heap in use')
  const inUse = valueOf(metrics, 'cchc_db_pool_connections', { state: 'in_use' })
  const idle = valueOf(metrics, 'cchc_db_pool_connections', { state: 'idle' })
  const waiting = valueOf(metrics, 'cchc_db_pool_waiting')
  for (const [name, value] of Object.entries({ inUse, idle, waiting }))
    t.ok(Number.isInteger(value) && value! >= 0, `${name} is a count: ${value}`)
  t.ok(inUse! + idle! >= 1, 'the connection opened is in the pool')
  t.equal(valueOf(metrics, 'cchc_db_pool_max'), 5, "the test database's pool size")
  t.equal(valueOf(metrics, 'cchc_change_feed_healthy'), 1)
})

t.test('two apps in one process answer their own metrics, each with the process metrics', async (t) => {
  const first = await build(t)
  const second = await build(t, {}, { reset: false })
  await first.inject({ method: 'GET', url: '/health/live' })
  await first.inject({ method: 'GET', url: '/health/live' })
  const ofFirst = await scrape(first)
  const ofSecond = await scrape(second)
  t.equal(valueOf(ofFirst, 'http_requests_total', { route: '/health/live' }), 2)
  t.equal(valueOf(ofSecond, 'http_requests_total', { route: '/health/live' }), undefined)
  t.equal(samplesOf(ofFirst, 'process_start_time_seconds').length, 1)
  t.equal(samplesOf(ofSecond, 'process_start_time_seconds').length, 1)
})

t.test('imported rows count what committed writes accepted, by kind; dry runs and refusals add 0', async (t) => {
  const app = await build(t)
  await seedRound(app)
  const imports = '/v1/periods/obs-2018/scores/import'
  const rows = [
    { unit: 'obs-a', criterion: '1.1', self: 1 },
    { unit: 'obs-a', criterion: '1.2', self: 1 },
    { unit: 'obs-b', criterion: '1.1', self: 0.5 },
  ]
  t.equal(await importedRows(app, 'scores'), 0)

  t.equal((await call(app, 'POST', `${imports}?dryRun=true`, { body: { rows } })).statusCode, 200)
  t.equal(await importedRows(app, 'scores'), 0, 'a dry run adds nothing')
  const refused = await call(app, 'POST', imports, {
    body: { rows: [...rows, { unit: 'obs-b', criterion: '1.2', self: 9 }] },
  })
  t.equal(refused.statusCode, 422)
  t.equal(await importedRows(app, 'scores'), 0, 'a refused import adds nothing')
  t.equal((await call(app, 'POST', imports, { body: { rows } })).statusCode, 200)
  t.equal(await importedRows(app, 'scores'), 3, 'an import of 3 rows adds 3')
  const put = await call(app, 'PUT', '/v1/periods/obs-2018/units/obs-b/scores', {
    body: {
      scores: [
        { criterion: '1.2', self: 1 },
        { criterion: '2.1', self: 2 },
      ],
    },
  })
  t.equal(put.statusCode, 200)
  t.equal(await importedRows(app, 'scores'), 5, "a unit's PUT of 2 rows adds 2")

  const indicators = await call(app, 'PUT', '/v1/periods/obs-2018/units/obs-a/indicators', {
    body: { indicators: [{ criterion: '3.1', numerator: 95, denominator: 100 }] },
  })
  t.equal(indicators.statusCode, 200)
  t.equal(await importedRows(app, 'indicators'), 1)

  const responses = '/v1/periods/obs-2018/units/obs-a/survey/responses'
  const batch = [
    { id: 'r1', answers: { A1: 5, A2: 4 } },
    { id: 'r2', answers: { A1: 3 } },
    { id: 'r1', answers: { A1: 5, A2: 4 } },
  ]
  t.equal((await call(app, 'POST', responses, { body: { responses: batch } })).json().accepted, 2)
  t.equal(await importedRows(app, 'survey'), 2, 'responses stored; the repeated id is not')
  t.equal((await call(app, 'POST', responses, { body: { responses: batch } })).json().accepted, 0)
  t.equal(await importedRows(app, 'survey'), 2, 'a retried batch adds nothing')
})

t.test('a second identical results read is a cache hit; the cache reports its entries and bytes', async (t) => {
  const app = await build(t)
  await seedRound(app)
  const url = '/v1/periods/obs-2018/results?format=csv'
  const cache = async () => {
    const m = await scrape(app)
    return {
      hits: valueOf(m, 'cchc_results_cache_hits_total') ?? NaN,
      misses: valueOf(m, 'cchc_results_cache_misses_total') ?? NaN,
      entries: valueOf(m, 'cchc_results_cache_entries') ?? NaN,
      bytes: valueOf(m, 'cchc_results_cache_bytes') ?? NaN,
    }
  }
  t.same(await cache(), { hits: 0, misses: 0, entries: 0, bytes: 0 })
  const first = await call(app, 'GET', url)
  t.equal(first.statusCode, 200)
  t.same(await cache(), { hits: 0, misses: 1, entries: 1, bytes: first.rawPayload.length })
  // On a shared external server, another test file's unit rename (NOTIFY is per database, not per
  // schema) may empty the cache between two reads: the pair is read again then, at most three times.
  let second = await cache()
  for (let attempt = 0; attempt < 3; attempt++) {
    const before = await cache()
    t.equal((await call(app, 'GET', url)).statusCode, 200)
    second = await cache()
    if (second.hits === before.hits + 1) {
      t.equal(second.misses, before.misses, 'the hit is not also a miss')
      break
    }
  }
  t.equal(second.hits, 1, 'the identical read was answered from the cache')
  t.same({ entries: second.entries, bytes: second.bytes }, { entries: 1, bytes: first.rawPayload.length })
})

t.test('problems are counted by type and status', async (t) => {
  const app = await build(t)
  await call(app, 'GET', '/v1/units', { token: null })
  await call(app, 'GET', '/v1/units', { token: null })
  await call(app, 'GET', '/v1/units/nobody')
  await call(app, 'GET', '/v1/units')
  const metrics = await scrape(app)
  const problems = samplesOf(metrics, 'http_problems_total').map((s) => [s.labels.type, s.labels.status, s.value])
  t.same(problems.sort(), [
    ['urn:cchc:problem:not-found', '404', 1],
    ['urn:cchc:problem:unauthorized', '401', 2],
  ])
})

/** The request line of the request with id `id`. */
const lineOf = (lines: LogLine[], id: string) => {
  const found = lines.filter((l) => l.reqId === id && l.msg === 'request completed')
  if (found.length !== 1) throw new Error(`${found.length} request lines for ${id}`)
  return found[0]!
}

t.test('request lines carry the client id and role, and the problem type of a failure', async (t) => {
  const { lines, logger } = capturedLogger('info')
  const app = await build(t, {}, { logger })
  const reader = await seedClient(app, 'reader')
  const readerId = (await call(app, 'GET', '/v1/me', { token: reader })).json().id as string
  const as = (id: string, token: string | null, method: 'GET' | 'PUT', url: string, body?: unknown) =>
    call(app, method, url, { token, headers: { 'x-request-id': id }, ...(body ? { body } : {}) })

  t.equal((await as('read-ok', reader, 'GET', '/v1/units')).statusCode, 200)
  t.equal((await as('read-403', reader, 'PUT', '/v1/units/u1', { name: 'U', group: 'xa' })).statusCode, 403)
  t.equal((await as('anonymous', null, 'GET', '/v1/units')).statusCode, 401)
  t.equal((await as('admin-404', ADMIN_TOKEN, 'GET', '/v1/units/nobody')).statusCode, 404)

  const fields = (id: string) => {
    const { clientId, role, problemType, status } = lineOf(lines, id)
    return { clientId, role, problemType, status }
  }
  t.same(fields('read-ok'), { clientId: readerId, role: 'reader', problemType: undefined, status: 200 })
  t.same(fields('read-403'), {
    clientId: readerId,
    role: 'reader',
    problemType: 'urn:cchc:problem:forbidden',
    status: 403,
  })
  t.same(fields('anonymous'), {
    clientId: undefined,
    role: undefined,
    problemType: 'urn:cchc:problem:unauthorized',
    status: 401,
  })
  t.same(fields('admin-404'), {
    clientId: 'bootstrap',
    role: 'admin',
    problemType: 'urn:cchc:problem:not-found',
    status: 404,
  })
  t.notOk('clientId' in lineOf(lines, 'anonymous'), 'an anonymous line has no client member at all')
})

t.test('health and metrics request lines are at debug, the others at info', async (t) => {
  const { lines, logger } = capturedLogger('debug')
  const app = await build(t, {}, { logger })
  for (const [id, url] of [
    ['live', '/health/live'],
    ['ready', '/health/ready'],
    ['metrics', '/metrics'],
    ['me', '/v1/me'],
  ] as const)
    await call(app, 'GET', url, { headers: { 'x-request-id': id } })
  t.same(
    ['live', 'ready', 'metrics', 'me'].map((id) => lineOf(lines, id).level),
    [LEVEL.debug, LEVEL.debug, LEVEL.debug, LEVEL.info],
  )
})

t.test('at level info, a liveness probe logs nothing', async (t) => {
  const { lines, logger } = capturedLogger('info')
  const app = await build(t, {}, { logger })
  const before = lines.length
  await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'probe' } })
  t.same(lines.slice(before), [])
})

t.test('an unexpected failure (500) logs an error line with its stack', async (t) => {
  const { lines, logger } = capturedLogger('info')
  const app = await build(t, {}, { logger })
  app.get('/boom', async () => {
    throw new Error('a bug')
  })
  const res = await app.inject({ method: 'GET', url: '/boom', headers: { 'x-request-id': 'bug' } })
  t.equal(res.statusCode, 500)
  const errors = lines.filter((l) => l.reqId === 'bug' && l.level === LEVEL.error)
  t.equal(errors.length, 1)
  const err = errors[0]?.err as { message?: string; stack?: string } | undefined
  t.equal(err?.message, 'a bug')
  t.match(err?.stack, /^Error: a bug\n\s+at /)
  t.equal(lineOf(lines, 'bug').problemType, 'urn:cchc:problem:internal')
})

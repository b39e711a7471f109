import { createHmac } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

// Receivers listen on 127.0.0.1; retries are quick in tests.
process.env.WEBHOOK_ALLOW_PRIVATE = 'true'
process.env.WEBHOOK_RETRY_BASE_MS = '200'
process.env.WEBHOOK_POLL_MS = '100'

interface Received {
  headers: IncomingHttpHeaders
  body: string
  at: number
}

type Test = { teardown(fn: () => unknown): void }

/** A receiver on 127.0.0.1 answering each request with the next status of `statuses` (then 204). */
async function receiver(t: Test, statuses: number[] = []) {
  const received: Received[] = []
  const waiters: Array<() => void> = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')))
    request.on('end', () => {
      received.push({ headers: request.headers, body, at: performance.now() })
      response.statusCode = statuses.shift() ?? 204
      response.end()
      waiters.splice(0).forEach((w) => w())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const until = async (count: number, timeoutMs = 10_000) => {
    const deadline = Date.now() + timeoutMs
    while (received.length < count) {
      if (Date.now() > deadline) throw new Error(`received ${received.length} of ${count}`)
      await new Promise<void>((resolve) => {
        waiters.push(resolve)
        setTimeout(resolve, 100)
      })
    }
  }
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, until }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

async function seedRound(app: Awaited<ReturnType<typeof build>>) {
  await seedUnit(app, 'u1')
  await seedFramework(app, 'f1')
  await seedPeriod(app, 'p1', 'f1', ['u1'])
}

t.test('events are listed in order, each written with its change', async (t) => {
  const app = await build(t)
  await seedRound(app)
  await call(app, 'POST', '/v1/periods/p1/scores/import', {
    body: { rows: [{ unit: 'u1', criterion: '1.1', self: 1 }] },
  })
  await call(app, 'POST', '/v1/periods/p1/status', { body: { status: 'appraisal' } })
  await call(app, 'POST', '/v1/periods/p1/status', { body: { status: 'published' } })
  await call(app, 'POST', '/v1/periods/p1/status', { body: { status: 'appraisal', reason: 'Sửa điểm' } })
  const res = await call(app, 'GET', '/v1/events')
  t.equal(res.statusCode, 200)
  const types = res.json().items.map((e: { type: string }) => e.type)
  t.same(types, [
    'period.created',
    'scores.imported',
    'period.results_changed',
    'period.status_changed',
    'period.results_changed',
    'period.status_changed',
    'period.results_changed',
    'period.status_changed',
    'period.results_changed',
  ])
  const items = res.json().items
  t.match(items[1], { period: 'p1', data: { rows: 1, created: 1, updated: 0, unchanged: 0 } })
  t.match(items[7], { data: { from: 'published', to: 'appraisal', reason: 'Sửa điểm' } })
  const page = await call(app, 'GET', `/v1/events?after=${items[1].id}&limit=2`)
  t.same(
    page.json().items.map((e: { id: number }) => e.id),
    [items[2].id, items[3].id],
  )
  t.equal(page.json().next, items[3].id)
  t.match(page.headers.link, /rel="next"/)
})

t.test('a rolled-back write emits nothing', async (t) => {
  const app = await build(t)
  await seedRound(app)
  const before = (await call(app, 'GET', '/v1/events')).json().items.length
  await t.rejects(
    app.changes.transaction(app.db, async (_trx, announce, emit) => {
      emit({ type: 'period.status_changed', period: 'p1', data: {} })
      announce('results', 'p1')
      throw new Error('rolled back')
    }),
  )
  const refused = await call(app, 'POST', '/v1/periods/p1/status', { body: { status: 'published' } })
  t.equal(refused.statusCode, 409)
  t.equal((await call(app, 'GET', '/v1/events')).json().items.length, before)
})

t.test('webhooks: signed deliveries, a receiver learns of a publication within a second', async (t) => {
  const app = await build(t)
  await app.ready()
  const hook = await receiver(t)
  const created = await call(app, 'POST', '/v1/webhooks', {
    body: { url: hook.url, events: ['period.status_changed'] },
  })
  t.equal(created.statusCode, 201)
  const { id, secret } = created.json()
  t.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/)
  t.equal(created.headers.location, `/v1/webhooks/${id}`)
  await seedRound(app)
  await call(app, 'POST', '/v1/periods/p1/status', { body: { status: 'appraisal' } })
  await hook.until(1)
  const started = performance.now()
  await call(app, 'POST', '/v1/periods/p1/status', { body: { status: 'published' } })
  await hook.until(2)
  const latency = hook.received[1]!.at - started
  t.comment(`publication reached the receiver in ${latency.toFixed(1)} ms`)
  t.ok(latency < 1000, 'within a second')

  const { headers, body } = hook.received[1]!
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64')
  const expected = createHmac('sha256', key)
    .update(`${String(headers['webhook-id'])}.${String(headers['webhook-timestamp'])}.${body}`)
    .digest('base64')
  t.equal(headers['webhook-signature'], `v1,${expected}`)
  const event = JSON.parse(body)
  t.match(event, { type: 'period.status_changed', period: 'p1', data: { from: 'appraisal', to: 'published' } })
  t.equal(headers['webhook-id'], String(event.id))

  let log = await call(app, 'GET', `/v1/webhooks/${id}/deliveries`)
  for (let i = 0; i < 50 && log.json().items[0].status === 'pending'; i++) {
    await sleep(20)
    log = await call(app, 'GET', `/v1/webhooks/${id}/deliveries`)
  }
  t.match(log.json().items[0], { event: event.id, status: 'delivered', attempts: 1, responseStatus: 204 })
  t.equal((await call(app, 'DELETE', `/v1/webhooks/${id}`)).statusCode, 204)
  t.equal((await call(app, 'GET', `/v1/webhooks/${id}/deliveries`)).statusCode, 404)
})

t.test('a receiver that fails twice then succeeds gets the event exactly once more', async (t) => {
  const app = await build(t)
  await app.ready()
  const hook = await receiver(t, [500, 503])
  await call(app, 'POST', '/v1/webhooks', { body: { url: hook.url, events: ['period.created'] } })
  await seedRound(app)
  await hook.until(3)
  await sleep(1000)
  t.equal(hook.received.length, 3, 'no delivery after the success')
  t.equal(new Set(hook.received.map((r) => r.headers['webhook-id'])).size, 1, 'the same event id each time')
  const gap = hook.received[2]!.at - hook.received[1]!.at
  t.ok(gap >= 350, `the second retry waits twice the first (${gap.toFixed(0)} ms)`)
})

t.test('a restart mid-backoff still delivers', async (t) => {
  const first = await build(t)
  await first.ready()
  const hook = await receiver(t, [500])
  await call(first, 'POST', '/v1/webhooks', { body: { url: hook.url, events: ['period.created'] } })
  await seedRound(first)
  await hook.until(1)
  await first.close()
  const second = await build(t, {}, { reset: false })
  await second.ready()
  await hook.until(2)
  t.equal(hook.received[1]!.headers['webhook-id'], hook.received[0]!.headers['webhook-id'])
})

t.test('two instances on one database deliver each event once', async (t) => {
  const one = await build(t)
  const two = await build(t, {}, { reset: false })
  await Promise.all([one.ready(), two.ready()])
  const hook = await receiver(t)
  await call(one, 'POST', '/v1/webhooks', { body: { url: hook.url } })
  await seedUnit(one, 'u1')
  await seedFramework(one, 'f1')
  for (let i = 0; i < 10; i++) await seedPeriod(i % 2 ? one : two, `p${i}`, 'f1', ['u1'])
  await hook.until(10)
  await sleep(1000)
  const ids = hook.received.map((r) => r.headers['webhook-id'])
  t.equal(ids.length, 10)
  t.equal(new Set(ids).size, 10)
})

t.test('webhook URLs: http(s) only; private addresses only when allowed', async (t) => {
  const app = await build(t)
  const ftp = await call(app, 'POST', '/v1/webhooks', { body: { url: 'ftp://example.org/x' } })
  t.equal(ftp.statusCode, 422)
  t.match(ftp.json(), { errors: [{ pointer: '/url' }] })
  const { urlRefusal } = await import('../src/modules/webhooks/addresses.js')
  t.equal(urlRefusal('http://127.0.0.1:9/x', false), 'is a loopback or private address')
  t.equal(urlRefusal('http://[::1]/x', false), 'is a loopback or private address')
  t.equal(urlRefusal('http://10.1.2.3/x', false), 'is a loopback or private address')
  t.equal(urlRefusal('http://localhost/x', false), 'names a loopback host')
  t.equal(urlRefusal('https://hooks.example.vn/x', false), null)
  t.equal(urlRefusal('http://127.0.0.1:9/x', true), null)
  const reader = await call(app, 'POST', '/v1/clients', { body: { name: 'r', role: 'reader' } })
  const forbidden = await call(app, 'GET', '/v1/webhooks', { token: reader.json().token })
  t.equal(forbidden.statusCode, 403)
})

// The database stopped and restarted, hung (SIGSTOP), the LISTEN connection stalled, and SIGTERM with
// an import in flight: requests answer 503 problem+json within the timeouts, never hang, and the
// service carries on once the database is back.
import net from 'node:net'
import t, { type Test } from 'tap'
import { seedFramework, seedPeriod, seedUnit, smallFramework } from '../helpers/api.js'
import { drainAndClose } from '../../src/shutdown.js'
import { eventually, faultApp, send, sleep, throwawayServer, type Answer } from './throwaway.js'

t.setTimeout(240_000)

const timeouts = { connectMs: 1_000, queryMs: 2_000, statementMs: 1_500, lockMs: 1_000, idleInTransactionMs: 5_000 }

async function seed(app: Parameters<typeof seedUnit>[0]): Promise<void> {
  await seedFramework(app, 'xa-2018', smallFramework)
  await seedUnit(app, 'xa-a')
  await seedPeriod(app, '2018', 'xa-2018', ['xa-a'])
}

function isUnavailable(t: Test, res: Answer, what: string): void {
  t.equal(res.status, 503, `${what}: ${res.text}`)
  t.match(res.type, /^application\/problem\+json/)
}

t.test('database stopped, then restarted: 503 meanwhile, then it carries on', async (t) => {
  const pgServer = await throwawayServer(t)
  const { app, base } = await faultApp(t, pgServer, { timeouts })
  await seed(app)
  await pgServer.stop()
  isUnavailable(t, await send(base, 'GET', '/v1/periods/2018/units/xa-a/scorecard'), 'read while stopped')
  isUnavailable(
    t,
    await send(base, 'PUT', '/v1/periods/2018/units/xa-a/scores', {
      body: { scores: [{ criterion: '1.1', self: 1 }] },
    }),
    'write while stopped',
  )
  isUnavailable(t, await send(base, 'GET', '/health/ready'), 'readiness while stopped')
  await pgServer.start()
  t.ok(
    await eventually(async () => (await send(base, 'GET', '/v1/periods/2018/units/xa-a/scorecard')).status === 200),
    'reads answer again',
  )
  t.ok(await eventually(async () => (await send(base, 'GET', '/health/ready')).status === 200), 'ready again')
})

t.test('database hung (SIGSTOP): 503 within the timeouts, never a hang', async (t) => {
  const pgServer = await throwawayServer(t)
  const { app, base } = await faultApp(t, pgServer, { timeouts })
  await seed(app)
  pgServer.freeze()
  try {
    const started = Date.now()
    const answers = await Promise.all([
      send(base, 'GET', '/v1/periods/2018/units/xa-a/scorecard'),
      send(base, 'PUT', '/v1/periods/2018/units/xa-a/scores', { body: { scores: [{ criterion: '1.1', self: 1 }] } }),
      send(base, 'GET', '/health/ready'),
    ])
    for (const res of answers) isUnavailable(t, res, 'while hung')
    t.ok(Date.now() - started < 10_000, `answered within ${Date.now() - started} ms`)
  } finally {
    pgServer.thaw()
  }
  t.ok(
    await eventually(async () => (await send(base, 'GET', '/v1/periods/2018/units/xa-a/scorecard')).status === 200),
    'carries on once thawed',
  )
})

/** A TCP relay to the server that can be paused: bytes then stop flowing both ways, the sockets stay open. */
async function pausableRelay(t: Test, port: number) {
  const sockets: net.Socket[] = []
  let paused = false
  const server = net.createServer((inbound) => {
    const outbound = net.connect(port, '127.0.0.1')
    sockets.push(inbound, outbound)
    inbound.on('data', (d) => paused || outbound.write(d))
    outbound.on('data', (d) => paused || inbound.write(d))
    inbound.on('error', () => outbound.destroy())
    outbound.on('error', () => inbound.destroy())
    inbound.on('close', () => outbound.destroy())
    outbound.on('close', () => inbound.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => {
    for (const s of sockets) s.destroy()
    server.close()
  })
  const address = server.address() as net.AddressInfo
  return {
    port: address.port,
    pause: () => (paused = true),
    resume: () => (paused = false),
  }
}

t.test(
  'a silently stalled LISTEN connection is detected: caches untrusted, readiness 503, then recovers',
  async (t) => {
    const pgServer = await throwawayServer(t)
    const relay = await pausableRelay(t, pgServer.server.port)
    const url = new URL(pgServer.server.url)
    url.port = String(relay.port)
    const { base, changes } = await faultApp(t, pgServer, {
      changeSource: { kind: 'postgres', url: url.toString() },
      config: { listenCheckMs: 500 },
    })
    t.ok(changes.live, 'listening')
    t.equal((await send(base, 'GET', '/health/ready')).status, 200)
    relay.pause()
    t.ok(await eventually(async () => !changes.live, 5_000), 'the stall is noticed')
    const ready = await send(base, 'GET', '/health/ready')
    isUnavailable(t, ready, 'readiness while stalled')
    t.match(String(ready.json?.detail), /change feed/)
    relay.resume()
    t.ok(await eventually(async () => changes.live, 10_000), 'listening again')
    t.equal((await send(base, 'GET', '/health/ready')).status, 200, 'ready again')
  },
)

t.test('SIGTERM: readiness 503 at once; an import past the grace period answers 503, nothing written', async (t) => {
  const pgServer = await throwawayServer(t)
  const { app, base, database } = await faultApp(t, pgServer, { timeouts })
  await seed(app)
  let trickle = true
  const slow = send(base, 'POST', '/v1/periods/2018/scores/import', {
    contentType: 'text/csv',
    write: async (request) => {
      request.write('unit,criterion,self,note\nxa-a,1.1,1,"')
      while (trickle && !request.destroyed) {
        request.write('x')
        await sleep(200)
      }
    },
  }).catch((error: Error) => ({ status: 0, type: '', json: null, text: error.message }))
  await sleep(500)
  const closing = drainAndClose(app, { graceMs: 1_000, abortSessions: () => database.abortSessions() })
  const ready = await app.inject({ method: 'GET', url: '/health/ready' }).catch(() => null)
  if (ready) t.equal(ready.statusCode, 503, 'readiness flips at once')
  t.ok(app.lifecycle.draining)
  const res = await slow
  trickle = false
  isUnavailable(t, res, 'the import abandoned at the end of the grace period')
  await closing
  const { rows } = await pgServer.query<{ n: number }>(`select count(*)::int as n from scores`)
  t.equal(rows[0]!.n, 0, 'nothing written')
})

// Slow bodies: an import sent a few bytes at a time holds no database connection and no period lock
// while it arrives, ten of them leave the pool to other requests, and REQUEST_TIMEOUT_MS cuts one off.
import t from 'tap'
import { seedFramework, seedPeriod, seedUnit, smallFramework } from '../helpers/api.js'
import { faultApp, send, sleep, throwawayServer } from './throwaway.js'

t.setTimeout(180_000)

const UNITS = ['xa-a', 'xa-b']

t.test('ten slow imports hold no connection nor lock; other requests answer meanwhile', async (t) => {
  const pgServer = await throwawayServer(t)
  const { app, base } = await faultApp(t, pgServer, { poolSize: 5 })
  await seedFramework(app, 'xa-2018', smallFramework)
  for (const u of UNITS) await seedUnit(app, u)
  await seedPeriod(app, '2018', 'xa-2018', UNITS)
  let trickling = true
  const imports = Array.from({ length: 10 }, (_, i) =>
    send(base, 'POST', '/v1/periods/2018/scores/import', {
      contentType: 'text/csv',
      write: async (request) => {
        request.write(`unit,criterion,self,note\nxa-a,1.1,${(i % 10) / 10},"`)
        while (trickling) {
          request.write('x')
          await sleep(300)
        }
        request.write('"\n')
      },
    }),
  )
  await sleep(1_000)
  for (let n = 0; n < 3; n++) {
    const started = Date.now()
    const read = await send(base, 'GET', '/v1/periods/2018/units/xa-a/scorecard')
    const write = await send(base, 'PUT', '/v1/periods/2018/units/xa-b/scores', {
      body: { scores: [{ criterion: '1.2', self: n / 10 }] },
    })
    t.equal(read.status, 200, 'a read answers while imports trickle')
    t.equal(write.status, 200, 'a write of the same period answers while imports trickle')
    t.ok(Date.now() - started < 3_000, 'promptly')
  }
  const { rows } = await pgServer.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity where state like 'idle in transaction%' or wait_event_type = 'Lock'`,
  )
  t.equal(rows[0]!.n, 0, 'no transaction held open by a body still arriving')
  trickling = false
  for (const res of await Promise.all(imports)) t.equal(res.status, 200, res.text)
})

t.test('REQUEST_TIMEOUT_MS cuts off a body that never ends: 408 problem+json, nothing written', async (t) => {
  const pgServer = await throwawayServer(t)
  const { app, base } = await faultApp(t, pgServer, { config: { requestTimeoutMs: 1_500 } })
  await seedFramework(app, 'xa-2018', smallFramework)
  for (const u of UNITS) await seedUnit(app, u)
  await seedPeriod(app, '2018', 'xa-2018', UNITS)
  const started = Date.now()
  const res = await send(base, 'POST', '/v1/periods/2018/scores/import', {
    contentType: 'text/csv',
    write: async (request) => {
      request.write('unit,criterion,self,note\nxa-a,1.1,1,"')
      for (let i = 0; i < 40 && !request.destroyed && request.writable; i++) {
        request.write('x')
        await sleep(200)
      }
    },
  }).catch((error: Error) => ({ status: 0, type: '', json: null, text: error.message }))
  t.ok(Date.now() - started < 6_000, `cut off after ${Date.now() - started} ms`)
  t.equal(res.status, 408, res.text)
  t.match(res.type, /^application\/problem\+json/)
  const { rows } = await pgServer.query<{ n: number }>(`select count(*)::int as n from scores`)
  t.equal(rows[0]!.n, 0, 'nothing written')
})

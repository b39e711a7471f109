// PostgreSQL ending checked-out connections (pg_terminate_backend) under write load and while a CSV
// import is still streaming: the process carries on, what failed answers 503 problem+json, and what
// answered 200 is stored.
import t from 'tap'
import { seedFramework, seedPeriod, seedUnit, smallFramework } from '../helpers/api.js'
import { faultApp, send, sleep, terminateAppBackends, throwawayServer } from './throwaway.js'

t.setTimeout(180_000)

const UNITS = ['xa-a', 'xa-b', 'xa-c', 'xa-d']

async function seed(app: Parameters<typeof seedUnit>[0]): Promise<void> {
  await seedFramework(app, 'xa-2018', smallFramework)
  for (const u of UNITS) await seedUnit(app, u)
  await seedPeriod(app, '2018', 'xa-2018', UNITS)
}

t.test('a streaming CSV import whose connection is terminated answers 200 or 503, never crashes', async (t) => {
  const pgServer = await throwawayServer(t)
  const { app, base } = await faultApp(t, pgServer)
  await seed(app)
  const answer = send(base, 'POST', '/v1/periods/2018/scores/import', {
    contentType: 'text/csv',
    write: async (request) => {
      request.write('unit,criterion,self\n')
      request.write('xa-a,1.1,1\n')
      await sleep(500)
      t.ok((await terminateAppBackends(pgServer)) >= 0, 'backends terminated mid-body')
      await sleep(300)
      request.write('xa-b,1.1,1.5\n')
    },
  })
  const res = await answer
  t.ok([200, 503].includes(res.status), `answered ${res.status}: ${res.text}`)
  const { rows } = await pgServer.query<{ n: number }>(
    `select count(*)::int as n from scores where period_code = '2018'`,
  )
  if (res.status === 503) {
    t.match(res.type, /^application\/problem\+json/)
    t.equal(res.json?.type, 'urn:cchc:problem:unavailable')
    t.equal(rows[0]!.n, 0, 'nothing half-written')
  } else t.equal(rows[0]!.n, 2, 'both rows written')
  const again = await send(base, 'GET', '/v1/periods/2018/units/xa-a/scorecard')
  t.equal(again.status, 200, 'the service carries on')
})

t.test('a transaction whose backend is terminated between two statements answers 503', async (t) => {
  const pgServer = await throwawayServer(t)
  const { app, base } = await faultApp(t, pgServer)
  await seed(app)
  // Hold a transaction open while its backend is terminated: the import of a body that is still
  // arriving held one before staging came first; a PUT does so for the length of a few statements.
  const results = await Promise.all(
    Array.from({ length: 40 }, async (_, i) => {
      if (i % 8 === 4) {
        await sleep(i * 5)
        await terminateAppBackends(pgServer)
        return null
      }
      const unit = UNITS[i % UNITS.length]!
      return send(base, 'PUT', `/v1/periods/2018/units/${unit}/scores`, {
        body: { scores: [{ criterion: '1.1', self: (i % 15) / 10 }] },
      })
    }),
  )
  const answers = results.filter((r) => r !== null)
  for (const r of answers) {
    t.ok([200, 503].includes(r.status), `answered ${r.status}`)
    if (r.status !== 200) t.match(r.type, /^application\/problem\+json/)
  }
  const ok = await send(base, 'GET', '/v1/periods/2018/units/xa-a/scorecard')
  t.equal(ok.status, 200, 'the service carries on')
})

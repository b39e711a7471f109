import t from 'tap'
import { sql } from 'kysely'
import { build } from './helpers/build.js'
import { call, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

t.test('2,000 distinct unknown groups answer empty listings and do not grow the results cache', async (t) => {
  const app = await build(t)
  await seedUnit(app, 'u1', { group: 'xa' })
  await seedUnit(app, 'u2', { group: 'phuong' })
  await seedFramework(app, 'f1')
  await seedPeriod(app, 'p1', 'f1', ['u1', 'u2'])
  const known = await call(app, 'GET', '/v1/periods/p1/results?group=xa')
  t.equal(known.json().items.length, 1)
  const before = await app.results.encodedSize(app.db, 'p1')
  t.same(before, { entries: 1, bytes: known.rawPayload.length }, 'a known group is kept')
  for (let i = 0; i < 2000; i++) {
    const res = await call(app, 'GET', `/v1/periods/p1/results?group=g${i}`)
    if (i === 0) {
      t.equal(res.statusCode, 200)
      t.same(res.json().items, [])
      t.equal(res.json().statistics.count, 0)
    }
  }
  // At most what was kept before: on a shared external server, another test file's change to a period of
  // the same code (NOTIFY is per database, not per schema) may drop the cached answer meanwhile.
  const after = await app.results.encodedSize(app.db, 'p1')
  t.ok(after && after.entries <= 1 && after.bytes <= known.rawPayload.length, 'nothing more is kept')
})

t.test('the representations kept per period are bounded', async (t) => {
  const app = await build(t)
  const units = Array.from({ length: 100 }, (_, i) => `u${i}`)
  for (const [i, u] of units.entries()) await seedUnit(app, u, { group: `g${i}` })
  await seedFramework(app, 'f1')
  await seedPeriod(app, 'p1', 'f1', units)
  for (let i = 0; i < 100; i++) await call(app, 'GET', `/v1/periods/p1/results?group=g${i}`)
  const size = await app.results.encodedSize(app.db, 'p1')
  t.equal(size?.entries, 64)
})

t.test('cached results are answered while another session holds the periods table locked', async (t) => {
  const app = await build(t)
  await seedUnit(app, 'u1')
  await seedFramework(app, 'f1')
  await seedPeriod(app, 'p1', 'f1', ['u1'])
  const first = await call(app, 'GET', '/v1/periods/p1/results')
  t.equal(first.statusCode, 200)
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  let locked!: () => void
  const isLocked = new Promise<void>((resolve) => (locked = resolve))
  const locker = app.db.transaction().execute(async (trx) => {
    await sql`lock table periods in access exclusive mode`.execute(trx)
    locked()
    await held
  })
  await isLocked
  try {
    const read = call(app, 'GET', '/v1/periods/p1/results')
    const timeout = new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), 3000))
    const answer = await Promise.race([read, timeout])
    t.not(answer, 'waiting', 'the warm read does not wait for the periods table')
    if (answer !== 'waiting') t.equal(answer.body, first.body, 'the same results')
  } finally {
    release()
    await locker
  }
})

import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedFramework, seedUnit, smallFramework } from './helpers/api.js'

const statuses = (responses: Array<{ statusCode: number }>) => responses.map((r) => r.statusCode).sort()

t.test('ten parallel PUTs of one new framework: one 201, nine 200', async (t) => {
  const app = await build(t)
  const answers = await Promise.all(
    Array.from({ length: 10 }, () => call(app, 'PUT', '/v1/frameworks/f-race', { body: smallFramework })),
  )
  t.same(statuses(answers), [200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
})

t.test('ten parallel PUTs of one new period: one 201, nine 200', async (t) => {
  const app = await build(t)
  await seedUnit(app, 'u1')
  await seedFramework(app, 'f1')
  const body = { name: 'Kỳ 2020', year: 2020, framework: 'f1', units: ['u1'] }
  const answers = await Promise.all(Array.from({ length: 10 }, () => call(app, 'PUT', '/v1/periods/p-race', { body })))
  t.same(statuses(answers), [200, 200, 200, 200, 200, 200, 200, 200, 200, 201])
  const history = await call(app, 'GET', '/v1/periods/p-race/history')
  t.equal(history.json().items.length, 1, 'the period was opened once')
})

t.test('twenty concurrent pairs a→b ∥ b→a never store a parent cycle', async (t) => {
  const app = await build(t)
  for (let i = 0; i < 20; i++) {
    await seedUnit(app, `a${i}`)
    await seedUnit(app, `b${i}`)
  }
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) => [
      call(app, 'PUT', `/v1/units/a${i}`, { body: { name: 'a', group: 'xa', parent: `b${i}` } }),
      call(app, 'PUT', `/v1/units/b${i}`, { body: { name: 'b', group: 'xa', parent: `a${i}` } }),
    ]).flat(),
  )
  for (let i = 0; i < 20; i++) {
    const pair = statuses([answers[2 * i]!, answers[2 * i + 1]!])
    t.same(pair, [200, 422], `pair ${i}: one succeeds, the other would close a cycle`)
    const a = (await call(app, 'GET', `/v1/units/a${i}`)).json()
    const b = (await call(app, 'GET', `/v1/units/b${i}`)).json()
    t.notOk(a.parent === `b${i}` && b.parent === `a${i}`, `pair ${i} stored no cycle`)
  }
})

import t from 'tap'
import { ChangeFeed, InvalidatedCache } from '../src/db/change-feed.js'
import { build } from './helpers/build.js'
import { call, seedClient } from './helpers/api.js'
import { seedDistrict } from './helpers/district.js'

type App = Awaited<ReturnType<typeof build>>

/** Another instance hears of a change through the database, a moment after the commit: wait for it, boundedly. */
async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 5_000
  while (Date.now() < deadline) {
    if (await check()) return
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
  throw new Error(`not within 5 s: ${what}`)
}

const indexOf = async (app: App, unit: string) =>
  (await call(app, 'GET', '/v1/periods/2018/results'))
    .json()
    .items.find((i: { unit: { code: string } }) => i.unit.code === unit).index

t.test('results cached by one instance follow a score written through another', async (t) => {
  const a = await build(t)
  const b = await build(t, {}, { reset: false })
  await seedDistrict(a)
  t.equal(await indexOf(b, 'xa-quang-loi'), 75.83, 'b computes and caches')
  t.equal(await indexOf(b, 'xa-quang-loi'), 75.83, 'b answers again')
  const write = await call(a, 'PUT', '/v1/periods/2018/units/xa-quang-loi/scores', {
    body: { scores: [{ criterion: '1.1', appraised: 10 }] },
  })
  t.equal(write.statusCode, 200)
  t.equal(await indexOf(a, 'xa-quang-loi'), 78.25, 'the writing instance answers the new figure at once')
  await eventually(async () => (await indexOf(b, 'xa-quang-loi')) === 78.25, 'instance b sees the new index')
  t.pass('instance b follows')

  await call(a, 'PUT', '/v1/units/xa-quang-loi', { body: { name: 'UBND xã Quảng Lợi mới', group: 'xa' } })
  await eventually(
    async () =>
      (await call(b, 'GET', '/v1/periods/2018/results'))
        .json()
        .items.some((i: { unit: { name: string } }) => i.unit.name === 'UBND xã Quảng Lợi mới'),
    'a renamed unit shows on instance b',
  )
  t.pass("a unit change reaches every period's results")
})

t.test('a token revoked through one instance stops on the other', async (t) => {
  const a = await build(t)
  const b = await build(t, {}, { reset: false })
  const created = (await call(a, 'POST', '/v1/clients', { body: { name: 'x', role: 'reader' } })).json()
  t.equal(
    (await call(b, 'GET', '/v1/units', { token: created.token })).statusCode,
    200,
    'b knows the token (and caches it)',
  )
  t.equal((await call(a, 'DELETE', `/v1/clients/${created.id}`)).statusCode, 204)
  t.equal(
    (await call(a, 'GET', '/v1/units', { token: created.token })).statusCode,
    401,
    'at once on the revoking instance',
  )
  await eventually(
    async () => (await call(b, 'GET', '/v1/units', { token: created.token })).statusCode === 401,
    'b refuses the revoked token',
  )
  t.pass('b refuses it')
})

t.test(
  'the cache never keeps an answer computed across an invalidation, nor trusts anything while the feed is down',
  async (t) => {
    const feed = new ChangeFeed()
    await feed.start()
    const cache = new InvalidatedCache<string>(feed, 'results')
    let computed = 0
    t.equal(await cache.get('p', async () => `v${++computed}`), 'v1')
    t.equal(await cache.get('p', async () => `v${++computed}`), 'v1', 'cached')
    cache.invalidate('p')
    const slow = cache.get('p', async () => {
      cache.invalidate('p') // a write commits while this read computes
      return `v${++computed}`
    })
    t.equal(await slow, 'v2')
    t.equal(await cache.get('p', async () => `v${++computed}`), 'v3', 'v2 was not kept')
    cache.invalidate('*')
    t.equal(await cache.get('p', async () => `v${++computed}`), 'v4', 'everything invalidated')

    const down = new ChangeFeed({ kind: 'postgres', url: 'postgres://nobody@127.0.0.1:1/none' })
    const distrusting = new InvalidatedCache<string>(down, 'results')
    let n = 0
    await distrusting.get('p', async () => `w${++n}`)
    t.equal(
      await distrusting.get('p', async () => `w${++n}`),
      'w2',
      'not started, or disconnected: every read computes',
    )
    await down.close()
    await feed.close()
  },
)

t.test('a seeded reader token keeps working while caches are warm', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  const reader = await seedClient(app, 'reader')
  for (let i = 0; i < 3; i++)
    t.equal((await call(app, 'GET', '/v1/periods/2018/results', { token: reader })).statusCode, 200)
})

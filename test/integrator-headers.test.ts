import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

t.test('every 201 carries Location', async (t) => {
  const app = await build(t)
  const unit = await call(app, 'PUT', '/v1/units/xa-a', { body: { name: 'Xã A', group: 'xa' } })
  t.equal(unit.statusCode, 201)
  t.equal(unit.headers.location, '/v1/units/xa-a')
  const again = await call(app, 'PUT', '/v1/units/xa-a', { body: { name: 'Xã A', group: 'xa' } })
  t.equal(again.headers.location, undefined, 'a 200 has none')
  const client = await call(app, 'POST', '/v1/clients', { body: { name: 'reader', role: 'reader' } })
  t.equal(client.headers.location, `/v1/clients/${client.json().id}`)
  const { smallFramework } = await import('./helpers/api.js')
  const framework = await call(app, 'PUT', '/v1/frameworks/f1', { body: smallFramework })
  t.equal(framework.headers.location, '/v1/frameworks/f1')
  const period = await call(app, 'PUT', '/v1/periods/2018', {
    body: { name: 'Kỳ 2018', year: 2018, framework: 'f1', units: ['xa-a'] },
  })
  t.equal(period.headers.location, '/v1/periods/2018')
  t.equal((await call(app, 'GET', period.headers.location as string)).statusCode, 200)
})

t.test('lists link to their next page (RFC 8288) beside the body', async (t) => {
  const app = await build(t)
  for (const code of ['u1', 'u2', 'u3']) await seedUnit(app, code)
  const first = await call(app, 'GET', '/v1/units?limit=2&group=xa')
  const { next } = first.json()
  t.equal(first.headers.link, `</v1/units?limit=2&group=xa&cursor=${next}>; rel="next"`)
  const url = /^<([^>]+)>/.exec(first.headers.link as string)![1]!
  const second = await call(app, 'GET', url)
  t.same(
    second.json().items.map((u: { code: string }) => u.code),
    ['u3'],
  )
  t.equal(second.headers.link, undefined, 'none on the last page')
})

t.test(
  'results: a strong ETag per representation (the snapshot hash for published JSON), Cache-Control, 304',
  async (t) => {
    const app = await build(t)
    await seedUnit(app, 'u1')
    await seedFramework(app, 'f1')
    await seedPeriod(app, 'p1', 'f1', ['u1'])
    const live = await call(app, 'GET', '/v1/periods/p1/results')
    t.match(live.headers.etag, /^"[^"]+"$/, 'live results carry a strong ETag too')
    t.equal(live.headers['cache-control'], 'no-store')
    await call(app, 'POST', '/v1/periods/p1/status', { body: { status: 'appraisal' } })
    await call(app, 'POST', '/v1/periods/p1/status', { body: { status: 'published' } })
    const published = await call(app, 'GET', '/v1/periods/p1/results')
    const { hash } = published.json().snapshot
    t.equal(published.headers.etag, `"${hash}"`)
    t.equal(published.headers['cache-control'], 'private, no-cache')
    const notModified = await call(app, 'GET', '/v1/periods/p1/results', {
      headers: { 'if-none-match': published.headers.etag as string },
    })
    t.equal(notModified.statusCode, 304)
    t.equal(notModified.body, '')
    const csv = await call(app, 'GET', '/v1/periods/p1/results', {
      headers: { accept: 'text/csv', 'if-none-match': published.headers.etag as string },
    })
    t.equal(csv.statusCode, 200, 'another representation has another tag')
    t.match(csv.headers.etag, /^"[^"]+"$/)
    t.not(csv.headers.etag, published.headers.etag)
    const numbered = await call(app, 'GET', '/v1/periods/p1/results?snapshot=1')
    t.equal(numbered.headers['cache-control'], 'private, max-age=31536000, immutable')
  },
)

import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedClient, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

async function setup(t: Parameters<typeof build>[0]) {
  const app = await build(t)
  await seedFramework(app, 'f2018')
  for (const u of ['phong-noi-vu', 'xa-quang-loi', 'xa-phu-thuong']) await seedUnit(app, u)
  return app
}

t.test('a new period starts open with its units; PUT again replaces (200)', async (t) => {
  const app = await setup(t)
  const created = await call(app, 'PUT', '/v1/periods/2018', {
    body: { name: 'Chỉ số CCHC năm 2018', year: 2018, framework: 'f2018', units: ['xa-quang-loi', 'phong-noi-vu'] },
  })
  t.equal(created.statusCode, 201)
  t.same(created.json(), {
    code: '2018',
    name: 'Chỉ số CCHC năm 2018',
    year: 2018,
    framework: 'f2018',
    status: 'open',
    units: ['phong-noi-vu', 'xa-quang-loi'],
  })
  const replaced = await call(app, 'PUT', '/v1/periods/2018', {
    body: {
      name: 'Chỉ số CCHC 2018',
      year: 2018,
      framework: 'f2018',
      units: ['phong-noi-vu', 'xa-quang-loi', 'xa-phu-thuong'],
    },
  })
  t.equal(replaced.statusCode, 200)
  t.same((await call(app, 'GET', '/v1/periods/2018')).json().units, ['phong-noi-vu', 'xa-phu-thuong', 'xa-quang-loi'])
  t.same((await call(app, 'GET', '/v1/periods')).json(), {
    items: [{ code: '2018', name: 'Chỉ số CCHC 2018', year: 2018, framework: 'f2018', status: 'open' }],
    next: null,
  })
})

t.test('unknown units and framework: 422 naming them, nothing written', async (t) => {
  const app = await setup(t)
  const res = await call(app, 'PUT', '/v1/periods/2018', {
    body: { name: 'x', year: 2018, framework: 'f-none', units: ['phong-noi-vu', 'xa-ma', 'xa-ma2'] },
  })
  t.equal(res.statusCode, 422)
  const body = res.json()
  t.match(body.detail, /xa-ma, xa-ma2/)
  t.same(
    body.errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
    [
      ['/framework', 'unknown-framework'],
      ['/units/1', 'unknown-unit'],
      ['/units/2', 'unknown-unit'],
    ],
  )
  t.equal((await call(app, 'GET', '/v1/periods/2018')).statusCode, 404)
  const dup = await call(app, 'PUT', '/v1/periods/2018', {
    body: { name: 'x', year: 2018, framework: 'f2018', units: ['phong-noi-vu', 'phong-noi-vu'] },
  })
  t.equal(dup.statusCode, 422)
  t.match(dup.json(), { errors: [{ pointer: '/units/1', code: 'duplicate' }] })
})

t.test('lifecycle: forward one step; back needs a reason; anything else 409 with the allowed moves', async (t) => {
  const app = await setup(t)
  await seedPeriod(app, '2018', 'f2018', ['phong-noi-vu'])
  const move = (status: string, reason?: string) =>
    call(app, 'POST', '/v1/periods/2018/status', { body: { status, ...(reason ? { reason } : {}) } })

  const skip = await move('published')
  t.equal(skip.statusCode, 409)
  t.match(skip.json(), { type: 'urn:cchc:problem:illegal-transition', current: 'open', allowed: ['appraisal'] })
  const same = await move('open')
  t.equal(same.statusCode, 409)

  t.equal((await move('appraisal')).statusCode, 200)
  t.equal((await move('published')).json().status, 'published')

  const noReason = await move('open')
  t.equal(noReason.statusCode, 422)
  t.match(noReason.json(), { errors: [{ pointer: '/reason', code: 'required' }] })
  t.equal((await call(app, 'GET', '/v1/periods/2018')).json().status, 'published', 'unchanged')
  const blankReason = await move('open', '   ')
  t.equal(blankReason.statusCode, 422)

  const reopened = await move('appraisal', 'Hội đồng thẩm định yêu cầu giải trình')
  t.equal(reopened.statusCode, 200)
  t.equal(reopened.json().status, 'appraisal')

  const history = await call(app, 'GET', '/v1/periods/2018/history')
  t.equal(history.statusCode, 200)
  t.same(
    history
      .json()
      .items.map(
        (h: { from: string | null; to: string; reason: string | null; client: { id: string; role: string } }) => [
          h.from,
          h.to,
          h.reason,
          h.client.role,
        ],
      ),
    [
      [null, 'open', null, 'admin'],
      ['open', 'appraisal', null, 'admin'],
      ['appraisal', 'published', null, 'admin'],
      ['published', 'appraisal', 'Hội đồng thẩm định yêu cầu giải trình', 'admin'],
    ],
  )
  t.equal(history.json().items[3].client.id, 'bootstrap')
  t.ok(!Number.isNaN(Date.parse(history.json().items[0].at)))
  t.equal((await call(app, 'POST', '/v1/periods/none/status', { body: { status: 'appraisal' } })).statusCode, 404)
  t.equal((await call(app, 'POST', '/v1/periods/2018/status', { body: { status: 'closed' } })).statusCode, 400)
})

t.test('a published period cannot change; units can be added until then', async (t) => {
  const app = await setup(t)
  await seedPeriod(app, '2018', 'f2018', ['phong-noi-vu'])
  await call(app, 'POST', '/v1/periods/2018/status', { body: { status: 'appraisal' } })
  t.equal(
    (
      await call(app, 'PUT', '/v1/periods/2018', {
        body: { name: 'Kỳ 2018', year: 2018, framework: 'f2018', units: ['phong-noi-vu', 'xa-quang-loi'] },
      })
    ).statusCode,
    200,
    'added during appraisal',
  )
  await call(app, 'POST', '/v1/periods/2018/status', { body: { status: 'published' } })
  const locked = await call(app, 'PUT', '/v1/periods/2018', {
    body: { name: 'Kỳ 2018', year: 2018, framework: 'f2018', units: ['phong-noi-vu', 'xa-quang-loi', 'xa-phu-thuong'] },
  })
  t.equal(locked.statusCode, 409)
  t.match(locked.json(), { type: 'urn:cchc:problem:period-locked' })
  const same = await call(app, 'PUT', '/v1/periods/2018', {
    body: { name: 'Kỳ 2018', year: 2018, framework: 'f2018', units: ['xa-quang-loi', 'phong-noi-vu'] },
  })
  t.equal(same.statusCode, 200, 're-sending identical content is harmless')
})

t.test('the framework cannot change, nor a scored unit leave, once a score exists', async (t) => {
  const app = await setup(t)
  await seedFramework(app, 'f2019')
  await seedPeriod(app, '2018', 'f2018', ['phong-noi-vu', 'xa-quang-loi'])
  t.equal(
    (
      await call(app, 'PUT', '/v1/periods/2018', {
        body: { name: 'x', year: 2018, framework: 'f2019', units: ['phong-noi-vu', 'xa-quang-loi'] },
      })
    ).statusCode,
    200,
    'no score yet: the framework may change',
  )
  await app.db
    .insertInto('scores')
    .values({ period_code: '2018', unit_code: 'xa-quang-loi', criterion_code: '1.1', self: '1.00' })
    .execute()
  const change = await call(app, 'PUT', '/v1/periods/2018', {
    body: { name: 'x', year: 2018, framework: 'f2018', units: ['phong-noi-vu', 'xa-quang-loi'] },
  })
  t.equal(change.statusCode, 409)
  t.match(change.json(), { type: 'urn:cchc:problem:framework-in-use' })
  const leave = await call(app, 'PUT', '/v1/periods/2018', {
    body: { name: 'x', year: 2018, framework: 'f2019', units: ['phong-noi-vu'] },
  })
  t.equal(leave.statusCode, 409)
  t.match(leave.json(), { type: 'urn:cchc:problem:conflict', units: ['xa-quang-loi'] })
  t.equal(
    (
      await call(app, 'PUT', '/v1/periods/2018', {
        body: { name: 'x', year: 2018, framework: 'f2019', units: ['xa-quang-loi'] },
      })
    ).statusCode,
    200,
    'an unscored unit may leave',
  )
})

t.test('a unit token reads the periods that list its unit', async (t) => {
  const app = await setup(t)
  await seedPeriod(app, 'p1', 'f2018', ['xa-quang-loi'])
  await seedPeriod(app, 'p2', 'f2018', ['phong-noi-vu'])
  const token = await seedClient(app, 'unit', 'xa-quang-loi')
  t.equal((await call(app, 'GET', '/v1/periods/p1', { token })).statusCode, 200)
  t.equal((await call(app, 'GET', '/v1/periods/p2', { token })).statusCode, 403)
  t.same(
    (await call(app, 'GET', '/v1/periods', { token })).json().items.map((p: { code: string }) => p.code),
    ['p1'],
  )
  t.equal((await call(app, 'GET', '/v1/periods/p1/history', { token })).statusCode, 403)
})

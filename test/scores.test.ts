import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedClient, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

type App = Awaited<ReturnType<typeof build>>

async function setup(t: Parameters<typeof build>[0]) {
  const app = await build(t)
  await seedFramework(app, 'f1')
  await seedUnit(app, 'u1')
  await seedUnit(app, 'u2')
  await seedUnit(app, 'u-outside')
  await seedPeriod(app, 'p', 'f1', ['u1', 'u2'])
  return app
}

const put = (
  app: App,
  body: unknown,
  options: { unit?: string; token?: string; headers?: Record<string, string> } = {},
) =>
  call(app, 'PUT', `/v1/periods/p/units/${options.unit ?? 'u1'}/scores`, {
    body,
    ...(options.token ? { token: options.token } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  })

const leaf = (scorecard: { criteria: Array<{ children?: unknown[] }> }, code: string): Record<string, unknown> => {
  const walk = (nodes: Array<Record<string, unknown>>): Record<string, unknown> | undefined => {
    for (const n of nodes) {
      if (n.code === code) return n
      const found = n.children ? walk(n.children as Array<Record<string, unknown>>) : undefined
      if (found) return found
    }
    return undefined
  }
  return walk(scorecard.criteria)!
}

const setStatus = async (app: App, ...statuses: string[]) => {
  for (const status of statuses) await call(app, 'POST', '/v1/periods/p/status', { body: { status, reason: 'test' } })
}

t.test('merge semantics: left-out fields keep their value, null clears, identical is unchanged', async (t) => {
  const app = await setup(t)
  const first = await put(app, {
    scores: [
      { criterion: '1.1', self: 1.5, note: 'Đã ban hành kế hoạch', evidence: ['https://vb.example.gov.vn/kh.pdf'] },
    ],
  })
  t.equal(first.statusCode, 200, first.body)
  t.same(first.json().summary, { created: 1, updated: 0, unchanged: 0 })
  t.match(leaf(first.json().scorecard, '1.1'), {
    self: 1.5,
    appraised: null,
    final: 1.5,
    note: 'Đã ban hành kế hoạch',
    evidence: ['https://vb.example.gov.vn/kh.pdf'],
  })

  const second = await put(app, {
    scores: [
      { criterion: '1.1', appraised: 1.25 },
      { criterion: '1.2', self: 1 },
    ],
  })
  t.same(second.json().summary, { created: 1, updated: 1, unchanged: 0 })
  t.match(
    leaf(second.json().scorecard, '1.1'),
    { self: 1.5, appraised: 1.25, final: 1.25, note: 'Đã ban hành kế hoạch' },
    'self and note kept',
  )

  const again = await put(app, { scores: [{ criterion: '1.1', appraised: 1.25, self: 1.5 }] })
  t.same(again.json().summary, { created: 0, updated: 0, unchanged: 1 })

  const cleared = await put(app, { scores: [{ criterion: '1.1', note: null, evidence: null }] })
  t.same(cleared.json().summary, { created: 0, updated: 1, unchanged: 0 })
  t.match(leaf(cleared.json().scorecard, '1.1'), { note: null, evidence: null, self: 1.5 })

  const audit = (await call(app, 'GET', '/v1/periods/p/audit')).json().items
  t.equal(
    audit.length,
    7,
    'self, note, evidence, appraised, 1.2 self, note cleared, evidence cleared; the identical resend left no entry',
  )
})

t.test(
  'rows giving no value where nothing is stored count as unchanged and store nothing, published included',
  async (t) => {
    const app = await setup(t)
    const noValue = [
      { criterion: '1.1' },
      { criterion: '1.2', notApplicable: false },
      { criterion: '2.1', self: null, appraised: null, note: null, evidence: null },
    ]
    for (const status of ['open', 'appraisal', 'published']) {
      if (status !== 'open') await setStatus(app, status)
      const res = await put(app, { scores: noValue })
      t.equal(res.statusCode, 200, status)
      t.same(res.json().summary, { created: 0, updated: 0, unchanged: 3 }, status)
      const imported = await call(app, 'POST', '/v1/periods/p/scores/import', {
        body: {
          rows: [
            { unit: 'u2', criterion: '1.1' },
            { unit: 'u2', criterion: '1.2', notApplicable: false },
            { unit: 'u2', criterion: '2.1', self: null, appraised: null, note: null },
          ],
        },
      })
      t.same(imported.json(), { dryRun: false, rows: 3, created: 0, updated: 0, unchanged: 3 }, `${status}: import`)
    }
    t.equal((await app.db.selectFrom('scores').selectAll().execute()).length, 0, 'no score row stored')
    t.same((await call(app, 'GET', '/v1/periods/p/audit')).json().items, [], 'nothing audited')
    await setStatus(app, 'appraisal', 'open')
    const leave = await call(app, 'PUT', '/v1/periods/p', {
      body: { name: 'Kỳ p', year: 2018, framework: 'f1', units: ['u2'] },
    })
    t.equal(leave.statusCode, 200, 'u1, with no score stored, may leave the period')
  },
)

t.test('the scorecard: exact points, applicable maxima, sub-indexes, band, provisional', async (t) => {
  const app = await setup(t)
  const res = await put(app, {
    scores: [
      { criterion: '1.1', self: 1.5, appraised: 1.25 },
      { criterion: '1.2', notApplicable: true },
      { criterion: '2.1', self: 2, appraised: 2.25 },
    ],
  })
  const card = res.json().scorecard
  // Applicable: 1.1 (1.5) + 2.1 (2.5) + 8.1 survey (5) = 9; points 1.25 + 2.25 + 0 (no survey yet) = 3.5
  t.match(card, {
    period: 'p',
    unit: 'u1',
    points: 3.5,
    maxPoints: 9,
    index: 38.89,
    band: { code: 'weak', label: 'Yếu' },
    provisional: true,
  })
  t.match(leaf(card, '1'), { maxPoints: 1.5, points: 1.25, index: 83.33 })
  t.match(leaf(card, '1.2'), { maxPoints: 0, points: 0, index: null, notApplicable: true, final: null })
  t.match(leaf(card, '8.1'), { method: 'survey', maxPoints: 5, points: 0, final: 0, index: 0 })

  const read = await call(app, 'GET', '/v1/periods/p/units/u1/scorecard')
  t.equal(read.statusCode, 200)
  t.same(read.json(), card, 'GET answers the same scorecard')
  t.equal(read.headers.etag, res.headers.etag)
  t.equal(
    (
      await call(app, 'GET', '/v1/periods/p/units/u1/scorecard', {
        headers: { 'if-none-match': read.headers.etag as string },
      })
    ).statusCode,
    304,
  )
})

t.test('a unit with every leaf not applicable has no index and no band', async (t) => {
  const app = await setup(t)
  const res = await put(app, { scores: ['1.1', '1.2', '2.1'].map((criterion) => ({ criterion, notApplicable: true })) })
  t.equal(res.statusCode, 200)
  // 8.1 is a survey leaf and cannot be marked by this route; the unit keeps 5 applicable points.
  t.match(res.json().scorecard, { maxPoints: 5, points: 0, index: 0 })
})

t.test('who writes what: fields the role may not write are 403 naming the field', async (t) => {
  const app = await setup(t)
  const unitToken = await seedClient(app, 'unit', 'u1')
  const appraiser = await seedClient(app, 'appraiser')
  const reader = await seedClient(app, 'reader')

  const unitAppraises = await put(app, { scores: [{ criterion: '1.1', appraised: 1 }] }, { token: unitToken })
  t.equal(unitAppraises.statusCode, 403)
  t.match(unitAppraises.json(), {
    type: 'urn:cchc:problem:forbidden',
    fields: ['appraised'],
    errors: [{ pointer: '/scores/0/appraised', code: 'field-not-allowed' }],
  })

  t.equal(
    (await put(app, { scores: [{ criterion: '1.1', self: 1, note: 'x' }] }, { token: unitToken })).statusCode,
    200,
  )
  const appraiserSelf = await put(app, { scores: [{ criterion: '1.1', self: 1.5 }] }, { token: appraiser })
  t.equal(appraiserSelf.statusCode, 403)
  t.match(appraiserSelf.json(), { errors: [{ pointer: '/scores/0/self' }] })
  const appraiserOk = await put(
    app,
    { scores: [{ criterion: '1.1', self: 1, appraised: 0.75, notApplicable: false }] },
    { token: appraiser },
  )
  t.equal(appraiserOk.statusCode, 200, "re-sending the unit's identical self value is harmless")

  const otherUnit = await put(app, { scores: [{ criterion: '1.1', self: 1 }] }, { unit: 'u2', token: unitToken })
  t.equal(otherUnit.statusCode, 403)
  t.equal((await put(app, { scores: [] }, { token: reader })).statusCode, 403)
  t.equal((await call(app, 'GET', '/v1/periods/p/units/u2/scorecard', { token: unitToken })).statusCode, 403)
  t.equal((await call(app, 'GET', '/v1/periods/p/units/u1/scorecard', { token: unitToken })).statusCode, 200)
})

t.test(
  'status: appraisal closes self-assessment (period-closed), publication closes everything (period-locked)',
  async (t) => {
    const app = await setup(t)
    await put(app, { scores: [{ criterion: '1.1', self: 1.5 }] })
    await setStatus(app, 'appraisal')
    const selfLate = await put(app, { scores: [{ criterion: '1.1', self: 1 }] })
    t.equal(selfLate.statusCode, 409)
    t.match(selfLate.json(), { type: 'urn:cchc:problem:period-closed', periodStatus: 'appraisal', fields: ['self'] })
    t.equal(
      (await put(app, { scores: [{ criterion: '1.1', self: 1.5, appraised: 1.5 }] })).statusCode,
      200,
      'appraised accepted, identical self harmless',
    )
    await setStatus(app, 'published')
    const locked = await put(app, { scores: [{ criterion: '1.1', appraised: 1 }] })
    t.equal(locked.statusCode, 409)
    t.match(locked.json(), { type: 'urn:cchc:problem:period-locked' })
    const same = await put(app, { scores: [{ criterion: '1.1', self: 1.5, appraised: 1.5 }] })
    t.equal(same.statusCode, 200)
    t.same(same.json().summary, { created: 0, updated: 0, unchanged: 1 })
  },
)

t.test('rules: 422 listing every bad row, and nothing written', async (t) => {
  const app = await setup(t)
  const res = await put(app, {
    scores: [
      { criterion: '1.1', self: 1.75 },
      { criterion: '1.2', appraised: -0.5 },
      { criterion: '2.1', self: 1.255 },
      { criterion: '9.9', self: 1 },
      { criterion: '1', self: 1 },
      { criterion: '8.1', self: 1 },
      { criterion: '2.1', evidence: ['ftp://x.example/a', 'https://ok.example/b'] },
      { criterion: '1.2', note: 'x'.repeat(2001) },
      { criterion: '1.1', self: 1 },
    ],
  })
  t.equal(res.statusCode, 422)
  t.same(
    res.json().errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
    [
      ['/scores/0/self', 'above-maximum'],
      ['/scores/1/appraised', 'below-zero'],
      ['/scores/2/self', 'too-many-decimals'],
      ['/scores/3/criterion', 'unknown-criterion'],
      ['/scores/4/criterion', 'not-a-leaf'],
      ['/scores/5/criterion', 'survey-scored'],
      ['/scores/6/evidence/0', 'not-a-url'],
      ['/scores/6/criterion', 'duplicate'],
      ['/scores/7/note', 'too-long'],
      ['/scores/7/criterion', 'duplicate'],
      ['/scores/8/criterion', 'duplicate'],
    ],
  )
  t.equal((await app.db.selectFrom('scores').selectAll().execute()).length, 0, 'nothing written')
  t.same((await call(app, 'GET', '/v1/periods/p/audit')).json().items, [], 'nothing audited')

  const outside = await put(app, { scores: [{ criterion: '1.1', self: 1 }] }, { unit: 'u-outside' })
  t.equal(outside.statusCode, 422)
  t.match(outside.json(), { errors: [{ code: 'not-in-period' }] })
  t.equal((await put(app, { scores: [] }, { unit: 'u-none' })).statusCode, 404)
  t.equal((await call(app, 'PUT', '/v1/periods/none/units/u1/scores', { body: { scores: [] } })).statusCode, 404)
  const text = await put(app, { scores: [{ criterion: '1.1', self: '1.5' }] })
  t.equal(text.statusCode, 400, 'a score sent as text is not a number')
  t.match(text.json(), { errors: [{ pointer: '/scores/0/self' }] })
})

t.test('If-Match: a stale ETag answers 412; of two writers with the same ETag exactly one wins', async (t) => {
  const app = await setup(t)
  await put(app, { scores: [{ criterion: '1.1', self: 1 }] })
  const etag = (await call(app, 'GET', '/v1/periods/p/units/u1/scorecard')).headers.etag as string
  t.match(etag, /^"[A-Za-z0-9_-]+"$/)

  const results = await Promise.all([
    put(app, { scores: [{ criterion: '1.1', self: 1.25 }] }, { headers: { 'if-match': etag } }),
    put(app, { scores: [{ criterion: '1.1', self: 0.5 }] }, { headers: { 'if-match': etag } }),
  ])
  const codes = results.map((r) => r.statusCode).sort()
  t.same(codes, [200, 412], 'one wins, the other is told the scorecard changed')
  const loser = results.find((r) => r.statusCode === 412)!
  t.match(loser.json(), { type: 'urn:cchc:problem:precondition-failed' })
  const winner = results.find((r) => r.statusCode === 200)!
  const stored = leaf((await call(app, 'GET', '/v1/periods/p/units/u1/scorecard')).json(), '1.1')
  t.equal(stored.self, leaf(winner.json().scorecard, '1.1').self, "the stored value is the winner's")
  t.equal(
    (
      await put(
        app,
        { scores: [{ criterion: '1.1', self: 1.5 }] },
        { headers: { 'if-match': winner.headers.etag as string } },
      )
    ).statusCode,
    200,
  )
})

t.test('audit: who, when, field, old → new, reason; newest first; filters and pages', async (t) => {
  const app = await setup(t)
  const appraiser = await seedClient(app, 'appraiser')
  await put(app, { scores: [{ criterion: '1.1', self: 1.5 }] })
  await put(
    app,
    {
      scores: [
        { criterion: '1.1', appraised: 1.25 },
        { criterion: '2.1', notApplicable: true },
      ],
      reason: 'Thẩm định vòng 1',
    },
    { token: appraiser },
  )
  await put(app, { scores: [{ criterion: '1.1', appraised: 1 }] }, { token: appraiser })

  const all = (await call(app, 'GET', '/v1/periods/p/audit')).json()
  t.same(
    all.items.map((e: Record<string, unknown>) => [e.criterion, e.field, e.old, e.new, e.reason]),
    [
      ['1.1', 'appraised', 1.25, 1, null],
      ['2.1', 'notApplicable', false, true, 'Thẩm định vòng 1'],
      ['1.1', 'appraised', null, 1.25, 'Thẩm định vòng 1'],
      ['1.1', 'self', null, 1.5, null],
    ],
  )
  t.match(all.items[0], { unit: 'u1', client: { role: 'appraiser' } })
  t.match(all.items[3], { client: { id: 'bootstrap', role: 'admin' } })
  t.equal((await call(app, 'GET', '/v1/periods/p/audit?criterion=2.1')).json().items.length, 1)
  t.equal((await call(app, 'GET', '/v1/periods/p/audit?unit=u2')).json().items.length, 0)
  const first = (await call(app, 'GET', '/v1/periods/p/audit?limit=3')).json()
  t.equal(first.items.length, 3)
  const rest = (await call(app, 'GET', `/v1/periods/p/audit?limit=3&cursor=${first.next}`)).json()
  t.same(
    rest.items.map((e: { field: string }) => e.field),
    ['self'],
  )
  t.equal(rest.next, null)
  t.equal(
    (await call(app, 'GET', '/v1/periods/p/audit', { token: await seedClient(app, 'unit', 'u1') })).statusCode,
    403,
  )
})

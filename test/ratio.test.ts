import { parse } from 'csv-parse/sync'
import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedClient, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

type App = Awaited<ReturnType<typeof build>>
type Node = Record<string, unknown> & { code: string; children?: Node[] }

/**
 * 10 points: field 1 appraisal (1.1: 4, 1.2: 2), field 2 ratio (2.1: 1 by tiers 100 → 1, 95 → 0.5;
 * 2.2: 2 in proportion to a 75 % target), field 8 survey (8.1: 1, element `access`).
 */
const ratioFramework = {
  name: 'Bộ chỉ số có chỉ tiêu tỷ lệ',
  criteria: [
    {
      code: '1',
      title: 'Công tác chỉ đạo, điều hành',
      children: [
        { code: '1.1', title: 'Kế hoạch CCHC', maxPoints: 4 },
        { code: '1.2', title: 'Báo cáo CCHC', maxPoints: 2 },
      ],
    },
    {
      code: '2',
      title: 'Cải cách thủ tục hành chính',
      children: [
        {
          code: '2.1',
          title: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
          maxPoints: 1,
          method: 'ratio',
          ratio: {
            label: 'Hồ sơ giải quyết đúng hạn',
            scoring: {
              kind: 'tiers',
              tiers: [
                { min: 100, points: 1 },
                { min: 95, points: 0.5 },
              ],
            },
          },
        },
        {
          code: '2.2',
          title: 'Tỷ lệ TTHC trực tuyến mức độ 3, 4',
          maxPoints: 2,
          method: 'ratio',
          ratio: { label: 'TTHC trực tuyến mức độ 3, 4', scoring: { kind: 'proportional', target: 75 } },
        },
      ],
    },
    {
      code: '8',
      title: 'Tác động của CCHC',
      children: [{ code: '8.1', title: 'Hài lòng', maxPoints: 1, method: 'survey', surveyElement: 'access' }],
    },
  ],
  survey: {
    levels: 5,
    satisfiedFrom: 4,
    elements: [
      {
        code: 'access',
        title: 'Tiếp cận dịch vụ',
        questions: [
          { code: 'A1', text: 'Nơi ngồi chờ' },
          { code: 'A2', text: 'Trang thiết bị' },
        ],
      },
    ],
  },
}

async function setup(t: Parameters<typeof build>[0]) {
  const app = await build(t)
  await seedFramework(app, 'fr', ratioFramework)
  for (const u of ['xa-a', 'xa-b', 'xa-c']) await seedUnit(app, u)
  await seedPeriod(app, 'p', 'fr', ['xa-a', 'xa-b', 'xa-c'])
  return app
}

const indicators = (
  app: App,
  unit: string,
  rows: unknown[],
  options: { token?: string; headers?: Record<string, string>; reason?: string } = {},
) =>
  call(app, 'PUT', `/v1/periods/p/units/${unit}/indicators`, {
    body: { indicators: rows, ...(options.reason ? { reason: options.reason } : {}) },
    ...(options.token ? { token: options.token } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  })
const scores = (app: App, unit: string, rows: unknown[], token?: string) =>
  call(app, 'PUT', `/v1/periods/p/units/${unit}/scores`, { body: { scores: rows }, ...(token ? { token } : {}) })
const survey = (app: App, unit: string, a1: number[], a2: number[]) =>
  call(app, 'PUT', `/v1/periods/p/units/${unit}/survey`, {
    body: {
      questions: [
        { code: 'A1', counts: a1 },
        { code: 'A2', counts: a2 },
      ],
    },
  })
const setStatus = async (app: App, status: string) =>
  call(app, 'POST', '/v1/periods/p/status', { body: { status, reason: 'test' } })

const leaf = (card: { criteria: Node[] }, code: string): Node => {
  const walk = (nodes: Node[]): Node | undefined => {
    for (const n of nodes) {
      const found = n.code === code ? n : n.children ? walk(n.children) : undefined
      if (found) return found
    }
    return undefined
  }
  return walk(card.criteria)!
}
const errorsOf = (body: { errors: Array<{ pointer: string; code: string; row?: number }> }) =>
  body.errors.map((e) => `${e.row === undefined ? '' : `${e.row} `}${e.pointer} ${e.code}`)

t.test(
  'framework: a ratio leaf is shown with its rule; identical content is harmless, other content in use is 409',
  async (t) => {
    const app = await setup(t)
    const got = (await call(app, 'GET', '/v1/frameworks/fr')).json()
    t.equal(got.totalPoints, 10)
    t.same(got.criteria[1].children[1], {
      code: '2.2',
      title: 'Tỷ lệ TTHC trực tuyến mức độ 3, 4',
      maxPoints: 2,
      method: 'ratio',
      surveyElement: null,
      ratio: { label: 'TTHC trực tuyến mức độ 3, 4', scoring: { kind: 'proportional', target: 75 } },
    })
    t.equal((await call(app, 'PUT', '/v1/frameworks/fr', { body: ratioFramework })).statusCode, 200)
    const changed = JSON.parse(
      JSON.stringify(ratioFramework).replace('"target":75', '"target":80'),
    ) as typeof ratioFramework
    const res = await call(app, 'PUT', '/v1/frameworks/fr', { body: changed })
    t.equal(res.statusCode, 409)
    t.equal(res.json().type, 'urn:cchc:problem:framework-in-use')
  },
)

t.test('framework: 422 with a pointer per broken ratio rule', async (t) => {
  const app = await build(t)
  const ratioLeaf = (code: string, ratio: unknown, extra: Record<string, unknown> = {}) => ({
    code,
    title: `Chỉ tiêu ${code}`,
    maxPoints: 1,
    method: 'ratio',
    ...(ratio === undefined ? {} : { ratio }),
    ...extra,
  })
  const body = {
    name: 'Sai',
    criteria: [
      {
        code: '1',
        title: 'Lĩnh vực',
        children: [
          ratioLeaf('1.1', undefined),
          ratioLeaf('1.2', {
            label: 'Đúng hạn',
            scoring: {
              kind: 'tiers',
              tiers: [
                { min: 95, points: 1.5 },
                { min: 95, points: 0.5 },
                { min: 101, points: 0.25 },
                { min: 90.125, points: 0.1 },
              ],
            },
          }),
          ratioLeaf('1.3', { label: 'Trực tuyến', scoring: { kind: 'proportional', target: 0 } }),
          ratioLeaf('1.4', { label: 'Trực tuyến', scoring: { kind: 'proportional', target: 100.5 } }),
          ratioLeaf('1.5', { label: 'Trực tuyến', scoring: { kind: 'proportional', target: 75.001 } }),
          {
            code: '1.6',
            title: 'Thẩm định',
            maxPoints: 1,
            ratio: { label: 'x', scoring: { kind: 'proportional', target: 50 } },
          },
        ],
      },
    ],
  }
  const res = await call(app, 'PUT', '/v1/frameworks/bad', { body })
  t.equal(res.statusCode, 422, res.body)
  t.same(errorsOf(res.json()), [
    '/criteria/0/children/0/ratio required',
    '/criteria/0/children/1/ratio/scoring/tiers/0/points above-maximum',
    '/criteria/0/children/1/ratio/scoring/tiers/1/min duplicate',
    '/criteria/0/children/1/ratio/scoring/tiers/2/min out-of-range',
    '/criteria/0/children/1/ratio/scoring/tiers/3/min too-many-decimals',
    '/criteria/0/children/2/ratio/scoring/target out-of-range',
    '/criteria/0/children/3/ratio/scoring/target out-of-range',
    '/criteria/0/children/4/ratio/scoring/target too-many-decimals',
    '/criteria/0/children/5/ratio not-ratio',
  ])
})

t.test('tiers: 19/20 = 95.00 % reaches the 95 tier, 1899/2000 = 94.95 % does not; counted like scores', async (t) => {
  const app = await setup(t)
  const first = await indicators(app, 'xa-a', [{ criterion: '2.1', numerator: 19, denominator: 20 }])
  t.equal(first.statusCode, 200, first.body)
  t.same(first.json().summary, { created: 1, updated: 0, unchanged: 0 })
  t.match(leaf(first.json().scorecard, '2.1'), {
    method: 'ratio',
    numerator: 19,
    denominator: 20,
    rate: 95,
    computedPoints: 0.5,
    appraised: null,
    final: 0.5,
    points: 0.5,
    maxPoints: 1,
    notApplicable: false,
  })
  const below = await indicators(app, 'xa-a', [{ criterion: '2.1', numerator: 1899, denominator: 2000 }])
  t.same(below.json().summary, { created: 0, updated: 1, unchanged: 0 })
  t.match(leaf(below.json().scorecard, '2.1'), { rate: 94.95, computedPoints: 0, final: 0, points: 0 })
  const again = await indicators(app, 'xa-a', [{ criterion: '2.1', numerator: 1899, denominator: 2000 }])
  t.same(again.json().summary, { created: 0, updated: 0, unchanged: 1 })
  const full = await indicators(app, 'xa-a', [{ criterion: '2.1', numerator: 20, denominator: 20 }])
  t.match(leaf(full.json().scorecard, '2.1'), { rate: 100, computedPoints: 1, final: 1 })
})

t.test('proportional: points grow with the rate up to the target and are capped at maxPoints there', async (t) => {
  const app = await setup(t)
  const at = async (numerator: number, denominator: number) =>
    leaf((await indicators(app, 'xa-a', [{ criterion: '2.2', numerator, denominator }])).json().scorecard, '2.2')
  // 2 × (50 ÷ 75) = 1.3333… → 1.33
  t.match(await at(1, 2), { rate: 50, computedPoints: 1.33, final: 1.33, points: 1.33, index: 66.67 })
  t.match(await at(3, 4), { rate: 75, computedPoints: 2, points: 2 }, 'at the target')
  t.match(await at(9, 10), { rate: 90, computedPoints: 2, points: 2, index: 100 }, 'capped above it')
})

t.test('a denominator of 0 makes the leaf not applicable to the unit; null for both clears the counts', async (t) => {
  const app = await setup(t)
  const res = await indicators(app, 'xa-a', [{ criterion: '2.1', numerator: 0, denominator: 0 }])
  t.equal(res.statusCode, 200, res.body)
  const card = res.json().scorecard
  t.match(leaf(card, '2.1'), {
    numerator: 0,
    denominator: 0,
    notApplicable: true,
    maxPoints: 0,
    index: null,
    rate: null,
    computedPoints: null,
    final: null,
  })
  t.equal(card.maxPoints, 9, 'the leaf leaves the maximum')
  const cleared = await indicators(app, 'xa-a', [{ criterion: '2.1', numerator: null, denominator: null }])
  t.same(cleared.json().summary, { created: 0, updated: 1, unchanged: 0 })
  t.match(leaf(cleared.json().scorecard, '2.1'), { numerator: null, denominator: null, notApplicable: false })
  t.equal(cleared.json().scorecard.maxPoints, 10)
})

t.test('an appraised score overrides the computed points, and removing it brings them back', async (t) => {
  const app = await setup(t)
  await indicators(app, 'xa-a', [{ criterion: '2.1', numerator: 19, denominator: 20 }])
  const appraiser = await seedClient(app, 'appraiser')
  const over = await scores(app, 'xa-a', [{ criterion: '2.1', appraised: 0.8 }], appraiser)
  t.equal(over.statusCode, 200, over.body)
  t.match(leaf(over.json().scorecard, '2.1'), { computedPoints: 0.5, appraised: 0.8, final: 0.8, points: 0.8 })
  const results = (await call(app, 'GET', '/v1/periods/p/results')).json()
  t.equal(results.items.find((i: { unit: { code: string } }) => i.unit.code === 'xa-a').points, 0.8)
  const removed = await scores(app, 'xa-a', [{ criterion: '2.1', appraised: null }], appraiser)
  t.match(leaf(removed.json().scorecard, '2.1'), { computedPoints: 0.5, appraised: null, final: 0.5, points: 0.5 })
})

t.test('without counts or an appraised score a ratio leaf earns 0 and the unit is provisional', async (t) => {
  const app = await setup(t)
  await scores(app, 'xa-a', [
    { criterion: '1.1', appraised: 4 },
    { criterion: '1.2', appraised: 2 },
  ])
  await survey(app, 'xa-a', [0, 0, 0, 0, 1], [0, 0, 0, 0, 1])
  await indicators(app, 'xa-a', [{ criterion: '2.1', numerator: 1, denominator: 1 }])
  const card = (await call(app, 'GET', '/v1/periods/p/units/xa-a/scorecard')).json()
  t.match(leaf(card, '2.2'), { numerator: null, denominator: null, rate: null, computedPoints: null, points: 0 })
  t.equal(card.provisional, true)
  const before = (await call(app, 'GET', '/v1/periods/p/results')).json()
  t.match(before.items[0], { unit: { code: 'xa-a' }, points: 8, provisional: true })
  await indicators(app, 'xa-a', [{ criterion: '2.2', numerator: 3, denominator: 4 }])
  const after = (await call(app, 'GET', '/v1/periods/p/results')).json()
  t.match(after.items[0], { unit: { code: 'xa-a' }, points: 10, index: 100, provisional: false })
})

t.test('a unit token writes its own counts and is refused (403) for another unit', async (t) => {
  const app = await setup(t)
  const token = await seedClient(app, 'unit', 'xa-a')
  const own = await indicators(app, 'xa-a', [{ criterion: '2.2', numerator: 3, denominator: 4 }], { token })
  t.equal(own.statusCode, 200, own.body)
  const other = await indicators(app, 'xa-b', [{ criterion: '2.2', numerator: 3, denominator: 4 }], { token })
  t.equal(other.statusCode, 403)
  t.equal(other.json().type, 'urn:cchc:problem:forbidden')
  t.equal((await call(app, 'GET', '/v1/periods/p/units/xa-b/scorecard')).json().criteria[1].children[1].numerator, null)
})

t.test(
  'status: counts are written in open and appraisal, not once published; identical counts always pass',
  async (t) => {
    const app = await setup(t)
    const row = { criterion: '2.1', numerator: 19, denominator: 20 }
    await indicators(app, 'xa-a', [row])
    await setStatus(app, 'appraisal')
    const inAppraisal = await indicators(app, 'xa-a', [{ ...row, numerator: 20 }])
    t.equal(inAppraisal.statusCode, 200, inAppraisal.body)
    await setStatus(app, 'published')
    const locked = await indicators(app, 'xa-a', [{ ...row, numerator: 19 }])
    t.equal(locked.statusCode, 409)
    t.equal(locked.json().type, 'urn:cchc:problem:period-locked')
    t.same(locked.json().errors, [
      {
        pointer: '/indicators/0/numerator',
        code: 'period-locked',
        message: 'numerator cannot be written while the period is published',
      },
    ])
    const same = await indicators(app, 'xa-a', [{ ...row, numerator: 20 }])
    t.equal(same.statusCode, 200)
    t.same(same.json().summary, { created: 0, updated: 0, unchanged: 1 })
  },
)

t.test('If-Match: a stale scorecard ETag is 412, the current one writes', async (t) => {
  const app = await setup(t)
  const read = await call(app, 'GET', '/v1/periods/p/units/xa-a/scorecard')
  const etag = read.headers.etag as string
  const written = await indicators(app, 'xa-a', [{ criterion: '2.1', numerator: 1, denominator: 2 }], {
    headers: { 'if-match': etag },
  })
  t.equal(written.statusCode, 200)
  t.not(written.headers.etag, etag)
  const stale = await indicators(app, 'xa-a', [{ criterion: '2.1', numerator: 2, denominator: 2 }], {
    headers: { 'if-match': etag },
  })
  t.equal(stale.statusCode, 412)
})

t.test('count rules: 422 with a pointer per row at fault, nothing written', async (t) => {
  const app = await setup(t)
  const res = await indicators(app, 'xa-a', [
    { criterion: '2.1', numerator: 5 },
    { criterion: '2.2', numerator: 1.5, denominator: 2 },
    { criterion: '2.1', numerator: 3, denominator: 2 },
    { criterion: '1.1', numerator: 1, denominator: 2 },
    { criterion: '8.1', numerator: 1, denominator: 2 },
    { criterion: '2.2', numerator: null, denominator: 4 },
    { criterion: '2.2', numerator: -1, denominator: 4 },
  ])
  t.equal(res.statusCode, 422, res.body)
  t.same(errorsOf(res.json()), [
    '/indicators/0/denominator counts-together',
    '/indicators/1/numerator not-an-integer',
    '/indicators/2/numerator above-denominator',
    '/indicators/2/criterion duplicate',
    '/indicators/3/numerator not-ratio',
    '/indicators/4/criterion survey-scored',
    '/indicators/5/numerator counts-together',
    '/indicators/5/criterion duplicate',
    '/indicators/6/numerator below-zero',
    '/indicators/6/criterion duplicate',
  ])
  const selfOnRatio = await scores(app, 'xa-a', [{ criterion: '2.1', self: 0.5 }])
  t.equal(selfOnRatio.statusCode, 422)
  t.same(errorsOf(selfOnRatio.json()), ['/scores/0/self ratio-scored'])
  t.equal((await app.db.selectFrom('scores').selectAll().execute()).length, 0)
})

t.test('audit: each changed count is an entry of field numerator or denominator, with the reason', async (t) => {
  const app = await setup(t)
  await indicators(app, 'xa-a', [{ criterion: '2.1', numerator: 19, denominator: 20 }], { reason: 'Một cửa' })
  await indicators(app, 'xa-a', [{ criterion: '2.1', numerator: 20, denominator: 20 }])
  const audit = (await call(app, 'GET', '/v1/periods/p/audit?unit=xa-a')).json()
  t.same(
    audit.items.map((e: Record<string, unknown>) => [e.criterion, e.field, e.old, e.new, e.reason]),
    [
      ['2.1', 'numerator', 19, 20, null],
      ['2.1', 'denominator', null, 20, 'Một cửa'],
      ['2.1', 'numerator', null, 19, 'Một cửa'],
    ],
  )
})

t.test('a CSV import mixes scores and counts; a JSON import takes numerator and denominator', async (t) => {
  const app = await setup(t)
  const csv = [
    'unit,criterion,appraised,numerator,denominator',
    'xa-a,1.1,3.5,,',
    'xa-a,2.1,,19,20',
    'xa-b,2.2,,3,4',
    'xa-b,2.1,0.75,1899,2000',
  ].join('\n')
  const res = await app.inject({
    method: 'POST',
    url: '/v1/periods/p/scores/import',
    headers: { authorization: 'Bearer test-admin-token-0123456789abcdef', 'content-type': 'text/csv' },
    payload: csv,
  })
  t.equal(res.statusCode, 200, res.body)
  t.same(res.json(), { dryRun: false, rows: 4, created: 4, updated: 0, unchanged: 0 })
  const b = (await call(app, 'GET', '/v1/periods/p/units/xa-b/scorecard')).json()
  t.match(leaf(b, '2.1'), { rate: 94.95, computedPoints: 0, appraised: 0.75, final: 0.75 })
  t.match(leaf(b, '2.2'), { numerator: 3, denominator: 4, final: 2 })
  const a = (await call(app, 'GET', '/v1/periods/p/units/xa-a/scorecard')).json()
  t.equal(a.points, 4, '3.5 + 0.5')

  const bad = await app.inject({
    method: 'POST',
    url: '/v1/periods/p/scores/import',
    headers: { authorization: 'Bearer test-admin-token-0123456789abcdef', 'content-type': 'text/csv' },
    payload: 'unit,criterion,numerator,denominator\nxa-c,2.1,x,4\nxa-c,1.2,1,2\n',
  })
  t.equal(bad.statusCode, 422)
  t.same(errorsOf(bad.json()), ['1 /rows/0/numerator not-an-integer', '2 /rows/1/numerator not-ratio'])

  const json = await call(app, 'POST', '/v1/periods/p/scores/import', {
    body: { rows: [{ unit: 'xa-c', criterion: '2.1', numerator: 0, denominator: 0 }] },
  })
  t.same(json.json(), { dryRun: false, rows: 1, created: 1, updated: 0, unchanged: 0 })
})

t.test(
  'end to end: appraisal, survey and ratio leaves give the points, index, band and rank computed by hand',
  async (t) => {
    const app = await setup(t)
    // xa-a: 1.1 = 3.5, 1.2 = 1.75 (appraised); 2.1: 19/20 = 95 % → tier 0.5; 2.2: 2/3 = 66.67 % →
    //   2 × (200/3 ÷ 75) = 16/9 = 1.777…; 8.1: A1 9/10 = 90 %, A2 10/10 = 100 % → element 95 → 1 × 0.95.
    //   Points 3.5 + 1.75 + 0.5 + 16/9 + 0.95 = 6.7 + 16/9 = 76.3/9 = 8.4777… → 8.48 of 10;
    //   index 84.777… → 84.78, Tốt (good).
    // xa-b: 4 + 2 (appraised); 2.1: 1899/2000 = 94.95 % → 0; 2.2: 3/4 = 75 % → capped 2; 8.1: 100 % → 1.
    //   Points 9 of 10, index 90.00, Xuất sắc (excellent).
    // xa-c: 2 + 2 (appraised); 2.1: 0/0 → not applicable (max 10 − 1 = 9); 2.2: 1/1 → 2;
    //   8.1: A1 4/4 = 100 %, A2 3/4 = 75 % → 87.5 → 0.875. Points 6.875 → 6.88 of 9;
    //   index 6.875 ÷ 9 × 100 = 76.388… → 76.39, Khá (fair).
    // Ranks: xa-b 1/3, xa-a 2/3, xa-c 3/3. Mean (90 + 84.78 + 76.39) ÷ 3 = 83.7233… → 83.72.
    await scores(app, 'xa-a', [
      { criterion: '1.1', appraised: 3.5 },
      { criterion: '1.2', appraised: 1.75 },
    ])
    await scores(app, 'xa-b', [
      { criterion: '1.1', appraised: 4 },
      { criterion: '1.2', appraised: 2 },
    ])
    await scores(app, 'xa-c', [
      { criterion: '1.1', appraised: 2 },
      { criterion: '1.2', appraised: 2 },
    ])
    await indicators(app, 'xa-a', [
      { criterion: '2.1', numerator: 19, denominator: 20 },
      { criterion: '2.2', numerator: 2, denominator: 3 },
    ])
    await indicators(app, 'xa-b', [
      { criterion: '2.1', numerator: 1899, denominator: 2000 },
      { criterion: '2.2', numerator: 3, denominator: 4 },
    ])
    await indicators(app, 'xa-c', [
      { criterion: '2.1', numerator: 0, denominator: 0 },
      { criterion: '2.2', numerator: 1, denominator: 1 },
    ])
    await survey(app, 'xa-a', [0, 0, 1, 3, 6], [0, 0, 0, 5, 5])
    await survey(app, 'xa-b', [0, 0, 0, 0, 10], [0, 0, 0, 0, 10])
    await survey(app, 'xa-c', [0, 0, 0, 0, 4], [0, 0, 1, 1, 2])

    const card = (await call(app, 'GET', '/v1/periods/p/units/xa-a/scorecard')).json()
    t.match(card, { points: 8.48, maxPoints: 10, index: 84.78, band: { code: 'good' }, provisional: false })
    t.match(leaf(card, '2.2'), { rate: 66.67, computedPoints: 1.78, final: 1.78 })

    const res = await call(app, 'GET', '/v1/periods/p/results')
    t.equal(res.statusCode, 200)
    const body = res.json()
    t.same(
      body.items.map((i: Record<string, unknown>) => [
        (i.unit as { code: string }).code,
        i.points,
        i.maxPoints,
        i.index,
        (i.band as { code: string }).code,
        (i.rank as { position: number }).position,
        i.provisional,
      ]),
      [
        ['xa-b', 9, 10, 90, 'excellent', 1, false],
        ['xa-a', 8.48, 10, 84.78, 'good', 2, false],
        ['xa-c', 6.88, 9, 76.39, 'fair', 3, false],
      ],
    )
    t.equal(body.statistics.mean, 83.72)

    const csv = await call(app, 'GET', '/v1/periods/p/results', { headers: { accept: 'text/csv' } })
    const table: string[][] = parse(csv.body, { bom: true })
    t.ok(
      table.some((r) => r.includes('xa-a') && r.includes('84.78')),
      'the CSV export carries the same index',
    )

    t.equal((await setStatus(app, 'appraisal')).statusCode, 200)
    t.equal((await setStatus(app, 'published')).statusCode, 200)
    const frozen = (await call(app, 'GET', '/v1/periods/p/results?snapshot=1')).json()
    t.same(frozen.items, body.items, 'the publication holds the same points')
  },
)

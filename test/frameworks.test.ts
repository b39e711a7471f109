import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedClient, seedFramework, seedPeriod, seedUnit, smallFramework } from './helpers/api.js'

/** The national provincial set's shape: 8 fields, 40 criteria, 90 leaves, 100 points in all. */
function nationalShaped() {
  const leafPoints = ['1.25', '1', '1.5', '0.5', '1', '1.25', '0.75', '1', '1.25', '1.5'] // ten leaves of ... per field group
  let leafCount = 0
  const fields = Array.from({ length: 8 }, (_, f) => ({
    code: `${f + 1}`,
    title: `Lĩnh vực ${f + 1}`,
    children: Array.from({ length: 5 }, (_, c) => ({
      code: `${f + 1}.${c + 1}`,
      title: `Tiêu chí ${f + 1}.${c + 1}`,
      children: Array.from({ length: f * 5 + c < 10 ? 3 : 2 }, (_, l) => {
        const maxPoints = Number(leafPoints[leafCount++ % leafPoints.length])
        return {
          code: `${f + 1}.${c + 1}.${l + 1}`,
          title: `Tiêu chí thành phần ${f + 1}.${c + 1}.${l + 1}`,
          maxPoints,
        }
      }),
    })),
  }))
  return { fields, leafCount }
}

t.test(
  'the documented example framework is accepted: 201, maxPoints on every node, default bands filled in',
  async (t) => {
    const app = await build(t)
    const res = await call(app, 'PUT', '/v1/frameworks/xa-2018', { body: smallFramework })
    t.equal(res.statusCode, 201)
    const fw = res.json()
    t.equal(fw.totalPoints, 10)
    t.match(fw.criteria[0], {
      code: '1',
      maxPoints: 2.5,
      children: [
        { code: '1.1', maxPoints: 1.5, method: 'appraisal', surveyElement: null },
        { code: '1.2', maxPoints: 1 },
      ],
    })
    t.match(fw.criteria[2].children[0], { code: '8.1', maxPoints: 5, method: 'survey', surveyElement: 'access' })
    t.same(
      fw.bands.map((b: { code: string; label: string; min: number }) => [b.code, b.label, b.min]),
      [
        ['excellent', 'Xuất sắc', 90],
        ['good', 'Tốt', 80],
        ['fair', 'Khá', 70],
        ['average', 'Trung bình', 50],
        ['weak', 'Yếu', 0],
      ],
    )
    const read = await call(app, 'GET', '/v1/frameworks/xa-2018')
    t.equal(read.statusCode, 200)
    t.same(read.json(), fw)
    const list = (await call(app, 'GET', '/v1/frameworks')).json()
    t.same(list, { items: [{ code: 'xa-2018', name: 'Bộ chỉ số CCHC cấp xã 2018', totalPoints: 10 }], next: null })
  },
)

t.test('a national-shaped framework (8 fields, 40 criteria, 90 leaves) totals exactly 100', async (t) => {
  const app = await build(t)
  const { fields, leafCount } = nationalShaped()
  t.equal(leafCount, 90)
  // Make the total exactly 100 whatever the pattern gave, by setting the last leaf.
  const leaves = fields.flatMap((f) => f.children.flatMap((c) => c.children))
  const others = leaves.slice(0, -1).reduce((s, l) => s + Math.round(l.maxPoints * 100), 0)
  leaves[leaves.length - 1]!.maxPoints = (10000 - others) / 100
  const res = await call(app, 'PUT', '/v1/frameworks/tinh-2024', {
    body: { name: 'Bộ chỉ số CCHC cấp tỉnh', criteria: fields },
  })
  t.equal(res.statusCode, 201, res.body)
  t.equal(res.json().totalPoints, 100)
  t.equal(res.json().criteria.length, 8)
})

t.test('sums are exact: leaves summing to 99.99 report 99.99, ten 0.1 leaves 1', async (t) => {
  const app = await build(t)
  const leaves = Array.from({ length: 9 }, (_, i) => ({ code: `a${i}`, title: 'x', maxPoints: 11.11 }))
  const res = await call(app, 'PUT', '/v1/frameworks/f9999', {
    body: { name: 'x', criteria: [{ code: 'a', title: 'A', children: leaves }] },
  })
  t.equal(res.statusCode, 201, res.body)
  t.equal(res.json().totalPoints, 99.99)
  t.equal(res.json().criteria[0].maxPoints, 99.99)
  t.equal(JSON.stringify(res.json().totalPoints), '99.99', 'not 99.98999…')

  const tenths = Array.from({ length: 3 }, (_, i) => ({ code: `t${i}`, title: 'x', maxPoints: 0.1 }))
  const sum = await call(app, 'PUT', '/v1/frameworks/f03', {
    body: { name: 'x', criteria: [{ code: 't', title: 'T', children: tenths }] },
  })
  t.equal(sum.json().totalPoints, 0.3, '0.1 + 0.1 + 0.1 is 0.3, not 0.30000000000000004')
})

t.test(
  'identical content answers 200; different content replaces while unused, 409 once a period uses it',
  async (t) => {
    const app = await build(t)
    await seedFramework(app, 'f1')
    const withDefaults = {
      ...smallFramework,
      bands: [
        { code: 'excellent', label: 'Xuất sắc', min: 90 },
        { code: 'good', label: 'Tốt', min: 80 },
        { code: 'fair', label: 'Khá', min: 70 },
        { code: 'average', label: 'Trung bình', min: 50 },
        { code: 'weak', label: 'Yếu', min: 0 },
      ],
    }
    t.equal(
      (await call(app, 'PUT', '/v1/frameworks/f1', { body: withDefaults })).statusCode,
      200,
      'same after defaults are filled in',
    )

    const changed = { ...smallFramework, name: 'Bộ chỉ số sửa đổi' }
    const replaced = await call(app, 'PUT', '/v1/frameworks/f1', { body: changed })
    t.equal(replaced.statusCode, 200)
    t.equal((await call(app, 'GET', '/v1/frameworks/f1')).json().name, 'Bộ chỉ số sửa đổi')

    await seedUnit(app, 'u1')
    await seedPeriod(app, 'p2018', 'f1', ['u1'])
    t.equal(
      (await call(app, 'PUT', '/v1/frameworks/f1', { body: changed })).statusCode,
      200,
      'identical content is still harmless',
    )
    const inUse = await call(app, 'PUT', '/v1/frameworks/f1', { body: smallFramework })
    t.equal(inUse.statusCode, 409)
    t.match(inUse.json(), { type: 'urn:cchc:problem:framework-in-use' })
    t.equal((await call(app, 'GET', '/v1/frameworks/f1')).json().name, 'Bộ chỉ số sửa đổi', 'unchanged')
  },
)

t.test('domain rules: 422 with a pointer to each offending node, and nothing stored', async (t) => {
  const app = await build(t)
  const cases: Array<[string, unknown, Array<{ pointer: string; code: string }>]> = [
    [
      'leaf without maxPoints',
      { name: 'x', criteria: [{ code: 'a', title: 'A' }] },
      [{ pointer: '/criteria/0/maxPoints', code: 'required' }],
    ],
    [
      'maxPoints 0',
      { name: 'x', criteria: [{ code: 'a', title: 'A', children: [{ code: 'a1', title: 'x', maxPoints: 0 }] }] },
      [{ pointer: '/criteria/0/children/0/maxPoints', code: 'not-positive' }],
    ],
    [
      'three decimals',
      { name: 'x', criteria: [{ code: 'a', title: 'A', maxPoints: 1.255 }] },
      [{ pointer: '/criteria/0/maxPoints', code: 'too-many-decimals' }],
    ],
    [
      'inner node with maxPoints',
      {
        name: 'x',
        criteria: [{ code: 'a', title: 'A', maxPoints: 5, children: [{ code: 'a1', title: 'x', maxPoints: 1 }] }],
      },
      [{ pointer: '/criteria/0/maxPoints', code: 'inner-node-max' }],
    ],
    [
      'duplicate criterion code',
      { name: 'x', criteria: [{ code: 'a', title: 'A', children: [{ code: 'a', title: 'x', maxPoints: 1 }] }] },
      [{ pointer: '/criteria/0/children/0/code', code: 'duplicate' }],
    ],
    [
      'unknown survey element',
      {
        ...smallFramework,
        criteria: [{ code: 's', title: 'S', maxPoints: 5, method: 'survey', surveyElement: 'nope' }],
      },
      [{ pointer: '/criteria/0/surveyElement', code: 'unknown-element' }],
    ],
    [
      'survey leaf without survey',
      { name: 'x', criteria: [{ code: 's', title: 'S', maxPoints: 5, method: 'survey' }] },
      [{ pointer: '/criteria/0/method', code: 'no-survey' }],
    ],
    [
      'lowest band not 0',
      {
        ...smallFramework,
        bands: [
          { code: 'good', label: 'Tốt', min: 80 },
          { code: 'weak', label: 'Yếu', min: 10 },
        ],
      },
      [{ pointer: '/bands', code: 'no-zero-band' }],
    ],
    [
      'duplicate band code',
      {
        ...smallFramework,
        bands: [
          { code: 'a', label: 'A', min: 50 },
          { code: 'a', label: 'B', min: 0 },
        ],
      },
      [{ pointer: '/bands/1/code', code: 'duplicate-code' }],
    ],
    [
      'satisfiedFrom above levels',
      { ...smallFramework, survey: { ...smallFramework.survey, satisfiedFrom: 6 } },
      [{ pointer: '/survey/satisfiedFrom', code: 'out-of-range' }],
    ],
    [
      'question code twice',
      {
        ...smallFramework,
        survey: {
          levels: 5,
          satisfiedFrom: 4,
          elements: [
            {
              code: 'access',
              title: 'x',
              questions: [
                { code: 'A1', text: '' },
                { code: 'A1', text: '' },
              ],
            },
          ],
        },
      },
      [{ pointer: '/survey/elements/0/questions/1/code', code: 'duplicate' }],
    ],
  ]
  for (const [name, body, errors] of cases) {
    const res = await call(app, 'PUT', '/v1/frameworks/bad', { body })
    t.equal(res.statusCode, 422, `${name}: ${res.body}`)
    t.match(res.json(), { type: 'urn:cchc:problem:rule-violated', errors }, name)
  }
  t.equal((await call(app, 'GET', '/v1/frameworks/bad')).statusCode, 404, 'nothing was stored')
})

t.test('schema failures are 400: unknown field deep in the tree, wrong type', async (t) => {
  const app = await build(t)
  const deep = await call(app, 'PUT', '/v1/frameworks/f', {
    body: {
      name: 'x',
      criteria: [{ code: 'a', title: 'A', children: [{ code: 'a1', title: 'x', maxPoints: 1, weight: 2 }] }],
    },
  })
  t.equal(deep.statusCode, 400)
  t.match(deep.json(), { errors: [{ pointer: '/criteria/0/children/0/weight', code: 'additional-property' }] })
  const type = await call(app, 'PUT', '/v1/frameworks/f', {
    body: { name: 'x', criteria: [{ code: 'a', title: 'A', maxPoints: '1.5' }] },
  })
  t.equal(type.statusCode, 400)
  t.match(type.json(), { errors: [{ pointer: '/criteria/0/maxPoints', code: 'type' }] })
})

t.test('a unit token reads only the frameworks of periods listing its unit', async (t) => {
  const app = await build(t)
  await seedUnit(app, 'u1')
  await seedUnit(app, 'u2')
  await seedFramework(app, 'f-used')
  await seedFramework(app, 'f-other')
  await seedPeriod(app, 'p1', 'f-used', ['u1'])
  const token = await seedClient(app, 'unit', 'u1')
  t.equal((await call(app, 'GET', '/v1/frameworks/f-used', { token })).statusCode, 200)
  t.equal((await call(app, 'GET', '/v1/frameworks/f-other', { token })).statusCode, 403)
  t.same(
    (await call(app, 'GET', '/v1/frameworks', { token })).json().items.map((f: { code: string }) => f.code),
    ['f-used'],
  )
  const other = await seedClient(app, 'unit', 'u2')
  t.equal((await call(app, 'GET', '/v1/frameworks/f-used', { token: other })).statusCode, 403)
})

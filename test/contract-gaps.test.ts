// Today's behaviour where the contract is silent (docs/api.md, "Where the contract is silent"): each case
// here is documented there, and these tests keep the two in step.
import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedFramework, seedPeriod, seedUnit, smallFramework } from './helpers/api.js'

type App = Awaited<ReturnType<typeof build>>
type Item = { unit: { code: string } } & Record<string, unknown>

const results = async (app: App, period: string, query = '') => {
  const res = await call(app, 'GET', `/v1/periods/${period}/results${query}`)
  if (res.statusCode !== 200) throw new Error(`results ${period}: ${res.statusCode} ${res.body}`)
  return res.json<{ statistics: Record<string, unknown>; satisfaction: unknown; items: Item[] }>()
}
const item = (body: { items: Item[] }, code: string): Item => body.items.find((i) => i.unit.code === code)!
const codes = (body: { items: Item[] }): string[] => body.items.map((i) => i.unit.code)

async function importRows(app: App, period: string, rows: unknown[]): Promise<void> {
  const res = await call(app, 'POST', `/v1/periods/${period}/scores/import`, { body: { rows } })
  if (res.statusCode !== 200) throw new Error(`import ${period}: ${res.statusCode} ${res.body}`)
}

async function putCounts(app: App, period: string, unit: string, questions: unknown[]) {
  const res = await call(app, 'PUT', `/v1/periods/${period}/units/${unit}/survey`, { body: { questions } })
  if (res.statusCode !== 200) throw new Error(`survey ${unit}: ${res.statusCode} ${res.body}`)
  return res.json()
}

const allNotApplicable = (unit: string) =>
  ['1.1', '1.2', '2.1'].map((criterion) => ({ unit, criterion, notApplicable: true }))

/** smallFramework without its survey leaf 8.1: the survey is defined, but no leaf is scored from it. */
const surveyWithoutLeaf = { ...smallFramework, criteria: smallFramework.criteria.slice(0, 2) }

t.test(
  'a unit with survey answers whose every leaf is not applicable: index, band, rank and groupRank null, listed last; its satisfaction is shown, ranked, and counted in the satisfaction statistics only',
  async (t) => {
    const app = await build(t)
    await seedFramework(app, 'f', surveyWithoutLeaf)
    for (const u of ['a', 'b']) await seedUnit(app, u)
    await seedPeriod(app, 'p', 'f', ['a', 'b'])
    await importRows(app, 'p', [
      ...allNotApplicable('a'),
      { unit: 'b', criterion: '1.1', appraised: 1 },
      { unit: 'b', criterion: '1.2', appraised: 1 },
      { unit: 'b', criterion: '2.1', appraised: 2 },
    ])
    await putCounts(app, 'p', 'a', [{ code: 'A1', counts: [0, 0, 1, 1, 2] }]) // 75
    await putCounts(app, 'p', 'b', [{ code: 'A1', counts: [0, 0, 0, 1, 1] }]) // 100

    const body = await results(app, 'p')
    t.same(codes(body), ['b', 'a'], 'the unit without an index is listed last')
    t.same(item(body, 'a'), {
      unit: { code: 'a', name: 'Đơn vị a', group: 'xa' },
      points: 0,
      maxPoints: 0,
      index: null,
      band: null,
      rank: null,
      groupRank: null,
      satisfaction: { index: 75, rank: { position: 2, of: 2, tied: false } },
      provisional: false,
      fields: [
        { code: '1', points: 0, maxPoints: 0, index: null, rank: null },
        { code: '2', points: 0, maxPoints: 0, index: null, rank: null },
      ],
      selfAssessment: { points: 0, index: null, gap: null },
    })
    t.same(item(body, 'b').rank, { position: 1, of: 1, tied: false }, 'the PAR rank counts only units with an index')
    t.match(body.statistics, { count: 1, mean: 80, min: { units: ['b'] }, max: { units: ['b'] } })
    t.match(body.satisfaction, { count: 2, mean: 87.5, min: { value: 75, units: ['a'] }, max: { value: 100 } })

    const card = (await call(app, 'GET', '/v1/periods/p/units/a/scorecard')).json()
    t.match(card, { points: 0, maxPoints: 0, index: null, band: null, provisional: false })
  },
)

t.test(
  'with a survey leaf in the framework no unit is without an index: marking the survey leaf not applicable is 422 survey-scored',
  async (t) => {
    const app = await build(t)
    await seedFramework(app, 'f')
    await seedUnit(app, 'a')
    await seedPeriod(app, 'p', 'f', ['a'])
    await importRows(app, 'p', allNotApplicable('a'))
    const res = await call(app, 'PUT', '/v1/periods/p/units/a/scores', {
      body: { scores: [{ criterion: '8.1', notApplicable: true }] },
    })
    t.equal(res.statusCode, 422)
    t.match(res.json(), {
      type: 'urn:cchc:problem:rule-violated',
      errors: [{ pointer: '/scores/0/criterion', code: 'survey-scored' }],
    })
    const body = await results(app, 'p')
    t.match(item(body, 'a'), { maxPoints: 5, points: 0, index: 0, band: { code: 'weak' }, provisional: true })
    t.same(item(body, 'a').rank, { position: 1, of: 1, tied: false })
  },
)

t.test(
  'a survey leaf whose element has no answers earns 0 of its maximum (index 0, not null) and makes the unit provisional; a leaf on the overall index uses only the elements with answers',
  async (t) => {
    const app = await build(t)
    const framework = {
      ...smallFramework,
      criteria: [
        ...smallFramework.criteria.slice(0, 2),
        {
          code: '8',
          title: 'Tác động của CCHC',
          children: [
            { code: '8.1', title: 'Tiếp cận', maxPoints: 5, method: 'survey', surveyElement: 'access' },
            { code: '8.2', title: 'Thủ tục', maxPoints: 5, method: 'survey', surveyElement: 'procedure' },
            { code: '8.3', title: 'Hài lòng chung', maxPoints: 2, method: 'survey' },
          ],
        },
      ],
      survey: {
        ...smallFramework.survey,
        elements: [
          ...smallFramework.survey.elements,
          { code: 'procedure', title: 'Thủ tục hành chính', questions: [{ code: 'P1', text: 'Thủ tục đơn giản' }] },
        ],
      },
    }
    await seedFramework(app, 'f', framework)
    await seedUnit(app, 'a')
    await seedPeriod(app, 'p', 'f', ['a'])
    await importRows(app, 'p', [
      { unit: 'a', criterion: '1.1', appraised: 1.5 },
      { unit: 'a', criterion: '1.2', appraised: 1 },
      { unit: 'a', criterion: '2.1', appraised: 2.5 },
    ])
    const satisfaction = await putCounts(app, 'p', 'a', [{ code: 'A2', counts: [1, 0, 0, 1, 2] }]) // A2: 75
    t.same(satisfaction.elements, [
      { code: 'access', index: 75 },
      { code: 'procedure', index: null },
    ])
    t.equal(satisfaction.index, 75, 'the overall index is the mean of the elements with answers only')

    const card = (await call(app, 'GET', '/v1/periods/p/units/a/scorecard')).json()
    const leaves = card.criteria[2].children
    t.match(leaves[0], { code: '8.1', maxPoints: 5, points: 3.75, final: 3.75, index: 75 })
    t.match(leaves[1], { code: '8.2', maxPoints: 5, points: 0, final: 0, index: 0, notApplicable: false })
    t.match(leaves[2], { code: '8.3', maxPoints: 2, points: 1.5, final: 1.5, index: 75 })
    t.match(card, { points: 10.25, maxPoints: 17, index: 60.29, provisional: true })
    t.match(item(await results(app, 'p'), 'a'), { points: 10.25, maxPoints: 17, index: 60.29, provisional: true })
  },
)

t.test(
  "a question without valid answers has rate null and valid 0 and is left out of its element's mean; a unit whose counts are all zero has index null, 0 respondents and item.satisfaction null",
  async (t) => {
    const app = await build(t)
    await seedFramework(app, 'f')
    for (const u of ['a', 'b']) await seedUnit(app, u)
    await seedPeriod(app, 'p', 'f', ['a', 'b'])
    const a = await putCounts(app, 'p', 'a', [
      { code: 'A1', counts: [0, 0, 0, 0, 0] },
      { code: 'A2', counts: [1, 0, 0, 1, 2] },
    ])
    t.same(a, {
      index: 75,
      respondents: 4,
      elements: [{ code: 'access', index: 75 }],
      questions: [
        { code: 'A1', rate: null, valid: 0 },
        { code: 'A2', rate: 75, valid: 4 },
      ],
    })
    const b = await putCounts(app, 'p', 'b', [{ code: 'A1', counts: [0, 0, 0, 0, 0] }])
    t.same(b, {
      index: null,
      respondents: 0,
      elements: [{ code: 'access', index: null }],
      questions: [
        { code: 'A1', rate: null, valid: 0 },
        { code: 'A2', rate: null, valid: 0 },
      ],
    })
    const body = await results(app, 'p')
    t.same(item(body, 'a').satisfaction, { index: 75, rank: { position: 1, of: 1, tied: false } })
    t.equal(item(body, 'b').satisfaction, null)
    t.match(
      item(body, 'b'),
      { points: 0, maxPoints: 10, index: 0, provisional: true },
      'its survey leaf earns 0 and still counts in the maximum',
    )
    t.match(body.satisfaction, { count: 1, mean: 75 })
  },
)

t.test(
  'rankable: false units are listed after the ranked units (by index, then code) and before units without an index; rank, groupRank and satisfaction rank null; counted in both statistics; the same order under ?group=',
  async (t) => {
    const app = await build(t)
    await seedFramework(app, 'f', surveyWithoutLeaf)
    for (const u of ['a', 'b', 'c']) await seedUnit(app, u)
    for (const u of ['x', 'y', 'z']) await seedUnit(app, u, { rankable: false })
    await seedPeriod(app, 'p', 'f', ['a', 'b', 'c', 'x', 'y', 'z'])
    const all = (unit: string, points: [number, number, number]) =>
      ['1.1', '1.2', '2.1'].map((criterion, i) => ({ unit, criterion, appraised: points[i] }))
    await importRows(app, 'p', [
      ...all('a', [1, 1, 2]), // 80
      ...all('b', [1.5, 1, 2.5]), // 100
      ...allNotApplicable('c'), // no index
      ...all('x', [1.5, 1, 2.5]), // 100, not rankable
      ...all('y', [0, 0, 0]), // 0, not rankable
      ...allNotApplicable('z'), // no index, not rankable
    ])
    await putCounts(app, 'p', 'x', [{ code: 'A1', counts: [0, 0, 0, 0, 3] }])
    await putCounts(app, 'p', 'a', [{ code: 'A1', counts: [0, 0, 0, 1, 1] }])

    const body = await results(app, 'p')
    t.same(codes(body), ['b', 'a', 'x', 'y', 'c', 'z'])
    t.same(item(body, 'b').rank, { position: 1, of: 2, tied: false }, 'x (100, not rankable) does not share rank 1')
    for (const code of ['x', 'y']) {
      t.equal(item(body, code).rank, null, `${code} rank`)
      t.equal(item(body, code).groupRank, null, `${code} groupRank`)
    }
    t.same(item(body, 'x').satisfaction, { index: 100, rank: null }, 'satisfaction shown, not ranked')
    t.same(item(body, 'a').satisfaction, { index: 100, rank: { position: 1, of: 1, tied: false } })
    t.same(body.statistics, {
      count: 4,
      mean: 70,
      median: 90,
      stddev: 41.23,
      min: { value: 0, units: ['y'] },
      max: { value: 100, units: ['b', 'x'] },
      bands: { excellent: 2, good: 1, fair: 0, average: 0, weak: 1 },
    })
    t.match(body.satisfaction, { count: 2, max: { value: 100, units: ['a', 'x'] } })
    t.same(codes(await results(app, 'p', '?group=xa')), ['b', 'a', 'x', 'y', 'c', 'z'])
  },
)

t.test(
  'statistics over zero units: count 0, the rest null, bands naming every band of the framework with 0, satisfaction null — for a group with no units and for a period with no units',
  async (t) => {
    const app = await build(t)
    const bands = [
      { code: 'dat', label: 'Đạt', min: 50 },
      { code: 'khong-dat', label: 'Không đạt', min: 0 },
    ]
    await seedFramework(app, 'f', { ...smallFramework, bands })
    await seedUnit(app, 'a')
    await seedPeriod(app, 'p', 'f', ['a'])
    await seedPeriod(app, 'empty', 'f', [])
    await putCounts(app, 'p', 'a', [{ code: 'A1', counts: [0, 0, 0, 1, 1] }])
    const empty = {
      count: 0,
      mean: null,
      median: null,
      stddev: null,
      min: null,
      max: null,
      bands: { dat: 0, 'khong-dat': 0 },
    }
    const group = await results(app, 'p', '?group=phong')
    t.same(group.statistics, empty)
    t.equal(group.satisfaction, null)
    t.same(group.items, [])
    t.not((await results(app, 'p')).satisfaction, null, 'the whole period does have satisfaction statistics')
    const period = await results(app, 'empty')
    t.same(period.statistics, empty)
    t.equal(period.satisfaction, null)
    t.same(period.items, [])
  },
)

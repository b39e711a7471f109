import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedClient, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

type App = Awaited<ReturnType<typeof build>>

const elements = ['access', 'procedure', 'officer', 'result', 'feedback'] as const
const questionsOf = (e: string) => [`${e}-1`, `${e}-2`]

/** A province framework: 20 appraisal points and two survey leaves of 5 (one element, one overall). */
const provinceFramework = {
  name: 'Bộ chỉ số CCHC cấp huyện của tỉnh',
  criteria: [
    {
      code: '1',
      title: 'Chỉ đạo, điều hành',
      children: [
        { code: '1.1', title: 'Kế hoạch', maxPoints: 10 },
        { code: '1.2', title: 'Báo cáo', maxPoints: 10 },
      ],
    },
    {
      code: '8',
      title: 'Tác động của CCHC',
      children: [
        { code: '8.1', title: 'Hài lòng về tiếp cận dịch vụ', maxPoints: 5, method: 'survey', surveyElement: 'access' },
        { code: '8.2', title: 'Chỉ số hài lòng chung', maxPoints: 5, method: 'survey' },
      ],
    },
  ],
  survey: {
    levels: 5,
    satisfiedFrom: 4,
    elements: elements.map((e) => ({
      code: e,
      title: `Yếu tố ${e}`,
      questions: questionsOf(e).map((code) => ({ code, text: `Câu hỏi ${code}` })),
    })),
  },
}

/** Hương Thủy's answers per element: [answers, satisfied] giving 96.50, 95.75, 96.25, 95.60, 96.00. */
const target: Record<(typeof elements)[number], { counts: number[]; answers: number; satisfied: number }> = {
  access: { counts: [2, 2, 3, 93, 100], answers: 200, satisfied: 193 },
  procedure: { counts: [5, 5, 7, 183, 200], answers: 400, satisfied: 383 },
  officer: { counts: [5, 5, 5, 185, 200], answers: 400, satisfied: 385 },
  result: { counts: [3, 3, 5, 100, 139], answers: 250, satisfied: 239 },
  feedback: { counts: [1, 1, 2, 46, 50], answers: 100, satisfied: 96 },
}
const targetCounts = elements.flatMap((e) => questionsOf(e).map((code) => ({ code, counts: target[e].counts })))

/** Thirteen other districts with one rate on every question: three above 96.02, ten below. */
const others = [99, 98, 97, 95, 94, 93, 92, 91, 90, 89, 88, 87, 86].map((rate, i) => ({
  code: `huyen-${String(i + 1).padStart(2, '0')}`,
  rate,
}))

async function setup(t: Parameters<typeof build>[0]) {
  const app = await build(t)
  await seedFramework(app, 'tinh-2020', provinceFramework)
  await seedUnit(app, 'tx-huong-thuy', { name: 'Thị xã Hương Thủy', group: 'huyen' })
  await seedUnit(app, 'huyen-khong-khao-sat', { name: 'Huyện chưa khảo sát', group: 'huyen' })
  for (const o of others) await seedUnit(app, o.code, { name: `Huyện ${o.code}`, group: 'huyen' })
  await seedPeriod(
    app,
    '2020',
    'tinh-2020',
    ['tx-huong-thuy', 'huyen-khong-khao-sat', ...others.map((o) => o.code)],
    2020,
  )
  return app
}

const putCounts = (app: App, unit: string, questions: unknown, token?: string) =>
  call(app, 'PUT', `/v1/periods/2020/units/${unit}/survey`, { body: { questions }, ...(token ? { token } : {}) })

const uniform = (rate: number) =>
  elements.flatMap((e) => questionsOf(e).map((code) => ({ code, counts: [100 - rate, 0, 0, 0, rate] })))

/** Individual questionnaires giving exactly Hương Thủy's counts: response i answers element e while i < its answers. */
function targetResponses(): Array<{ id: string; answers: Record<string, number> }> {
  return Array.from({ length: 400 }, (_, i) => {
    const answers: Record<string, number> = {}
    for (const e of elements) {
      if (i >= target[e].answers) continue
      for (const q of questionsOf(e)) answers[q] = i < target[e].satisfied ? 5 : 2
    }
    return { id: `phieu-${String(i + 1).padStart(4, '0')}`, answers }
  })
}

const expectedSatisfaction = {
  index: 96.02,
  respondents: 400,
  elements: [
    { code: 'access', index: 96.5 },
    { code: 'procedure', index: 95.75 },
    { code: 'officer', index: 96.25 },
    { code: 'result', index: 95.6 },
    { code: 'feedback', index: 96 },
  ],
}

t.test('from aggregate counts: element rates 96.50, 95.75, 96.25, 95.60, 96.00 give 96.02, 4th of 14', async (t) => {
  const app = await setup(t)
  const res = await putCounts(app, 'tx-huong-thuy', targetCounts)
  t.equal(res.statusCode, 200, res.body)
  t.match(res.json(), expectedSatisfaction)
  t.same(res.json().questions.slice(0, 3), [
    { code: 'access-1', rate: 96.5, valid: 200 },
    { code: 'access-2', rate: 96.5, valid: 200 },
    { code: 'procedure-1', rate: 95.75, valid: 400 },
  ])
  for (const o of others) t.equal((await putCounts(app, o.code, uniform(o.rate))).statusCode, 200)

  const results = (await call(app, 'GET', '/v1/periods/2020/results')).json()
  const item = (code: string) => results.items.find((i: { unit: { code: string } }) => i.unit.code === code)
  t.same(item('tx-huong-thuy').satisfaction, { index: 96.02, rank: { position: 4, of: 14, tied: false } })
  t.equal(item('huyen-khong-khao-sat').satisfaction, null)
  t.same(results.satisfaction, {
    count: 14,
    mean: 92.5, // (96.02 + 99 + 98 + 97 + 95 + … + 86) / 14 = 1295.02 / 14 = 92.5014…
    median: 92.5,
    stddev: 4.03,
    min: { value: 86, units: ['huyen-13'] },
    max: { value: 99, units: ['huyen-01'] },
  })
  const csv = (await call(app, 'GET', '/v1/periods/2020/results', { headers: { accept: 'text/csv' } })).body
  t.match(csv, /Chỉ số hài lòng \(%\),Xếp hạng hài lòng,Tạm tính\r\n/)
  t.match(csv, /tx-huong-thuy,Thị xã Hương Thủy,huyen,[^\r\n]*,96\.02,4,x\r\n/)
  t.equal((await call(app, 'GET', '/v1/periods/2020/units/tx-huong-thuy/survey')).json().index, 96.02)
})

t.test('from individual responses: the same index; a retried batch changes nothing', async (t) => {
  const app = await setup(t)
  const responses = targetResponses()
  const post = (batch: unknown[]) =>
    call(app, 'POST', '/v1/periods/2020/units/tx-huong-thuy/survey/responses', { body: { responses: batch } })
  const answers = []
  for (let i = 0; i < responses.length; i += 150) {
    const res = await post(responses.slice(i, i + 150))
    t.equal(res.statusCode, 200)
    t.equal(res.json().accepted, Math.min(150, responses.length - i))
    answers.push(res)
  }
  t.match(answers.at(-1)?.json(), { ...expectedSatisfaction, duplicates: [] })
  const retry = await post(responses.slice(150, 300))
  t.equal(retry.statusCode, 200)
  t.match(retry.json(), { accepted: 0, ...expectedSatisfaction })
  t.equal(retry.json().duplicates.length, 150)
  const inBatch = await post([
    { id: 'moi-1', answers: { 'access-1': 5 } },
    { id: 'moi-1', answers: { 'access-1': 1 } },
  ])
  t.match(inBatch.json(), { accepted: 1, duplicates: ['moi-1'], respondents: 401 })

  // Counts and responses add up together.
  const both = await putCounts(app, 'tx-huong-thuy', [{ code: 'feedback-1', counts: [0, 0, 0, 0, 100] }])
  t.equal(both.json().respondents, 401 + 100)
  t.same(
    both.json().questions.find((q: { code: string }) => q.code === 'feedback-1'),
    { code: 'feedback-1', rate: 98, valid: 200 },
  )
})

t.test('survey-scored leaves: exact points in the scorecard, moving the index and rank', async (t) => {
  const app = await setup(t)
  await call(app, 'PUT', '/v1/periods/2020/units/tx-huong-thuy/scores', {
    body: {
      scores: [
        { criterion: '1.1', appraised: 8 },
        { criterion: '1.2', appraised: 9 },
      ],
    },
  })
  await call(app, 'PUT', '/v1/periods/2020/units/huyen-01/scores', {
    body: {
      scores: [
        { criterion: '1.1', appraised: 8 },
        { criterion: '1.2', appraised: 9 },
      ],
    },
  })
  const before = (await call(app, 'GET', '/v1/periods/2020/units/tx-huong-thuy/scorecard')).json()
  t.match(
    before,
    { points: 17, maxPoints: 30, index: 56.67, provisional: true },
    'no survey yet: 0 points on survey leaves, provisional',
  )

  await putCounts(app, 'tx-huong-thuy', targetCounts)
  const card = (await call(app, 'GET', '/v1/periods/2020/units/tx-huong-thuy/scorecard')).json()
  // 8.1 = 5 × 96.50 % = 4.825; 8.2 = 5 × 96.02 % = 4.801; 17 + 9.626 = 26.626 of 30 = 88.7533… %
  t.match(card, { points: 26.63, maxPoints: 30, index: 88.75, band: { code: 'good' }, provisional: false })
  t.match(card.criteria[1], { code: '8', points: 9.63, maxPoints: 10, index: 96.26 })
  t.match(card.criteria[1].children, [
    { code: '8.1', method: 'survey', points: 4.83, final: 4.83, index: 96.5 },
    { code: '8.2', method: 'survey', points: 4.8, final: 4.8, index: 96.02 },
  ])
  const results = (await call(app, 'GET', '/v1/periods/2020/results')).json()
  t.match(results.items[0], {
    unit: { code: 'tx-huong-thuy' },
    points: 26.63,
    index: 88.75,
    rank: { position: 1 },
    provisional: false,
  })
  t.match(results.items[1], { unit: { code: 'huyen-01' }, points: 17, index: 56.67, provisional: true })
})

t.test('rules: 422 with pointers and nothing written; 409 once published; who may write', async (t) => {
  const app = await setup(t)
  const bad = await putCounts(app, 'tx-huong-thuy', [
    { code: 'access-1', counts: [1, 2, 3] },
    { code: 'zzz', counts: [0, 0, 0, 0, 1] },
    { code: 'access-1', counts: [0, 0, 0, 0, 1] },
  ])
  t.equal(bad.statusCode, 422)
  t.same(
    bad.json().errors.map((e: { pointer: string; code: string }) => [e.pointer, e.code]),
    [
      ['/questions/0/counts', 'wrong-levels'],
      ['/questions/1/code', 'unknown-question'],
      ['/questions/2/code', 'duplicate'],
    ],
  )
  t.equal((await putCounts(app, 'tx-huong-thuy', [{ code: 'access-1', counts: [0, 0, 0, -1, 1] }])).statusCode, 400)
  const badResponses = await call(app, 'POST', '/v1/periods/2020/units/tx-huong-thuy/survey/responses', {
    body: {
      responses: [
        { id: 'a', answers: { 'access-1': 6 } },
        { id: 'b', answers: { nope: 3 } },
        { id: 'c', answers: { 'access-2': 4 } },
      ],
    },
  })
  t.equal(badResponses.statusCode, 422)
  t.same(
    badResponses.json().errors.map((e: { pointer: string }) => e.pointer),
    ['/responses/0/answers/access-1', '/responses/1/answers/nope'],
  )
  const nothing = (await call(app, 'GET', '/v1/periods/2020/units/tx-huong-thuy/survey')).json()
  t.match(nothing, { index: null, respondents: 0 })

  const unit = await seedClient(app, 'unit', 'tx-huong-thuy')
  t.equal((await putCounts(app, 'tx-huong-thuy', targetCounts, unit)).statusCode, 403)
  t.equal((await putCounts(app, 'tx-huong-thuy', targetCounts, await seedClient(app, 'appraiser'))).statusCode, 200)
  t.equal((await call(app, 'GET', '/v1/periods/2020/units/tx-huong-thuy/survey', { token: unit })).statusCode, 200)
  t.equal((await call(app, 'GET', '/v1/periods/2020/units/huyen-01/survey', { token: unit })).statusCode, 403)
  t.equal((await putCounts(app, 'nowhere', targetCounts)).statusCode, 404)

  await call(app, 'POST', '/v1/periods/2020/status', { body: { status: 'appraisal' } })
  t.equal(
    (await putCounts(app, 'huyen-01', uniform(99))).statusCode,
    200,
    'survey results are still accepted during appraisal',
  )
  await call(app, 'POST', '/v1/periods/2020/status', { body: { status: 'published' } })
  const locked = await putCounts(app, 'huyen-01', uniform(90))
  t.equal(locked.statusCode, 409)
  t.match(locked.json(), { type: 'urn:cchc:problem:period-locked' })
  t.equal((await putCounts(app, 'huyen-01', uniform(99))).statusCode, 200, 're-sending the stored counts is harmless')
  const lateResponse = await call(app, 'POST', '/v1/periods/2020/units/huyen-01/survey/responses', {
    body: { responses: [{ id: 'x', answers: { 'access-1': 5 } }] },
  })
  t.equal(lateResponse.statusCode, 409)
  const published = (await call(app, 'GET', '/v1/periods/2020/results')).json()
  t.match(
    published.items.find((i: { unit: { code: string } }) => i.unit.code === 'tx-huong-thuy'),
    { satisfaction: { index: 96.02 } },
    'satisfaction is frozen in the snapshot',
  )
})

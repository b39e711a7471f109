import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedFramework, seedPeriod, seedUnit, smallFramework } from './helpers/api.js'

const cursor = (key: unknown) => Buffer.from(JSON.stringify([key]), 'utf8').toString('base64url')

type App = Awaited<ReturnType<typeof build>>

async function seeded(app: App) {
  await seedUnit(app, 'u1')
  await seedFramework(app, 'f1')
  await seedPeriod(app, 'p1', 'f1', ['u1'])
}

t.test('a NUL character in a text field is 400 with a pointer, and nothing is written', async (t) => {
  const app = await build(t)
  await seeded(app)
  const cases: Array<[string, string, unknown, string]> = [
    ['PUT', '/v1/units/u2', { name: 'a\u0000b', group: 'xa' }, '/name'],
    ['PUT', '/v1/frameworks/f2', { ...smallFramework, name: 'x\u0000' }, '/name'],
    [
      'PUT',
      '/v1/frameworks/f3',
      { name: 'F', criteria: [{ code: '1', title: 'a\u0000', maxPoints: 1 }] },
      '/criteria/0/title',
    ],
    ['PUT', '/v1/periods/p2', { name: '\u0000x', year: 2020, framework: 'f1', units: [] }, '/name'],
    ['POST', '/v1/clients', { name: 'c\u0000', role: 'reader' }, '/name'],
    ['PUT', '/v1/periods/p1/units/u1/scores', { scores: [{ criterion: '1.1', note: 'n\u0000' }] }, '/scores/0/note'],
    [
      'PUT',
      '/v1/periods/p1/units/u1/scores',
      { scores: [{ criterion: '1.1', evidence: ['https://x.vn/\u0000'] }] },
      '/scores/0/evidence/0',
    ],
    ['PUT', '/v1/periods/p1/units/u1/scores', { scores: [{ criterion: '1.\u0000' }] }, '/scores/0/criterion'],
    ['PUT', '/v1/periods/p1/units/u1/scores', { scores: [], reason: 'r\u0000' }, '/reason'],
    [
      'POST',
      '/v1/periods/p1/survey/responses'.replace('survey', 'units/u1/survey'),
      { responses: [{ id: 'r\u0000', answers: {} }] },
      '/responses/0/id',
    ],
  ]
  for (const [method, url, body, pointer] of cases) {
    const res = await call(app, method as 'PUT' | 'POST', url, { body })
    t.equal(res.statusCode, 400, `${method} ${url} ${pointer}`)
    t.match(res.headers['content-type'], /application\/problem\+json/)
    t.ok(
      (res.json().errors as Array<{ pointer: string }>).some((e) => e.pointer === pointer),
      `pointer ${pointer}: ${res.body}`,
    )
  }
  t.equal((await call(app, 'GET', '/v1/units/u2')).statusCode, 404)
  t.equal((await call(app, 'GET', '/v1/frameworks/f2')).statusCode, 404)
})

t.test('a NUL character in a query text is 400 with a pointer', async (t) => {
  const app = await build(t)
  await seeded(app)
  const res = await call(app, 'POST', '/v1/periods/p1/scores/import?reason=a%00b', {
    body: { rows: [{ unit: 'u1', criterion: '1.1', self: 1 }] },
  })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { errors: [{ pointer: '/query/reason', code: 'invalid-character' }] })
})

t.test('a NUL character in a CSV cell of the score import is refused with its row', async (t) => {
  const app = await build(t)
  await seeded(app)
  const res = await call(app, 'POST', '/v1/periods/p1/scores/import', {
    body: 'unit,criterion,self,note\r\nu1,1.1,1,ok\r\nu1,1.2,1,bad\u0000note\r\n',
    headers: { 'content-type': 'text/csv' },
  })
  t.ok(res.statusCode === 400 || res.statusCode === 422, `status ${res.statusCode}`)
  t.match(res.json(), { errors: [{ pointer: '/rows/1/note', row: 2, code: 'invalid-character' }] })
  const card = await call(app, 'GET', '/v1/periods/p1/units/u1/scorecard')
  t.notMatch(card.body, /"self":1\b/, 'nothing was written')
})

t.test('a lone surrogate in titles, notes and evidence is 400 with a pointer', async (t) => {
  const app = await build(t)
  await seeded(app)
  const cases: Array<[string, unknown, string]> = [
    [
      '/v1/frameworks/f2',
      { name: 'F', criteria: [{ code: '1', title: 'a\ud800', maxPoints: 1 }] },
      '/criteria/0/title',
    ],
    ['/v1/periods/p1/units/u1/scores', { scores: [{ criterion: '1.1', note: '\udc00x' }] }, '/scores/0/note'],
    [
      '/v1/periods/p1/units/u1/scores',
      { scores: [{ criterion: '1.1', evidence: ['https://x.vn/\ud800'] }] },
      '/scores/0/evidence/0',
    ],
  ]
  for (const [url, body, pointer] of cases) {
    // Written by hand: JSON.stringify would escape the surrogate the same way, but be explicit.
    const res = await call(app, 'PUT', url, {
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
    })
    t.equal(res.statusCode, 400, `${url} ${pointer}`)
    t.match(res.json(), { errors: [{ pointer, code: 'invalid-character' }] })
  }
  const pair = await call(app, 'PUT', '/v1/periods/p1/units/u1/scores', {
    body: { scores: [{ criterion: '1.1', note: 'ghi chú 😀' }] },
  })
  t.equal(pair.statusCode, 200, 'a surrogate pair (an emoji) is ordinary text')
})

t.test('maxPoints beyond what can be stored is 400', async (t) => {
  const app = await build(t)
  for (const maxPoints of [99999999999, 1e300]) {
    const res = await call(app, 'PUT', '/v1/frameworks/big', {
      body: { name: 'F', criteria: [{ code: '1', title: 'x', maxPoints }] },
    })
    t.equal(res.statusCode, 400, `maxPoints ${maxPoints}`)
    t.match(res.json(), { errors: [{ pointer: '/criteria/0/maxPoints', code: 'maximum' }] })
  }
})

t.test('survey counts beyond what can be stored are refused with a pointer', async (t) => {
  const app = await build(t)
  await seeded(app)
  const url = '/v1/periods/p1/units/u1/survey'
  const tooBig = await call(app, 'PUT', url, {
    body: { questions: [{ code: 'A1', counts: [2147483648, 0, 0, 0, 0] }] },
  })
  t.equal(tooBig.statusCode, 400)
  t.match(tooBig.json(), { errors: [{ pointer: '/questions/0/counts/0', code: 'maximum' }] })
  const huge = await call(app, 'PUT', url, { body: { questions: [{ code: 'A1', counts: [1e300, 0, 0, 0, 0] }] } })
  t.equal(huge.statusCode, 400)
  const sum = await call(app, 'PUT', url, {
    body: { questions: [{ code: 'A1', counts: [1e9, 1e9, 1e9, 0, 0] }] },
  })
  t.equal(sum.statusCode, 422, 'each count fits, their sum does not')
  t.match(sum.json(), { errors: [{ pointer: '/questions/0/counts', code: 'too-many-answers' }] })
  const read = await call(app, 'GET', url)
  t.equal(read.statusCode, 200, 'the unit still reads')
})

t.test('a framework nested 2,000 levels deep is 400, not a stack overflow', async (t) => {
  const app = await build(t)
  let node: Record<string, unknown> = { code: 'leaf', title: 'x', maxPoints: 1 }
  for (let i = 0; i < 2000; i++) node = { code: `n${i}`, title: 'x', children: [node] }
  const res = await call(app, 'PUT', '/v1/frameworks/deep', { body: { name: 'F', criteria: [node] } })
  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], /application\/problem\+json/)
  t.ok(res.json().errors.length >= 1)
  t.ok(res.json().errors.length <= 1000, 'a bounded list of places')
})

t.test('crafted cursors are 400 on /query/cursor', async (t) => {
  const app = await build(t)
  await seeded(app)
  // The audit's cursor is a pair of whole numbers (an entry's batch and its place in it).
  const pair = (key: unknown[]) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url')
  for (const key of [[1, 1.5], [1e20, 0], [1, -1], [1, '2'], [1, 2, 3], [7]]) {
    const res = await call(app, 'GET', `/v1/periods/p1/audit?cursor=${pair(key)}`)
    t.equal(res.statusCode, 400, `audit cursor ${JSON.stringify(key)}`)
    t.match(res.json(), { errors: [{ pointer: '/query/cursor' }] })
  }
  const clients = await call(app, 'GET', `/v1/clients?cursor=${cursor('not-a-uuid')}`)
  t.equal(clients.statusCode, 400)
  t.match(clients.json(), { errors: [{ pointer: '/query/cursor' }] })
})

t.test('survey responses with many unknown answers: a 422 listing at most 1,000 places, with errorCount', async (t) => {
  const app = await build(t)
  await seeded(app)
  const answers = Object.fromEntries(Array.from({ length: 200 }, (_, k) => [`Q${k}`, 1]))
  const responses = Array.from({ length: 10000 }, (_, i) => ({ id: `r${i}`, answers }))
  const res = await call(app, 'POST', '/v1/periods/p1/units/u1/survey/responses', { body: { responses } })
  t.equal(res.statusCode, 422)
  t.ok(res.body.length < 1_000_000, `a bounded answer (${res.body.length} bytes)`)
  const problem = res.json()
  t.equal(problem.errors.length, 1000)
  t.equal(problem.errorCount, 2_000_000)
  t.match(problem.errors[0], { pointer: '/responses/0/answers/Q0', code: 'unknown-question' })
})

t.test('a survey response with more than 1,000 answers is 400', async (t) => {
  const app = await build(t)
  await seeded(app)
  const answers = Object.fromEntries(Array.from({ length: 1001 }, (_, k) => [`Q${k}`, 1]))
  const res = await call(app, 'POST', '/v1/periods/p1/units/u1/survey/responses', {
    body: { responses: [{ id: 'r1', answers }] },
  })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { errors: [{ pointer: '/responses/0/answers', code: 'maxProperties' }] })
})

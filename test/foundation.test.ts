import t from 'tap'
import { Type } from 'typebox'
import { build } from './helpers/build.js'

t.test('health: live answers while the process runs, ready when the database answers', async (t) => {
  const app = await build(t)
  const live = await app.inject({ method: 'GET', url: '/health/live' })
  t.equal(live.statusCode, 200)
  t.same(live.json(), { status: 'ok' })
  const ready = await app.inject({ method: 'GET', url: '/health/ready' })
  t.equal(ready.statusCode, 200)
  t.same(ready.json(), { status: 'ok' })
})

t.test('unknown route: 404 problem+json', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/v1/nothing-here' })
  t.equal(res.statusCode, 404)
  t.match(res.headers['content-type'], /^application\/problem\+json/)
  t.match(res.json(), { type: 'urn:cchc:problem:not-found', title: 'Not found', status: 404, detail: /nothing-here/ })
})

t.test('known path, wrong method: 405 problem+json with Allow', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'DELETE', url: '/health/live' })
  t.equal(res.statusCode, 405)
  t.equal(res.headers.allow, 'GET, HEAD')
  t.match(res.json(), { type: 'urn:cchc:problem:method-not-allowed', status: 405 })
})

t.test('request id: taken from x-request-id when given, generated otherwise, echoed back', async (t) => {
  const app = await build(t)
  const given = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'caller-42' } })
  t.equal(given.headers['x-request-id'], 'caller-42')
  const generated = await app.inject({ method: 'GET', url: '/health/live' })
  t.match(generated.headers['x-request-id'], /^[0-9a-f-]{36}$/)
  const hostile = await app.inject({ method: 'GET', url: '/health/live', headers: { 'x-request-id': 'a b\u00e9' } })
  t.not(hostile.headers['x-request-id'], 'a b\u00e9', 'an id that is not a plain token is replaced')
})

t.test('request bodies: malformed JSON, wrong type and unknown field are 400 problems with pointers', async (t) => {
  const app = await build(t)
  // A route shaped like the real ones, registered only here, to exercise the shared error handling.
  app.post(
    '/probe',
    {
      schema: {
        body: Type.Object(
          {
            name: Type.String(),
            score: Type.Number(),
            nested: Type.Optional(Type.Object({ a: Type.Integer() }, { additionalProperties: false })),
          },
          { additionalProperties: false },
        ),
      },
    },
    async (request) => request.body,
  )

  const malformed = await app.inject({
    method: 'POST',
    url: '/probe',
    headers: { 'content-type': 'application/json' },
    payload: '{"name": "x",',
  })
  t.equal(malformed.statusCode, 400)
  t.match(malformed.headers['content-type'], /^application\/problem\+json/)
  t.match(malformed.json(), {
    type: 'urn:cchc:problem:malformed-json',
    status: 400,
    errors: [{ pointer: '', code: 'malformed-json' }],
  })

  const wrongType = await app.inject({ method: 'POST', url: '/probe', payload: { name: 'x', score: 'high' } })
  t.equal(wrongType.statusCode, 400)
  t.match(wrongType.json(), { type: 'urn:cchc:problem:invalid-request', errors: [{ pointer: '/score', code: 'type' }] })

  const unknown = await app.inject({
    method: 'POST',
    url: '/probe',
    payload: { name: 'x', score: 1, colour: 'red', nested: { a: 1, b: 2 } },
  })
  t.equal(unknown.statusCode, 400)
  const pointers = unknown
    .json()
    .errors.map((e: { pointer: string }) => e.pointer)
    .sort()
  t.same(pointers, ['/colour', '/nested/b'], 'every unknown field is named, none silently dropped')

  const missing = await app.inject({ method: 'POST', url: '/probe', payload: { score: 1 } })
  t.match(missing.json(), { errors: [{ pointer: '/name', code: 'required' }] })

  const ok = await app.inject({ method: 'POST', url: '/probe', payload: { name: 'Phòng Nội vụ', score: 1.5 } })
  t.equal(ok.statusCode, 200)
  t.same(ok.json(), { name: 'Phòng Nội vụ', score: 1.5 })
})

t.test('body over the limit: 413 problem+json', async (t) => {
  const app = await build(t, { bodyLimit: 1024 })
  app.post('/probe', async () => ({}))
  const res = await app.inject({ method: 'POST', url: '/probe', payload: { blob: 'x'.repeat(2000) } })
  t.equal(res.statusCode, 413)
  t.match(res.json(), { type: 'urn:cchc:problem:payload-too-large', status: 413 })
})

t.test('unexpected failures: 500 without internals', async (t) => {
  const app = await build(t)
  app.get('/boom', async () => {
    throw new Error('relation "secret_table" does not exist at /srv/app/x.ts:12')
  })
  const res = await app.inject({ method: 'GET', url: '/boom' })
  t.equal(res.statusCode, 500)
  t.match(res.json(), { type: 'urn:cchc:problem:internal', status: 500 })
  t.notMatch(res.body, /secret_table|\.ts:|stack/)
})

t.test('metrics: request counts by route and status in Prometheus text', async (t) => {
  const app = await build(t)
  await app.inject({ method: 'GET', url: '/health/live' })
  await app.inject({ method: 'GET', url: '/health/live' })
  await app.inject({ method: 'GET', url: '/nope' })
  const res = await app.inject({ method: 'GET', url: '/metrics' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/plain/)
  t.match(res.body, /http_requests_total\{method="GET",route="\/health\/live",status_code="200"\} 2/)
  t.match(res.body, /http_requests_total\{method="GET",route="unmatched",status_code="404"\} 1/)
  t.match(
    res.body,
    /http_request_duration_seconds_bucket\{le="0.005",method="GET",route="\/health\/live",status_code="200"\}/,
  )
})

t.test('docs: /docs serves the interactive page', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/docs/' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /text\/html/)
  t.match(res.body, /swagger/i)
})

t.test('the same problems from a real route', async (t) => {
  const app = await build(t)
  const headers = { authorization: 'Bearer test-admin-token-0123456789abcdef', 'content-type': 'application/json' }
  const malformed = await app.inject({ method: 'PUT', url: '/v1/units/u1', headers, payload: '{"name": "Phòng' })
  t.equal(malformed.statusCode, 400)
  t.match(malformed.json(), { type: 'urn:cchc:problem:malformed-json' })
  const wrongType = await app.inject({
    method: 'PUT',
    url: '/v1/units/u1',
    headers,
    payload: JSON.stringify({ name: 'x', group: 'xa', rankable: 'yes' }),
  })
  t.match(wrongType.json(), { status: 400, errors: [{ pointer: '/rankable', code: 'type' }] })
  const unknown = await app.inject({
    method: 'PUT',
    url: '/v1/units/u1',
    headers,
    payload: JSON.stringify({ name: 'x', group: 'xa', colour: 'red' }),
  })
  t.match(unknown.json(), { status: 400, errors: [{ pointer: '/colour', code: 'additional-property' }] })
  const xml = await app.inject({
    method: 'PUT',
    url: '/v1/units/u1',
    headers: { ...headers, 'content-type': 'application/xml' },
    payload: '<unit/>',
  })
  t.equal(xml.statusCode, 415)
  t.match(xml.json(), { type: 'urn:cchc:problem:unsupported-media-type' })
})

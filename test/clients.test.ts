import t from 'tap'
import { bootstrapAdmin } from '../src/modules/clients/service.js'
import { build } from './helpers/build.js'
import { call, seedUnit } from './helpers/api.js'
import { sharedTestDatabase } from './helpers/database.js'

t.test('an admin creates a client; the token is shown once and stored only as a hash', async (t) => {
  const app = await build(t)
  const res = await call(app, 'POST', '/v1/clients', { body: { name: 'Cổng dịch vụ công', role: 'reader' } })
  t.equal(res.statusCode, 201)
  const client = res.json()
  t.match(client, { id: /^[0-9a-f-]{36}$/, name: 'Cổng dịch vụ công', role: 'reader', unit: null, revokedAt: null })
  t.match(client.token, /^cchc_[A-Za-z0-9_-]{43}$/, '256 random bits')

  const stored = await app.db.selectFrom('clients').selectAll().execute()
  t.equal(stored.length, 1)
  t.not(stored[0]!.token_hash, client.token)
  t.notMatch(JSON.stringify(stored), client.token.slice(5), 'the plain token is nowhere in the database')

  const listed = await call(app, 'GET', '/v1/clients')
  t.equal(listed.statusCode, 200)
  t.equal(listed.json().items.length, 1)
  t.notOk('token' in listed.json().items[0], 'listing never shows a token')

  const asReader = await call(app, 'GET', '/v1/units', { token: client.token })
  t.equal(asReader.statusCode, 200, 'the new token works')
})

t.test('a revoked token stops at once; revoking twice is harmless; unknown id 404', async (t) => {
  const app = await build(t)
  const created = (await call(app, 'POST', '/v1/clients', { body: { name: 'x', role: 'reader' } })).json()
  t.equal((await call(app, 'GET', '/v1/units', { token: created.token })).statusCode, 200)
  t.equal((await call(app, 'DELETE', `/v1/clients/${created.id}`)).statusCode, 204)
  const after = await call(app, 'GET', '/v1/units', { token: created.token })
  t.equal(after.statusCode, 401)
  t.match(after.json(), { type: 'urn:cchc:problem:unauthorized' })
  t.equal((await call(app, 'DELETE', `/v1/clients/${created.id}`)).statusCode, 204)
  const listed = (await call(app, 'GET', '/v1/clients')).json().items
  t.ok(listed[0].revokedAt, 'the revocation time is shown')
  t.equal((await call(app, 'DELETE', '/v1/clients/00000000-0000-4000-8000-000000000000')).statusCode, 404)
  t.equal((await call(app, 'DELETE', '/v1/clients/not-a-uuid')).statusCode, 400)
})

t.test('a unit token names an existing unit; other roles name none', async (t) => {
  const app = await build(t)
  await seedUnit(app, 'xa-quang-loi')
  const missing = await call(app, 'POST', '/v1/clients', { body: { name: 'x', role: 'unit' } })
  t.equal(missing.statusCode, 422)
  t.match(missing.json(), {
    type: 'urn:cchc:problem:rule-violated',
    errors: [{ pointer: '/unit', code: 'required-for-role' }],
  })
  const unknown = await call(app, 'POST', '/v1/clients', { body: { name: 'x', role: 'unit', unit: 'xa-khong-co' } })
  t.equal(unknown.statusCode, 422)
  t.match(unknown.json(), { errors: [{ pointer: '/unit', code: 'unknown-unit' }] })
  const stray = await call(app, 'POST', '/v1/clients', { body: { name: 'x', role: 'reader', unit: 'xa-quang-loi' } })
  t.equal(stray.statusCode, 422)
  const ok = await call(app, 'POST', '/v1/clients', { body: { name: 'x', role: 'unit', unit: 'xa-quang-loi' } })
  t.equal(ok.statusCode, 201)
  t.equal(ok.json().unit, 'xa-quang-loi')
  const badRole = await call(app, 'POST', '/v1/clients', { body: { name: 'x', role: 'superuser' } })
  t.equal(badRole.statusCode, 400)
  t.match(badRole.json(), { errors: [{ pointer: '/role' }] })
})

t.test('401 without a token, with an unknown one, or with a malformed header', async (t) => {
  const app = await build(t)
  const variants: Array<Record<string, string>> = [
    {},
    { authorization: 'Bearer cchc_nope' },
    { authorization: 'Basic abc' },
    { authorization: 'Bearer' },
  ]
  for (const headers of variants) {
    const res = await call(app, 'GET', '/v1/units', { token: null, headers })
    t.equal(res.statusCode, 401, JSON.stringify(headers))
    t.match(res.headers['content-type'], /^application\/problem\+json/)
    t.match(res.headers['www-authenticate'], /^Bearer/)
  }
})

t.test('the bootstrap admin token is built in: always valid, never listed, never revocable', async (t) => {
  const app = await build(t)
  t.equal((await call(app, 'GET', '/v1/clients')).json().items.length, 0)

  const created = (await call(app, 'POST', '/v1/clients', { body: { name: 'x', role: 'reader' } })).json()
  const listed = (await call(app, 'GET', '/v1/clients')).json().items as Array<{ id: string; role: string }>
  t.same(
    listed.map((c) => c.id),
    [created.id],
    'only the stored client is listed: no entry for the bootstrap admin',
  )
  t.notOk(
    listed.some((c) => c.id === 'bootstrap' || c.role === 'admin'),
    'no bootstrap or admin entry in the list',
  )

  // Its identity is `bootstrap`, which is no client id (client ids are UUIDs): revoking it is refused.
  const revoke = await call(app, 'DELETE', '/v1/clients/bootstrap')
  t.equal(revoke.statusCode, 400)
  t.match(revoke.json(), { type: 'urn:cchc:problem:invalid-request', errors: [{ pointer: '/params/client' }] })
  t.equal((await call(app, 'GET', '/v1/clients')).statusCode, 200, 'the bootstrap token still works afterwards')
  t.equal(
    (await call(app, 'POST', '/v1/clients', { body: { name: 'y', role: 'reader' } })).statusCode,
    201,
    'and still acts as admin',
  )
})

t.test('bootstrap: with no token configured and no client, one admin client is made, once', async (t) => {
  const app = await build(t, { adminToken: null })
  const { db } = await sharedTestDatabase()
  t.equal(await bootstrapAdmin(db, 'configured-admin-token-xxxx'), null, 'a configured token needs no bootstrap')
  const token = await bootstrapAdmin(db, null)
  t.match(token, /^cchc_/)
  t.equal(await bootstrapAdmin(db, null), null, 'not again once a client exists')
  const listed = await call(app, 'GET', '/v1/clients', { token })
  t.equal(listed.statusCode, 200, 'the generated token is an admin token')
  t.match(listed.json().items, [{ role: 'admin', name: 'bootstrap admin' }])
  t.equal((await call(app, 'GET', '/v1/clients')).statusCode, 401, 'no CCHC_ADMIN_TOKEN: the test token is not valid')
})

t.test('rate limit: over RATE_LIMIT a client gets 429 with Retry-After; other clients are not affected', async (t) => {
  const app = await build(t, { rateLimit: 1, rateLimitBurst: 3 })
  const reader = (await call(app, 'POST', '/v1/clients', { body: { name: 'x', role: 'reader' } })).json().token
  const statuses = []
  for (let i = 0; i < 4; i++) statuses.push((await call(app, 'GET', '/v1/units', { token: reader })).statusCode)
  t.same(statuses, [200, 200, 200, 429])
  const limited = await call(app, 'GET', '/v1/units', { token: reader })
  t.match(limited.json(), { type: 'urn:cchc:problem:rate-limited', status: 429 })
  t.equal(limited.headers['retry-after'], '1')
  t.equal(
    (await call(app, 'GET', '/health/live', { token: null })).statusCode,
    200,
    'operations routes are not limited',
  )
  const other = (await call(app, 'POST', '/v1/clients', { body: { name: 'y', role: 'reader' } })).json().token
  t.equal((await call(app, 'GET', '/v1/units', { token: other })).statusCode, 200)
})

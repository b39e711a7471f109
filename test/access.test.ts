import { readFileSync } from 'node:fs'
import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedClient, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

type Role = 'admin' | 'appraiser' | 'unit' | 'reader'
const ROLES: Role[] = ['admin', 'appraiser', 'unit', 'reader']

/**
 * Who may call each /v1 route (docs/api.md, Roles), and the exact status an allowed call answers. The
 * `unit` role's URLs point at its own unit and at a period listing it, so an allowed call succeeds for it
 * too. The rows run in order on one database: the status move makes p1 `appraisal` for the rows after it.
 * A `unit` token may call the results route, but only once the period is published: here, 403.
 */
const matrix: Array<{
  method: 'GET' | 'PUT' | 'POST' | 'DELETE'
  path: string
  url: string
  body?: unknown
  roles: Role[]
  /** What every allowed role gets: 404 for an id that names nothing, else success. */
  status: 200 | 201 | 404
}> = [
  {
    method: 'POST',
    path: '/v1/clients',
    url: '/v1/clients',
    body: { name: 'x', role: 'reader' },
    roles: ['admin'],
    status: 201,
  },
  { method: 'GET', path: '/v1/clients', url: '/v1/clients', roles: ['admin'], status: 200 },
  {
    method: 'DELETE',
    path: '/v1/clients/{client}',
    url: '/v1/clients/00000000-0000-4000-8000-000000000000',
    roles: ['admin'],
    status: 404,
  },
  {
    method: 'PUT',
    path: '/v1/units/{unit}',
    url: '/v1/units/u-new',
    body: { name: 'x', group: 'xa' },
    roles: ['admin'],
    status: 201,
  },
  { method: 'GET', path: '/v1/units', url: '/v1/units', roles: ROLES, status: 200 },
  { method: 'GET', path: '/v1/units/{unit}', url: '/v1/units/u1', roles: ROLES, status: 200 },
  {
    method: 'PUT',
    path: '/v1/frameworks/{framework}',
    url: '/v1/frameworks/f-new',
    body: { name: 'x', criteria: [{ code: 'a', title: 'A', maxPoints: 1 }] },
    roles: ['admin'],
    status: 201,
  },
  { method: 'GET', path: '/v1/frameworks', url: '/v1/frameworks', roles: ROLES, status: 200 },
  { method: 'GET', path: '/v1/frameworks/{framework}', url: '/v1/frameworks/f1', roles: ROLES, status: 200 },
  {
    method: 'PUT',
    path: '/v1/periods/{period}',
    url: '/v1/periods/p-new',
    body: { name: 'x', year: 2020, framework: 'f1', units: [] },
    roles: ['admin'],
    status: 201,
  },
  { method: 'GET', path: '/v1/periods', url: '/v1/periods', roles: ROLES, status: 200 },
  { method: 'GET', path: '/v1/periods/{period}', url: '/v1/periods/p1', roles: ROLES, status: 200 },
  {
    method: 'POST',
    path: '/v1/periods/{period}/status',
    url: '/v1/periods/p1/status',
    body: { status: 'appraisal' },
    roles: ['admin'],
    status: 200,
  },
  {
    method: 'GET',
    path: '/v1/periods/{period}/history',
    url: '/v1/periods/p1/history',
    roles: ['admin', 'appraiser', 'reader'],
    status: 200,
  },
  {
    method: 'PUT',
    path: '/v1/periods/{period}/units/{unit}/scores',
    url: '/v1/periods/p1/units/u1/scores',
    body: { scores: [] },
    roles: ['admin', 'appraiser', 'unit'],
    status: 200,
  },
  {
    method: 'PUT',
    path: '/v1/periods/{period}/units/{unit}/indicators',
    url: '/v1/periods/p1/units/u1/indicators',
    body: { indicators: [] },
    roles: ['admin', 'appraiser', 'unit'],
    status: 200,
  },
  {
    method: 'GET',
    path: '/v1/periods/{period}/units/{unit}/scorecard',
    url: '/v1/periods/p1/units/u1/scorecard',
    roles: ROLES,
    status: 200,
  },
  {
    method: 'GET',
    path: '/v1/periods/{period}/audit',
    url: '/v1/periods/p1/audit',
    roles: ['admin', 'appraiser', 'reader'],
    status: 200,
  },
  {
    method: 'PUT',
    path: '/v1/periods/{period}/units/{unit}/survey',
    url: '/v1/periods/p1/units/u1/survey',
    body: { questions: [] },
    roles: ['admin', 'appraiser'],
    status: 200,
  },
  {
    method: 'POST',
    path: '/v1/periods/{period}/units/{unit}/survey/responses',
    url: '/v1/periods/p1/units/u1/survey/responses',
    body: { responses: [] },
    roles: ['admin', 'appraiser'],
    status: 200,
  },
  {
    method: 'GET',
    path: '/v1/periods/{period}/units/{unit}/survey',
    url: '/v1/periods/p1/units/u1/survey',
    roles: ROLES,
    status: 200,
  },
  {
    method: 'GET',
    path: '/v1/periods/{period}/results',
    url: '/v1/periods/p1/results',
    roles: ['admin', 'appraiser', 'reader'],
    status: 200,
  },
  {
    method: 'POST',
    path: '/v1/periods/{period}/scores/import',
    url: '/v1/periods/p1/scores/import',
    body: { rows: [] },
    roles: ['admin', 'appraiser', 'unit'],
    status: 200,
  },
  { method: 'GET', path: '/v1/me', url: '/v1/me', roles: ROLES, status: 200 },
  { method: 'GET', path: '/v1/events', url: '/v1/events', roles: ['admin', 'reader'], status: 200 },
  {
    method: 'POST',
    path: '/v1/webhooks',
    // A closed port on 127.0.0.1; no event of this type follows in the matrix.
    url: '/v1/webhooks',
    body: { url: 'http://127.0.0.1:9/hook', events: ['period.created'] },
    roles: ['admin'],
    status: 201,
  },
  { method: 'GET', path: '/v1/webhooks', url: '/v1/webhooks', roles: ['admin'], status: 200 },
  {
    method: 'GET',
    path: '/v1/webhooks/{webhook}/deliveries',
    url: '/v1/webhooks/00000000-0000-4000-8000-000000000000/deliveries',
    roles: ['admin'],
    status: 404,
  },
  {
    method: 'DELETE',
    path: '/v1/webhooks/{webhook}',
    url: '/v1/webhooks/00000000-0000-4000-8000-000000000000',
    roles: ['admin'],
    status: 404,
  },
]

// The webhook row registers a loopback URL.
process.env.WEBHOOK_ALLOW_PRIVATE = 'true'

t.test('the matrix covers every /v1 operation of the OpenAPI document', async (t) => {
  const doc = JSON.parse(readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8'))
  const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
    .filter(([path]) => path.startsWith('/v1/'))
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
    .sort()
  t.same(matrix.map((r) => `${r.method} ${r.path}`).sort(), documented)
  for (const key of documented) {
    const [method, path] = key.split(' ') as [string, string]
    t.same(doc.paths[path][method.toLowerCase()].security, [{ bearerAuth: [] }], `${key} declares its security`)
  }
})

for (const role of [...ROLES, null] as const) {
  t.test(`every /v1 route with ${role ?? 'no'} token`, async (t) => {
    const app = await build(t)
    await seedUnit(app, 'u1')
    await seedFramework(app, 'f1')
    await seedPeriod(app, 'p1', 'f1', ['u1'])
    const token =
      role === null
        ? null
        : role === 'admin'
          ? undefined
          : await seedClient(app, role, role === 'unit' ? 'u1' : undefined)
    for (const route of matrix) {
      const res = await call(app, route.method, route.url, { token, ...(route.body ? { body: route.body } : {}) })
      const where = `${role ?? 'none'} ${route.method} ${route.url}`
      if (role === null) {
        t.equal(res.statusCode, 401, where)
      } else if (route.roles.includes(role)) {
        t.notOk([401, 403].includes(res.statusCode), `${where} allowed (${res.statusCode})`)
        t.ok(res.statusCode < 500, `${where} no server error`)
        t.equal(res.statusCode, route.status, `${where} answers ${route.status}`)
      } else {
        t.equal(res.statusCode, 403, where)
        t.match(res.json(), { type: 'urn:cchc:problem:forbidden' }, where)
      }
    }
  })
}

t.test('403 comes before body validation; 401 before everything', async (t) => {
  const app = await build(t)
  const token = await seedClient(app, 'reader')
  t.equal((await call(app, 'PUT', '/v1/units/u1', { token, body: { nonsense: true } })).statusCode, 403)
  t.equal((await call(app, 'PUT', '/v1/units/u1', { token: null, body: { nonsense: true } })).statusCode, 401)
  t.equal((await call(app, 'PUT', '/v1/units/u1', { body: { nonsense: true } })).statusCode, 400)
})

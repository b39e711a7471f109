import { readFileSync } from 'node:fs'
import t from 'tap'
import { generateOpenApi } from '../src/openapi.js'
import { build } from './helpers/build.js'

const committed = readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8')

t.test('the committed openapi/openapi.json is what the code generates (run `npm run openapi`)', async (t) => {
  const generated = await generateOpenApi()
  t.equal(committed, generated)
})

t.test('GET /openapi.json serves the committed document byte for byte', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/openapi.json' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^application\/json/)
  t.equal(res.body, committed)
})

t.test('the document is OpenAPI 3.1 with the bearer scheme and problem schemas', async (t) => {
  const doc = JSON.parse(committed)
  t.equal(doc.openapi, '3.1.0')
  t.match(doc.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer' })
  t.ok(doc.components.schemas.Problem, 'Problem schema is a named component')
  t.match(doc.paths['/health/ready'].get.responses['503'].content['application/problem+json'].schema, {
    $ref: '#/components/schemas/UnavailableProblem',
  })
})

type Operation = {
  operationId?: string
  security?: unknown[]
  parameters?: Array<{ $ref?: string; description?: string }>
  responses: Record<string, { content?: Record<string, { example?: unknown; schema?: { $ref?: string } }> }>
}
const operations = (): Array<[string, string, Operation]> => {
  const doc = JSON.parse(committed) as { paths: Record<string, Record<string, Operation>> }
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, op]): [string, string, Operation] => [method, path, op]),
  )
}

t.test('every operation has a unique camelCase operationId', async (t) => {
  const ids = operations().map(([, , op]) => op.operationId)
  t.ok(
    ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id)),
    'camelCase',
  )
  t.equal(new Set(ids).size, ids.length, 'unique')
  for (const id of ['listUnits', 'putUnit', 'getUnit', 'changePeriodStatus', 'getResults', 'revokeClient', 'getMe']) {
    t.ok(ids.includes(id), id)
  }
})

t.test('path parameters are named {period}, {unit}, {framework}, {client}', async (t) => {
  const names = new Set(operations().flatMap(([, path]) => [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1])))
  t.same([...names].sort(), ['client', 'framework', 'period', 'unit', 'webhook'])
})

t.test('every parameter is described, every 2xx has an example, every /v1 operation a 4xx', async (t) => {
  for (const [method, path, op] of operations()) {
    const where = `${method} ${path}`
    for (const p of op.parameters ?? []) t.ok(p.$ref ?? p.description, `${where}: parameter described`)
    const examples = Object.entries(op.responses)
      .filter(([status]) => status.startsWith('2'))
      .flatMap(([status, response]) =>
        Object.entries(response.content ?? {})
          .filter(([type]) => type.includes('json'))
          .map(([type, media]) => [`${status} ${type}`, media.example] as const),
      )
    for (const [what, example] of examples) t.not(example, undefined, `${where} ${what}: example`)
    if (path.startsWith('/v1'))
      t.ok(
        Object.keys(op.responses).some((s) => s.startsWith('4')),
        `${where}: 4xx`,
      )
    else t.same(op.security, [], `${where}: no token`)
  }
})

t.test('problem answers name their types and their extension members', async (t) => {
  const doc = JSON.parse(committed)
  t.match(doc.components.schemas.ConflictProblem, {
    allOf: [{ $ref: '#/components/schemas/Problem' }],
    properties: { type: { enum: ['urn:cchc:problem:conflict', 'urn:cchc:problem:period-locked'] }, allowed: {} },
  })
  t.ok(doc.components.schemas.NotAcceptableProblem.properties.available)
  t.ok(doc.components.schemas.ForbiddenProblem.properties.fields)
})

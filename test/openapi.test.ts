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
    $ref: '#/components/schemas/Problem',
  })
})

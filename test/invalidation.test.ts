import { readFileSync } from 'node:fs'
import t, { type Test } from 'tap'
import { build } from './helpers/build.js'
import { call, seedFramework, seedPeriod, seedUnit, smallFramework } from './helpers/api.js'

// Results are cached per period. Every write that can change what they show must drop the cached
// answer when it commits; this file proves it per write route, and fails when a write route is added
// without being listed here.

type App = Awaited<ReturnType<typeof build>>

const results = async (app: App): Promise<ResultsBody> => {
  const res = await call(app, 'GET', '/v1/periods/p/results')
  if (res.statusCode !== 200) throw new Error(`results: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** The small framework and a ratio leaf 9.1 (1 point at 100 %), so that PUT …/indicators changes results. */
const withRatioLeaf = {
  ...smallFramework,
  criteria: [
    ...smallFramework.criteria,
    {
      code: '9',
      title: 'Chỉ tiêu tỷ lệ',
      children: [
        {
          code: '9.1',
          title: 'Hồ sơ đúng hạn',
          maxPoints: 1,
          method: 'ratio',
          ratio: { label: 'Hồ sơ đúng hạn', scoring: { kind: 'tiers', tiers: [{ min: 100, points: 1 }] } },
        },
      ],
    },
  ],
}

async function seed(app: App) {
  await seedUnit(app, 'a')
  await seedUnit(app, 'b')
  await seedFramework(app, 'f', withRatioLeaf)
  await seedPeriod(app, 'p', 'f', ['a'])
}

interface ResultsBody {
  period: { status: string }
  items: Array<{ unit: { code: string; name: string }; points: number; satisfaction: { index: number } | null }>
}

const item = (body: ResultsBody, code: string) => body.items.find((i) => i.unit.code === code)

/** Each write route that changes what results show: the write, and what a fresh read must then show. */
const changesResults: Record<
  string,
  { write: (app: App) => Promise<unknown>; check: (t: Test, body: ResultsBody) => void }
> = {
  'PUT /v1/units/{unit}': {
    write: (app) => call(app, 'PUT', '/v1/units/a', { body: { name: 'Tên mới', group: 'xa' } }),
    check: (t, body) => t.equal(item(body, 'a')?.unit.name, 'Tên mới'),
  },
  'PUT /v1/periods/{period}': {
    write: (app) =>
      call(app, 'PUT', '/v1/periods/p', { body: { name: 'Kỳ p', year: 2018, framework: 'f', units: ['a', 'b'] } }),
    check: (t, body) => t.ok(item(body, 'b'), 'the added unit is listed'),
  },
  'POST /v1/periods/{period}/status': {
    write: (app) => call(app, 'POST', '/v1/periods/p/status', { body: { status: 'appraisal' } }),
    check: (t, body) => t.equal(body.period.status, 'appraisal'),
  },
  'PUT /v1/periods/{period}/units/{unit}/scores': {
    write: (app) =>
      call(app, 'PUT', '/v1/periods/p/units/a/scores', { body: { scores: [{ criterion: '1.1', appraised: 1.5 }] } }),
    check: (t, body) => t.equal(item(body, 'a')?.points, 1.5),
  },
  'PUT /v1/periods/{period}/units/{unit}/indicators': {
    write: (app) =>
      call(app, 'PUT', '/v1/periods/p/units/a/indicators', {
        body: { indicators: [{ criterion: '9.1', numerator: 4, denominator: 4 }] },
      }),
    check: (t, body) => t.equal(item(body, 'a')?.points, 1),
  },
  'POST /v1/periods/{period}/scores/import': {
    write: (app) =>
      call(app, 'POST', '/v1/periods/p/scores/import', {
        body: { rows: [{ unit: 'a', criterion: '1.2', appraised: 1 }] },
      }),
    check: (t, body) => t.equal(item(body, 'a')?.points, 1),
  },
  'PUT /v1/periods/{period}/units/{unit}/survey': {
    write: (app) =>
      call(app, 'PUT', '/v1/periods/p/units/a/survey', {
        body: { questions: [{ code: 'A1', counts: [0, 0, 0, 1, 1] }] },
      }),
    check: (t, body) => t.equal(item(body, 'a')?.satisfaction?.index, 100),
  },
  'POST /v1/periods/{period}/units/{unit}/survey/responses': {
    write: (app) =>
      call(app, 'POST', '/v1/periods/p/units/a/survey/responses', {
        body: { responses: [{ id: 'r1', answers: { A1: 5 } }] },
      }),
    check: (t, body) => t.equal(item(body, 'a')?.satisfaction?.index, 100),
  },
}

/** Write routes that cannot change any period's results, and why. */
const cannotChangeResults: Record<string, string> = {
  'POST /v1/clients': 'clients are not part of results',
  'DELETE /v1/clients/{client}': 'clients are not part of results',
  'PUT /v1/frameworks/{framework}': 'a framework in use by a period cannot change (409)',
  'POST /v1/webhooks': 'webhooks are not part of results',
  'DELETE /v1/webhooks/{webhook}': 'webhooks are not part of results',
}

t.test('every write route of the OpenAPI is listed as changing results or not', async (t) => {
  const doc = JSON.parse(readFileSync(new URL('../openapi/openapi.json', import.meta.url), 'utf8'))
  const writes = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) =>
    Object.keys(ops)
      .filter((m) => ['put', 'post', 'patch', 'delete'].includes(m))
      .map((m) => `${m.toUpperCase()} ${path}`),
  )
  const listed = new Set([...Object.keys(changesResults), ...Object.keys(cannotChangeResults)])
  t.same(
    writes.filter((w) => !listed.has(w)),
    [],
    'no write route is missing from this file',
  )
})

for (const [route, { write, check }] of Object.entries(changesResults)) {
  t.test(`${route}: a results read after it shows the change, though the read before it was cached`, async (t) => {
    const app = await build(t)
    await seed(app)
    await results(app) // warms the cache
    const res = (await write(app)) as { statusCode: number; body: string }
    t.ok(res.statusCode < 300, `the write succeeds (${res.statusCode} ${res.body.slice(0, 200)})`)
    check(t, await results(app))
  })
}

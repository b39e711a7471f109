import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedClient, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

type App = Awaited<ReturnType<typeof build>>

async function setup(t: Parameters<typeof build>[0], overrides = {}) {
  const app = await build(t, overrides)
  await seedFramework(app, 'f1')
  for (const u of ['xa-a', 'xa-b', 'xa-c']) await seedUnit(app, u)
  await seedPeriod(app, 'p', 'f1', ['xa-a', 'xa-b', 'xa-c'])
  return app
}

const importCsv = (app: App, csv: string, query = '', token?: string) =>
  app.inject({
    method: 'POST',
    url: `/v1/periods/p/scores/import${query}`,
    headers: {
      authorization: `Bearer ${token ?? 'test-admin-token-0123456789abcdef'}`,
      'content-type': 'text/csv; charset=utf-8',
    },
    payload: csv,
  })
const importJson = (app: App, rows: unknown[], query = '', token?: string) =>
  call(app, 'POST', `/v1/periods/p/scores/import${query}`, { body: { rows }, ...(token ? { token } : {}) })

const storedCount = async (app: App) => ({
  scores: (await app.db.selectFrom('scores').selectAll().execute()).length,
  audit: (await call(app, 'GET', '/v1/periods/p/audit')).json().items.length,
})

t.test('JSON import: counts created, then unchanged on a repeat; updates are counted as such', async (t) => {
  const app = await setup(t)
  const rows = [
    { unit: 'xa-a', criterion: '1.1', self: 1.5, appraised: 1.25 },
    { unit: 'xa-a', criterion: '1.2', notApplicable: true },
    { unit: 'xa-b', criterion: '2.1', appraised: 2.5, note: 'Đạt' },
  ]
  const first = await importJson(app, rows)
  t.equal(first.statusCode, 200, first.body)
  t.same(first.json(), { dryRun: false, rows: 3, created: 3, updated: 0, unchanged: 0 })
  t.same(
    (await importJson(app, rows)).json(),
    { dryRun: false, rows: 3, created: 0, updated: 0, unchanged: 3 },
    'a retried import changes nothing',
  )
  const changed = await importJson(app, [
    { unit: 'xa-a', criterion: '1.1', appraised: 1 },
    { unit: 'xa-c', criterion: '1.1', self: 0.5 },
  ])
  t.same(changed.json(), { dryRun: false, rows: 2, created: 1, updated: 1, unchanged: 0 })
  const card = (await call(app, 'GET', '/v1/periods/p/units/xa-a/scorecard')).json()
  t.match(card.criteria[0].children[0], { code: '1.1', self: 1.5, appraised: 1, final: 1 })
})

t.test('dryRun validates and counts, and writes nothing', async (t) => {
  const app = await setup(t)
  const res = await importJson(app, [{ unit: 'xa-a', criterion: '1.1', self: 1 }], '?dryRun=true')
  t.same(res.json(), { dryRun: true, rows: 1, created: 1, updated: 0, unchanged: 0 })
  t.same(await storedCount(app), { scores: 0, audit: 0 })
  const bad = await importJson(app, [{ unit: 'xa-a', criterion: '1.1', self: 9 }], '?dryRun=true')
  t.equal(bad.statusCode, 422, 'a dry run reports the same problems')
})

t.test('CSV import: BOM, quoted fields, columns in any order, empty cells not given, 1/0 booleans', async (t) => {
  const app = await setup(t)
  await importJson(app, [{ unit: 'xa-b', criterion: '1.1', self: 1, note: 'giữ nguyên' }])
  const csv =
    '\uFEFFcriterion,unit,appraised,self,notApplicable,note\r\n' +
    '1.1,xa-a,1.25,1.5,,"Kế hoạch số 12, ngày 5/1"\r\n' +
    '1.2,xa-a,,,1,\r\n' +
    '1.1,xa-b,0.75,,,\r\n' +
    '2.1,xa-c,2,2.5,0,"Báo cáo ""đầy đủ"""\r\n'
  const res = await importCsv(app, csv)
  t.equal(res.statusCode, 200, res.body)
  t.same(res.json(), { dryRun: false, rows: 4, created: 3, updated: 1, unchanged: 0 })
  const a = (await call(app, 'GET', '/v1/periods/p/units/xa-a/scorecard')).json()
  t.match(a.criteria[0].children, [
    { code: '1.1', self: 1.5, appraised: 1.25, note: 'Kế hoạch số 12, ngày 5/1' },
    { code: '1.2', notApplicable: true },
  ])
  const b = (await call(app, 'GET', '/v1/periods/p/units/xa-b/scorecard')).json()
  t.match(
    b.criteria[0].children[0],
    { self: 1, appraised: 0.75, note: 'giữ nguyên' },
    'empty cells leave stored values alone',
  )
  const c = (await call(app, 'GET', '/v1/periods/p/units/xa-c/scorecard')).json()
  t.match(c.criteria[1].children[0], {
    code: '2.1',
    self: 2.5,
    appraised: 2,
    notApplicable: false,
    note: 'Báo cáo "đầy đủ"',
  })
})

t.test('a failed import lists every bad row and writes nothing', async (t) => {
  const app = await setup(t)
  const csv =
    'unit,criterion,self,appraised,notApplicable,note\n' +
    'xa-a,1.1,1.5,,,\n' + // good
    'xa-a,1.2,abc,,,\n' + // not a number
    'xa-b,1.1,,1.999,,\n' + // three decimals
    'xa-zzz,1.1,1,,,\n' + // unit not in the period
    'xa-c,9.9,1,,,\n' + // unknown criterion
    'xa-c,2.1,,,maybe,\n' + // bad boolean
    ',2.1,1,,,\n' + // no unit
    'xa-a,1.1,1,,,\n' // duplicate of row 1
  const res = await importCsv(app, csv)
  t.equal(res.statusCode, 422)
  const errors = res
    .json()
    .errors.map((e: { row: number; pointer: string; code: string }) => [e.row, e.pointer, e.code])
    .sort((x: number[], y: number[]) => x[0]! - y[0]!)
  t.same(errors, [
    [2, '/rows/1/self', 'not-a-number'],
    [3, '/rows/2/appraised', 'too-many-decimals'],
    [4, '/rows/3/unit', 'not-in-period'],
    [5, '/rows/4/criterion', 'unknown-criterion'],
    [6, '/rows/5/notApplicable', 'not-a-boolean'],
    [7, '/rows/6/unit', 'required'],
    [8, '/rows/7/criterion', 'duplicate'],
  ])
  t.same(await storedCount(app), { scores: 0, audit: 0 }, 'the good row was not written either')
})

t.test('the CSV header is the request shape: unknown or missing columns are 400', async (t) => {
  const app = await setup(t)
  const unknown = await importCsv(app, 'unit,criterion,score\nxa-a,1.1,1\n')
  t.equal(unknown.statusCode, 400)
  t.match(unknown.json(), { errors: [{ pointer: '/header/2', code: 'unknown-column' }] })
  const missing = await importCsv(app, 'unit,self\nxa-a,1\n')
  t.equal(missing.statusCode, 400)
  t.match(missing.json(), { errors: [{ code: 'missing-column' }] })
  const broken = await importCsv(app, 'unit,criterion\n"xa-a,1.1\n')
  t.equal(broken.statusCode, 400)
  t.match(broken.json(), { errors: [{ code: 'malformed-csv' }] })
  const json400 = await importJson(app, [{ unit: 'xa-a', criterion: '1.1', self: 'one' }])
  t.equal(json400.statusCode, 400)
  t.match(json400.json(), { errors: [{ pointer: '/rows/0/self' }] })
})

t.test('role and status rules apply to each row', async (t) => {
  const app = await setup(t)
  const appraiser = await seedClient(app, 'appraiser')
  const unitToken = await seedClient(app, 'unit', 'xa-a')
  const selfByAppraiser = await importJson(
    app,
    [
      { unit: 'xa-a', criterion: '1.1', appraised: 1 },
      { unit: 'xa-b', criterion: '1.1', self: 1 },
    ],
    '',
    appraiser,
  )
  t.equal(selfByAppraiser.statusCode, 403)
  t.match(selfByAppraiser.json(), { fields: ['self'], errors: [{ pointer: '/rows/1/self', row: 2 }] })
  const foreign = await importJson(
    app,
    [
      { unit: 'xa-a', criterion: '1.1', self: 1 },
      { unit: 'xa-b', criterion: '1.1', self: 1 },
    ],
    '',
    unitToken,
  )
  t.equal(foreign.statusCode, 403)
  t.match(foreign.json(), { errors: [{ pointer: '/rows/1/unit', row: 2, code: 'other-unit' }] })
  t.equal((await importJson(app, [{ unit: 'xa-a', criterion: '1.1', self: 1 }], '', unitToken)).statusCode, 200)

  await call(app, 'POST', '/v1/periods/p/status', { body: { status: 'appraisal' } })
  await call(app, 'POST', '/v1/periods/p/status', { body: { status: 'published' } })
  const locked = await importJson(app, [{ unit: 'xa-a', criterion: '1.1', appraised: 1 }])
  t.equal(locked.statusCode, 409)
  t.match(locked.json(), { type: 'urn:cchc:problem:period-locked', errors: [{ row: 1 }] })
  t.equal(
    (await importJson(app, [{ unit: 'xa-a', criterion: '1.1', self: 1 }])).statusCode,
    200,
    'identical rows are harmless even when published',
  )
  t.same(await storedCount(app), { scores: 1, audit: 1 })
})

t.test('limits and media types: 413 over IMPORT_BODY_LIMIT, 415 for another content type', async (t) => {
  const app = await setup(t, { importBodyLimit: 2048 })
  const big = 'unit,criterion,self\n' + 'xa-a,1.1,1\n'.repeat(400)
  const tooLarge = await importCsv(app, big)
  t.equal(tooLarge.statusCode, 413)
  t.match(tooLarge.json(), { type: 'urn:cchc:problem:payload-too-large' })
  const plain = await app.inject({
    method: 'POST',
    url: '/v1/periods/p/scores/import',
    headers: { authorization: 'Bearer test-admin-token-0123456789abcdef', 'content-type': 'text/plain' },
    payload: 'x',
  })
  t.equal(plain.statusCode, 415)
  t.match(plain.json(), { type: 'urn:cchc:problem:unsupported-media-type' })
  t.equal((await call(app, 'POST', '/v1/periods/none/scores/import', { body: { rows: [] } })).statusCode, 404)
})

t.test('a repeated unit and criterion is found whether the rows come grouped by unit or not', async (t) => {
  const app = await setup(t)
  const header = 'unit,criterion,self\n'
  const grouped = await importCsv(app, `${header}xa-a,1.1,1\nxa-a,1.2,1\nxa-a,1.1,0.5\nxa-b,1.1,1\n`)
  t.equal(grouped.statusCode, 422)
  t.match(grouped.json(), { errors: [{ pointer: '/rows/2/criterion', row: 3, code: 'duplicate' }] })
  const interleaved = await importCsv(app, `${header}xa-a,1.1,1\nxa-b,1.1,1\nxa-a,1.2,1\nxa-b,1.1,0.5\n`)
  t.equal(interleaved.statusCode, 422)
  t.match(interleaved.json(), { errors: [{ pointer: '/rows/3/criterion', row: 4, code: 'duplicate' }] })
  const back = await importCsv(app, `${header}xa-a,1.1,1\nxa-b,1.1,1\nxa-a,1.2,1\n`, '?dryRun=true')
  t.same(back.json(), { dryRun: true, rows: 3, created: 3, updated: 0, unchanged: 0 }, 'a unit may come back')
  t.same(await storedCount(app), { scores: 0, audit: 0 })
})

t.test('an unchanged re-import of a CSV reports every row unchanged and records no audit entry', async (t) => {
  const app = await setup(t)
  const csv = 'unit,criterion,self,appraised,note\nxa-a,1.1,1.5,1.25,"Ghi chú, ""đủ"""\nxa-b,1.2,0.5,,\n'
  t.same((await importCsv(app, csv)).json(), { dryRun: false, rows: 2, created: 2, updated: 0, unchanged: 0 })
  const before = await storedCount(app)
  t.same((await importCsv(app, csv)).json(), { dryRun: false, rows: 2, created: 0, updated: 0, unchanged: 2 })
  t.same(await storedCount(app), before, 'no score and no audit entry added')
  const batches = await app.db.selectFrom('score_write_batches').select('id').execute()
  t.equal(batches.length, 1, 'the unchanged import records no batch')
})

t.test(
  'a first CSV import creates the same scores, totals and audit entries as the same rows sent as JSON',
  async (t) => {
    const app = await setup(t)
    await seedPeriod(app, 'q', 'f1', ['xa-a', 'xa-b', 'xa-c'])
    const csv =
      'unit,criterion,self,appraised,notApplicable,note\n' +
      'xa-a,1.1,1.5,1.25,,"Ghi chú, ""đủ"""\n' +
      'xa-a,1.2,,,true,\n' +
      'xa-b,1.1,0.5,,0,\n' +
      'xa-b,1.2,,,,\n' + // gives nothing: creates nothing
      'xa-c,2.1,2.5,2,false,tab\there\n'
    const rows = [
      { unit: 'xa-a', criterion: '1.1', self: 1.5, appraised: 1.25, note: 'Ghi chú, "đủ"' },
      { unit: 'xa-a', criterion: '1.2', notApplicable: true },
      { unit: 'xa-b', criterion: '1.1', self: 0.5, notApplicable: false },
      { unit: 'xa-b', criterion: '1.2' },
      { unit: 'xa-c', criterion: '2.1', self: 2.5, appraised: 2, notApplicable: false, note: 'tab\there' },
    ]
    const counts = { rows: 5, created: 4, updated: 0, unchanged: 1 }
    t.same((await importCsv(app, csv)).json(), { dryRun: false, ...counts })
    const json = await call(app, 'POST', '/v1/periods/q/scores/import', { body: { rows } })
    t.same(json.json(), { dryRun: false, ...counts })
    const stored = async (period: string) =>
      app.db
        .selectFrom('scores')
        .select([
          'unit_code',
          'criterion_code',
          'self',
          'appraised',
          'not_applicable',
          'note',
          'evidence',
          'created_row',
        ])
        .where('period_code', '=', period)
        .orderBy('unit_code')
        .orderBy('criterion_code')
        .execute()
    t.equal((await stored('p')).length, 4)
    t.same(await stored('p'), await stored('q'))
    const totals = async (period: string) =>
      app.db
        .selectFrom('unit_totals')
        .select(['unit_code', 'points', 'field_points', 'self_points', 'settled', 'not_applicable'])
        .where('period_code', '=', period)
        .orderBy('unit_code')
        .execute()
    t.same(await totals('p'), await totals('q'))
    const audit = async (period: string) =>
      (await call(app, 'GET', `/v1/periods/${period}/audit`))
        .json()
        .items.map((e: Record<string, unknown>) => [e.unit, e.criterion, e.field, e.old, e.new])
    t.equal((await audit('p')).length, 8)
    t.same(await audit('p'), await audit('q'))
  },
)

import { readdirSync } from 'node:fs'
import t from 'tap'
import { ADMIN_TOKEN, build } from './helpers/build.js'
import { call, seedClient, seedPeriod, seedRound, seedUnit } from './helpers/api.js'
import { scrape, valueOf } from './helpers/observe.js'

type App = Awaited<ReturnType<typeof build>>

const UNITS = ['xa-a', 'xa-b', 'xa-c']

async function setup(t: Parameters<typeof build>[0]) {
  const app = await build(t)
  await seedRound(app, UNITS)
  return app
}

const importCsv = (app: App, csv: string, period = 'p', token = ADMIN_TOKEN) =>
  app.inject({
    method: 'POST',
    url: `/v1/periods/${period}/scores/import`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv; charset=utf-8' },
    payload: csv,
  })

/** Committed score imports, by how they were written (`cchc_score_imports_total`). */
const imports = async (app: App) => {
  const samples = await scrape(app)
  return {
    direct: valueOf(samples, 'cchc_score_imports_total', { path: 'direct' }),
    staged: valueOf(samples, 'cchc_score_imports_total', { path: 'staged' }),
  }
}

const written = async (app: App, period = 'p') => ({
  scores: (await app.db.selectFrom('scores').select('unit_code').where('period_code', '=', period).execute()).length,
  batches: (await app.db.selectFrom('score_write_batches').select('id').where('period_code', '=', period).execute())
    .length,
})

const stored = (app: App, period: string) =>
  app.db
    .selectFrom('scores')
    .select(['unit_code', 'criterion_code', 'self', 'appraised', 'not_applicable', 'note', 'created_row'])
    .where('period_code', '=', period)
    .orderBy('unit_code')
    .orderBy('criterion_code')
    .execute()

const auditOf = async (app: App, period: string) =>
  (await call(app, 'GET', `/v1/periods/${period}/audit?limit=500`))
    .json()
    .items.map((e: Record<string, unknown>) => [e.unit, e.criterion, e.field, e.old, e.new, e.client])

const CSV =
  'unit,criterion,self,appraised,notApplicable,note\n' +
  'xa-a,1.1,1.5,1.25,,"Ghi chú, ""đủ"""\n' +
  'xa-a,1.2,,,true,\n' +
  'xa-a,2.1,,,,\n' + // gives nothing: creates nothing
  'xa-b,1.1,0.5,,0,\n' +
  'xa-c,2.1,2.5,2,false,tab\there\n'

t.test(
  'a first CSV import is written directly, and stores the scores, totals and audit entries the staged path stores',
  async (t) => {
    const app = await setup(t)
    await seedPeriod(app, 'q', 'f1', UNITS)
    // q already holds a score (of a criterion the file does not name): its import is staged.
    const seeded = await call(app, 'PUT', '/v1/periods/q/units/xa-b/scores', {
      body: { scores: [{ criterion: '2.1', appraised: 1 }] },
    })
    t.equal(seeded.statusCode, 200, seeded.body)
    t.same(await imports(app), { direct: 0, staged: 0 })

    const counts = { dryRun: false, rows: 5, created: 4, updated: 0, unchanged: 1 }
    t.same((await importCsv(app, CSV, 'p')).json(), counts)
    t.same(await imports(app), { direct: 1, staged: 0 }, 'the first import of p went directly')
    t.same((await importCsv(app, CSV, 'q')).json(), counts)
    t.same(await imports(app), { direct: 1, staged: 1 }, 'the import of q, which held a score, was staged')

    const seededScore = (r: { unit_code: string; criterion_code: string }) =>
      !(r.unit_code === 'xa-b' && r.criterion_code === '2.1')
    t.equal((await stored(app, 'p')).length, 4)
    t.same(await stored(app, 'p'), (await stored(app, 'q')).filter(seededScore))
    const seededEntry = (e: unknown[]) => !(e[0] === 'xa-b' && e[1] === '2.1')
    t.equal((await auditOf(app, 'p')).length, 8)
    t.same(await auditOf(app, 'p'), (await auditOf(app, 'q')).filter(seededEntry))
    const batch = await app.db
      .selectFrom('score_write_batches')
      .select(['kind', 'rows', 'created', 'updated', 'unchanged'])
      .where('period_code', '=', 'p')
      .execute()
    t.same(batch, [{ kind: 'import', rows: 5, created: 4, updated: 0, unchanged: 1 }], "the batch's counts")

    const results = (await call(app, 'GET', '/v1/periods/p/results')).json()
    const points = Object.fromEntries(
      results.items.map((i: { unit: { code: string }; points: number }) => [i.unit.code, i.points]),
    )
    t.same(points, { 'xa-a': 1.25, 'xa-b': 0.5, 'xa-c': 2 }, 'the maintained totals count the direct rows')
    t.same(
      (await importCsv(app, CSV, 'p')).json(),
      { ...counts, created: 0, unchanged: 5 },
      'the same file again is staged and changes nothing',
    )
  },
)

/** A file of `units` × the three criteria of f1 with a value, grouped by unit. */
const manyRows = (units: readonly string[]) =>
  units.flatMap((u) => ['1.1', '1.2', '2.1'].map((c) => `${u},${c},0.5,,,\n`)).join('')

t.test('a first import that breaks a rule gives way: the answer is the staged one, and nothing is kept', async (t) => {
  const app = await setup(t)
  const many = Array.from({ length: 1000 }, (_, i) => `u-${String(i).padStart(4, '0')}`)
  for (const u of many) await seedUnit(app, u)
  await seedPeriod(app, 'big', 'f1', many)
  const appraiser = await seedClient(app, 'appraiser')
  const unitToken = await seedClient(app, 'unit', 'xa-a')
  const header = 'unit,criterion,self,appraised,notApplicable,note\n'
  const cases: Array<{ name: string; period?: string; csv: string; token?: string; status: number; match: object }> = [
    {
      name: 'a bad cell in the last row',
      csv: `${header}xa-a,1.1,1,,,\nxa-b,1.1,1,,,\nxa-c,1.1,abc,,,\n`,
      status: 422,
      match: { errors: [{ row: 3, pointer: '/rows/2/self', code: 'not-a-number' }] },
    },
    {
      name: 'a repeat after the first 2,000 rows, found by the primary key',
      period: 'big',
      csv: `${header}${manyRows(many)}u-0999,1.1,1,,,\n`,
      status: 422,
      match: { errors: [{ row: 3001, pointer: '/rows/3000/criterion', code: 'duplicate' }] },
    },
    {
      name: 'a row that gives nothing, repeated among rows not grouped by unit',
      csv: `${header}xa-a,1.1,,,,\nxa-b,1.1,1,,,\nxa-a,1.1,1,,,\n`,
      status: 422,
      match: { errors: [{ row: 3, pointer: '/rows/2/criterion', code: 'duplicate' }] },
    },
    {
      name: "another unit's row under a unit token",
      csv: `${header}xa-a,1.1,1,,,\nxa-b,1.1,1,,,\n`,
      token: unitToken,
      status: 403,
      match: { errors: [{ row: 2, pointer: '/rows/1/unit', code: 'other-unit' }] },
    },
    {
      name: 'a field the role may not write',
      csv: `${header}xa-a,1.1,,1,,\nxa-b,1.1,1,,,\n`,
      token: appraiser,
      status: 403,
      match: { fields: ['self'], errors: [{ row: 2, pointer: '/rows/1/self' }] },
    },
    {
      name: 'a unit the period does not list',
      csv: `${header}xa-a,1.1,1,,,\nu-0001,1.1,1,,,\n`,
      status: 422,
      match: { errors: [{ row: 2, pointer: '/rows/1/unit', code: 'not-in-period' }] },
    },
  ]
  for (const c of cases) {
    const res = await importCsv(app, c.csv, c.period ?? 'p', c.token)
    t.equal(res.statusCode, c.status, `${c.name}: ${res.statusCode}`)
    t.match(res.json(), c.match, c.name)
    t.same(await written(app, c.period ?? 'p'), { scores: 0, batches: 0 }, `${c.name}: nothing kept`)
  }
  t.same(await imports(app), { direct: 0, staged: 0 }, 'no import committed')

  await call(app, 'POST', '/v1/periods/p/status', { body: { status: 'appraisal' } })
  const closed = await importCsv(app, `${header}xa-a,1.1,,1,,\nxa-b,1.1,1,,,\n`)
  t.equal(closed.statusCode, 409)
  t.match(closed.json(), { type: 'urn:cchc:problem:period-closed', errors: [{ row: 2, pointer: '/rows/1/self' }] })
  t.same(await written(app), { scores: 0, batches: 0 }, 'a field closed by the status: nothing kept')

  const good = await importCsv(app, `${header}xa-a,1.1,,1,,\nxa-b,1.1,,0.5,,\n`)
  t.same(good.json(), { dryRun: false, rows: 2, created: 2, updated: 0, unchanged: 0 })
  t.same(await imports(app), { direct: 1, staged: 0 }, 'the corrected file is written directly')
  t.same(await written(app), { scores: 2, batches: 1 })
})

t.test('a first import the direct path cannot prove free of repeats is staged and written once', async (t) => {
  const app = await setup(t)
  // Units not grouped, and a row that gives nothing: no repeat, but only the staged path can tell.
  const csv = 'unit,criterion,self\nxa-a,1.1,\nxa-b,1.1,1\nxa-a,1.2,1\n'
  t.same((await importCsv(app, csv)).json(), { dryRun: false, rows: 3, created: 2, updated: 0, unchanged: 1 })
  t.same(await imports(app), { direct: 0, staged: 1 })
  t.same(await written(app), { scores: 2, batches: 1 }, 'one batch: the abandoned direct one left none')
  t.equal((await auditOf(app, 'p')).length, 2)

  await seedPeriod(app, 'q', 'f1', UNITS)
  const nothing = await importCsv(app, 'unit,criterion,self\nxa-a,1.1,\n', 'q')
  t.same(nothing.json(), { dryRun: false, rows: 1, created: 0, updated: 0, unchanged: 1 }, 'a file that gives nothing')
  t.same(await written(app, 'q'), { scores: 0, batches: 0 })
})

t.test(
  'two first imports of one period at once: one is written directly, the other finds every row unchanged',
  async (t) => {
    const app = await setup(t)
    const csv = `unit,criterion,self,appraised,notApplicable,note\n${manyRows(UNITS)}`
    const answers = await Promise.all([importCsv(app, csv), importCsv(app, csv)])
    const bodies = answers.map((a) => a.json()).sort((a, b) => b.created - a.created)
    t.same(bodies, [
      { dryRun: false, rows: 9, created: 9, updated: 0, unchanged: 0 },
      { dryRun: false, rows: 9, created: 0, updated: 0, unchanged: 9 },
    ])
    t.same(await imports(app), { direct: 1, staged: 1 })
    t.same(await written(app), { scores: 9, batches: 1 })
  },
)

t.test('re-importing a file, staged, and first imports that give way leave no file open', async (t) => {
  const app = await setup(t)
  const openFiles = () => readdirSync('/proc/self/fd').length
  const csv = `unit,criterion,self,appraised,notApplicable,note\n${manyRows(UNITS)}`
  t.equal((await importCsv(app, csv)).statusCode, 200)
  await seedPeriod(app, 'q', 'f1', UNITS)
  const givesWay = 'unit,criterion,self\nxa-a,1.1,1\nxa-a,1.1,2\n' // a repeat: 422 after giving way
  t.equal((await importCsv(app, givesWay, 'q')).statusCode, 422)
  const before = openFiles()
  for (let i = 0; i < 10; i++) {
    t.equal((await importCsv(app, csv)).json().unchanged, 9)
    t.equal((await importCsv(app, givesWay, 'q')).statusCode, 422)
  }
  // The database pool may open a connection or two meanwhile; a file left open per request would be 20.
  t.ok(openFiles() - before <= 2, `open files: ${before} before, ${openFiles()} after 20 imports`)
})

import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { Migrator, sql, type Kysely } from 'kysely'
import t from 'tap'
import { migrations } from '../migrations/index.js'
import type { Database } from '../src/db/schema.js'
import { fieldMap } from '../src/domain/fields.js'
import type { Criterion } from '../src/domain/framework.js'
import { readHundredths } from '../src/domain/hundredths.js'
import { ResultsRepository } from '../src/modules/results/repository.js'
import { call, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'
import { build } from './helpers/build.js'
import { openUnmigratedDatabase, sharedTestDatabase } from './helpers/database.js'
import { prng } from './helpers/prng.js'

type App = Awaited<ReturnType<typeof build>>

/**
 * Fields of every shape: 1 (two leaves), 2 (a ratio leaf and a nested subtree), 3 (a top-level leaf, a
 * field of its own), 8 (survey: never stored).
 */
const framework = {
  name: 'Bộ chỉ số kiểm tra tổng duy trì',
  criteria: [
    {
      code: '1',
      title: 'Chỉ đạo, điều hành',
      children: [
        { code: '1.1', title: 'Kế hoạch', maxPoints: 4 },
        { code: '1.2', title: 'Báo cáo', maxPoints: 2.5 },
      ],
    },
    {
      code: '2',
      title: 'Thủ tục hành chính',
      children: [
        {
          code: '2.1',
          title: 'Hồ sơ đúng hạn',
          maxPoints: 2,
          method: 'ratio',
          ratio: { label: 'Hồ sơ đúng hạn', scoring: { kind: 'proportional', target: 90 } },
        },
        {
          code: '2.2',
          title: 'Công khai',
          children: [
            { code: '2.2.1', title: 'Niêm yết', maxPoints: 1.5 },
            { code: '2.2.2', title: 'Cổng thông tin', maxPoints: 0.75 },
          ],
        },
      ],
    },
    { code: '3', title: 'Tổ chức bộ máy', maxPoints: 3 },
    {
      code: '8',
      title: 'Tác động',
      children: [{ code: '8.1', title: 'Hài lòng', maxPoints: 5, method: 'survey', surveyElement: 'access' }],
    },
  ],
  survey: {
    levels: 5,
    satisfiedFrom: 4,
    elements: [{ code: 'access', title: 'Tiếp cận', questions: [{ code: 'A1', text: 'Nơi ngồi chờ' }] }],
  },
}
const UNITS = ['xa-a', 'xa-b', 'xa-c', 'xa-d', 'xa-e']
const SCORED = ['1.1', '1.2', '2.2.1', '2.2.2', '3']
const MAX: Record<string, number> = { '1.1': 4, '1.2': 2.5, '2.2.1': 1.5, '2.2.2': 0.75, '3': 3 }

/** A random change of one leaf of a unit: scores in hundredths up to the maximum, clears, marks, counts. */
function randomRow(random: () => number, unit: string): Record<string, unknown> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!
  const score = (max: number) => (random() < 0.15 ? null : Math.floor(random() * (max * 100 + 1)) / 100)
  if (random() < 0.25) {
    const denominator = pick([0, 1, 7, 40])
    const counts =
      random() < 0.2
        ? { numerator: null, denominator: null }
        : { numerator: Math.floor(random() * (denominator + 1)), denominator }
    return { unit, criterion: '2.1', ...counts, ...(random() < 0.3 ? { appraised: score(2) } : {}) }
  }
  const criterion = pick(SCORED)
  const row: Record<string, unknown> = { unit, criterion }
  if (random() < 0.6) row.self = score(MAX[criterion]!)
  if (random() < 0.6) row.appraised = score(MAX[criterion]!)
  if (random() < 0.2) row.notApplicable = random() < 0.6
  if (random() < 0.1) row.note = `ghi chú ${Math.floor(random() * 1000)}`
  return row
}

interface Totals {
  points: number
  fields: Record<number, number>
  self: number
  settled: number
  notApplicable: string[]
  ratioCounts: string[]
}

type ScoreRow = Awaited<ReturnType<typeof storedScores>>[number]

const storedScores = (db: Kysely<Database>, period: string) =>
  db.selectFrom('scores').selectAll().where('period_code', '=', period).execute()

const emptyTotals = (): Totals => ({ points: 0, fields: {}, self: 0, settled: 0, notApplicable: [], ratioCounts: [] })

/** Adds one stored score to its unit's totals, by the rules of docs/domain.md. */
function addScore(u: Totals, s: ScoreRow, leafField: ReadonlyMap<string, number>): void {
  const numerator = s.numerator === null ? null : Number(s.numerator)
  const denominator = s.denominator === null ? null : Number(s.denominator)
  if (s.not_applicable || s.appraised !== null || numerator !== null) u.settled++
  if (s.not_applicable || denominator === 0) {
    u.notApplicable.push(s.criterion_code)
    return
  }
  const points = readHundredths(s.appraised ?? s.self ?? '0')
  const field = leafField.get(s.criterion_code)!
  u.points += points
  u.fields[field] = (u.fields[field] ?? 0) + points
  u.self += s.self === null ? 0 : readHundredths(s.self)
  if (numerator !== null)
    u.ratioCounts.push(`${s.criterion_code}:${numerator}:${denominator}:${s.appraised === null ? 0 : 1}`)
}

/** The totals computed here, from the stored scores and the domain's field map: not by the triggers' SQL. */
async function recomputed(db: Kysely<Database>, period: string): Promise<Map<string, Totals>> {
  const leafField = fieldMap(framework.criteria as Criterion[]).leafField
  const totals = new Map<string, Totals>()
  for (const s of await storedScores(db, period)) {
    if (!totals.has(s.unit_code)) totals.set(s.unit_code, emptyTotals())
    addScore(totals.get(s.unit_code)!, s, leafField)
  }
  return totals
}

/** The maintained totals of the period's units, read as the results read them (zeros: no scores). */
async function maintained(db: Kysely<Database>, period: string): Promise<Map<string, Totals>> {
  const rows = await new ResultsRepository(db).unitTotals(period)
  const totals = new Map<string, Totals>()
  for (const r of rows) {
    const fields: Record<number, number> = {}
    for (const entry of r.field_points === '' ? [] : r.field_points.split(',')) {
      const [field, points] = entry.split(':')
      fields[Number(field)] = readHundredths(points!)
    }
    const list = (text: string) => (text === '' ? [] : text.split(',').sort())
    totals.set(r.code, {
      points: readHundredths(r.points),
      fields,
      self: readHundredths(r.self_points),
      settled: r.settled,
      notApplicable: list(r.not_applicable),
      ratioCounts: list(r.ratio_counts),
    })
  }
  return totals
}

/** Units with scores, comparable: a unit without any has zero totals, or none recomputed. */
const sorted = (totals: Map<string, Totals>) =>
  [...totals.entries()]
    .filter(
      ([, u]) =>
        u.points !== 0 || u.settled !== 0 || u.self !== 0 || u.notApplicable.length > 0 || u.ratioCounts.length > 0,
    )
    .map(([unit, u]) => ({
      unit,
      ...u,
      notApplicable: [...u.notApplicable].sort(),
      ratioCounts: [...u.ratioCounts].sort(),
    }))
    .sort((a, b) => a.unit.localeCompare(b.unit))

/**
 * One unit's rows through the PUT routes: counts through their own, the rest (an appraisal of the ratio
 * leaf too) through the scores route. The answers other than 200.
 */
async function putUnitRows(app: App, unit: string, rows: Array<Record<string, unknown>>): Promise<string[]> {
  const latest = [...new Map(rows.map((r) => [String(r.criterion), r])).values()]
  const refused: string[] = []
  const indicators = latest
    .filter((r) => 'numerator' in r)
    .map(({ criterion, numerator, denominator }) => ({ criterion, numerator, denominator }))
  const scores = latest
    .map(({ unit: _unit, numerator: _n, denominator: _d, ...row }) => row)
    .filter((row) => Object.keys(row).length > 1)
  for (const [route, body] of [
    ['scores', { scores }],
    ['indicators', { indicators }],
  ] as const) {
    if (Object.values(body)[0]!.length === 0) continue
    const res = await call(app, 'PUT', `/v1/periods/p/units/${unit}/${route}`, { body })
    if (res.statusCode !== 200) refused.push(`PUT ${route}: ${res.statusCode} ${res.body.slice(0, 300)}`)
  }
  return refused
}

async function setup(t: Parameters<typeof build>[0]): Promise<App> {
  const app = await build(t)
  await seedFramework(app, 'fr', framework)
  for (const u of UNITS) await seedUnit(app, u)
  await seedPeriod(app, 'p', 'fr', UNITS)
  return app
}

t.test('maintained totals equal a recomputation from the scores after each of 60 random writes', async (t) => {
  const app = await setup(t)
  const random = prng(20261130)
  let mismatches = 0
  for (let write = 0; write < 60; write++) {
    const importing = random() < 0.4
    if (importing) {
      const rows = Array.from({ length: 1 + Math.floor(random() * 12) }, () =>
        randomRow(random, UNITS[Math.floor(random() * UNITS.length)]!),
      )
      const unique = [...new Map(rows.map((r) => [`${String(r.unit)}/${String(r.criterion)}`, r])).values()]
      const res = await call(app, 'POST', '/v1/periods/p/scores/import', { body: { rows: unique } })
      t.equal(res.statusCode, 200, `import ${write}: ${res.body.slice(0, 300)}`)
    } else {
      const unit = UNITS[Math.floor(random() * UNITS.length)]!
      const rows = Array.from({ length: 1 + Math.floor(random() * 4) }, () => randomRow(random, unit))
      t.same(await putUnitRows(app, unit, rows), [], `write ${write}: every PUT answered 200`)
    }
    const expected = sorted(await recomputed(app.db, 'p'))
    const actual = sorted(await maintained(app.db, 'p'))
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      mismatches++
      t.same(actual, expected, `after write ${write}`)
    }
    t.same(await new ResultsRepository(app.db).staleTotals('p'), [], `no stale totals after write ${write}`)
  }
  t.equal(mismatches, 0, 'every write left exact totals')
  const stored = await app.db
    .selectFrom('scores')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow()
  t.ok(Number(stored.n) > 15, `the writes stored scores for several units (${stored.n})`)
})

t.test('two transactions writing one unit at once both count in its totals', async (t) => {
  const app = await setup(t)
  const put = await call(app, 'PUT', '/v1/periods/p/units/xa-a/scores', {
    body: {
      scores: [
        { criterion: '1.1', appraised: 1 },
        { criterion: '1.2', appraised: 1 },
      ],
    },
  })
  t.equal(put.statusCode, 200)
  const db = app.db
  let release!: () => void
  const gate = new Promise<void>((resolve) => (release = resolve))
  let firstWrote!: () => void
  const wrote = new Promise<void>((resolve) => (firstWrote = resolve))
  // Straight SQL, past the service's own locks: the triggers alone must keep the totals exact.
  const first = db.transaction().execute(async (trx) => {
    await sql`update scores set appraised = 3 where unit_code = 'xa-a' and criterion_code = '1.1'`.execute(trx)
    firstWrote()
    await gate
  })
  await wrote
  const second = db.transaction().execute(async (trx) => {
    await sql`update scores set appraised = 2 where unit_code = 'xa-a' and criterion_code = '1.2'`.execute(trx)
  })
  const waiting = async () => {
    for (let i = 0; i < 200; i++) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from pg_locks where not granted`.execute(db)
      if (rows[0]!.n > 0) return true
      await new Promise((resolve) => setTimeout(resolve, 25))
    }
    return false
  }
  t.ok(await waiting(), 'the second writer waits for the first')
  release()
  await Promise.all([first, second])
  const totals = await maintained(db, 'p')
  t.equal(totals.get('xa-a')?.points, 500, 'xa-a: 3 + 2 points')
  t.same(totals.get('xa-a')?.fields, { 0: 500 })
  t.same(await new ResultsRepository(db).staleTotals('p'), [])
})

t.test('a period moved to another framework by hand has its totals regrouped by the new fields', async (t) => {
  const app = await setup(t)
  const put = await call(app, 'PUT', '/v1/periods/p/units/xa-a/scores', {
    body: {
      scores: [
        { criterion: '1.1', appraised: 1 },
        { criterion: '3', appraised: 2.5 },
      ],
    },
  })
  t.equal(put.statusCode, 200)
  t.same((await maintained(app.db, 'p')).get('xa-a')?.fields, { 0: 100, 2: 250 })
  // The same leaves, in one field: only a hand-made change can do this once scores exist.
  const flat = { ...framework, criteria: [{ code: 'all', title: 'Tất cả', children: framework.criteria }] }
  await seedFramework(app, 'flat', flat)
  await sql`update periods set framework_code = 'flat' where code = 'p'`.execute(app.db)
  t.same((await maintained(app.db, 'p')).get('xa-a')?.fields, { 0: 350 })
  t.same(await new ResultsRepository(app.db).staleTotals('p'), [])
})

t.test('a unit whose scores are all deleted has zero totals', async (t) => {
  const app = await setup(t)
  await call(app, 'PUT', '/v1/periods/p/units/xa-b/scores', {
    body: { scores: [{ criterion: '1.1', self: 2, appraised: 1.5 }] },
  })
  t.equal((await maintained(app.db, 'p')).get('xa-b')?.points, 150)
  await sql`delete from scores where unit_code = 'xa-b'`.execute(app.db)
  t.same((await maintained(app.db, 'p')).get('xa-b'), {
    points: 0,
    fields: {},
    self: 0,
    settled: 0,
    notApplicable: [],
    ratioCounts: [],
  })
  t.same(await new ResultsRepository(app.db).staleTotals('p'), [])
})

/** The command line, from the sources, on this test's database. */
async function verifyTotals(args: string[]): Promise<{ code: number; out: string }> {
  const handle = await sharedTestDatabase()
  const url = new URL(handle.target.url)
  if (handle.target.searchPath) url.searchParams.set('options', `-c search_path=${handle.target.searchPath}`)
  try {
    const { stdout } = await promisify(execFile)('npx', ['tsx', 'src/verify-totals.ts', ...args], {
      env: { ...process.env, DATABASE_URL: url.toString(), LOG_LEVEL: 'silent' },
    })
    return { code: 0, out: stdout }
  } catch (error) {
    const failed = error as { code: number; stdout: string }
    return { code: failed.code, out: failed.stdout }
  }
}

t.test('verify-totals names a unit whose totals were changed by hand, and --repair restores them', async (t) => {
  const app = await setup(t)
  await call(app, 'PUT', '/v1/periods/p/units/xa-c/scores', {
    body: { scores: [{ criterion: '2.2.1', appraised: 1.25 }] },
  })
  const clean = await verifyTotals([])
  t.equal(clean.code, 0, clean.out)
  t.match(clean.out, /p: 5 units, 0 with totals that differ/)
  await sql`update unit_totals set points = points + 1 where unit_code = 'xa-c'`.execute(app.db)
  const stale = await verifyTotals([])
  t.equal(stale.code, 1)
  t.match(stale.out, /p: 5 units, 1 with totals that differ[^\n]*\n {2}xa-c: stored \{[^\n]*"points":2\.25/)
  const repaired = await verifyTotals(['--repair'])
  t.equal(repaired.code, 0, repaired.out)
  t.match(repaired.out, /repaired: the totals now match/)
  t.equal((await maintained(app.db, 'p')).get('xa-c')?.points, 125)
})

t.test('the migration computes the totals of the scores stored before it, and its down removes them', async (t) => {
  const handle = await openUnmigratedDatabase()
  t.teardown(() => handle.close())
  const { db } = handle
  const step = async (to: string) => {
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
    const migrator = new Migrator({
      db,
      provider: { getMigrations: async () => migrations },
      migrationTableSchema: rows[0]!.schema,
    })
    const { error } = await migrator.migrateTo(to)
    if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error))
  }
  await step('0008_compact_score_audit')
  await sql`insert into frameworks (code, name, content, content_hash, total_points)
    values ('fr', ${framework.name}, ${JSON.stringify(framework)}, 'h', 18.75)`.execute(db)
  await sql`insert into units (code, name, group_code) values ('xa-a', 'A', 'xa'), ('xa-b', 'B', 'xa')`.execute(db)
  await sql`insert into periods (code, name, year, framework_code) values ('p', 'P', 2024, 'fr')`.execute(db)
  await sql`insert into period_units (period_code, unit_code) values ('p', 'xa-a'), ('p', 'xa-b')`.execute(db)
  await sql`insert into scores (period_code, unit_code, criterion_code, self, appraised, not_applicable)
    values ('p', 'xa-a', '1.1', 3, 2.5, false), ('p', 'xa-a', '3', 1, null, false),
      ('p', 'xa-a', '2.2.2', null, null, true), ('p', 'xa-b', '2.2.1', 1.5, 1.25, false)`.execute(db)
  await step('0009_unit_totals')
  const totals = await maintained(db, 'p')
  t.same(totals.get('xa-a'), {
    points: 350,
    fields: { 0: 250, 2: 100 },
    self: 400,
    settled: 2,
    notApplicable: ['2.2.2'],
    ratioCounts: [],
  })
  t.same(totals.get('xa-b'), {
    points: 125,
    fields: { 1: 125 },
    self: 150,
    settled: 1,
    notApplicable: [],
    ratioCounts: [],
  })
  await step('0008_compact_score_audit')
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables
    where table_schema = current_schema() and table_name = 'unit_totals'`.execute(db)
  t.equal(rows[0]!.n, 0, 'no unit_totals table after the down')
  const updated = await sql`update scores set appraised = 1 where unit_code = 'xa-b'`.execute(db)
  t.equal(Number(updated.numAffectedRows), 1, 'scores are written without the triggers after the down')
})

t.test('the database refuses a score of a unit the period does not list, through the totals key', async (t) => {
  const app = await setup(t)
  await seedUnit(app, 'xa-ngoai')
  await t.rejects(
    sql`insert into scores (period_code, unit_code, criterion_code, self) values ('p', 'xa-ngoai', '1.1', 1)`.execute(
      app.db,
    ),
    { code: '23503', constraint: 'unit_totals_period_unit_fk' },
  )
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from scores`.execute(app.db)
  t.equal(rows[0]!.n, 0, 'nothing stored')
})

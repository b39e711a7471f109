import { sql } from 'kysely'
import t from 'tap'
import type { Kysely } from 'kysely'
import type { Database } from '../src/db/schema.js'
import { ANALYZE_AFTER_ROWS, refreshStatistics } from '../src/db/statistics.js'
import { build } from './helpers/build.js'
import { seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

const UNITS = ['xa-a', 'xa-b']

/** What the planner believes a table holds: -1 until it was first analysed. */
const reltuplesOf = async (db: Kysely<Database>, table: string): Promise<number> =>
  Number(
    (await sql<{ n: number }>`select reltuples as n from pg_class where oid = ${table}::regclass`.execute(db)).rows[0]!
      .n,
  )

const countOf = async (db: Kysely<Database>, table: string): Promise<number> =>
  Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(db)).rows[0]!.n)

t.test('a large write analyses scores after it commits; a small one, or a dry run, does not', async (t) => {
  const app = await build(t)
  await seedFramework(app, 'f1')
  for (const u of UNITS) await seedUnit(app, u)
  await seedPeriod(app, 'p', 'f1', UNITS)
  await sql`alter table scores set (autovacuum_enabled = false)`.execute(app.db)
  t.teardown(() => sql`alter table scores reset (autovacuum_enabled)`.execute(app.db))
  await sql`analyze scores`.execute(app.db)
  await sql`insert into scores (period_code, unit_code, criterion_code, self)
    select 'p', u, 'c' || g, 1 from unnest(${UNITS}::text[]) u, generate_series(1, 3000) g`.execute(app.db)
  const reltuples = () => reltuplesOf(app.db, 'scores')

  t.equal(await refreshStatistics(app.db, { dryRun: false, created: 100, updated: 0 }), false, 'a small write')
  t.equal(await refreshStatistics(app.db, { dryRun: true, created: ANALYZE_AFTER_ROWS, updated: 0 }), false, 'dry run')
  t.equal(await reltuples(), 0, 'the statistics still say empty')

  const big = { dryRun: false, created: ANALYZE_AFTER_ROWS - 1, updated: 1 }
  t.equal(await refreshStatistics(app.db, big), true, 'a write of ANALYZE_AFTER_ROWS rows analyses')
  t.equal(await reltuples(), 6000, 'the statistics know the rows')
})

t.test(
  'a large write also analyses what a results read joins: the totals, the period’s units, the units',
  async (t) => {
    const app = await build(t)
    await seedFramework(app, 'f1')
    for (const u of UNITS) await seedUnit(app, u)
    await seedPeriod(app, 'p', 'f1', UNITS)
    const tables = ['unit_totals', 'period_units', 'units']
    const before = await Promise.all(tables.map((table) => reltuplesOf(app.db, table)))
    t.same(before, [-1, -1, -1], 'never analysed so far')
    await refreshStatistics(app.db, { dryRun: false, created: ANALYZE_AFTER_ROWS, updated: 0 })
    for (const table of tables) t.equal(await reltuplesOf(app.db, table), await countOf(app.db, table), table)
  },
)

t.test('a period given thousands of new units analyses them once it is saved; a few do not', async (t) => {
  const app = await build(t)
  await seedFramework(app, 'f1')
  const codes = Array.from({ length: ANALYZE_AFTER_ROWS }, (_, i) => `xa-${String(i).padStart(5, '0')}`)
  await sql`insert into units (code, name, group_code, rankable)
    select c, 'UBND ' || c, 'xa', true from unnest(${codes}::text[]) c`.execute(app.db)

  await seedPeriod(app, 'small', 'f1', codes.slice(0, 3))
  t.equal(await reltuplesOf(app.db, 'period_units'), -1, 'three units: not analysed')

  await seedPeriod(app, 'large', 'f1', codes)
  t.equal(await reltuplesOf(app.db, 'period_units'), ANALYZE_AFTER_ROWS + 3, 'the period’s units are known')
  t.equal(await reltuplesOf(app.db, 'units'), ANALYZE_AFTER_ROWS, 'so are the units')
})

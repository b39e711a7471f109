import { sql } from 'kysely'
import t from 'tap'
import { ANALYZE_AFTER_ROWS, refreshStatistics } from '../src/modules/scores/statistics.js'
import { build } from './helpers/build.js'
import { seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

const UNITS = ['xa-a', 'xa-b']

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
  const reltuples = async () =>
    Number(
      (await sql<{ n: number }>`select reltuples as n from pg_class where oid = 'scores'::regclass`.execute(app.db))
        .rows[0]!.n,
    )

  t.equal(await refreshStatistics(app.db, { dryRun: false, created: 100, updated: 0 }), false, 'a small write')
  t.equal(await refreshStatistics(app.db, { dryRun: true, created: ANALYZE_AFTER_ROWS, updated: 0 }), false, 'dry run')
  t.equal(await reltuples(), 0, 'the statistics still say empty')

  const big = { dryRun: false, created: ANALYZE_AFTER_ROWS - 1, updated: 1 }
  t.equal(await refreshStatistics(app.db, big), true, 'a write of ANALYZE_AFTER_ROWS rows analyses')
  t.equal(await reltuples(), 6000, 'the statistics know the rows')
})

import { sql, type Kysely, type RawBuilder } from 'kysely'
import t, { type Test } from 'tap'
import type { Database } from '../src/db/schema.js'
import { ScoreWriter, type StagedRow } from '../src/modules/scores/repository.js'
import type { ScoreRowWrite } from '../src/domain/score-rules.js'
import { build } from './helpers/build.js'
import { seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

/**
 * Issue 12, the plan trap: when the statistics of `scores` say it is empty (ANALYZE of an empty table,
 * autovacuum off), an anti join over `scores` while filling it is planned as a nested loop that scans
 * the growing table once per row. The apply statements must plan the same whatever the statistics say:
 * asserted on their EXPLAIN, not on a time.
 */

const UNITS = ['xa-a', 'xa-b', 'xa-c', 'xa-d']
const PER_UNIT = 500

interface PlanNode {
  'Node Type': string
  'Join Type'?: string
  'Relation Name'?: string
  Plans?: PlanNode[]
}

const set = <T>(value: T) => ({ set: true, value })
const rowWrite = (criterion: string, self: string): ScoreRowWrite => ({
  criterion,
  self: set(self),
  appraised: { set: false, value: null },
  notApplicable: { set: false, value: null },
  note: { set: false, value: null },
  evidence: { set: false, value: null },
  numerator: { set: false, value: null },
  denominator: { set: false, value: null },
})

/** Staged rows: every unit × PER_UNIT criteria, half of them stored already when `stored` rows exist. */
function stagedRows(): StagedRow[] {
  const rows: StagedRow[] = []
  for (const unit of UNITS)
    for (let c = 0; c < PER_UNIT; c++) rows.push({ rowNo: rows.length, unit, write: rowWrite(`c${c}`, '1.50') })
  return rows
}

/** Every node that scans `scores` once per row of another input: the inner side of a nested loop. */
function perRowScans(node: PlanNode, inner = false): string[] {
  const found: string[] = []
  if (inner && node['Relation Name'] === 'scores' && /Seq Scan|Bitmap/.test(node['Node Type'])) {
    found.push(`${node['Node Type']} on scores inside a nested loop`)
  }
  const children = node.Plans ?? []
  children.forEach((child, i) => {
    const isInner = inner || (node['Node Type'] === 'Nested Loop' && i === 1)
    found.push(...perRowScans(child, isInner))
  })
  return found
}

function antiJoins(node: PlanNode): string[] {
  const own = node['Join Type'] === 'Anti' ? [`${node['Node Type']} Anti Join`] : []
  return [...own, ...(node.Plans ?? []).flatMap(antiJoins)]
}

async function planOf(trx: Kysely<Database>, query: RawBuilder<unknown>): Promise<PlanNode> {
  const { rows } = await sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>`explain (format json) ${query}`.execute(trx)
  return rows[0]!['QUERY PLAN'][0]!.Plan
}

/** What the apply used to run last: the anti join the trap is made of (the detector's control). */
const antiJoinInsert = (period: string) => sql`
  insert into scores (period_code, unit_code, criterion_code, self)
  select ${period}, i.unit_code, i.criterion_code, i.self from score_input i
  where not exists (select 1 from scores s
    where s.period_code = ${period} and s.unit_code = i.unit_code and s.criterion_code = i.criterion_code)`

class Rollback extends Error {}

/** Stages the rows in a transaction, hands each apply statement's plan to `check`, and rolls back. */
async function withStagedPlans(
  db: Kysely<Database>,
  check: (plans: Array<{ name: string; plan: PlanNode }>, control: PlanNode) => void,
): Promise<void> {
  await db
    .transaction()
    .execute(async (trx) => {
      const writer = new ScoreWriter(trx, 'p')
      await writer.begin()
      await writer.add(stagedRows())
      await writer.duplicates(10) // as a write does before it applies
      const statements = writer.applyStatements([1], { created: 1, updated: 1, stored: 1 })
      const plans = []
      for (const s of statements) plans.push({ name: s.name, plan: await planOf(trx, s.query) })
      check(plans, await planOf(trx, antiJoinInsert('p')))
      throw new Rollback()
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e
    })
}

async function setup(t: Parameters<typeof build>[0]) {
  const app = await build(t)
  await seedFramework(app, 'f1')
  for (const u of UNITS) await seedUnit(app, u)
  await seedPeriod(app, 'p', 'f1', UNITS)
  await sql`alter table scores set (autovacuum_enabled = false)`.execute(app.db)
  t.teardown(() => sql`alter table scores reset (autovacuum_enabled)`.execute(app.db))
  return app
}

function assertNoTrap(t: Test, plans: Array<{ name: string; plan: PlanNode }>): void {
  t.same(
    plans.map((p) => p.name),
    ['audit', 'update', 'insert'],
  )
  for (const { name, plan } of plans) {
    t.same(antiJoins(plan), [], `${name}: no anti join`)
    t.same(perRowScans(plan), [], `${name}: no scan of scores per row`)
  }
}

t.test('scores analysed empty: the apply statements plan no anti join and no per-row scan', async (t) => {
  const app = await setup(t)
  await sql`analyze scores`.execute(app.db)
  const { rows } = await sql<{
    reltuples: number
  }>`select reltuples from pg_class where oid = 'scores'::regclass`.execute(app.db)
  t.equal(Number(rows[0]!.reltuples), 0, 'the statistics say scores is empty')
  await withStagedPlans(app.db, (plans, control) => {
    t.not(antiJoins(control).length + perRowScans(control).length, 0, 'the control statement shows the trap')
    assertNoTrap(t, plans)
  })
})

t.test('scores filled since it was analysed empty: the same', async (t) => {
  const app = await setup(t)
  await sql`analyze scores`.execute(app.db)
  await sql`insert into scores (period_code, unit_code, criterion_code, self)
    select 'p', u, 'c' || g, 1 from unnest(${UNITS}::text[]) u, generate_series(0, ${PER_UNIT / 2 - 1}) g`.execute(
    app.db,
  )
  await withStagedPlans(app.db, (plans) => assertNoTrap(t, plans))
})

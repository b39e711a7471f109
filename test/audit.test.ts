import { Migrator, sql } from 'kysely'
import { migrations } from '../migrations/index.js'
import t from 'tap'
import {
  PART_ROWS,
  ScoreWriter,
  ScoresRepository,
  type AuditFilter,
  type StagedRow,
} from '../src/modules/scores/repository.js'
import { writeNothing, type ScoreRowWrite } from '../src/domain/score-rules.js'
import { build } from './helpers/build.js'
import { call, seedClient, seedPeriod, seedRound } from './helpers/api.js'

type App = Awaited<ReturnType<typeof build>>
type Entry = {
  id: number
  at: string
  client: { id: string; role: string }
  unit: string
  criterion: string
  field: string
  old: unknown
  new: unknown
  reason: string | null
}

const UNITS = ['xa-a', 'xa-b', 'xa-c']

async function setup(t: Parameters<typeof build>[0]) {
  const app = await build(t)
  await seedRound(app, UNITS)
  return app
}

const importRows = async (app: App, rows: unknown[], reason?: string, token?: string) => {
  const res = await call(app, 'POST', '/v1/periods/p/scores/import', {
    body: { rows, ...(reason ? { reason } : {}) },
    ...(token ? { token } : {}),
  })
  if (res.statusCode !== 200) throw new Error(`import: ${res.statusCode} ${res.body}`)
  return res.json()
}

const audit = async (app: App, query = ''): Promise<{ items: Entry[]; next: string | null }> => {
  const res = await call(app, 'GET', `/v1/periods/p/audit${query}`)
  if (res.statusCode !== 200) throw new Error(`audit: ${res.statusCode} ${res.body}`)
  return res.json()
}

/** What an entry says: unit, criterion, field, old, new, client id and role, reason. */
const said = (e: Entry) => [e.unit, e.criterion, e.field, e.old, e.new, e.client.id, e.client.role, e.reason]

const stored = async (app: App) => ({
  batches: Number((await sql<{ n: number }>`select count(*) as n from score_write_batches`.execute(app.db)).rows[0]!.n),
  changes: Number((await sql<{ n: number }>`select count(*) as n from score_changes`.execute(app.db)).rows[0]!.n),
})

const FIRST_IMPORT = [
  { unit: 'xa-a', criterion: '1.1', self: 1.5, appraised: 1.25, note: 'Đạt' },
  { unit: 'xa-a', criterion: '1.2', notApplicable: true },
  { unit: 'xa-b', criterion: '1.1', appraised: 1 },
  { unit: 'xa-b', criterion: '2.1', self: 2, appraised: 2.5 },
  { unit: 'xa-c', criterion: '1.1' },
  { unit: 'xa-c', criterion: '2.1', note: 'Chưa đạt' },
]
const admin = ['bootstrap', 'admin'] as const
/** The entries of FIRST_IMPORT, newest first: the last row's last field first. */
const FIRST_ENTRIES = [
  ['xa-c', '2.1', 'note', null, 'Chưa đạt', ...admin, 'Nhập lần 1'],
  ['xa-b', '2.1', 'appraised', null, 2.5, ...admin, 'Nhập lần 1'],
  ['xa-b', '2.1', 'self', null, 2, ...admin, 'Nhập lần 1'],
  ['xa-b', '1.1', 'appraised', null, 1, ...admin, 'Nhập lần 1'],
  ['xa-a', '1.2', 'notApplicable', false, true, ...admin, 'Nhập lần 1'],
  ['xa-a', '1.1', 'note', null, 'Đạt', ...admin, 'Nhập lần 1'],
  ['xa-a', '1.1', 'appraised', null, 1.25, ...admin, 'Nhập lần 1'],
  ['xa-a', '1.1', 'self', null, 1.5, ...admin, 'Nhập lần 1'],
]

t.test(
  'an import into an empty period records one batch and no per-score row; the audit shows who created each score with which values',
  async (t) => {
    const app = await setup(t)
    t.same(await importRows(app, FIRST_IMPORT, 'Nhập lần 1'), {
      dryRun: false,
      rows: 6,
      created: 5,
      updated: 0,
      unchanged: 1,
    })
    t.same(await stored(app), { batches: 1, changes: 0 })
    const { rows } = await sql`select kind, client_id, client_role, reason, rows, created, updated, unchanged
      from score_write_batches`.execute(app.db)
    t.same(rows, [
      {
        kind: 'import',
        client_id: 'bootstrap',
        client_role: 'admin',
        reason: 'Nhập lần 1',
        rows: 6,
        created: 5,
        updated: 0,
        unchanged: 1,
      },
    ])
    const { items, next } = await audit(app)
    t.same(items.map(said), FIRST_ENTRIES)
    t.equal(next, null)
    t.equal(new Set(items.map((e) => e.at)).size, 1, 'one time for the whole import')
  },
)

t.test(
  're-importing changes k scores: k per-score rows; a created score changed later still shows its values at creation',
  async (t) => {
    const app = await setup(t)
    const appraiser = await seedClient(app, 'appraiser')
    await importRows(app, FIRST_IMPORT, 'Nhập lần 1')
    const second = [
      { unit: 'xa-a', criterion: '1.1', appraised: 1 },
      { unit: 'xa-b', criterion: '2.1', appraised: 2 },
      { unit: 'xa-a', criterion: '1.2', notApplicable: true },
      { unit: 'xa-c', criterion: '1.1', appraised: 0.5 },
    ]
    t.same(await importRows(app, second, 'Thẩm định', appraiser), {
      dryRun: false,
      rows: 4,
      created: 1,
      updated: 2,
      unchanged: 1,
    })
    t.same(await stored(app), { batches: 2, changes: 2 }, 'two updated scores: two rows; the creation: none')
    const put = await call(app, 'PUT', '/v1/periods/p/units/xa-a/scores', {
      body: { scores: [{ criterion: '1.1', note: null, self: 1 }] },
    })
    t.equal(put.statusCode, 200)
    t.same(await stored(app), { batches: 3, changes: 3 })

    const appraiserId = (await call(app, 'GET', '/v1/me', { token: appraiser })).json().id
    const { items } = await audit(app)
    t.same(items.map(said), [
      ['xa-a', '1.1', 'note', 'Đạt', null, ...admin, null],
      ['xa-a', '1.1', 'self', 1.5, 1, ...admin, null],
      ['xa-c', '1.1', 'appraised', null, 0.5, appraiserId, 'appraiser', 'Thẩm định'],
      ['xa-b', '2.1', 'appraised', 2.5, 2, appraiserId, 'appraiser', 'Thẩm định'],
      ['xa-a', '1.1', 'appraised', 1.25, 1, appraiserId, 'appraiser', 'Thẩm định'],
      ...FIRST_ENTRIES,
    ])
    const ids = items.map((e) => e.id)
    t.same(
      ids,
      [...ids].sort((a, b) => b - a),
      'ids decrease down the list',
    )
    t.equal(new Set(ids).size, ids.length, 'every id is distinct')
  },
)

t.test('an unchanged re-import records no batch and no row; the audit is the same', async (t) => {
  const app = await setup(t)
  await importRows(app, FIRST_IMPORT, 'Nhập lần 1')
  const before = await audit(app)
  t.same(await importRows(app, FIRST_IMPORT, 'Nhập lại'), {
    dryRun: false,
    rows: 6,
    created: 0,
    updated: 0,
    unchanged: 6,
  })
  t.same(await stored(app), { batches: 1, changes: 0 })
  t.same(await audit(app), before)
})

t.test('a dry run and a refused import record nothing', async (t) => {
  const app = await setup(t)
  const dry = await call(app, 'POST', '/v1/periods/p/scores/import?dryRun=true', { body: { rows: FIRST_IMPORT } })
  t.same(dry.json(), { dryRun: true, rows: 6, created: 5, updated: 0, unchanged: 1 })
  const bad = await call(app, 'POST', '/v1/periods/p/scores/import', {
    body: { rows: [...FIRST_IMPORT, { unit: 'xa-a', criterion: '2.1', self: 9 }] },
  })
  t.equal(bad.statusCode, 422)
  t.same(await stored(app), { batches: 0, changes: 0 })
  t.same((await audit(app)).items, [])
})

t.test('an import rolled back after its rows were written leaves no audit and no score', async (t) => {
  const app = await setup(t)
  await importRows(app, FIRST_IMPORT.slice(0, 2), 'Nhập lần 1')
  // The import's event is written last in its transaction: refusing it rolls back what came before.
  await sql`create function refuse_event() returns trigger language plpgsql as $$
    begin raise exception 'event refused'; end $$`.execute(app.db)
  await sql`create trigger refuse_event before insert on events for each row execute function refuse_event()`.execute(
    app.db,
  )
  t.teardown(async () => {
    await sql`drop trigger refuse_event on events`.execute(app.db)
    await sql`drop function refuse_event()`.execute(app.db)
  })
  const before = await audit(app)
  const res = await call(app, 'POST', '/v1/periods/p/scores/import', {
    body: { rows: [{ unit: 'xa-a', criterion: '1.1', self: 1 }, ...FIRST_IMPORT.slice(2)], reason: 'x' },
  })
  t.equal(res.statusCode, 500)
  t.same(await stored(app), { batches: 1, changes: 0 })
  t.same(await audit(app), before)
  const scores = await app.db.selectFrom('scores').select(['unit_code', 'criterion_code', 'self']).execute()
  t.same(
    scores.map((s) => [s.unit_code, s.criterion_code, s.self]),
    [
      ['xa-a', '1.1', '1.50'],
      ['xa-a', '1.2', null],
    ],
  )
})

t.test('pages of every size and the unit and criterion filters list the same entries as the whole trail', async (t) => {
  const app = await setup(t)
  await importRows(app, FIRST_IMPORT, 'Nhập lần 1')
  await importRows(app, [
    { unit: 'xa-a', criterion: '1.1', appraised: 1 },
    { unit: 'xa-c', criterion: '1.1', appraised: 0.5 },
    { unit: 'xa-b', criterion: '1.1', appraised: null, self: 0.25 },
  ])
  await call(app, 'PUT', '/v1/periods/p/units/xa-c/scores', { body: { scores: [{ criterion: '2.1', note: 'Đạt' }] } })
  const all = (await audit(app, '?limit=1000')).items
  t.equal(all.length, 13)
  for (let limit = 1; limit <= all.length + 1; limit++) {
    const walked: Entry[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const page = await audit(app, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
      t.ok(page.items.length <= limit)
      walked.push(...page.items)
      cursor = page.next
    }
    t.same(walked, all, `pages of ${limit}`)
  }
  for (const unit of [...UNITS, 'none']) {
    const ofUnit = all.filter((e) => e.unit === unit)
    t.same((await audit(app, `?unit=${unit}`)).items, ofUnit, `unit ${unit}`)
    for (const criterion of ['1.1', '2.1']) {
      const both = ofUnit.filter((e) => e.criterion === criterion)
      t.same((await audit(app, `?unit=${unit}&criterion=${criterion}`)).items, both, `unit ${unit}, ${criterion}`)
      const page = await audit(app, `?unit=${unit}&criterion=${criterion}&limit=1`)
      t.same(page.items, both.slice(0, 1))
      if (page.next) {
        const rest = await audit(app, `?unit=${unit}&criterion=${criterion}&cursor=${page.next}`)
        t.same(rest.items, both.slice(1), `unit ${unit}, ${criterion}, second page`)
      }
    }
  }
  for (const criterion of ['1.1', '1.2', '2.1']) {
    const ofCriterion = all.filter((e) => e.criterion === criterion)
    t.same((await audit(app, `?criterion=${criterion}`)).items, ofCriterion, `criterion ${criterion}`)
  }
})

t.test(
  'a cursor of the per-field audit (one id) is 400; a well-formed cursor past every entry is an empty page',
  async (t) => {
    const app = await setup(t)
    await importRows(app, FIRST_IMPORT, 'Nhập lần 1')
    const encode = (key: unknown) => Buffer.from(JSON.stringify(key)).toString('base64url')
    const old = await call(app, 'GET', `/v1/periods/p/audit?cursor=${encode([11])}`)
    t.equal(old.statusCode, 400)
    t.match(old.json(), { errors: [{ pointer: '/query/cursor', code: 'cursor' }] })
    t.same(await audit(app, `?cursor=${encode([0, 0])}`), { items: [], next: null })
    t.same((await audit(app, `?cursor=${encode([Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER])}`)).items.length, 8)
  },
)

const write = (criterion: string, self: string): ScoreRowWrite => ({
  ...writeNothing(criterion),
  self: { set: true, value: self },
})

t.test(
  'a write of more than 2,097,152 rows is recorded as one batch per 2,097,152 rows (of those it has), listed in row order',
  async (t) => {
    const app = await setup(t)
    // Rows numbered past the first part (none in the second), staged as the write path stages them.
    const rows: StagedRow[] = [
      { rowNo: 0, unit: 'xa-a', write: write('1.1', '1.00') },
      { rowNo: 5, unit: 'xa-b', write: write('1.1', '0.50') },
      { rowNo: 2 * PART_ROWS + 3, unit: 'xa-c', write: write('1.1', '0.25') },
    ]
    await app.db.transaction().execute(async (trx) => {
      const writer = new ScoreWriter(trx, 'p')
      await writer.begin()
      await writer.add(rows)
      const summary = await writer.summary()
      t.same(
        summary.parts.map((p) => [p.firstRow, p.rows, p.created]),
        [
          [0, 2, 2],
          [2 * PART_ROWS, 1, 1],
        ],
      )
      await writer.apply({ kind: 'import', clientId: 'c1', clientRole: 'admin', reason: 'lớn' }, summary)
    })
    const batches = await sql<{ id: number; first_row: number; rows: number; created: number }>`
      select id, first_row, rows, created from score_write_batches order by id`.execute(app.db)
    t.same(
      batches.rows.map((b) => [b.first_row, b.rows, b.created]),
      [
        [0, 2, 2],
        [2 * PART_ROWS, 1, 1],
      ],
    )
    const [first, second] = batches.rows.map((b) => b.id)
    const { items } = await audit(app)
    t.same(
      items.map((e) => [e.id, e.unit, e.new, e.reason]),
      [
        [second! * 2 ** 24 + 3 * 8, 'xa-c', 0.25, 'lớn'],
        [first! * 2 ** 24 + 5 * 8, 'xa-b', 0.5, 'lớn'],
        [first! * 2 ** 24, 'xa-a', 1, 'lớn'],
      ],
    )
  },
)

t.test("a period's audit lists its own entries, in order, whatever another period writes between them", async (t) => {
  const app = await setup(t)
  await seedPeriod(app, 'q', 'f1', UNITS)
  const intoQ = async (rows: unknown[]) => {
    const res = await call(app, 'POST', '/v1/periods/q/scores/import', { body: { rows } })
    t.equal(res.statusCode, 200, res.body)
  }
  await importRows(app, FIRST_IMPORT, 'Nhập lần 1')
  await intoQ([
    { unit: 'xa-a', criterion: '1.1', self: 1 },
    { unit: 'xa-b', criterion: '1.2', self: 0.5 },
  ])
  await importRows(app, [{ unit: 'xa-a', criterion: '1.1', appraised: 1 }]) // updates only
  await intoQ([{ unit: 'xa-c', criterion: '2.1', self: 2 }])
  await intoQ([{ unit: 'xa-a', criterion: '1.1', self: 0.5 }]) // updates only
  const put = await call(app, 'PUT', '/v1/periods/p/units/xa-c/scores', {
    body: { scores: [{ criterion: '1.2', self: 0.5 }] },
  })
  t.equal(put.statusCode, 200, put.body)
  await intoQ([{ unit: 'xa-b', criterion: '2.1', self: 1 }])

  const expected = [
    ['xa-c', '1.2', 'self', null, 0.5, ...admin, null],
    ['xa-a', '1.1', 'appraised', 1.25, 1, ...admin, null],
    ...FIRST_ENTRIES,
  ]
  const all = (await audit(app, '?limit=1000')).items
  t.same(all.map(said), expected)
  for (let limit = 1; limit <= all.length; limit++) {
    const walked: Entry[] = []
    let cursor: string | null = ''
    while (cursor !== null) {
      const page = await audit(app, `?limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`)
      walked.push(...page.items)
      cursor = page.next
    }
    t.same(walked, all, `pages of ${limit}`)
  }
  for (const criterion of ['1.1', '1.2', '2.1']) {
    const ofCriterion = all.filter((e) => e.criterion === criterion)
    t.same((await audit(app, `?criterion=${criterion}&limit=1000`)).items, ofCriterion, `criterion ${criterion}`)
  }
})

t.test(
  '0011 keys the created-scores index by batch; its down restores the key by period, and the audit reads the same',
  async (t) => {
    const app = await setup(t)
    await importRows(app, FIRST_IMPORT, 'Nhập lần 1')
    const before = (await audit(app, '?limit=1000')).items
    const indexOf = async () =>
      (
        await sql<{ definition: string }>`
          select indexdef as definition from pg_indexes
          where schemaname = current_schema() and indexname = 'scores_created_idx'`.execute(app.db)
      ).rows.map((r) => r.definition.replace(/^.* USING /, ''))
    t.same(await indexOf(), ['btree (created_batch, created_row) WHERE (created_batch IS NOT NULL)'])
    const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(app.db)
    const migrator = new Migrator({
      db: app.db,
      provider: { getMigrations: async () => migrations },
      migrationTableSchema: rows[0]!.schema,
    })
    const down = await migrator.migrateTo('0010_scores_unit_check')
    t.error(down.error)
    t.same(await indexOf(), ['btree (period_code, created_batch, created_row) WHERE (created_batch IS NOT NULL)'])
    const up = await migrator.migrateToLatest()
    t.error(up.error)
    t.same(await indexOf(), ['btree (created_batch, created_row) WHERE (created_batch IS NOT NULL)'])
    t.same((await audit(app, '?limit=1000')).items, before)
  },
)

interface PlanNode {
  'Relation Name'?: string
  'Actual Rows'?: number
  'Actual Loops'?: number
  'Rows Removed by Filter'?: number
  'Rows Removed by Index Recheck'?: number
  Plans?: PlanNode[]
}

/** Rows the plan read from `relation`, over all its scans and loops: those it kept and those it filtered out. */
const rowsRead = (node: PlanNode, relation: string): number =>
  (node['Relation Name'] === relation
    ? ((node['Actual Rows'] ?? 0) +
        (node['Rows Removed by Filter'] ?? 0) +
        (node['Rows Removed by Index Recheck'] ?? 0)) *
      (node['Actual Loops'] ?? 1)
    : 0) + (node.Plans ?? []).reduce((sum, child) => sum + rowsRead(child, relation), 0)

t.test(
  'an audit page reads a few created scores per batch it lists, not all the period or the table holds',
  async (t) => {
    const app = await build(t)
    const units = Array.from({ length: 50 }, (_, i) => `xa-${String(i).padStart(2, '0')}`)
    await seedRound(app, units)
    await seedPeriod(app, 'q', 'f1', units)
    // p's batches first, then q's: a page of p must not read its way through q's newer creations.
    for (const [period, unit] of ['p', 'q'].flatMap((p) => units.map((u) => [p, u] as const))) {
      const put = await call(app, 'PUT', `/v1/periods/${period}/units/${unit}/scores`, {
        body: {
          scores: [
            { criterion: '1.1', self: 1 },
            { criterion: '1.2', self: 0.5 },
            { criterion: '2.1', self: 2 },
          ],
        },
      })
      t.equal(put.statusCode, 200, put.body)
    }
    const created = await sql<{ n: number }>`
    select count(*)::int as n from scores where period_code = 'p' and created_batch is not null`.execute(app.db)
    t.equal(created.rows[0]!.n, 150, 'p holds 150 created scores, in 50 batches; q as many, in 50 later ones')
    await sql`analyze scores, score_write_batches`.execute(app.db)
    const repository = new ScoresRepository(app.db)
    const read = async (filter: AuditFilter) => {
      const { rows } = await sql<{ 'QUERY PLAN': Array<{ Plan: PlanNode }> }>`
      explain (analyze, format json) ${repository.auditQuery(filter)}`.execute(app.db)
      return rowsRead(rows[0]!['QUERY PLAN'][0]!.Plan, 'scores')
    }
    // At most the 3 scores of each batch a page of 5 entries reaches (6 scores are read, the sixth telling
    // whether a next page exists), and of one batch more: 21 rows, where p holds 150 and the table 300.
    const bound = 3 * (5 + 2)
    const page = await read({ period: 'p', limit: 5 })
    t.ok(page <= bound, `a page of 5 entries read ${page} rows of scores`)
    const byCriterion = await read({ period: 'p', criterion: '2.1', limit: 5 })
    t.ok(byCriterion <= bound, `a page of one criterion read ${byCriterion} rows of scores`)
    const byUnit = await read({ period: 'p', unit: 'xa-07', limit: 5 })
    t.ok(byUnit <= bound, `a page of one unit read ${byUnit} rows of scores`)
  },
)

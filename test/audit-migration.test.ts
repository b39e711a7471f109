import { Migrator, sql, type Kysely } from 'kysely'
import t from 'tap'
import { migrations } from '../migrations/index.js'
import { buildApp } from '../src/app.js'
import { ChangeFeed } from '../src/db/change-feed.js'
import type { DatabaseHandle } from '../src/db/database.js'
import type { Database } from '../src/db/schema.js'
import { testConfig } from './helpers/build.js'
import { call, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'
import { openUnmigratedDatabase } from './helpers/database.js'

async function migrator(db: Kysely<Database>): Promise<Migrator> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db)
  return new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: rows[0]!.schema,
  })
}

async function migrate(db: Kysely<Database>, step: (m: Migrator) => ReturnType<Migrator['migrateToLatest']>) {
  const { error } = await step(await migrator(db))
  if (error) throw error instanceof Error ? error : new Error(JSON.stringify(error))
}

async function open(t: { teardown(fn: () => unknown): void }) {
  const handle: DatabaseHandle = await openUnmigratedDatabase()
  await migrate(handle.db, (m) => m.migrateTo('0007_events_webhooks'))
  const changes = new ChangeFeed(handle.changeSource)
  await changes.start()
  const app = await buildApp({ config: testConfig(), db: handle.db, changes, logger: false })
  t.teardown(async () => {
    await app.close()
    await changes.close()
    await handle.close()
  })
  return { app, db: handle.db }
}

/** The per-field rows the service wrote before the audit was compact: one request after another. */
const OLD_ROWS = [
  // Request 1: the bootstrap admin creates three scores.
  ['xa-a', '1.1', 'self', null, 1.5, null, 'bootstrap', 'admin', '2024-03-01T08:00:00.000001Z'],
  ['xa-a', '1.1', 'appraised', null, 1.25, null, 'bootstrap', 'admin', '2024-03-01T08:00:00.000001Z'],
  ['xa-a', '1.2', 'notApplicable', false, true, null, 'bootstrap', 'admin', '2024-03-01T08:00:00.000001Z'],
  ['xa-b', '2.1', 'note', null, 'Đạt', null, 'bootstrap', 'admin', '2024-03-01T08:00:00.000001Z'],
  // Request 2: an appraiser changes two of them, with a reason.
  ['xa-a', '1.1', 'appraised', 1.25, 1, 'Thẩm định', 'c-1', 'appraiser', '2024-03-02T09:30:00Z'],
  ['xa-b', '2.1', 'note', 'Đạt', null, 'Thẩm định', 'c-1', 'appraiser', '2024-03-02T09:30:00Z'],
  ['xa-b', '2.1', 'evidence', null, ['https://vb.example/1'], 'Thẩm định', 'c-1', 'appraiser', '2024-03-02T09:30:00Z'],
  // Requests 3 and 4 share their client, time and reason: the same field of one score twice.
  ['xa-c', '1.1', 'self', null, 0.5, null, 'c-2', 'unit', '2024-03-03T10:00:00Z'],
  ['xa-c', '1.1', 'self', 0.5, 0.75, null, 'c-2', 'unit', '2024-03-03T10:00:00Z'],
  // Request 5: another period.
  ['xa-a', '1.1', 'self', null, 1, null, 'bootstrap', 'admin', '2024-03-04T10:00:00Z'],
] as const

/** As the service stored a value: a null was no JSON at all (to_jsonb of NULL). */
const json = (value: unknown) => (value === null ? null : JSON.stringify(value))

type Entry = Record<string, unknown> & { id: number }
const withoutId = ({ id: _, ...rest }: Entry) => rest

/** The answer the per-field audit gave: its rows, newest (highest id) first. */
const oldAnswer = (period: string) =>
  OLD_ROWS.map(([unit, criterion, field, old, value, reason, client, role, at], i) => ({
    period: i === OLD_ROWS.length - 1 ? 'q' : 'p',
    entry: {
      at: new Date(at).toISOString(),
      client: { id: client, role },
      unit,
      criterion,
      field,
      old,
      new: value,
      reason,
    },
  }))
    .filter((r) => r.period === period)
    .map((r) => r.entry)
    .reverse()

async function listAll(app: Awaited<ReturnType<typeof open>>['app'], period: string, query = ''): Promise<Entry[]> {
  const res = await call(app, 'GET', `/v1/periods/${period}/audit?limit=1000${query}`)
  if (res.statusCode !== 200) throw new Error(`audit: ${res.statusCode} ${res.body}`)
  return res.json().items
}

t.test(
  'the migration turns the per-field audit into batches: the audit answers the same entries, in the same order, and back',
  async (t) => {
    const { app, db } = await open(t)
    await seedFramework(app, 'f1')
    for (const u of ['xa-a', 'xa-b', 'xa-c']) await seedUnit(app, u)
    await seedPeriod(app, 'p', 'f1', ['xa-a', 'xa-b', 'xa-c'])
    await seedPeriod(app, 'q', 'f1', ['xa-a'])
    await sql`insert into scores (period_code, unit_code, criterion_code, self, appraised, not_applicable, note, evidence)
      values ('p', 'xa-a', '1.1', 1.5, 1, false, null, null), ('p', 'xa-a', '1.2', null, null, true, null, null),
        ('p', 'xa-b', '2.1', null, null, false, null, '["https://vb.example/1"]'),
        ('p', 'xa-c', '1.1', 0.75, null, false, null, null), ('q', 'xa-a', '1.1', 1, null, false, null, null)`.execute(
      db,
    )
    for (const [i, [unit, criterion, field, old, value, reason, client, role, at]] of OLD_ROWS.entries()) {
      await sql`insert into score_audit (period_code, unit_code, criterion_code, field, old, new, reason, client_id,
          client_role, at)
        values (${i === OLD_ROWS.length - 1 ? 'q' : 'p'}, ${unit}, ${criterion}, ${field}, ${json(old)},
          ${json(value)}, ${reason}, ${client}, ${role}, ${at})`.execute(db)
    }

    // To 0008 itself: the down below is its own, whatever migrations come after it.
    await migrate(db, (m) => m.migrateTo('0008_compact_score_audit'))
    const converted = await listAll(app, 'p')
    t.same(converted.map(withoutId), oldAnswer('p'))
    t.same((await listAll(app, 'q')).map(withoutId), oldAnswer('q'))
    t.same(
      (await listAll(app, 'p', '&unit=xa-b&criterion=2.1')).map(withoutId),
      oldAnswer('p').filter((e) => e.unit === 'xa-b' && e.criterion === '2.1'),
    )
    const ids = converted.map((e) => e.id)
    t.same(
      ids,
      [...ids].sort((a, b) => b - a),
      'ids decrease down the list',
    )
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from score_write_batches`.execute(db)
    t.equal(rows[0]!.n, 5, 'one batch per request: 3 and 4, sharing everything, are told apart by the repeated field')

    // A write after the migration comes first, and its creation is listed from the batch.
    const put = await call(app, 'PUT', '/v1/periods/p/units/xa-b/scores', {
      body: { scores: [{ criterion: '1.1', appraised: 0.5 }], reason: 'Sau chuyển đổi' },
    })
    t.equal(put.statusCode, 200, put.body)
    const after = await listAll(app, 'p')
    t.match(after[0], { unit: 'xa-b', criterion: '1.1', field: 'appraised', old: null, new: 0.5 })
    t.ok(after[0]!.id > ids[0]!, 'a larger id than every converted entry')
    t.same(after.slice(1), converted)

    // Down: one row per field again, in the order the audit listed them.
    await migrate(db, (m) => m.migrateTo('0007_events_webhooks'))
    const { rows: restored } = await sql<Record<string, unknown>>`
      select period_code, unit_code, criterion_code, field, old, new, reason, client_id, client_role, at
      from score_audit where period_code = 'p' order by id desc`.execute(db)
    t.same(
      restored.map((r) => ({
        at: (r.at as Date).toISOString(),
        client: { id: r.client_id, role: r.client_role },
        unit: r.unit_code,
        criterion: r.criterion_code,
        field: r.field,
        old: r.old,
        new: r.new,
        reason: r.reason,
      })),
      after.map(withoutId),
    )
    t.same(
      (
        await sql`select column_name from information_schema.columns
        where table_schema = current_schema() and table_name = 'scores' and column_name like 'created%'`.execute(db)
      ).rows,
      [],
      'scores as before',
    )
  },
)

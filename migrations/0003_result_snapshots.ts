import { sql, type Kysely } from 'kysely'

// Results frozen at each publication of a period, kept after reopening.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('result_snapshots')
    .addColumn('period_code', 'text', (c) => c.notNull().references('periods.code').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('framework_code', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    // The serialised results, kept as text so that every read answers the same bytes.
    .addColumn('body', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('result_snapshots_pk', ['period_code', 'number'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('result_snapshots').execute()
}

import { sql, type Kysely } from 'kysely'

// Scores per unit and leaf criterion, and the audit trail of every change to them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('scores')
    .addColumn('period_code', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('self', 'numeric(12, 2)')
    .addColumn('appraised', 'numeric(12, 2)')
    .addColumn('not_applicable', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('note', 'text')
    .addColumn('evidence', 'jsonb')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('scores_pk', ['period_code', 'unit_code', 'criterion_code'])
    // A unit leaves a period only once its scores are gone.
    .addForeignKeyConstraint('scores_period_unit_fk', ['period_code', 'unit_code'], 'period_units', [
      'period_code',
      'unit_code',
    ])
    .execute()

  await db.schema
    .createTable('score_audit')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('period_code', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('criterion_code', 'text', (c) => c.notNull())
    .addColumn('field', 'text', (c) => c.notNull())
    .addColumn('old', 'jsonb')
    .addColumn('new', 'jsonb')
    .addColumn('reason', 'text')
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_role', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('score_audit_period_idx').on('score_audit').columns(['period_code', 'id']).execute()
  await db.schema
    .createIndex('score_audit_unit_idx')
    .on('score_audit')
    .columns(['period_code', 'unit_code', 'criterion_code', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('score_audit').execute()
  await db.schema.dropTable('scores').execute()
}

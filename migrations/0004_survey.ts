import { sql, type Kysely } from 'kysely'

// Survey results: individual responses (kept, so a retried batch is recognised) and the tallies the
// satisfaction index is computed from, per unit, question and answer level.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('survey_responses')
    .addColumn('period_code', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('response_id', 'text', (c) => c.notNull())
    .addColumn('answers', 'jsonb', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('survey_responses_pk', ['period_code', 'unit_code', 'response_id'])
    .addForeignKeyConstraint('survey_responses_period_unit_fk', ['period_code', 'unit_code'], 'period_units', [
      'period_code',
      'unit_code',
    ])
    .execute()

  // source 'counts': the aggregate counts last PUT for the unit; 'responses': the sum of stored responses.
  await db.schema
    .createTable('survey_tallies')
    .addColumn('period_code', 'text', (c) => c.notNull())
    .addColumn('unit_code', 'text', (c) => c.notNull())
    .addColumn('question_code', 'text', (c) => c.notNull())
    .addColumn('level', 'smallint', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().check(sql`source in ('counts', 'responses')`))
    .addColumn('answers', 'integer', (c) => c.notNull().check(sql`answers >= 0`))
    .addPrimaryKeyConstraint('survey_tallies_pk', ['period_code', 'unit_code', 'question_code', 'level', 'source'])
    .addForeignKeyConstraint('survey_tallies_period_unit_fk', ['period_code', 'unit_code'], 'period_units', [
      'period_code',
      'unit_code',
    ])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('survey_tallies').execute()
  await db.schema.dropTable('survey_responses').execute()
}

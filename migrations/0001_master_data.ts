import { sql, type Kysely } from 'kysely'

// Clients, units, frameworks and periods: the master data every score hangs on.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('units')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('group_code', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text', (c) => c.references('units.code'))
    .addColumn('rankable', 'boolean', (c) => c.notNull().defaultTo(true))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('units_group_idx').on('units').columns(['group_code', 'code']).execute()
  await db.schema.createIndex('units_parent_idx').on('units').columns(['parent_code', 'code']).execute()

  await db.schema
    .createTable('clients')
    .addColumn('id', 'uuid', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'appraiser', 'unit', 'reader')`))
    .addColumn('unit_code', 'text', (c) => c.references('units.code'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('revoked_at', 'timestamptz')
    .addCheckConstraint('clients_unit_role', sql`(role = 'unit') = (unit_code is not null)`)
    .execute()

  await db.schema
    .createTable('frameworks')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content', 'jsonb', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('total_points', 'numeric(12, 2)', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()

  // The criteria tree flattened (never read; dropped by 0005_drop_unread_framework_tables).
  await db.schema
    .createTable('framework_criteria')
    .addColumn('framework_code', 'text', (c) => c.notNull().references('frameworks.code').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('max_points', 'numeric(12, 2)', (c) => c.notNull())
    .addColumn('is_leaf', 'boolean', (c) => c.notNull())
    .addColumn('method', 'text', (c) => c.check(sql`method in ('appraisal', 'survey')`))
    .addColumn('survey_element', 'text')
    .addPrimaryKeyConstraint('framework_criteria_pk', ['framework_code', 'code'])
    .execute()

  await db.schema
    .createTable('framework_survey_questions')
    .addColumn('framework_code', 'text', (c) => c.notNull().references('frameworks.code').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('element_code', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('framework_survey_questions_pk', ['framework_code', 'code'])
    .execute()

  await db.schema
    .createTable('periods')
    .addColumn('code', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('framework_code', 'text', (c) => c.notNull().references('frameworks.code'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('open')
        .check(sql`status in ('open', 'appraisal', 'published')`),
    )
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute()
  await db.schema.createIndex('periods_framework_idx').on('periods').column('framework_code').execute()

  await db.schema
    .createTable('period_units')
    .addColumn('period_code', 'text', (c) => c.notNull().references('periods.code').onDelete('cascade'))
    .addColumn('unit_code', 'text', (c) => c.notNull().references('units.code'))
    .addPrimaryKeyConstraint('period_units_pk', ['period_code', 'unit_code'])
    .execute()
  await db.schema.createIndex('period_units_unit_idx').on('period_units').column('unit_code').execute()

  await db.schema
    .createTable('period_status_history')
    .addColumn('id', 'bigint', (c) => c.primaryKey().generatedAlwaysAsIdentity())
    .addColumn('period_code', 'text', (c) => c.notNull().references('periods.code').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('client_id', 'text', (c) => c.notNull())
    .addColumn('client_role', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .execute()
  await db.schema
    .createIndex('period_status_history_period_idx')
    .on('period_status_history')
    .columns(['period_code', 'id'])
    .execute()
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of [
    'period_status_history',
    'period_units',
    'periods',
    'framework_survey_questions',
    'framework_criteria',
    'frameworks',
    'clients',
    'units',
  ]) {
    await db.schema.dropTable(table).execute()
  }
}

import type { Kysely } from 'kysely'

// The flattened criteria and survey questions were written on every framework PUT and read nowhere:
// results and scorecards work from the framework's stored content. Dropped rather than kept in sync.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('framework_survey_questions').execute()
  await db.schema.dropTable('framework_criteria').execute()
}

// Recreated empty, as 0001 made them; their rows were never read, so nothing is lost by not refilling them.
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('framework_criteria')
    .addColumn('framework_code', 'text', (c) => c.notNull().references('frameworks.code').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('parent_code', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('max_points', 'numeric(12, 2)', (c) => c.notNull())
    .addColumn('is_leaf', 'boolean', (c) => c.notNull())
    .addColumn('method', 'text')
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
}

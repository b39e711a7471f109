import { sql, type Kysely } from 'kysely'

// What the audit reads to list a period's created scores newest first: `scores_created_idx` led with
// `period_code` (0008_compact_score_audit). An import into a period whose code sorts before another
// period's that already has scores then inserted each of its entries in the middle of the index, every
// page split leaving a half-full page behind, as the primary key's entries do; on the 330,000-row
// benchmark that state (`analysed-full`) was the slowest of the three. Batch ids only grow, so keyed by
// (created_batch, created_row) every import's entries append at the index's right edge, whatever the
// period codes.
//
// The audit now finds a period's batches that created scores through `score_write_batches_created_idx`,
// newest first, and each batch's created scores through the new index (src/modules/scores/repository.ts,
// `audit`). A batch that created nothing (created = 0) is not in that index, so a period with many
// update-only writes costs a page no more than before.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`drop index scores_created_idx`.execute(db)
  await sql`create index scores_created_idx on scores (created_batch, created_row)
    where created_batch is not null`.execute(db)
  await sql`create index score_write_batches_created_idx on score_write_batches (period_code, id)
    where created is distinct from 0`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index score_write_batches_created_idx`.execute(db)
  await sql`drop index scores_created_idx`.execute(db)
  await sql`create index scores_created_idx on scores (period_code, created_batch, created_row)
    where created_batch is not null`.execute(db)
}

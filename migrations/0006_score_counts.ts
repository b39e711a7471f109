import { sql, type Kysely } from 'kysely'

// Ratio leaves (docs/domain.md, "Ratio criteria") are scored from counts other systems submit. They are
// stored on the score row of the unit and leaf, so writes, audit and the scorecard's ETag work as for
// every other score field. Nullable columns without a default: adding them rewrites nothing.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table scores
    add column numerator bigint,
    add column denominator bigint,
    add constraint scores_counts_check check (
      (numerator is null) = (denominator is null) and (numerator is null or (0 <= numerator and numerator <= denominator))
    )`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table scores drop constraint scores_counts_check, drop column numerator, drop column denominator`.execute(
    db,
  )
}

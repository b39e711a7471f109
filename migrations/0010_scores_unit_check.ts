import { sql, type Kysely } from 'kysely'

// Drops the foreign key from `scores` to `period_units` (0002_scores). PostgreSQL checks it once per
// inserted row: some 2.5 s of a 330,000-row import. The service checks the same thing, under locks,
// once per write:
//
// - One path in the service removes a unit from a period: `PUT /v1/periods/{code}` (putPeriod). It locks
//   the period row (FOR UPDATE), then refuses to remove a unit holding scores or survey results. Nothing
//   deletes a period (whose rows of `period_units` would go with it, ON DELETE CASCADE) or a unit.
// - A unit's score write shares the period row (FOR SHARE) and locks the unit's row of `period_units`
//   before it checks that the period lists the unit.
// - An import checks each row's unit against the period's units as it reads the rows, then locks the
//   period row (FOR UPDATE) and checks, once, that the units are still those (409 otherwise).
//
// Whichever of a removal and a write locks the period row first, the other waits for it to commit, and
// then sees what it did: a removed unit cannot be written to, a written unit cannot be removed.
// test/period-units-lock.test.ts shows it; it also fails when another statement of the service removes
// rows of `period_units` or deletes a period or a unit, so that such a path is not added without the lock.
//
// The database still refuses a score of a unit the period does not list, at a set's cost: the totals
// triggers (0009_unit_totals) write the unit's `unit_totals` row, whose foreign key to `period_units` is
// checked once per unit of a statement rather than once per score (test/unit-totals.test.ts).
//
// The foreign keys of the survey tables (0004_survey) stay: their writes are per unit, and small.
// A change made by hand in the database (a deleted period or unit) is no longer refused while scores
// reference it: remove its scores first.

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table scores drop constraint scores_period_unit_fk`.execute(db)
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table scores add constraint scores_period_unit_fk
    foreign key (period_code, unit_code) references period_units (period_code, unit_code)`.execute(db)
}

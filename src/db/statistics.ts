import { sql, type Kysely } from 'kysely'
import type { Database } from './schema.js'

/**
 * A write of at least this many rows analyses what it changed once it has committed: the next write and
 * read then plan on statistics that know the rows (autovacuum would do so only a minute or so later, and
 * a read planned meanwhile on "empty" statistics took 2–6× as long).
 */
export const ANALYZE_AFTER_ROWS = 10_000

/** What a results read joins: after a large import its statistics must know the period's rows. */
export const RESULTS_TABLES = ['scores', 'unit_totals', 'period_units', 'units'] as const

/** The units of periods, and the units themselves: what a large change of a period's units changes. */
export const PERIOD_UNIT_TABLES = ['period_units', 'units'] as const

export interface WrittenRows {
  dryRun: boolean
  created: number
  updated: number
}

/**
 * Runs after the write's transaction, so that no statistics describe rows that were rolled back and
 * the write holds no lock beyond its own. Returns whether it analysed. A failure here does not undo a
 * committed write: the statistics are an optimisation, and autovacuum catches up.
 */
export async function refreshStatistics(
  db: Kysely<Database>,
  written: WrittenRows,
  tables: ReadonlyArray<keyof Database> = RESULTS_TABLES,
  threshold = ANALYZE_AFTER_ROWS,
): Promise<boolean> {
  if (written.dryRun || written.created + written.updated < threshold) return false
  try {
    await sql`analyze ${sql.join(tables.map((table) => sql.table(table)))}`.execute(db)
    return true
  } catch {
    return false
  }
}

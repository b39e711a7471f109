import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

/**
 * A write of at least this many score rows analyses `scores` and `unit_totals` once it has committed:
 * the next write and read then plan on statistics that know the rows (autovacuum would do so only a
 * minute or so later, and a read planned meanwhile on "empty" statistics took 2–6× as long).
 */
export const ANALYZE_AFTER_ROWS = 10_000

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
  threshold = ANALYZE_AFTER_ROWS,
): Promise<boolean> {
  if (written.dryRun || written.created + written.updated < threshold) return false
  try {
    await sql`analyze scores, unit_totals`.execute(db)
    return true
  } catch {
    return false
  }
}

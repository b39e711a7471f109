import { Migrator, sql, type Kysely, type MigrationResult } from 'kysely'
import { migrations } from '../../migrations/index.js'

export class MigrationError extends Error {}

/**
 * Applies every pending migration; returns the names applied, in order. `schema` names where the
 * migration bookkeeping lives when the database is not the default `public` one (tests give each file
 * a schema of its own, and Kysely would otherwise find another schema's bookkeeping tables).
 */
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  // Kysely looks for its bookkeeping tables in every schema; name ours, or another schema's could be taken.
  const own = schema ?? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(own ? { migrationTableSchema: own } : {}),
  })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error')?.migrationName
    throw new MigrationError(
      `migration ${failed ?? '(unknown)'} failed: ${String((error as Error).message ?? error)}`,
      {
        cause: error,
      },
    )
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

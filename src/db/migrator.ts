import { Migrator, type Kysely, type MigrationResult } from 'kysely'
import { migrations } from '../../migrations/index.js'

export class MigrationError extends Error {}

/** Applies every pending migration; returns the names applied, in order. */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } })
  const { error, results } = await migrator.migrateToLatest()
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error')?.migrationName
    throw new MigrationError(`migration ${failed ?? '(unknown)'} failed: ${String((error as Error).message ?? error)}`, {
      cause: error,
    })
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName)
}

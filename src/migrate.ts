import { ConfigError, loadConfig } from './config.js'
import { openConfiguredDatabase } from './db/database.js'
import { migrateToLatest } from './db/migrator.js'

/** `npm run migrate`: applies pending migrations and exits. */
async function main(): Promise<void> {
  const config = loadConfig()
  const database = await openConfiguredDatabase(config)
  try {
    const applied = await migrateToLatest(database.db)
    process.stdout.write(applied.length ? `applied: ${applied.join(', ')}\n` : 'database schema up to date\n')
  } finally {
    await database.close()
  }
}

main().catch((error: unknown) => {
  const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error)
  process.stderr.write(`migration failed: ${message}\n`)
  process.exit(1)
})

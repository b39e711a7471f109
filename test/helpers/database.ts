import { existsSync, readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import t from 'tap'
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrator.js'
import type { Database } from '../../src/db/schema.js'

/** Written once per run by test/setup/prepare-template.ts: a migrated PGlite data directory. */
export const PGLITE_TEMPLATE = new URL('../../.tap/pglite-template.tgz', import.meta.url)

export const usingPostgres = (): boolean => Boolean(process.env.TEST_DATABASE_URL)

async function openPostgresSchema(url: string): Promise<DatabaseHandle> {
  // Test files run in parallel against one server: each gets a schema of its own.
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`create schema ${schema}`)
  await admin.end()
  const handle = await openDatabase({ kind: 'postgres', url, searchPath: schema, poolSize: 5 })
  await migrateToLatest(handle.db, schema)
  return {
    ...handle,
    close: async () => {
      await handle.close()
      const cleanup = new pg.Client({ connectionString: url })
      await cleanup.connect()
      await cleanup.query(`drop schema ${schema} cascade`)
      await cleanup.end()
    },
  }
}

async function openPGliteFromTemplate(): Promise<DatabaseHandle> {
  const loadDataDir = existsSync(PGLITE_TEMPLATE) ? new Blob([readFileSync(PGLITE_TEMPLATE)]) : undefined
  const handle = await openDatabase({ kind: 'pglite', dataDir: 'memory://', ...(loadDataDir ? { loadDataDir } : {}) })
  await migrateToLatest(handle.db)
  return handle
}

/** A fresh, migrated database on the backend under test; the caller closes it. */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL
  return url ? openPostgresSchema(url) : openPGliteFromTemplate()
}

let shared: Promise<DatabaseHandle> | undefined

/** One database per test file (a process), closed when the file's tests end. */
export function sharedTestDatabase(): Promise<DatabaseHandle> {
  if (!shared) {
    shared = openTestDatabase()
    t.teardown(async () => (await shared!).close())
  }
  return shared
}

/** Empties every table the migrations made, so that each test starts from a clean database. */
export async function resetDatabase(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select table_name as name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
      and table_name not like 'kysely_migration%'`.execute(db)
  if (rows.length === 0) return
  await sql`truncate ${sql.join(rows.map((r) => sql.id(r.name)))} restart identity cascade`.execute(db)
}

import { randomBytes } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import t from 'tap'
import { openDatabase, type DatabaseHandle } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrator.js'
import type { Database } from '../../src/db/schema.js'

/**
 * The suite's embedded PostgreSQL server: started once per run by the tap `before` script
 * (test/setup/prepare-template.ts), which also migrates TEMPLATE_DATABASE, and stopped by the `after`
 * script (test/setup/stop-server.ts). Its DATA_DIR layout is the service's (src/db/embedded-server.ts).
 */
export const TEST_SERVER_DIR = fileURLToPath(new URL('../../.tap/embedded-postgres', import.meta.url))
export const TEMPLATE_DATABASE = 'cchc_template'
/** Every test file's database is named test_<pid>_<random>; the before script drops leftovers. */
export const TEST_DATABASE_PREFIX = 'test_'

/** TEST_DATABASE_URL: the tests run on that server instead, each file in a schema of its own. */
export const usingExternalServer = (): boolean => Boolean(process.env.TEST_DATABASE_URL)

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url })
  client.on('error', () => {})
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

async function openPostgresSchema(url: string, migrate = true): Promise<DatabaseHandle> {
  // Test files run in parallel against one server: each gets a schema of its own.
  const schema = `test_${process.pid}_${randomBytes(4).toString('hex')}`
  await withClient(url, (admin) => admin.query(`create schema ${schema}`))
  const handle = await openDatabase({ kind: 'postgres', url, searchPath: schema, poolSize: 5 })
  if (migrate) await migrateToLatest(handle.db, schema)
  return {
    ...handle,
    close: async () => {
      await handle.close()
      await withClient(url, (admin) => admin.query(`drop schema ${schema} cascade`))
    },
  }
}

function testServerUrl(database: string): string {
  let url: URL
  try {
    url = new URL(readFileSync(`${TEST_SERVER_DIR}/database-url`, 'utf8').trim())
  } catch {
    throw new Error(
      `no test PostgreSQL server in ${TEST_SERVER_DIR}: run the tests through tap (npm test, npx tap <file>), ` +
        'whose before script starts it',
    )
  }
  url.pathname = `/${database}`
  return url.toString()
}

/**
 * A copy of the migrated template (CREATE DATABASE … TEMPLATE: milliseconds, no migrations), or with
 * `template: false` an empty database, dropped at close.
 */
async function openTemplateCopy(template = true): Promise<DatabaseHandle> {
  const name = `${TEST_DATABASE_PREFIX}${process.pid}_${randomBytes(4).toString('hex')}`
  const adminUrl = testServerUrl('postgres')
  const from = template ? ` template ${TEMPLATE_DATABASE}` : ''
  await withClient(adminUrl, (admin) => admin.query(`create database ${name}${from}`))
  const handle = await openDatabase({ kind: 'postgres', url: testServerUrl(name), poolSize: 5 })
  return {
    ...handle,
    close: async () => {
      await handle.close()
      await withClient(adminUrl, (admin) => admin.query(`drop database if exists ${name} with (force)`))
    },
  }
}

/** A fresh, migrated database on the server under test; the caller closes it. */
export async function openTestDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL
  return url ? openPostgresSchema(url) : openTemplateCopy()
}

/** An empty database (or schema) on the server under test, to migrate step by step; the caller closes it. */
export async function openUnmigratedDatabase(): Promise<DatabaseHandle> {
  const url = process.env.TEST_DATABASE_URL
  return url ? openPostgresSchema(url, false) : openTemplateCopy(false)
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

import pg from 'pg'
import { openDatabase } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrator.js'
import { envFlag, log } from './log.js'
import { defer } from './process.js'

/** The server .ci/run sets up (role cchc, database cchc_test); BENCH_DATABASE_URL overrides it. */
export const DEFAULT_BENCH_DATABASE_URL = 'postgres://cchc:cchc-ci@127.0.0.1:5432/cchc_test'

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1'])

export interface BenchDatabase {
  /** cchc_bench_<timestamp>: the database, or the schema when the role may not create databases. */
  name: string
  /**
   * `database`: a fresh database (CREATE DATABASE). `schema`: a fresh schema in the base database,
   * used when the role lacks CREATEDB (as the role .ci/run makes does); the service then reaches it
   * through `search_path` in the URL, and it is migrated here beforehand.
   */
  kind: 'database' | 'schema'
  /** The URL for the service (DATABASE_URL) and for clients of this run. */
  url: string
  /** A connected client on this run's database; the caller ends it. */
  connect(): Promise<pg.Client>
  /** SELECT version() of the server. */
  serverVersion: string
  /** Drops the database (or schema). Idempotent; also run by the run's clean-up. */
  drop(): Promise<void>
}

export function benchDatabaseUrl(): string {
  const url = process.env.BENCH_DATABASE_URL || DEFAULT_BENCH_DATABASE_URL
  const parsed = new URL(url)
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error('BENCH_DATABASE_URL must be a postgres:// URL')
  if (!LOOPBACK_HOSTS.has(parsed.hostname))
    throw new Error(`benchmarks use a PostgreSQL server on 127.0.0.1 only, not ${parsed.hostname}`)
  return url
}

const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`

/** cchc_bench_20251130t044512123: sortable, unique per millisecond, a valid unquoted identifier. */
function runName(): string {
  const stamp = new Date()
    .toISOString()
    .replace(/[-:.Z]/g, '')
    .replace('T', 't')
  return `cchc_bench_${stamp}`
}

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
  await client.connect()
  try {
    return await fn(client)
  } finally {
    await client.end()
  }
}

/**
 * A database of its own for one benchmark run, so runs never collide with the tests (or each other).
 * Dropped by drop() or by the run's clean-up; BENCH_KEEP_DB=1 keeps it for inspection (EXPLAIN …).
 */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const baseUrl = benchDatabaseUrl()
  const name = runName()
  const { kind, serverVersion } = await withClient(baseUrl, async (admin) => {
    const version = (await admin.query<{ v: string }>('select version() as v')).rows[0]!.v
    const leftovers = await admin.query<{ datname: string }>(
      `select datname from pg_database where datname like 'cchc\\_bench\\_%' order by 1`,
    )
    if (leftovers.rowCount)
      log(`note: databases left by earlier runs: ${leftovers.rows.map((r) => r.datname).join(', ')}`)
    const schemas = await admin.query<{ nspname: string }>(
      `select nspname from pg_namespace where nspname like 'cchc\\_bench\\_%' order by 1`,
    )
    if (schemas.rowCount)
      log(`note: schemas left by earlier runs in the base database: ${schemas.rows.map((r) => r.nspname).join(', ')}`)
    try {
      await admin.query(`create database ${quoteIdent(name)}`)
      return { kind: 'database' as const, serverVersion: version }
    } catch (error) {
      if ((error as { code?: string }).code !== '42501') throw error
      // insufficient_privilege: the role may not create databases.
      log(`the role may not CREATE DATABASE; using a fresh schema ${name} in the base database instead`)
      await admin.query(`create schema ${quoteIdent(name)}`)
      return { kind: 'schema' as const, serverVersion: version }
    }
  })

  let url: string
  if (kind === 'database') {
    const parsed = new URL(baseUrl)
    parsed.pathname = `/${name}`
    url = parsed.toString()
  } else {
    const parsed = new URL(baseUrl)
    parsed.searchParams.set('options', `-c search_path=${name}`)
    url = parsed.toString()
  }

  let dropped: Promise<void> | undefined
  const drop = (): Promise<void> =>
    (dropped ??= (async () => {
      if (envFlag('BENCH_KEEP_DB')) {
        log(`BENCH_KEEP_DB: keeping ${kind} ${name} (${url.replace(/:[^:@/]*@/, ':***@')})`)
        return
      }
      await withClient(baseUrl, async (admin) => {
        if (kind === 'database') await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`)
        else await admin.query(`drop schema if exists ${quoteIdent(name)} cascade`)
      })
      log(`dropped ${kind} ${name}`)
    })())
  defer(`drop ${kind} ${name}`, drop)

  if (kind === 'schema') {
    // The service migrates without naming a schema, and Kysely would then take the bookkeeping table of
    // another schema in this database (a test's) for its own: migrate this schema here, by name.
    const handle = await openDatabase({ kind: 'postgres', url: baseUrl, searchPath: name, poolSize: 2 })
    try {
      await migrateToLatest(handle.db, name)
    } finally {
      await handle.close()
    }
  }
  log(`bench ${kind}: ${name}`)

  return {
    name,
    kind,
    url,
    serverVersion,
    connect: async () => {
      const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 })
      await client.connect()
      return client
    },
    drop,
  }
}

import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import type { ChangeSource } from './change-feed.js'
import { startOwnedServer, type EmbeddedServer } from './embedded-server.js'
import type { Database } from './schema.js'

const INT8_OID = 20

/**
 * bigint columns and count(*) come back as strings from pg: int8 becomes a number everywhere, and a
 * value past 2^53 is an error rather than a silent loss of precision. NUMERIC stays a decimal string.
 */
function parseInt8(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} exceeds the safe integer range`)
  return value
}

export type DatabaseTarget = { kind: 'postgres'; url: string; searchPath?: string; poolSize?: number }

export interface DatabaseHandle {
  db: Kysely<Database>
  target: DatabaseTarget
  /** Where changes made by other app instances on this database are heard. */
  changeSource: ChangeSource
  /** The embedded server this process started (no DATABASE_URL), stopped by close(). */
  embedded?: Pick<EmbeddedServer, 'dataDir' | 'version' | 'port'>
  /** Closes the pool (and stops the embedded server); the process lingers otherwise. */
  close(): Promise<void>
}

/** pg's own parsers, but int8 as a checked number (see parseInt8). */
const typeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8_OID
    ? parseInt8
    : (pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown)) as typeof pg.types.getTypeParser

function postgresPool(target: DatabaseTarget): pg.Pool {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(target.searchPath ? { options: `-c search_path=${target.searchPath}` } : {}),
    types: { getTypeParser: typeParser },
  })
  // An idle client losing its server (restart, network) must not crash the process; the next query
  // reports the failure and /health/ready answers 503.
  pool.on('error', () => {})
  // pg-pool drops its idle-client listener while a client is checked out, and Kysely's driver adds none:
  // a server-side termination between two queries of a transaction would then be an uncaught 'error'
  // event. The query in progress (or the next one) reports the failure instead.
  pool.on('connect', (client) => client.on('error', () => {}))
  return pool
}

export function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: postgresPool(target) }) })
  return Promise.resolve({ db, target, changeSource: { kind: 'postgres', url: target.url }, close: () => db.destroy() })
}

/**
 * The service's database: DATABASE_URL when given; otherwise the embedded PostgreSQL server in DATA_DIR,
 * started here and stopped by close() after the pool is closed.
 */
export async function openConfiguredDatabase(config: {
  databaseUrl: string | null
  dataDir: string
}): Promise<DatabaseHandle> {
  if (config.databaseUrl) return openDatabase({ kind: 'postgres', url: config.databaseUrl })
  const server = await startOwnedServer(config.dataDir)
  const handle = await openDatabase({ kind: 'postgres', url: server.url })
  return {
    ...handle,
    embedded: { dataDir: server.dataDir, version: server.version, port: server.port },
    close: async () => {
      try {
        await handle.close()
      } finally {
        await server.stop()
      }
    },
  }
}

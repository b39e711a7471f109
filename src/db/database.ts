import { randomUUID } from 'node:crypto'
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

/**
 * How long the service waits on the database before answering 503: a new connection, a query's answer
 * (client side: a hung or unreachable server), a statement and a lock wait (server side), and a
 * transaction left idle (a client that stopped sending). 0 disables one.
 */
export interface DatabaseTimeouts {
  connectMs: number
  queryMs: number
  statementMs: number
  lockMs: number
  idleInTransactionMs: number
}

export const DEFAULT_TIMEOUTS: DatabaseTimeouts = {
  connectMs: 5_000,
  queryMs: 35_000,
  statementMs: 30_000,
  lockMs: 10_000,
  idleInTransactionMs: 60_000,
}

const DEFAULT_POOL_SIZE = 10

/**
 * How long a connection to the embedded server may stay idle in the pool: the server runs on the
 * service's own host, so each idle backend (7–10 MB of its own memory) counts against the same machine,
 * and reconnecting over the loopback takes a few milliseconds. A burst of requests (16 at once) used to
 * leave ten backends alive for pg-pool's default 10 s, through a whole import that followed it.
 */
export const EMBEDDED_IDLE_CONNECTION_MS = 1_000

export type DatabaseTarget = {
  kind: 'postgres'
  url: string
  searchPath?: string
  poolSize?: number
  /** How long an idle connection stays in the pool; pg-pool's default (10 s) when unset. */
  idleConnectionMs?: number
  timeouts?: Partial<DatabaseTimeouts>
}

/** The connections of the pool at this moment: open and idle ones, and the checkouts waiting for one. */
export interface PoolStats {
  total: number
  idle: number
  waiting: number
  max: number
}

export interface DatabaseHandle {
  db: Kysely<Database>
  target: DatabaseTarget
  /** Where changes made by other app instances on this database are heard. */
  changeSource: ChangeSource
  /** The embedded server this process started (no DATABASE_URL), stopped by close(). */
  embedded?: Pick<EmbeddedServer, 'dataDir' | 'version' | 'port'>
  /**
   * Ends this handle's sessions on the server (pg_terminate_backend, from a connection of its own): their
   * transactions roll back and the queries in flight fail. For a shutdown whose grace period is over.
   */
  abortSessions(): Promise<number>
  /** The pool's connections now (for metrics: read at scrape time, nothing is counted per query). */
  poolStats: () => PoolStats
  /** Closes the pool (and stops the embedded server); the process lingers otherwise. */
  close(): Promise<void>
}

/** pg's own parsers, but int8 as a checked number (see parseInt8). */
const typeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8_OID
    ? parseInt8
    : (pg.types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown)) as typeof pg.types.getTypeParser

/** A client whose query got no answer in time is closed: it is not handed out again with a query pending. */
function closeOnReadTimeout(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown
  client.query = ((...args: unknown[]) => {
    const result = query(...args)
    if (result instanceof Promise) {
      result.catch((error: unknown) => {
        if ((error as Error)?.message === 'Query read timeout') client.end().catch(() => {})
      })
    }
    return result
  }) as typeof client.query
}

function postgresPool(target: DatabaseTarget, applicationName: string): pg.Pool {
  const t = { ...DEFAULT_TIMEOUTS, ...target.timeouts }
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? DEFAULT_POOL_SIZE,
    ...(target.idleConnectionMs !== undefined ? { idleTimeoutMillis: target.idleConnectionMs } : {}),
    connectionTimeoutMillis: t.connectMs,
    // A server that stops answering (hung, or a network that drops packets) is noticed, not waited on.
    keepAlive: true,
    ...(t.queryMs > 0 ? { query_timeout: t.queryMs } : {}),
    statement_timeout: t.statementMs,
    lock_timeout: t.lockMs,
    idle_in_transaction_session_timeout: t.idleInTransactionMs,
    application_name: applicationName,
    ...(target.searchPath ? { options: `-c search_path=${target.searchPath}` } : {}),
    types: { getTypeParser: typeParser },
  })
  // An idle client losing its server (restart, network) must not crash the process; the next query
  // reports the failure and /health/ready answers 503.
  pool.on('error', () => {})
  // pg-pool drops its idle-client listener while a client is checked out, and Kysely's driver adds none:
  // a server-side termination between two queries of a transaction would then be an uncaught 'error'
  // event. The query in progress (or the next one) reports the failure instead.
  pool.on('connect', (client) => {
    client.on('error', () => {})
    closeOnReadTimeout(client)
  })
  return pool
}

async function terminateSessions(url: string, applicationName: string): Promise<number> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000, query_timeout: 5_000 })
  client.on('error', () => {})
  try {
    await client.connect()
    const { rows } = await client.query<{ n: number }>(
      `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
        where application_name = $1 and pid <> pg_backend_pid()`,
      [applicationName],
    )
    return rows[0]?.n ?? 0
  } catch {
    return 0
  } finally {
    await client.end().catch(() => {})
  }
}

export function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  // Each pool's sessions carry a name of their own, so that a shutdown ends only them.
  const applicationName = `cchc-index ${randomUUID().slice(0, 8)}`
  const pool = postgresPool(target, applicationName)
  const max = target.poolSize ?? DEFAULT_POOL_SIZE
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return Promise.resolve({
    db,
    target,
    changeSource: {
      kind: 'postgres',
      url: target.url,
      ...(target.searchPath ? { searchPath: target.searchPath } : {}),
    },
    abortSessions: () => terminateSessions(target.url, applicationName),
    poolStats: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount, max }),
    close: () => db.destroy(),
  })
}

/**
 * The service's database: DATABASE_URL when given; otherwise the embedded PostgreSQL server in DATA_DIR,
 * started here and stopped by close() after the pool is closed.
 */
export async function openConfiguredDatabase(config: {
  databaseUrl: string | null
  dataDir: string
  timeouts?: Partial<DatabaseTimeouts>
}): Promise<DatabaseHandle> {
  const timeouts = config.timeouts ? { timeouts: config.timeouts } : {}
  if (config.databaseUrl) return openDatabase({ kind: 'postgres', url: config.databaseUrl, ...timeouts })
  const server = await startOwnedServer(config.dataDir)
  const handle = await openDatabase({
    kind: 'postgres',
    url: server.url,
    idleConnectionMs: EMBEDDED_IDLE_CONNECTION_MS,
    ...timeouts,
  })
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

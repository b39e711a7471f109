import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { Kysely, PostgresDialect, type Dialect } from 'kysely'
import { PGliteDialect } from 'kysely-pglite-dialect'
import pg from 'pg'
import type { ChangeSource } from './change-feed.js'
import type { Database } from './schema.js'

const INT8_OID = 20

/**
 * bigint columns and count(*) come back as strings from pg but as numbers from PGlite; both backends
 * must hand the same values to the rest of the service, so int8 becomes a number everywhere and a value
 * past 2^53 is an error rather than a silent loss of precision. NUMERIC stays a decimal string on both.
 */
function parseInt8(text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value)) throw new RangeError(`int8 value ${text} exceeds the safe integer range`)
  return value
}

export type DatabaseTarget =
  | { kind: 'postgres'; url: string; searchPath?: string; poolSize?: number }
  | { kind: 'pglite'; dataDir: string; loadDataDir?: Blob }

export interface DatabaseHandle {
  db: Kysely<Database>
  target: DatabaseTarget
  /** Where changes made by other app instances on this database are heard. */
  changeSource: ChangeSource
  /** Closes the pool or the embedded database; the process lingers otherwise. */
  close(): Promise<void>
}

function postgresDialect(target: Extract<DatabaseTarget, { kind: 'postgres' }>): Dialect {
  const pool = new pg.Pool({
    connectionString: target.url,
    max: target.poolSize ?? 10,
    connectionTimeoutMillis: 5_000,
    ...(target.searchPath ? { options: `-c search_path=${target.searchPath}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
        oid === INT8_OID ? parseInt8 : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
    },
  })
  // An idle client losing its server (restart, network) must not crash the process; the next query
  // reports the failure and /health/ready answers 503.
  pool.on('error', () => {})
  return new PostgresDialect({ pool })
}

export async function openPGlite(dataDir: string, loadDataDir?: Blob): Promise<PGlite> {
  if (dataDir !== 'memory://' && !dataDir.startsWith('memory://')) mkdirSync(dataDir, { recursive: true })
  return PGlite.create({
    dataDir,
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [INT8_OID]: parseInt8 },
  })
}

export const kyselyOverPGlite = (pglite: PGlite): Kysely<Database> =>
  new Kysely<Database>({ dialect: new PGliteDialect(pglite) })

export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.kind === 'postgres') {
    const db = new Kysely<Database>({ dialect: postgresDialect(target) })
    return { db, target, changeSource: { kind: 'postgres', url: target.url }, close: () => db.destroy() }
  }
  const pglite = await openPGlite(target.dataDir, target.loadDataDir)
  const db = kyselyOverPGlite(pglite)
  return {
    db,
    target,
    changeSource: { kind: 'pglite', pglite },
    close: async () => {
      await db.destroy()
      if (!pglite.closed) await pglite.close()
    },
  }
}

export function targetFromConfig(config: { databaseUrl: string | null; dataDir: string }): DatabaseTarget {
  return config.databaseUrl
    ? { kind: 'postgres', url: config.databaseUrl }
    : { kind: 'pglite', dataDir: config.dataDir }
}

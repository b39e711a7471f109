// A throwaway PostgreSQL server of the fault suite's own (the embedded server module on a temporary
// DATA_DIR, a free 127.0.0.1 port): the suite stops, restarts and SIGSTOPs it, never a shared server.
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import http from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import pg from 'pg'
import { buildApp } from '../../src/app.js'
import { ChangeFeed, type ChangeSource } from '../../src/db/change-feed.js'
import { openDatabase, type DatabaseHandle, type DatabaseTimeouts } from '../../src/db/database.js'
import { startEmbeddedServer, type EmbeddedServer } from '../../src/db/embedded-server.js'
import { migrateToLatest } from '../../src/db/migrator.js'
import type { Config } from '../../src/config.js'
import { ADMIN_TOKEN, testConfig } from '../helpers/build.js'

type TestContext = { teardown(fn: () => unknown): void }

export interface Throwaway {
  server: EmbeddedServer
  dataDir: string
  /** Stops (fast) and starts the server again on the same port. */
  restart(): Promise<void>
  stop(): Promise<void>
  start(): Promise<void>
  /** SIGSTOP / SIGCONT of the postmaster and every backend. */
  freeze(): void
  thaw(): void
  /** Runs one query on a connection of its own. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>
}

export async function throwawayServer(t: TestContext): Promise<Throwaway> {
  const dataDir = mkdtempSync(join(tmpdir(), 'cchc-faults-'))
  const options = { dataDir, durable: false }
  let server = await startEmbeddedServer(options)
  const frozen = new Set<number>()
  const backends = (): number[] => {
    let children = ''
    try {
      children = execFileSync('pgrep', ['-P', String(server.pid)], { encoding: 'utf8' })
    } catch {
      // no backends
    }
    return [server.pid, ...children.split('\n').filter(Boolean).map(Number)]
  }
  const handle: Throwaway = {
    get server() {
      return server
    },
    dataDir,
    async stop() {
      await server.stop()
    },
    async start() {
      server = await startEmbeddedServer(options)
    },
    async restart() {
      await server.stop()
      server = await startEmbeddedServer(options)
    },
    freeze() {
      for (const pid of backends()) {
        process.kill(pid, 'SIGSTOP')
        frozen.add(pid)
      }
    },
    thaw() {
      for (const pid of frozen) {
        try {
          process.kill(pid, 'SIGCONT')
        } catch {
          // gone
        }
      }
      frozen.clear()
    },
    async query(text, values) {
      const client = new pg.Client({
        connectionString: server.url,
        connectionTimeoutMillis: 5_000,
        application_name: TEST_ADMIN,
      })
      client.on('error', () => {})
      await client.connect()
      try {
        return await client.query(text, values)
      } finally {
        await client.end()
      }
    },
  }
  t.teardown(async () => {
    handle.thaw()
    await server.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })
  return handle
}

export interface FaultApp {
  app: FastifyInstance
  database: DatabaseHandle
  changes: ChangeFeed
  base: string
}

/** The app on the throwaway server (migrated), listening on 127.0.0.1 with real sockets. */
export async function faultApp(
  t: TestContext,
  pgServer: Throwaway,
  options: {
    config?: Partial<Config>
    timeouts?: DatabaseTimeouts
    poolSize?: number
    changeSource?: ChangeSource
    logger?: FastifyServerOptions['logger']
    outageWindowMs?: number
  } = {},
): Promise<FaultApp> {
  const database = await openDatabase({
    kind: 'postgres',
    url: pgServer.server.url,
    poolSize: options.poolSize ?? 5,
    ...(options.timeouts ? { timeouts: options.timeouts } : {}),
  })
  await migrateToLatest(database.db)
  const config = testConfig(options.config)
  const changes = new ChangeFeed(options.changeSource ?? database.changeSource, { checkMs: config.listenCheckMs })
  await changes.start()
  const app = await buildApp({
    config,
    db: database.db,
    changes,
    logger: options.logger ?? false,
    poolStats: database.poolStats,
    ...(options.outageWindowMs !== undefined ? { outageWindowMs: options.outageWindowMs } : {}),
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  t.teardown(async () => {
    await app.close()
    await changes.close()
    await database.close()
  })
  return { app, database, changes, base: `http://127.0.0.1:${port}` }
}

export interface Answer {
  status: number
  type: string
  json: Record<string, unknown> | null
  text: string
}

const agent = new http.Agent({ keepAlive: false })

/** One HTTP request on a socket of its own; `body` may be a function that writes it slowly. */
export function send(
  base: string,
  method: string,
  path: string,
  options: {
    body?: unknown
    contentType?: string
    token?: string
    write?: (request: http.ClientRequest) => Promise<void>
  } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, base)
    const headers: Record<string, string> = { authorization: `Bearer ${options.token ?? ADMIN_TOKEN}` }
    let payload: string | undefined
    if (options.body !== undefined) {
      payload = typeof options.body === 'string' ? options.body : JSON.stringify(options.body)
      headers['content-type'] = options.contentType ?? 'application/json'
    } else if (options.contentType) headers['content-type'] = options.contentType
    const request = http.request(url, { method, headers, agent }, (response) => {
      const chunks: Buffer[] = []
      response.on('data', (c: Buffer) => chunks.push(c))
      response.on('error', reject)
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8')
        let json: Record<string, unknown> | null = null
        try {
          json = JSON.parse(text) as Record<string, unknown>
        } catch {
          json = null
        }
        resolve({ status: response.statusCode ?? 0, type: String(response.headers['content-type'] ?? ''), json, text })
      })
    })
    request.on('error', reject)
    if (options.write) {
      options.write(request).then(
        () => request.end(),
        (error: unknown) => request.destroy(error as Error),
      )
    } else request.end(payload)
  })
}

/** The application name of the test's own connections to a throwaway server. */
const TEST_ADMIN = 'cchc-fault-test'

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Whether `fn` comes true within `ms`, asked every 200 ms (a failure counts as false). */
export async function eventually(fn: () => Promise<boolean>, ms = 15_000): Promise<boolean> {
  const until = Date.now() + ms
  while (Date.now() < until) {
    if (await fn().catch(() => false)) return true
    await sleep(200)
  }
  return false
}

/**
 * The app's own backends on the server: not the test's own connections, which run queries like this one
 * concurrently and must not end each other.
 */
export async function terminateAppBackends(pgServer: Throwaway): Promise<number> {
  const { rows } = await pgServer.query<{ n: number }>(
    `select count(pg_terminate_backend(pid))::int as n from pg_stat_activity
      where datname = current_database() and backend_type = 'client backend' and application_name <> $1`,
    [TEST_ADMIN],
  )
  return rows[0]!.n
}

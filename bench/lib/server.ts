import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { createServer } from 'node:net'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { request } from './http.js'
import { envFlag, log, secondsSince } from './log.js'
import { readProcessMemory, type ProcessMemory } from './memory.js'
import { defer, isRunning, runCommand, spawnTracked, terminate } from './process.js'

/** The repository root (bench/lib/ → ../../). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url))

const BUILD_TIMEOUT_MS = 300_000
const READY_TIMEOUT_MS = 60_000

let built: Promise<number> | undefined

/**
 * `npm run build` (tsc → dist/), once per bench run whatever the number of benchmarks; resolves with
 * the seconds it took. The service is measured as it runs in production: compiled, on plain node.
 */
export function buildService(): Promise<number> {
  built ??= (async () => {
    log('building the service (npm run build)')
    const start = performance.now()
    const result = await runCommand('npm', ['run', '-s', 'build'], { cwd: ROOT, timeoutMs: BUILD_TIMEOUT_MS })
    if (result.code !== 0)
      throw new Error(`npm run build failed (${String(result.code)}):\n${result.output.slice(-5000)}`)
    return secondsSince(start)
  })()
  return built
}

/** A TCP port free on 127.0.0.1 right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => (port > 0 ? resolve(port) : reject(new Error('no free port'))))
    })
  })
}

const TRACE_SQL = fileURLToPath(new URL('./trace-sql.mjs', import.meta.url))

/**
 * Diagnostics, off by default: BENCH_SERVICE_NODE_ARGS adds node options to the service (e.g.
 * `--cpu-prof --cpu-prof-dir=/tmp/prof`); BENCH_TRACE_SQL=1 preloads trace-sql.mjs, which logs every
 * statement of BENCH_TRACE_SQL_MS or more (see BENCH_SERVER_LOG). Both change what is measured.
 */
function serviceNodeArgs(): string[] {
  const args = (process.env.BENCH_SERVICE_NODE_ARGS ?? '').split(/\s+/).filter((a) => a !== '')
  if (envFlag('BENCH_TRACE_SQL')) args.push('--import', pathToFileURL(TRACE_SQL).href)
  return args
}

export interface ServiceOptions {
  /** Unset: the embedded PostgreSQL server in DATA_DIR (give it in `env`). */
  databaseUrl?: string
  /** Default: BENCH_LOG_LEVEL, else warn. */
  logLevel?: string
  /** Extra environment for the service (e.g. IMPORT_BODY_LIMIT). */
  env?: Record<string, string>
}

export interface RunningService {
  baseUrl: string
  pid: number
  adminToken: string
  /** VmHWM / VmRSS of the service process now. */
  memory(): ProcessMemory | null
  /** The last lines the service wrote (stdout and stderr). */
  logTail(): string
  /** Reads the memory one last time, then SIGTERM (SIGKILL after 15 s). Safe to call twice. */
  stop(): Promise<{ exit: number | string | null; memory: ProcessMemory | null }>
}

class LineTail {
  private lines: string[] = []
  private partial = ''
  constructor(
    private readonly max: number,
    private readonly file: WriteStream | null,
  ) {}
  push(chunk: Buffer): void {
    this.file?.write(chunk)
    const text = this.partial + chunk.toString('utf8')
    const lines = text.split('\n')
    this.partial = lines.pop() ?? ''
    this.lines.push(...lines.map((l) => (l.length > 4000 ? `${l.slice(0, 4000)}…` : l)))
    if (this.lines.length > this.max) this.lines.splice(0, this.lines.length - this.max)
  }
  text(): string {
    return [...this.lines, this.partial].filter((l) => l !== '').join('\n')
  }
}

async function waitUntilReady(child: ChildProcess, baseUrl: string): Promise<void> {
  const deadline = performance.now() + READY_TIMEOUT_MS
  while (performance.now() < deadline) {
    if (!isRunning(child))
      throw new Error(`the service exited (${String(child.exitCode ?? child.signalCode)}) before it was ready`)
    try {
      const response = await request(`${baseUrl}/health/ready`, { timeoutMs: 2_000 })
      if (response.status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  throw new Error(`the service was not ready within ${READY_TIMEOUT_MS} ms`)
}

/**
 * Starts `node dist/server.js` (the bundle `npm run build` makes) as a child process on 127.0.0.1 (a free port), with the given
 * database and a random admin token, and waits for /health/ready. Call buildService() first. The
 * service is stopped by stop(), or by the clean-up of the run at the latest.
 * BENCH_SERVER_LOG=<file> copies everything the service writes to that file.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const adminToken = `bench-${randomBytes(24).toString('hex')}`
  const logFile = process.env.BENCH_SERVER_LOG ? createWriteStream(process.env.BENCH_SERVER_LOG, { flags: 'a' }) : null
  let lastError: unknown
  for (let attempt = 1; attempt <= 5; attempt++) {
    const port = await freePort()
    const baseUrl = `http://127.0.0.1:${port}`
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
      CCHC_ADMIN_TOKEN: adminToken,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: options.logLevel ?? process.env.BENCH_LOG_LEVEL ?? 'warn',
      ...options.env,
    }
    const tail = new LineTail(300, logFile)
    // The SQL trace hooks pg as loaded from node_modules, which the bundle does not: traced runs take tsc's output.
    const entry = envFlag('BENCH_TRACE_SQL') ? 'dist/src/server.js' : 'dist/server.js'
    const child = spawnTracked(process.execPath, [...serviceNodeArgs(), entry], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    child.stdout?.on('data', (chunk: Buffer) => tail.push(chunk))
    child.stderr?.on('data', (chunk: Buffer) => tail.push(chunk))
    const start = performance.now()
    try {
      await waitUntilReady(child, baseUrl)
    } catch (error) {
      await terminate(child, 5_000)
      lastError = new Error(
        `${error instanceof Error ? error.message : String(error)}\n--- service output ---\n${tail.text()}`,
      )
      if (/EADDRINUSE/.test(tail.text())) {
        log(`port ${port} was taken meanwhile; trying another`)
        continue
      }
      // The service migrates at start without naming a schema: Kysely's introspection then lists the
      // tables of every schema, and fails when another one (a test file's) is dropped meanwhile. A race
      // with a test run on the same database, not a fault of the run's own schema: try again.
      if (/failed to start: migration .*failed: .*does not exist/.test(tail.text())) {
        log(`the service's start-up migration raced with another schema being dropped (a test run?); starting it again`)
        continue
      }
      break
    }
    const pid = child.pid!
    const extra = serviceNodeArgs()
    log(
      `service ready on ${baseUrl} (pid ${pid}) in ${secondsSince(start)} s${extra.length > 0 ? ` (diagnostics: node ${extra.join(' ')})` : ''}`,
    )

    let stopped: Promise<{ exit: number | string | null; memory: ProcessMemory | null }> | undefined
    const service: RunningService = {
      baseUrl,
      pid,
      adminToken,
      memory: () => readProcessMemory(pid),
      logTail: () => tail.text(),
      stop: () =>
        (stopped ??= (async () => {
          const memory = readProcessMemory(pid)
          const exit = await terminate(child, 15_000)
          logFile?.end()
          if (exit !== 0) log(`the service stopped with ${String(exit)}; its last output:\n${tail.text()}`)
          return { exit, memory }
        })()),
    }
    defer(`stop service ${pid}`, async () => {
      await service.stop()
    })
    // A service dying in the middle of a benchmark is reported with its output.
    child.once('exit', (code, signal) => {
      if (stopped === undefined)
        log(`the service (pid ${pid}) exited unexpectedly with ${String(code ?? signal)}:\n${tail.text()}`)
    })
    return service
  }
  logFile?.end()
  throw lastError
}

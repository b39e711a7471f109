// The service on its embedded PostgreSQL server, as an operator runs it: the bundle `npm run build` makes
// (dist/server.js, bundled here from the sources into a directory of this file's own), as a child process
// without DATABASE_URL, a temporary DATA_DIR, a free port on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process'
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t, { type Test } from 'tap'
import { bundleServer } from '../scripts/bundle-server.js'
import { stopPostmaster } from '../src/db/embedded-server.js'

t.setTimeout(600_000)

const ROOT = fileURLToPath(new URL('..', import.meta.url))
// Inside the repository, so that the packages left out of the bundle resolve from its node_modules.
mkdirSync(join(ROOT, 'dist'), { recursive: true })
const BUNDLE_DIR = mkdtempSync(join(ROOT, 'dist', 'test-bundle-'))
// One test runs the service as an unprivileged user: it must read the bundle (mkdtemp makes it 0700).
chmodSync(BUNDLE_DIR, 0o755)
const BUNDLE = join(BUNDLE_DIR, 'server.js')
t.before(() => bundleServer(BUNDLE_DIR))
t.teardown(() => rmSync(BUNDLE_DIR, { recursive: true, force: true }))
const TOKEN = 'embedded-test-admin-token-0123456789'

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen({ host: '127.0.0.1', port: 0 }, () => {
      const address = probe.address()
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

interface Service {
  child: ChildProcess
  port: number
  /** Everything written so far: stdout lines (pino JSON) and stderr lines. */
  stdout: string[]
  stderr: string[]
  exited: Promise<number | null>
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: unknown }>
}

function logMessages(service: Service): Array<{ msg: string; [key: string]: unknown }> {
  return service.stdout.flatMap((line) => {
    try {
      return [JSON.parse(line) as { msg: string }]
    } catch {
      return []
    }
  })
}

/** Spawns the service (not waiting for anything); killed with SIGKILL when the test ends, if it still runs. */
async function spawnService(t: Test, dataDir: string, options: { uid?: number; gid?: number } = {}): Promise<Service> {
  const port = await freePort()
  // Not this process's environment: no DATABASE_URL, and none of tap's loaders and coverage settings.
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    DATA_DIR: dataDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    CCHC_ADMIN_TOKEN: TOKEN,
    LOG_LEVEL: 'info',
  }
  // tap adds its process-info loader to the NODE_OPTIONS of every child process; it writes into .tap/ at
  // exit, which an unprivileged service may not. `env -u` takes it out (env then execs node: same pid).
  const command = ['-u', 'NODE_OPTIONS', process.execPath, BUNDLE]
  const child = spawn('env', command, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
    ...options,
  })
  const service: Service = {
    child,
    port,
    stdout: [],
    stderr: [],
    exited: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
    call: async (method, path, body) => {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${TOKEN}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(10_000),
      })
      const text = await response.text()
      return { status: response.status, json: text ? (JSON.parse(text) as unknown) : null }
    },
  }
  const collect = (into: string[]) => {
    let partial = ''
    return (chunk: Buffer) => {
      const lines = (partial + chunk.toString('utf8')).split('\n')
      partial = lines.pop() ?? ''
      into.push(...lines)
    }
  }
  child.stdout.on('data', collect(service.stdout))
  child.stderr.on('data', collect(service.stderr))
  t.teardown(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
  })
  return service
}

async function waitReady(service: Service): Promise<void> {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null)
      throw new Error(`the service exited (${service.child.exitCode}): ${service.stderr.join('\n')}`)
    try {
      if ((await service.call('GET', '/health/ready')).status === 200) return
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`not ready in time: ${service.stderr.join('\n')}`)
}

async function startService(t: Test, dataDir: string, options: { uid?: number; gid?: number } = {}) {
  const service = await spawnService(t, dataDir, options)
  await waitReady(service)
  return service
}

/** A temporary DATA_DIR; its server (if a test left one running) is stopped and the directory removed. */
function tempDataDir(t: Test): string {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-embedded-test-'))
  t.teardown(async () => {
    await stopPostmaster(join(dir, 'pg'))
    rmSync(dir, { recursive: true, force: true })
  })
  return dir
}

const postmasterPid = (dataDir: string): number =>
  Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0])

/** Signalable and not a zombie (an orphan whose new parent has not reaped it yet has exited). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
  } catch {
    return false
  }
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return false
  }
}

void t.test(
  'startup and shutdown each log one line with the data directory and the server version; the server is gone after',
  async (t) => {
    const dataDir = tempDataDir(t)
    const service = await startService(t, dataDir)
    const postmaster = postmasterPid(dataDir)
    service.child.kill('SIGTERM')
    t.equal(await service.exited, 0, 'the service exits with 0 on SIGTERM')
    const started = logMessages(service).filter((m) => /^embedded PostgreSQL .* started in /.test(m.msg))
    const stopped = logMessages(service).filter((m) => /^embedded PostgreSQL .* stopped in /.test(m.msg))
    t.equal(started.length, 1, 'one start line')
    t.equal(stopped.length, 1, 'one stop line')
    t.match(
      started[0]?.msg,
      new RegExp(`^embedded PostgreSQL 18\\.\\d+ started in ${dataDir} \\(127\\.0\\.0\\.1:\\d+\\)$`),
    )
    t.match(stopped[0]?.msg, new RegExp(`^embedded PostgreSQL 18\\.\\d+ stopped in ${dataDir}$`))
    t.equal(existsSync(join(dataDir, 'pg', 'postmaster.pid')), false, 'no postmaster.pid is left')
    t.equal(isAlive(postmaster), false, 'the postmaster has exited')
  },
)

void t.test(
  'a second service process on the same DATA_DIR is refused with a message naming the pid of the first',
  async (t) => {
    const dataDir = tempDataDir(t)
    const first = await startService(t, dataDir)
    const second = await spawnService(t, dataDir)
    t.equal(await second.exited, 1, 'the second process exits with 1')
    const message = second.stderr.filter((l) => l.trim() !== '')
    t.equal(message.length, 1, 'one line on stderr')
    t.match(message[0], `DATA_DIR ${dataDir} is in use by another cchc-index process (pid ${first.child.pid})`)
    t.equal((await first.call('GET', '/health/ready')).status, 200, 'the first one still answers, ready')
    first.child.kill('SIGTERM')
    t.equal(await first.exited, 0)
  },
)

void t.test(
  'after a SIGKILL of the service, a new start on its DATA_DIR serves a write acknowledged before it',
  async (t) => {
    const dataDir = tempDataDir(t)
    const first = await startService(t, dataDir)
    const created = await first.call('POST', '/v1/clients', { name: 'acknowledged before the kill', role: 'reader' })
    t.equal(created.status, 201, 'the write is acknowledged')
    const orphan = postmasterPid(dataDir)
    first.child.kill('SIGKILL')
    await first.exited
    t.equal(isAlive(orphan), true, 'the killed service left its postmaster running')

    const second = await startService(t, dataDir)
    t.equal(isAlive(orphan), false, 'the new start stopped the postmaster left running')
    t.not(postmasterPid(dataDir), orphan, 'and runs a postmaster of its own')
    const clients = await second.call('GET', '/v1/clients')
    t.equal(clients.status, 200)
    t.ok(
      (clients.json as { items: Array<{ name: string }> }).items.some((c) => c.name === 'acknowledged before the kill'),
      'the acknowledged write is there',
    )
    second.child.kill('SIGTERM')
    t.equal(await second.exited, 0)
  },
)

void t.test(
  'a stale postmaster.pid naming a live process that is not the server does not prevent the start',
  async (t) => {
    const dataDir = tempDataDir(t)
    const first = await startService(t, dataDir)
    first.child.kill('SIGTERM')
    t.equal(await first.exited, 0)
    // As after a crash of the machine: the lock file names a pid that another process (this one) now has.
    const pidFile = join(dataDir, 'pg', 'postmaster.pid')
    writeFileSync(pidFile, `${process.pid}\n${join(dataDir, 'pg')}\n0\n5432\n\n127.0.0.1\n0 0\nready   \n`)
    const second = await startService(t, dataDir)
    t.equal((await second.call('GET', '/health/ready')).status, 200, 'the service starts and is ready')
    t.not(postmasterPid(dataDir), process.pid, 'with a postmaster.pid of its own server')
    second.child.kill('SIGTERM')
    t.equal(await second.exited, 0)
  },
)

void t.test('DATA_DIR=memory:// runs the server in a temporary directory removed at shutdown', async (t) => {
  const service = await startService(t, 'memory://')
  const started = logMessages(service).find((m) => /^embedded PostgreSQL .* started in /.test(m.msg))
  const dir = String(started?.dataDir)
  t.match(dir, /cchc-index-memory-/, 'the start line names a temporary directory')
  t.equal(existsSync(join(dir, 'pg', 'PG_VERSION')), true, 'which holds the cluster while the service runs')
  service.child.kill('SIGTERM')
  t.equal(await service.exited, 0)
  t.equal(existsSync(dir), false, 'and is removed at shutdown')
})

void t.test(
  'run by an unprivileged user, the server runs as that user in a DATA_DIR it owns',
  { skip: process.getuid?.() !== 0 ? 'needs root, to run the service as the unprivileged user nobody' : false },
  async (t) => {
    const dataDir = tempDataDir(t)
    const nobody = 65534
    chownSync(dataDir, nobody, nobody)
    const service = await startService(t, dataDir, { uid: nobody, gid: nobody })
    const pid = postmasterPid(dataDir)
    const uid = /^Uid:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]
    t.equal(uid, String(nobody), 'the postmaster runs as nobody, not as the postgres system user')
    t.equal((await service.call('GET', '/health/ready')).status, 200)
    service.child.kill('SIGTERM')
    t.equal(await service.exited, 0, 'it exits with 0 on SIGTERM', {
      output: [...service.stdout.slice(-3), ...service.stderr],
    })
  },
)

/** The postmaster's client backends now: one process per open connection (titled with its client address). */
function clientBackends(postmaster: number): number {
  let count = 0
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const ppid = Number(/^PPid:\s+(\d+)/m.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1])
      if (ppid === postmaster && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('127.0.0.1(')) count++
    } catch {
      // the process ended while it was read
    }
  }
  return count
}

void t.test('connections opened by a burst of requests are closed again within seconds', async (t) => {
  const dataDir = tempDataDir(t)
  const service = await startService(t, dataDir)
  const postmaster = postmasterPid(dataDir)
  const before = clientBackends(postmaster)
  await Promise.all(Array.from({ length: 16 }, () => service.call('GET', '/v1/frameworks')))
  const afterBurst = clientBackends(postmaster)
  t.ok(afterBurst > before, `the burst opened connections (${before} → ${afterBurst})`)
  await new Promise((resolve) => setTimeout(resolve, 3_000))
  const later = clientBackends(postmaster)
  t.ok(later <= before, `three seconds later, no more than were open before it (${later})`)
  service.child.kill('SIGTERM')
  t.equal(await service.exited, 0)
})

// Chaos run: the service (src/server.ts, a child process) on a throwaway PostgreSQL server of its own,
// 60 s of mixed load, the database restarted twice. Checks: no crash, every acknowledged write present,
// RSS back within 20% of its plateau. Only 127.0.0.1. Usage: npm run chaos [-- seconds]
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startEmbeddedServer } from '../src/db/embedded-server.js'

const SECONDS = Number(process.argv[2] ?? 60)
const TOKEN = 'chaos-admin-token-0123456789abcdef'
const UNITS = Array.from({ length: 8 }, (_, i) => `xa-${i}`)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

const rssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+)/)
  return line ? Number(line[1]) / 1024 : NaN
}

const dataDir = mkdtempSync(join(tmpdir(), 'cchc-chaos-'))
let db = await startEmbeddedServer({ dataDir, durable: false })
const port = await freePort()
const base = `http://127.0.0.1:${port}`
const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  env: {
    PATH: process.env.PATH,
    DATABASE_URL: db.url,
    PORT: String(port),
    HOST: '127.0.0.1',
    CCHC_ADMIN_TOKEN: TOKEN,
    LOG_LEVEL: 'warn',
    DB_CONNECT_TIMEOUT_MS: '2000',
    DB_QUERY_TIMEOUT_MS: '5000',
    DB_STATEMENT_TIMEOUT_MS: '4000',
  },
  stdio: ['ignore', 'ignore', 'inherit'],
})
let exited: number | null | undefined
child.on('exit', (code) => (exited = code))

const api = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(base + path, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  const text = await res.text()
  return { status: res.status, type: res.headers.get('content-type') ?? '', text }
}

for (let i = 0; i < 100 && exited === undefined; i++) {
  if ((await api('GET', '/health/ready').catch(() => ({ status: 0 }))).status === 200) break
  await sleep(200)
}
const framework = {
  name: 'chaos',
  criteria: [
    {
      code: '1',
      title: 'one',
      children: [
        { code: '1.1', title: 'a', maxPoints: 1.5 },
        { code: '1.2', title: 'b', maxPoints: 1 },
      ],
    },
  ],
}
await api('PUT', '/v1/frameworks/chaos', framework)
for (const u of UNITS) await api('PUT', `/v1/units/${u}`, { name: u, group: 'xa' })
await api('PUT', '/v1/periods/2018', { name: 'chaos', year: 2018, framework: 'chaos', units: UNITS })

const counts: Record<string, number> = {}
const nonProblem: string[] = []
/** Per unit and criterion: the last acknowledged value, and the values sent after it (their outcome unknown). */
const acked = new Map<string, { value: number | null; since: number[] }>()
const started = Date.now()
const rss: Array<[number, number]> = []
let running = true

async function worker(unit: string): Promise<void> {
  let n = 0
  while (running) {
    n++
    const criterion = n % 2 ? '1.1' : '1.2'
    const key = `${unit}/${criterion}`
    const value = (n % 100) / 100
    const entry = acked.get(key) ?? { value: null, since: [] }
    acked.set(key, entry)
    entry.since.push(value)
    const res = await (
      n % 3 === 0
        ? api('GET', `/v1/periods/2018/units/${unit}/scorecard`)
        : api('PUT', `/v1/periods/2018/units/${unit}/scores`, { scores: [{ criterion, self: value }] })
    ).catch(() => ({ status: 0, type: '', text: '' }))
    if (n % 3 !== 0 && res.status === 200) {
      entry.value = value
      entry.since = []
    }
    if (n % 3 === 0) entry.since.pop()
    counts[res.status] = (counts[res.status] ?? 0) + 1
    if (res.status >= 400 && !res.type.startsWith('application/problem+json')) nonProblem.push(`${res.status}`)
    if (res.status >= 500) await sleep(100)
  }
}

const sampler = setInterval(() => {
  if (exited === undefined) rss.push([(Date.now() - started) / 1000, rssMb(child.pid!)])
}, 1000)
const workers = UNITS.map((u) => worker(u))
const restarts: number[] = []
for (const at of [SECONDS * 0.3, SECONDS * 0.6]) {
  await sleep(started + at * 1000 - Date.now())
  await db.stop()
  await sleep(2000)
  db = await startEmbeddedServer({ dataDir, durable: false })
  restarts.push(Math.round((Date.now() - started) / 100) / 10)
}
await sleep(started + SECONDS * 1000 - Date.now())
running = false
await Promise.all(workers)
await sleep(5000)
clearInterval(sampler)

const client = new pg.Client({ connectionString: db.url })
await client.connect()
const { rows } = await client.query<{ unit_code: string; criterion_code: string; self: string | null }>(
  `select unit_code, criterion_code, self from scores where period_code = '2018'`,
)
await client.end()
const stored = new Map(rows.map((r) => [`${r.unit_code}/${r.criterion_code}`, r.self === null ? null : Number(r.self)]))
const missing = [...acked].filter(([key, e]) => {
  if (e.value === null) return false
  const s = stored.get(key) ?? null
  return s !== e.value && !e.since.includes(s as number)
})

const plateauSamples = rss.filter(([t]) => t >= 5 && t < SECONDS * 0.3).map(([, m]) => m)
const plateau = Math.max(...plateauSamples)
const final = rss.at(-1)?.[1] ?? NaN
const report = {
  seconds: SECONDS,
  restartsAt: restarts,
  crashed: exited !== undefined,
  answers: counts,
  errorsNotProblemJson: nonProblem.length,
  acknowledgedKeys: [...acked.values()].filter((e) => e.value !== null).length,
  acknowledgedWritesMissing: missing.length,
  rssPlateauMb: Math.round(plateau),
  rssPeakMb: Math.round(Math.max(...rss.map(([, m]) => m))),
  rssFinalMb: Math.round(final),
  rssWithin20pct: final <= plateau * 1.2,
}
process.stdout.write(JSON.stringify(report, null, 2) + '\n')
child.kill('SIGTERM')
await new Promise((r) => child.once('exit', r))
await db.stop()
rmSync(dataDir, { recursive: true, force: true })
process.exit(report.crashed || missing.length || nonProblem.length || !report.rssWithin20pct ? 1 : 0)

/**
 * Issue 10: the embedded default is a real PostgreSQL server. The same service, compiled, on the
 * embedded server (no DATABASE_URL, a fresh DATA_DIR) and on the Debian server `.ci/run` sets up, in the
 * same run:
 * - the 330,000-row import (3,300 units × 100 leaves, bench/lib/round.ts): wall time, embedded ÷ Debian
 *   ≤ 1.2; during it, the peak memory of the service plus its postgres processes (≤ 350 MB; PGlite in
 *   the process: 872 MB), and GET /health/live probed every 50 ms (p99 ≤ 100 ms, max ≤ 500 ms; PGlite:
 *   unanswered for 12.4 s);
 * - a cold read of the round's results after a restart of the service (worst of 3), embedded ÷ Debian
 *   ≤ 1.2;
 * - start-up of the compiled service to /health/ready (polled every 10 ms): on a fresh DATA_DIR ≤ 2 s,
 *   a restart ≤ 1 s (median of 3 each); the same service on the Debian server, and the embedded server
 *   alone (start, no service), for reference.
 * Memory: the sum of VmRSS over the service and every postgres process of the embedded server (which
 * counts shared buffers once per process that touched them), and the sum of Pss (shared pages divided
 * among the processes sharing them), sampled every 100 ms.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { request, type HttpResponse } from './lib/http.js'
import { log, secondsSince } from './lib/log.js'
import { megabytes } from './lib/memory.js'
import { defer, terminate } from './lib/process.js'
import { createBenchDatabase } from './lib/postgres.js'
import type { BenchContext, Benchmark } from './lib/report.js'
import { dataset, frameworkBody, importCsv, leaves, setUpRound, units, type Dataset } from './lib/round.js'
import { buildService, freePort, ROOT, startService, type RunningService } from './lib/server.js'

const ROWS = 330_000
const UNITS = 3_300
const FRAMEWORK = 'bench-khung-2024'
/** Two periods over the same units: each backend imports the same 330,000 new rows twice. */
const PERIODS = ['bench-2024', 'bench-2024-b'] as const
const COLD_REPEATS = 3
const STARTUP_REPEATS = 3

interface Backend {
  name: 'embedded' | 'debian'
  /** Starts the service on this backend (on the same database each time). */
  start(): Promise<RunningService>
  /** The embedded server's data directory. */
  dataDir: string | null
}

const round = (value: number, digits = 3): number => Math.round(value * 10 ** digits) / 10 ** digits
const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!
const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!
}

function embeddedDataDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `cchc-bench-${label}-`))
  defer(`remove ${dir}`, async () => {
    // The service stops its server on SIGTERM; after a SIGKILL (the run's last resort) this does.
    const { stopPostmaster } = (await import(
      pathToFileURL(join(ROOT, 'dist/src/db/embedded-server.js')).href
    )) as typeof import('../src/db/embedded-server.js')
    await stopPostmaster(join(dir, 'pg'))
    rmSync(dir, { recursive: true, force: true })
  })
  return dir
}

function postmasterPid(dataDir: string): number | null {
  try {
    return Number(readFileSync(join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0])
  } catch {
    return null
  }
}

/** The postmaster and its children (backends, checkpointer, walwriter, …). */
function postgresProcesses(postmaster: number): number[] {
  const pids = [postmaster]
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid === postmaster) pids.push(Number(entry))
    } catch {
      // gone meanwhile
    }
  }
  return pids
}

function kilobytesField(path: string, field: string): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(path, 'utf8'))
    return match ? Number(match[1]) * 1024 : 0
  } catch {
    return 0
  }
}

interface MemoryPeak {
  rssSumMb: number
  pssSumMb: number
  serviceRssMbAtRssPeak: number
  postgresProcessesAtRssPeak: number
  samples: number
}

/** Samples Σ VmRSS and Σ Pss over the service and the embedded server's processes; peaks of both sums. */
function sampleProcessTree(servicePid: number, dataDir: string | null, everyMs: number): () => MemoryPeak {
  const peak: MemoryPeak = {
    rssSumMb: 0,
    pssSumMb: 0,
    serviceRssMbAtRssPeak: 0,
    postgresProcessesAtRssPeak: 0,
    samples: 0,
  }
  const take = (): void => {
    const postmaster = dataDir ? postmasterPid(dataDir) : null
    const postgres = postmaster ? postgresProcesses(postmaster) : []
    const serviceRss = kilobytesField(`/proc/${servicePid}/status`, 'VmRSS')
    let rss = serviceRss
    let pss = kilobytesField(`/proc/${servicePid}/smaps_rollup`, 'Pss')
    for (const pid of postgres) {
      rss += kilobytesField(`/proc/${pid}/status`, 'VmRSS')
      pss += kilobytesField(`/proc/${pid}/smaps_rollup`, 'Pss')
    }
    peak.samples++
    if (megabytes(rss) > peak.rssSumMb) {
      peak.rssSumMb = megabytes(rss)
      peak.serviceRssMbAtRssPeak = megabytes(serviceRss)
      peak.postgresProcessesAtRssPeak = postgres.length
    }
    peak.pssSumMb = Math.max(peak.pssSumMb, megabytes(pss))
  }
  take()
  const timer = setInterval(take, everyMs)
  return () => {
    clearInterval(timer)
    take()
    return peak
  }
}

interface ProbeResult {
  probes: number
  failures: number
  p50Ms: number
  p99Ms: number
  maxMs: number
}

/** GET /health/live every `everyMs` (the next one when the previous answered, at the earliest on the tick). */
function probeLive(baseUrl: string, everyMs: number): () => Promise<ProbeResult> {
  const latencies: number[] = []
  let failures = 0
  let running = true
  const loop = (async () => {
    while (running) {
      const start = performance.now()
      try {
        const response = await request(`${baseUrl}/health/live`, { timeoutMs: 60_000 })
        if (response.status !== 200) failures++
      } catch {
        failures++
      }
      const ms = performance.now() - start
      latencies.push(ms)
      if (ms < everyMs) await new Promise((resolve) => setTimeout(resolve, everyMs - ms))
    }
  })()
  return async () => {
    running = false
    await loop
    return {
      probes: latencies.length,
      failures,
      p50Ms: round(median(latencies), 1),
      p99Ms: round(quantile(latencies, 0.99), 1),
      maxMs: round(Math.max(...latencies), 1),
    }
  }
}

function expectImported(response: HttpResponse): void {
  if (response.status !== 200) throw new Error(`import: HTTP ${response.status} ${response.text.slice(0, 500)}`)
  const body = JSON.parse(response.text) as { rows: number; created: number }
  if (body.rows !== ROWS || body.created !== ROWS) throw new Error(`import answered ${response.text.slice(0, 500)}`)
}

async function coldRead(service: RunningService): Promise<number> {
  const response = await request(`${service.baseUrl}/v1/periods/${PERIODS[0]}/results`, {
    headers: { authorization: `Bearer ${service.adminToken}`, accept: 'application/json' },
    timeoutMs: 120_000,
  })
  if (response.status !== 200) throw new Error(`results: HTTP ${response.status} ${response.text.slice(0, 500)}`)
  const items = (JSON.parse(response.text) as { items: unknown[] }).items
  if (items.length !== UNITS) throw new Error(`results list ${items.length} units, not ${UNITS}`)
  return response.ms / 1000
}

interface ImportFigures {
  importS: number
  probe: ProbeResult
  memory: MemoryPeak
}

interface Prepared {
  backend: Backend
  service: RunningService
}

/** The service on the backend, and the round (framework, units, two periods listing them). */
async function prepare(backend: Backend): Promise<Prepared> {
  log(`${backend.name}: starting the service, setting up the round`)
  const service = await backend.start()
  const unitList = units(3_200, 100)
  await setUpRound(service, {
    framework: FRAMEWORK,
    frameworkBody: frameworkBody(leaves(10, 10)),
    totalPoints: 100,
    period: PERIODS[0],
    units: unitList,
    concurrency: 16,
  })
  await putPeriod(
    service,
    PERIODS[1],
    unitList.map((u) => u.code),
  )
  return { backend, service }
}

async function putPeriod(service: RunningService, period: string, unitCodes: string[]): Promise<void> {
  const response = await request(`${service.baseUrl}/v1/periods/${period}`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${service.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `Chỉ số CCHC ${period}`, year: 2024, framework: FRAMEWORK, units: unitCodes }),
    timeoutMs: 60_000,
  })
  if (response.status !== 201) throw new Error(`PUT period ${period}: HTTP ${response.status} ${response.text}`)
}

/** One full import (330,000 new rows) into `period`, with /health/live probed and memory sampled. */
async function importOnce({ backend, service }: Prepared, period: string, data: Dataset): Promise<ImportFigures> {
  log(`${backend.name}: import of ${ROWS} rows into ${period}, /health/live every 50 ms, memory every 100 ms`)
  const stopProbe = probeLive(service.baseUrl, 50)
  const stopMemory = sampleProcessTree(service.pid, backend.dataDir, 100)
  const start = performance.now()
  const imported = await importCsv(service, period, data.csv, false)
  const importS = secondsSince(start)
  const memory = stopMemory()
  const probe = await stopProbe()
  expectImported(imported.response)
  log(
    `${backend.name}: import ${importS} s; live p99 ${probe.p99Ms} ms, max ${probe.maxMs} ms; Σrss ${memory.rssSumMb} MB, Σpss ${memory.pssSumMb} MB`,
  )
  return { importS, probe, memory }
}

/** COLD_REPEATS restarts of the service, each followed by a read of the results; stops the service. */
async function coldReads(prepared: Prepared): Promise<{ coldS: number[]; servicePeakRssMb: number | null }> {
  let service = prepared.service
  const coldS: number[] = []
  let servicePeakRssMb: number | null = null
  for (let i = 0; i < COLD_REPEATS; i++) {
    const stopped = await service.stop()
    if (i === 0 && stopped.memory) servicePeakRssMb = megabytes(stopped.memory.peakRssBytes)
    service = await prepared.backend.start()
    coldS.push(await coldRead(service))
  }
  await service.stop()
  log(`${prepared.backend.name}: cold reads ${coldS.join(', ')} s`)
  return { coldS, servicePeakRssMb }
}

const worst = (a: ImportFigures, b: ImportFigures): ImportFigures => ({
  importS: Math.min(a.importS, b.importS),
  probe: {
    probes: a.probe.probes + b.probe.probes,
    failures: a.probe.failures + b.probe.failures,
    p50Ms: Math.max(a.probe.p50Ms, b.probe.p50Ms),
    p99Ms: Math.max(a.probe.p99Ms, b.probe.p99Ms),
    maxMs: Math.max(a.probe.maxMs, b.probe.maxMs),
  },
  memory:
    a.memory.rssSumMb >= b.memory.rssSumMb
      ? { ...a.memory, pssSumMb: Math.max(a.memory.pssSumMb, b.memory.pssSumMb) }
      : { ...b.memory, pssSumMb: Math.max(a.memory.pssSumMb, b.memory.pssSumMb) },
})

async function isReady(port: number): Promise<boolean> {
  try {
    return (await request(`http://127.0.0.1:${port}/health/ready`, { timeoutMs: 2_000 })).status === 200
  } catch {
    return false // not listening yet
  }
}

/** Spawns the compiled service and times it to /health/ready (polled every 10 ms), then SIGTERM. */
async function timeToReady(env: Record<string, string>): Promise<number> {
  const port = await freePort()
  const child = spawn(process.execPath, ['dist/server.js'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      HOST: '127.0.0.1',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')))
  const start = performance.now()
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the service exited (${child.exitCode}): ${stderr}`)
      if (performance.now() - start > 60_000) throw new Error('not ready within 60 s')
      if (await isReady(port)) return secondsSince(start)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  } finally {
    await terminate(child, 15_000)
  }
}

async function startupFigures(context: BenchContext, debianUrl: string): Promise<void> {
  const fresh: number[] = []
  const restart: number[] = []
  for (let i = 0; i < STARTUP_REPEATS; i++) {
    const dir = embeddedDataDir('startup')
    fresh.push(await timeToReady({ DATA_DIR: dir }))
    restart.push(await timeToReady({ DATA_DIR: dir }))
  }
  const debian: number[] = []
  for (let i = 0; i < STARTUP_REPEATS; i++) debian.push(await timeToReady({ DATABASE_URL: debianUrl }))

  // The embedded server alone, without the service: what the service's start-up pays for it.
  const { startOwnedServer } = (await import(
    pathToFileURL(join(ROOT, 'dist/src/db/embedded-server.js')).href
  )) as typeof import('../src/db/embedded-server.js')
  const serverFresh: number[] = []
  const serverRestart: number[] = []
  for (let i = 0; i < STARTUP_REPEATS; i++) {
    const dir = embeddedDataDir('server')
    for (const list of [serverFresh, serverRestart]) {
      const start = performance.now()
      const server = await startOwnedServer(dir)
      list.push(secondsSince(start))
      await server.stop()
    }
  }
  context.figure({
    name: 'embedded_fresh_to_ready_s',
    label: 'compiled service, fresh DATA_DIR → /health/ready (median)',
    value: median(fresh),
    unit: 's',
    target: { op: '<=', value: 2 },
    detail: { seconds: fresh, embeddedServerAloneS: serverFresh },
  })
  context.figure({
    name: 'embedded_restart_to_ready_s',
    label: 'compiled service, restart on its DATA_DIR → /health/ready (median)',
    value: median(restart),
    unit: 's',
    target: { op: '<=', value: 1 },
    detail: { seconds: restart, embeddedServerAloneS: serverRestart },
  })
  context.figure({
    name: 'debian_start_to_ready_s',
    label: 'reference: the same service with DATABASE_URL (Debian server) → /health/ready (median)',
    value: median(debian),
    unit: 's',
    detail: { seconds: debian },
  })
}

export const embeddedBenchmark: Benchmark = {
  name: 'embedded',
  description:
    'embedded PostgreSQL vs the Debian server: 330,000-row import (≤ 1.2×, Σ memory ≤ 350 MB, /health/live p99 ≤ 100 ms), cold results (≤ 1.2×), start-up (fresh ≤ 2 s, restart ≤ 1 s)',
  async run(context: BenchContext): Promise<void> {
    await buildService()
    const data = dataset(leaves(10, 10), units(3_200, 100))
    if (data.rows.length !== ROWS) throw new Error(`the dataset has ${data.rows.length} rows`)
    const debianDb = await createBenchDatabase()

    await startupFigures(context, debianDb.url)

    const dataDir = embeddedDataDir('import')
    const onEmbedded = await prepare({
      name: 'embedded',
      dataDir,
      start: () => startService({ env: { DATA_DIR: dataDir } }),
    })
    const onDebian = await prepare({
      name: 'debian',
      dataDir: null,
      start: () => startService({ databaseUrl: debianDb.url }),
    })
    // Interleaved, embedded–Debian–Debian–embedded, so that a change in the machine's load during the
    // run weighs on both alike; each backend's import time is the better of its two.
    const e1 = await importOnce(onEmbedded, PERIODS[0], data)
    const d1 = await importOnce(onDebian, PERIODS[0], data)
    const d2 = await importOnce(onDebian, PERIODS[1], data)
    const e2 = await importOnce(onEmbedded, PERIODS[1], data)
    const embedded = { ...worst(e1, e2), ...(await coldReads(onEmbedded)), importsS: [e1.importS, e2.importS] }
    const debian = { ...worst(d1, d2), ...(await coldReads(onDebian)), importsS: [d1.importS, d2.importS] }

    context.figure({
      name: 'embedded_import_peak_memory_rss_sum_mb',
      label: 'import on the embedded server: peak Σ VmRSS, service + postgres processes',
      value: embedded.memory.rssSumMb,
      unit: 'MB',
      target: { op: '<=', value: 350 },
      detail: { ...embedded.memory, pglite: 872, servicePeakRssMb: embedded.servicePeakRssMb },
    })
    context.figure({
      name: 'embedded_import_peak_memory_pss_sum_mb',
      label: 'import on the embedded server: peak Σ Pss (shared pages counted once), service + postgres',
      value: embedded.memory.pssSumMb,
      unit: 'MB',
      target: { op: '<=', value: 350 },
    })
    context.figure({
      name: 'embedded_import_live_p99_ms',
      label: 'import on the embedded server: /health/live every 50 ms, p99',
      value: embedded.probe.p99Ms,
      unit: 'ms',
      target: { op: '<=', value: 100 },
      detail: { ...embedded.probe, debian: debian.probe },
    })
    context.figure({
      name: 'embedded_import_live_max_ms',
      label: 'import on the embedded server: /health/live every 50 ms, max (PGlite: 12,400)',
      value: embedded.probe.maxMs,
      unit: 'ms',
      target: { op: '<=', value: 500 },
    })
    if (embedded.probe.failures > 0) throw new Error(`${embedded.probe.failures} /health/live probes failed`)
    context.figure({
      name: 'embedded_import_s',
      label: 'import of 330,000 rows on the embedded server (wall, better of 2)',
      value: embedded.importS,
      unit: 's',
      detail: { embeddedS: embedded.importsS, debianS: debian.importsS, pgliteS: 18.7 },
    })
    context.figure({
      name: 'embedded_vs_debian_import_ratio',
      label: 'import: embedded ÷ Debian server, same run (better of 2 each, interleaved)',
      value: round(embedded.importS / debian.importS, 2),
      unit: '×',
      target: { op: '<=', value: 1.2 },
      detail: {
        embeddedS: embedded.importsS,
        debianS: debian.importsS,
        debianServicePeakRssMb: debian.servicePeakRssMb,
      },
    })
    const embeddedCold = Math.max(...embedded.coldS)
    const debianCold = Math.max(...debian.coldS)
    context.figure({
      name: 'embedded_vs_debian_cold_results_ratio',
      label: `cold results after a restart (worst of ${COLD_REPEATS}): embedded ÷ Debian server`,
      value: round(embeddedCold / debianCold, 2),
      unit: '×',
      target: { op: '<=', value: 1.2 },
      detail: { embeddedS: embedded.coldS, debianS: debian.coldS },
    })
    await debianDb.drop()
  },
}

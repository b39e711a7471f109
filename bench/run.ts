/**
 * npm run bench [-- name …]: runs the named benchmarks (all when none is named), after the machine
 * baseline (hello-world req/s), and prints every figure as a JSON line on stdout, then a summary.
 * Progress goes to stderr. To add a benchmark: a file exporting a `Benchmark`, listed below.
 *
 * Environment: BENCH_DATABASE_URL (PostgreSQL on 127.0.0.1; default the one .ci/run sets up),
 * BENCH_SECONDS (hello-world duration, default 10), BENCH_SKIP_HELLO=1, BENCH_TIMEOUT_S (whole run,
 * default 1800), BENCH_LOG_LEVEL (the service's, default warn), BENCH_SERVER_LOG=<file>,
 * BENCH_KEEP_DB=1 (keep the run's database), BENCH_STRICT=1 (exit 3 when a target is missed).
 */
import { execFileSync } from 'node:child_process'
import { cpus, loadavg } from 'node:os'
import { embeddedBenchmark } from './embedded.js'
import { importBenchmark } from './import.js'
import { importRatioBenchmark } from './import-ratio.js'
import { reportBenchmark } from './report.js'
import { importStatesBenchmark } from './import-states.js'
import { resultsBenchmark } from './results.js'
import { resultsScaleBenchmark } from './results-scale.js'
import { surveyBenchmark } from './survey.js'
import { measureHelloWorld } from './lib/hello.js'
import { envFlag, envNumber, log } from './lib/log.js'
import { cleanupAll, cleanupAndExit, installExitHandlers, stopping } from './lib/process.js'
import { Report, type Benchmark, type BenchContext } from './lib/report.js'
import { ROOT } from './lib/server.js'

const benchmarks: readonly Benchmark[] = [
  importBenchmark,
  importRatioBenchmark,
  importStatesBenchmark,
  resultsBenchmark,
  resultsScaleBenchmark,
  reportBenchmark,
  surveyBenchmark,
  embeddedBenchmark,
]

const HELLO = 'hello'

function usage(): string {
  return [
    'usage: npm run bench [-- <name> …]   (no name: all)',
    `  ${HELLO.padEnd(8)} the machine baseline alone: hello-world fastify route, autocannon, req/s (runs before any other benchmark)`,
    ...benchmarks.map((b) => `  ${b.name.padEnd(8)} ${b.description}`),
  ].join('\n')
}

function gitDescription(): { commit: string | null; dirty: boolean | null } {
  const git = (...args: string[]): string | null => {
    try {
      return execFileSync('git', args, {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 10_000,
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim()
    } catch {
      return null
    }
  }
  const commit = git('rev-parse', '--short', 'HEAD')
  const status = git('status', '--porcelain', '--', 'src', 'migrations')
  return { commit, dirty: status === null ? null : status !== '' }
}

type Selection = { names: string[]; selected: readonly Benchmark[] } | { exit: number }

function select(): Selection {
  const names = process.argv.slice(2).filter((a) => a !== '--')
  if (names.some((n) => n === '-h' || n === '--help')) {
    process.stdout.write(`${usage()}\n`)
    return { exit: 0 }
  }
  const unknown = names.filter((n) => n !== HELLO && !benchmarks.some((b) => b.name === n))
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}\n${usage()}\n`)
    return { exit: 2 }
  }
  return { names, selected: names.length === 0 ? benchmarks : benchmarks.filter((b) => names.includes(b.name)) }
}

const roundedLoad = () => loadavg().map((l) => Math.round(l * 100) / 100)

/** The run's first line: what ran, on what, at which commit, and the machine's load. */
function describeRun(report: Report, selected: readonly Benchmark[]): void {
  report.line('run', {
    benchmarks: [...(envFlag('BENCH_SKIP_HELLO') ? [] : [HELLO]), ...selected.map((b) => b.name)],
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    ...gitDescription(),
    // Other work on the machine (a test run…) shows here and in the hello-world figure: compare runs with both.
    loadavg: roundedLoad(),
    diagnostics: {
      traceSql: envFlag('BENCH_TRACE_SQL'),
      serviceNodeArgs: process.env.BENCH_SERVICE_NODE_ARGS ?? '',
      serviceLogLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
    },
  })
  if (envFlag('BENCH_TRACE_SQL') || process.env.BENCH_SERVICE_NODE_ARGS || process.env.BENCH_LOG_LEVEL) {
    report.note(
      'run',
      'diagnostics were on (BENCH_TRACE_SQL / BENCH_SERVICE_NODE_ARGS / BENCH_LOG_LEVEL): the figures include their cost',
    )
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))

function recordFailure(report: Report, failures: string[], bench: string, error: unknown): void {
  failures.push(bench)
  log(`${bench} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
  report.line('error', { bench, message: message(error) })
}

async function runHello(report: Report, failures: string[]): Promise<void> {
  try {
    const hello = await measureHelloWorld()
    report.add(HELLO, {
      name: 'hello_world_req_per_s',
      label: 'machine baseline: hello-world fastify',
      value: hello.requestsPerSecond,
      unit: 'req/s',
      detail: { ...hello },
    })
  } catch (error) {
    recordFailure(report, failures, HELLO, error)
  }
}

async function runBenchmark(report: Report, failures: string[], benchmark: Benchmark): Promise<void> {
  log(`=== ${benchmark.name}`)
  const context: BenchContext = {
    report,
    figure: (input) => report.add(benchmark.name, input),
    note: (text) => report.note(benchmark.name, text),
  }
  try {
    await benchmark.run(context)
  } catch (error) {
    recordFailure(report, failures, benchmark.name, error)
  } finally {
    // Whatever the benchmark left (its service, its database) goes before the next one starts.
    await cleanupAll()
    report.line('load', { bench: benchmark.name, loadavg: roundedLoad() })
  }
}

/** The summary, and the exit code: 1 when a benchmark failed, 3 for a missed target under BENCH_STRICT. */
function finish(report: Report, failures: string[]): number {
  process.stdout.write(`\n${report.summary()}`)
  if (failures.length > 0) {
    process.stdout.write(`FAILED: ${failures.join(', ')} (see stderr)\n`)
    return 1
  }
  const missed = report.failedTargets
  if (missed.length > 0) {
    process.stdout.write(`targets missed: ${missed.map((f) => f.name).join(', ')}\n`)
    if (envFlag('BENCH_STRICT')) return 3
  }
  return 0
}

async function main(): Promise<number> {
  const selection = select()
  if ('exit' in selection) return selection.exit
  const { names, selected } = selection
  const uninstall = installExitHandlers(envNumber('BENCH_TIMEOUT_S', 1800))
  const report = new Report(new Date().toISOString())
  describeRun(report, selected)
  const failures: string[] = []
  if (!envFlag('BENCH_SKIP_HELLO') || names.includes(HELLO)) await runHello(report, failures)
  for (const benchmark of selected) {
    if (stopping()) break
    await runBenchmark(report, failures, benchmark)
  }
  uninstall()
  return finish(report, failures)
}

main().then(
  (code) => cleanupAndExit(code, code === 0 ? 'done' : `exit ${code}`),
  (error: unknown) =>
    cleanupAndExit(1, `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
)

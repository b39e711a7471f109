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
import { importBenchmark } from './import.js'
import { importRatioBenchmark } from './import-ratio.js'
import { resultsBenchmark } from './results.js'
import { surveyBenchmark } from './survey.js'
import { measureHelloWorld } from './lib/hello.js'
import { envFlag, envNumber, log } from './lib/log.js'
import { cleanupAll, cleanupAndExit, installExitHandlers, stopping } from './lib/process.js'
import { Report, type Benchmark, type BenchContext } from './lib/report.js'
import { ROOT } from './lib/server.js'

const benchmarks: readonly Benchmark[] = [importBenchmark, importRatioBenchmark, resultsBenchmark, surveyBenchmark]

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

async function main(): Promise<number> {
  const names = process.argv.slice(2).filter((a) => a !== '--')
  if (names.some((n) => n === '-h' || n === '--help')) {
    process.stdout.write(`${usage()}\n`)
    return 0
  }
  const unknown = names.filter((n) => n !== HELLO && !benchmarks.some((b) => b.name === n))
  if (unknown.length > 0) {
    process.stderr.write(`unknown benchmark(s): ${unknown.join(', ')}\n${usage()}\n`)
    return 2
  }
  const selected = names.length === 0 ? benchmarks : benchmarks.filter((b) => names.includes(b.name))

  const timeLimit = envNumber('BENCH_TIMEOUT_S', 1800)
  const uninstall = installExitHandlers(timeLimit)
  const report = new Report(new Date().toISOString())
  report.line('run', {
    benchmarks: [...(envFlag('BENCH_SKIP_HELLO') ? [] : [HELLO]), ...selected.map((b) => b.name)],
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? null,
    ...gitDescription(),
    // Other work on the machine (a test run…) shows here and in the hello-world figure: compare runs with both.
    loadavg: loadavg().map((l) => Math.round(l * 100) / 100),
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

  const failures: string[] = []
  if (!envFlag('BENCH_SKIP_HELLO') || names.includes(HELLO)) {
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
      failures.push(HELLO)
      log(`${HELLO} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      report.line('error', { bench: HELLO, message: error instanceof Error ? error.message : String(error) })
    }
  }

  for (const benchmark of selected) {
    if (stopping()) break
    log(`=== ${benchmark.name}`)
    const context: BenchContext = {
      report,
      figure: (input) => report.add(benchmark.name, input),
      note: (text) => report.note(benchmark.name, text),
    }
    try {
      await benchmark.run(context)
    } catch (error) {
      failures.push(benchmark.name)
      log(`${benchmark.name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
      report.line('error', { bench: benchmark.name, message: error instanceof Error ? error.message : String(error) })
    } finally {
      // Whatever the benchmark left (its service, its database) goes before the next one starts.
      await cleanupAll()
      report.line('load', { bench: benchmark.name, loadavg: loadavg().map((l) => Math.round(l * 100) / 100) })
    }
  }
  uninstall()

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

main().then(
  (code) => cleanupAndExit(code, code === 0 ? 'done' : `exit ${code}`),
  (error: unknown) =>
    cleanupAndExit(1, `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
)

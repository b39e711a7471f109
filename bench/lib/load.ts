import autocannon from 'autocannon'
import { assertLoopback } from './http.js'
import { envNumber, log } from './log.js'

export interface LoadResult {
  /** Mean requests per second over the run (autocannon's per-second samples). */
  requestsPerSecond: number
  /** Mean response bytes per second, in megabytes (10^6 bytes) per second, two decimals. */
  megabytesPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  latencyMaxMs: number
  requests: number
  connections: number
  seconds: number
}

/**
 * Autocannon against one URL of the service (127.0.0.1 only): `connections` connections for
 * BENCH_SECONDS (or `seconds`). Every answer must be 2xx (and `expectBody`, when given) and no request
 * may fail or time out: otherwise this throws, so a fast error page never passes for a figure.
 */
export async function loadTest(
  what: string,
  options: {
    url: string
    headers?: Record<string, string>
    connections?: number
    seconds?: number
    /** Every answer's body must be this, byte for byte (a warm read answers the same bytes each time). */
    expectBody?: string
  },
): Promise<LoadResult> {
  const seconds = options.seconds ?? envNumber('BENCH_SECONDS', 10)
  const connections = options.connections ?? 10
  const url = assertLoopback(options.url).toString()
  log(`${what}: autocannon ${url}, ${connections} connections, ${seconds} s`)
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 30,
    ...(options.headers ? { headers: options.headers } : {}),
    ...(options.expectBody !== undefined ? { expectBody: options.expectBody } : {}),
  })
  if (result.errors > 0 || result.timeouts > 0 || result.non2xx > 0 || result.mismatches > 0) {
    throw new Error(
      `${what}: ${result.errors} errors, ${result.timeouts} timeouts, ${result.non2xx} non-2xx answers, ${result.mismatches} other bodies than expected (status codes ${JSON.stringify(result.statusCodeStats ?? {})})`,
    )
  }
  if (result.requests.total === 0) throw new Error(`${what}: no request completed`)
  return {
    requestsPerSecond: Math.round(result.requests.average),
    megabytesPerSecond: Math.round(result.throughput.average / 10_000) / 100,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    requests: result.totalCompletedRequests ?? result.requests.total,
    connections,
    seconds: result.duration,
  }
}

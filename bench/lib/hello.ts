import autocannon from 'autocannon'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { assertLoopback } from './http.js'
import { envNumber, log } from './log.js'
import { spawnTracked, terminate } from './process.js'
import { ROOT } from './server.js'

export interface HelloBaseline {
  /** Mean requests per second over the run. */
  requestsPerSecond: number
  latencyP50Ms: number
  latencyP99Ms: number
  connections: number
  seconds: number
  errors: number
  non2xx: number
  /** Answers whose body was not `expectBody` (0 when none was given). */
  mismatches: number
  /** Mean response bytes per second, in megabytes (10^6 bytes) per second. */
  megabytesPerSecond: number
  /** `/` (hello world) or `/payload` (the given payload). */
  path: string
}

const SERVER_FILE = fileURLToPath(new URL('./hello-server.ts', import.meta.url))
const START_TIMEOUT_MS = 30_000

/**
 * The machine baseline: a hello-world fastify route in a child process, loaded by autocannon from this
 * process over 127.0.0.1 (10 connections, BENCH_SECONDS or 10 s). Client and server share the machine,
 * as the service and its client do in the other benchmarks: compare figures with it in the same run.
 */
export async function measureHelloWorld(
  options: {
    seconds?: number
    connections?: number
    payload?: { text: string; contentType?: string }
    /** Every answer's body is compared with this (a string compare in the client, as loadTest's). */
    expectBody?: string
  } = {},
): Promise<HelloBaseline> {
  const seconds = options.seconds ?? envNumber('BENCH_SECONDS', 10)
  const connections = options.connections ?? 10
  // With a payload: the same server answers it on /payload (a payload-matched baseline), from a
  // temporary file removed at the end.
  const payloadDir = options.payload ? mkdtempSync(join(tmpdir(), 'cchc-bench-payload-')) : null
  const env: NodeJS.ProcessEnv = { ...process.env }
  if (payloadDir && options.payload) {
    env.BENCH_HELLO_PAYLOAD_FILE = join(payloadDir, 'payload')
    writeFileSync(env.BENCH_HELLO_PAYLOAD_FILE, options.payload.text)
    if (options.payload.contentType) env.BENCH_HELLO_PAYLOAD_TYPE = options.payload.contentType
  }
  const path = payloadDir ? '/payload' : '/'
  const child = spawnTracked(process.execPath, ['--import', 'tsx', SERVER_FILE], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  })
  let stderr = ''
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString('utf8')).slice(-5000)
  })
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the hello-world server did not start within ${START_TIMEOUT_MS} ms: ${stderr}`)),
        START_TIMEOUT_MS,
      )
      const lines = createInterface({ input: child.stdout! })
      lines.once('line', (line) => {
        clearTimeout(timer)
        lines.close()
        const port = (JSON.parse(line) as { port: unknown }).port
        if (typeof port === 'number') resolve(port)
        else reject(new Error(`the hello-world server said ${line}`))
      })
      child.once('exit', (code) => {
        clearTimeout(timer)
        reject(new Error(`the hello-world server exited (${String(code)}): ${stderr}`))
      })
    })
    const url = assertLoopback(`http://127.0.0.1:${port}${path}`).toString()
    log(
      `${payloadDir ? 'payload-matched' : 'hello-world'} baseline: autocannon ${url}, ${connections} connections, ${seconds} s`,
    )
    const result = await autocannon({
      url,
      connections,
      duration: seconds,
      timeout: 10,
      ...(options.expectBody !== undefined ? { expectBody: options.expectBody } : {}),
    })
    return {
      requestsPerSecond: Math.round(result.requests.average),
      latencyP50Ms: result.latency.p50,
      latencyP99Ms: result.latency.p99,
      connections,
      seconds: result.duration,
      errors: result.errors + result.timeouts,
      non2xx: result.non2xx,
      mismatches: result.mismatches,
      megabytesPerSecond: Math.round(result.throughput.average / 10_000) / 100,
      path,
    }
  } finally {
    child.stdin?.end()
    await terminate(child, 5_000)
    if (payloadDir) rmSync(payloadDir, { recursive: true, force: true })
  }
}

/** A small HTTP client for the benchmarks: loopback only, every request bounded in time. */

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])

export function assertLoopback(url: string | URL): URL {
  const parsed = new URL(url)
  if (!LOOPBACK.has(parsed.hostname)) throw new Error(`benchmarks talk to 127.0.0.1 only, not ${parsed.host}`)
  return parsed
}

export interface HttpResponse {
  status: number
  headers: Headers
  text: string
  /** Wall-clock milliseconds from sending the request to the end of the response body. */
  ms: number
}

export interface RequestOptions {
  method?: string
  headers?: Record<string, string>
  body?: string
  timeoutMs?: number
}

export async function request(url: string | URL, options: RequestOptions = {}): Promise<HttpResponse> {
  const target = assertLoopback(url)
  const start = performance.now()
  const response = await fetch(target, {
    method: options.method ?? 'GET',
    headers: options.headers ?? {},
    ...(options.body !== undefined ? { body: options.body } : {}),
    signal: AbortSignal.timeout(options.timeoutMs ?? 30_000),
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, ms: performance.now() - start }
}

export class HttpError extends Error {
  constructor(
    readonly what: string,
    readonly response: HttpResponse,
  ) {
    super(`${what}: HTTP ${response.status} ${response.text.slice(0, 2000)}`)
  }
}

/** Sends JSON and expects one of the given statuses; answers the parsed body. */
export async function json<T = unknown>(
  what: string,
  url: string | URL,
  options: { method: string; token?: string; body?: unknown; expect: readonly number[]; timeoutMs?: number },
): Promise<{ body: T; response: HttpResponse }> {
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.token) headers.authorization = `Bearer ${options.token}`
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  const response = await request(url, {
    method: options.method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  })
  if (!options.expect.includes(response.status)) throw new HttpError(what, response)
  return { body: (response.text === '' ? null : JSON.parse(response.text)) as T, response }
}

/**
 * Runs `task` over `items` with at most `limit` in flight. The first failure stops the scheduling of
 * new items and is thrown once the ones in flight have settled.
 */
export async function boundedPool<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0
  let failure: { error: unknown } | null = null
  const worker = async (): Promise<void> => {
    while (failure === null && next < items.length) {
      const index = next++
      try {
        await task(items[index]!, index)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker))
  if (failure !== null) throw (failure as { error: unknown }).error
}

/** Error codes of a database that does not answer (network, server shut down or starting, timeouts). */
const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
  // statement_timeout (query_canceled) and lock_timeout: the database is stalled or held, not the request at fault
  '57014',
  '55P03',
])

/** Whether a failure means the database does not answer (503), rather than a bug (500). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  if (typeof e?.code === 'string' && (connectionErrorCodes.has(e.code) || e.code.startsWith('08'))) return true
  const message = String(e?.message ?? '')
  // pg's words for a connection that broke or closed (a checked-out client whose backend was terminated
  // is "not queryable"), and for a query the database did not answer in time (query_timeout).
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect|not queryable|Query read timeout/i.test(
    message,
  )
}

/** What a log line may say of a failure: its code and message, never its stack. */
export function describeFailure(cause: unknown): { code?: string; message: string } {
  const e = cause as { code?: unknown; message?: unknown; errors?: unknown[] }
  const code = typeof e?.code === 'string' ? e.code : undefined
  let message = typeof e?.message === 'string' ? e.message : String(cause)
  // A connection refused on every address is an AggregateError without a message of its own.
  if (!message && Array.isArray(e?.errors)) message = e.errors.map((x) => describeFailure(x).message).join('; ')
  return { ...(code ? { code } : {}), message }
}

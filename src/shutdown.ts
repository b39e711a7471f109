import type { FastifyInstance } from 'fastify'

export interface ShutdownOptions {
  graceMs: number
  /** Ends the service's database sessions, so that work still in flight rolls back and fails. */
  abortSessions(): Promise<unknown>
}

/**
 * Stops serving: readiness answers 503 at once, no new connections are accepted, requests in flight may
 * finish for `graceMs`; past it they are abandoned (bodies still arriving, transactions rolled back)
 * and answer 503 problem+json instead of a dropped socket. Resolves when every request has answered.
 */
export async function drainAndClose(app: FastifyInstance, options: ShutdownOptions): Promise<void> {
  app.lifecycle.drain()
  const grace = setTimeout(() => {
    app.log.warn({ graceMs: options.graceMs }, 'grace period over: abandoning requests in flight')
    app.lifecycle.abort()
    void options.abortSessions()
  }, options.graceMs)
  grace.unref()
  try {
    await app.close()
  } finally {
    clearTimeout(grace)
  }
}

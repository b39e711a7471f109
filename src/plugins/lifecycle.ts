import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { problemBody } from '../http/problems.js'
import { sendProblem } from './errors.js'

/**
 * Where the service is in its life: serving, draining (SIGTERM received: readiness answers 503, new
 * requests are refused with 503), and aborted (the grace period is over: work still in flight is
 * abandoned and answers 503).
 */
export class Lifecycle {
  private readonly controller = new AbortController()
  draining = false

  /** Aborted when the grace period after SIGTERM is over. */
  get signal(): AbortSignal {
    return this.controller.signal
  }

  drain(): void {
    this.draining = true
  }

  abort(): void {
    this.draining = true
    this.controller.abort()
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    lifecycle: Lifecycle
  }
}

/** Requests that arrive while draining (on a kept-alive connection) answer 503 problem+json. */
export const lifecyclePlugin = fp(async function lifecycle(app: FastifyInstance) {
  const state = new Lifecycle()
  app.decorate('lifecycle', state)
  app.addHook('onRequest', (request, reply, done) => {
    if (!state.draining || request.url.startsWith('/health/')) {
      done()
      return
    }
    void sendProblem(reply, problemBody('unavailable', 'The service is shutting down; send the request again'), {
      'retry-after': '5',
      connection: 'close',
    })
  })
})

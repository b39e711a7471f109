import { randomUUID } from 'node:crypto'
import type { IncomingMessage } from 'node:http'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

const acceptableRequestId = /^[A-Za-z0-9._:-]{1,128}$/

/** A caller's x-request-id is kept when it is a plain token, so logs across systems line up. */
export function requestIdFrom(request: IncomingMessage): string {
  const given = request.headers['x-request-id']
  return typeof given === 'string' && acceptableRequestId.test(given) ? given : randomUUID()
}

/** The route pattern, not the concrete URL, so that metrics and logs group by endpoint. */
export function routeLabel(request: { routeOptions: { url?: string | undefined } }): string {
  return request.routeOptions.url ?? 'unmatched'
}

/** One log line per request (method, route, status, duration, request id), and the id echoed back. */
export const requestLogPlugin = fp(async function requestLog(app: FastifyInstance) {
  // Callback hooks: these run on every request, and a promise per hook is measurable on warm reads.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      {
        method: request.method,
        route: routeLabel(request),
        path: request.url.split('?')[0],
        status: reply.statusCode,
        durationMs: Math.round(reply.elapsedTime * 100) / 100,
      },
      'request completed',
    )
    done()
  })
})

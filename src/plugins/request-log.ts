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

/** Probes and scrapes come every few seconds: their lines are at debug, so they do not drown the others. */
const isQuiet = (route: string): boolean => route === '/metrics' || route.startsWith('/health/')

/**
 * One log line per request (method, route, status, duration, request id; the client's id and role when
 * it authenticated, the problem type when it failed), and the id echoed back.
 */
export const requestLogPlugin = fp(async function requestLog(app: FastifyInstance) {
  // Callback hooks: these run on every request, and a promise per hook is measurable on warm reads.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    done()
  })
  app.addHook('onResponse', (request, reply, done) => {
    const route = routeLabel(request)
    const identity = request.identity
    const line = {
      method: request.method,
      route,
      path: request.url.split('?')[0],
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime * 100) / 100,
      // undefined members are left out of the line: an anonymous request has no client, a success no problem
      clientId: identity?.id,
      role: identity?.role,
      problemType: reply.problemType ?? undefined,
    }
    if (isQuiet(route)) request.log.debug(line, 'request completed')
    else request.log.info(line, 'request completed')
    done()
  })
})

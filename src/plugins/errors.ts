import { randomUUID } from 'node:crypto'
import { STATUS_CODES } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify'
import fp from 'fastify-plugin'
import FindMyWay, { type HTTPMethod } from 'find-my-way'
import {
  AppError,
  problemBody,
  problemType,
  type ProblemBody,
  type ProblemError,
  type ProblemKind,
} from '../http/problems.js'
import { isDatabaseUnavailable } from '../db/unavailable.js'
import { OutageLog } from './outage-log.js'

declare module 'fastify' {
  interface FastifyReply {
    /** The `type` of the problem answered, for the request's log line and metrics; null otherwise. */
    problemType: string | null
  }
}

const UNAVAILABLE = problemType('unavailable')

interface AjvError {
  instancePath: string
  keyword: string
  message?: string
  params: Record<string, unknown>
}

const contextPrefix: Record<string, string> = {
  body: '',
  querystring: '/query',
  params: '/params',
  headers: '/headers',
}

const escapePointerToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1')

/** AJV reports a missing or unknown property on its parent object; the pointer names the field itself. */
function validationErrorsToProblem(errors: AjvError[], context: string): ProblemError[] {
  const prefix = contextPrefix[context] ?? ''
  const seen = new Set<string>()
  const out: ProblemError[] = []
  for (const e of errors) {
    let path = e.instancePath
    let code = e.keyword
    let message = e.message ?? 'is invalid'
    if (e.keyword === 'required') {
      path += '/' + escapePointerToken(String(e.params.missingProperty))
      message = 'is required'
    } else if (e.keyword === 'additionalProperties') {
      path += '/' + escapePointerToken(String(e.params.additionalProperty))
      code = 'additional-property'
      message = 'is not a known field'
    }
    const pointer = prefix + path
    const key = `${pointer} ${code}`
    // anyOf/union schemas report each branch; one line per place and rule is what a user can act on.
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ pointer: pointer === '' ? '' : pointer, code, message })
  }
  return out
}

const fastifyCodeKinds: Record<string, ProblemKind> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-request',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
}

interface Problem {
  body: ProblemBody
  headers: Record<string, string>
}

type ValidationFailure = FastifyError & { validation: AjvError[]; validationContext?: string }

function schemaProblem(fe: ValidationFailure): Problem {
  const errors = validationErrorsToProblem(fe.validation, fe.validationContext ?? 'body')
  const where = fe.validationContext === 'querystring' ? 'query string' : (fe.validationContext ?? 'body')
  return { body: problemBody('invalid-request', `The ${where} does not match the schema`, errors), headers: {} }
}

/** Body-parsing failures Fastify raises before a route runs, in the words of the problem catalogue. */
function parsingProblem(kind: ProblemKind, fe: FastifyError, request: FastifyRequest): Problem {
  const contentType = request.headers['content-type'] ?? ''
  const details: Partial<Record<ProblemKind, string>> = {
    'payload-too-large': 'The body is larger than this route accepts',
    'unsupported-media-type': `Content-Type ${JSON.stringify(contentType)} is not accepted here`,
    'malformed-json': 'The body is not valid JSON',
  }
  const errors =
    kind === 'malformed-json' ? [{ pointer: '', code: 'malformed-json', message: 'is not valid JSON' }] : undefined
  return { body: problemBody(kind, details[kind] ?? fe.message, errors), headers: {} }
}

const unavailable = (): Problem => ({
  body: problemBody('unavailable', 'The database does not answer; retry later'),
  headers: { 'retry-after': '5' },
})

/** A client error raised by Fastify or a plugin that has no kind of its own: its status, a generic type. */
function otherClientError(fe: FastifyError & { statusCode: number }): Problem {
  const body = problemBody('invalid-request', fe.message)
  body.status = fe.statusCode
  return { body, headers: {} }
}

function toProblem(error: FastifyError | AppError | Error, request: FastifyRequest): Problem {
  if (error instanceof AppError) {
    return { body: problemBody(error.kind, error.message, error.errors, error.extensions), headers: error.headers }
  }
  const fe = error as FastifyError & { validation?: AjvError[]; validationContext?: string }
  if (fe.validation) return schemaProblem(fe as ValidationFailure)
  const kind = fe.code ? fastifyCodeKinds[fe.code] : undefined
  if (kind) return parsingProblem(kind, fe, request)
  if (isDatabaseUnavailable(error)) return unavailable()
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return otherClientError(fe as FastifyError & { statusCode: number })
  }
  return { body: problemBody('internal', `An unexpected error occurred; quote request id ${request.id}`), headers: {} }
}

/** A path as a problem may quote it: never more than 100 characters of what the caller sent. */
export function quotedPath(path: string): string {
  return path.length > 100 ? `${path.slice(0, 100)}… (${path.length} characters)` : path
}

/** The URL problems the router raises before any route or hook runs. */
function urlProblem(error: FastifyError): ProblemBody {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH')
    return problemBody('uri-too-long', 'A path parameter is longer than this service reads', [
      { pointer: '/params', code: 'too-long', message: 'is longer than 100 characters' },
    ])
  if (error.code === 'FST_ERR_BAD_URL')
    return problemBody('invalid-request', 'The path is not valid percent-encoding', [
      { pointer: '/params', code: 'bad-url', message: 'is not valid percent-encoding' },
    ])
  return problemBody('internal', 'An unexpected error occurred while routing the request')
}

/**
 * Fastify's `frameworkErrors`: the errors of routing (a bad percent-encoding, an over-long parameter) as
 * problem+json, with the request id and the one log line, though no hook has run.
 */
export const frameworkErrors: NonNullable<FastifyServerOptions['frameworkErrors']> = (error, request, reply) => {
  const body = urlProblem(error)
  request.log.info(
    { method: request.method, route: 'unmatched', status: body.status, code: error.code, problemType: body.type },
    'request completed',
  )
  request.server.metrics.problemBeforeRouting(body.type, body.status)
  reply.header('x-request-id', request.id).header('x-content-type-options', 'nosniff')
  void sendProblem(reply, body)
}

const clientErrorKinds: Record<string, ProblemKind> = {
  HPE_HEADER_OVERFLOW: 'headers-too-large',
  HPE_URI_TOO_LONG: 'uri-too-long',
}

/**
 * Fastify's `clientErrorHandler`: what Node's HTTP parser refuses before there is a request (headers too
 * large: 431; anything unreadable: 400), written on the socket as problem+json with a new request id.
 */
export function clientErrorHandler(this: FastifyInstance, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return
  const timeout = error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
  const kind = (error.code && clientErrorKinds[error.code]) || 'invalid-request'
  const body = problemBody(kind, timeout ? 'The request did not arrive in time' : 'The request cannot be read')
  if (timeout) body.status = 408
  const id = randomUUID()
  this.log.info({ reqId: id, status: body.status, code: error.code, problemType: body.type }, 'client error')
  this.metrics.problemBeforeRouting(body.type, body.status)
  if (!socket.writable) {
    socket.destroy(error)
    return
  }
  const text = JSON.stringify(body)
  socket.end(
    `HTTP/1.1 ${body.status} ${STATUS_CODES[body.status]}\r\n` +
      `Content-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(text)}\r\n` +
      `X-Request-Id: ${id}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${text}`,
  )
}

/** Every problem is sent here: its type is kept on the reply for the request's log line and metrics. */
export function sendProblem(
  reply: FastifyReply,
  body: ProblemBody,
  headers: Record<string, string> = {},
): FastifyReply {
  reply.problemType = body.type
  return reply.code(body.status).headers(headers).type('application/problem+json').send(body)
}

export interface ErrorsOptions {
  /** The longest burst of 503 answers logged as one warning (src/plugins/outage-log.ts). */
  outageWindowMs?: number
  /** Subscribes to "the database answers again", which ends a burst of 503 answers early. */
  onDatabaseBack?: (listener: () => void) => void
}

/**
 * The one place where failures become HTTP answers: typed AppErrors, schema failures, body parsing,
 * unknown routes (404, or 405 with Allow when the path exists under another method) and anything
 * unexpected (500 without internals; the error itself is logged).
 */
export const errorsPlugin = fp(async function errors(app: FastifyInstance, options: ErrorsOptions) {
  const known = FindMyWay({ ignoreTrailingSlash: false })
  app.decorateReply('problemType', null)
  const outage = new OutageLog(app.log, options.outageWindowMs)
  options.onDatabaseBack?.(() => outage.recovered())
  app.addHook('onClose', (_instance, done) => {
    outage.close()
    done()
  })

  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method]
    for (const method of methods) {
      if (method === 'HEAD' || method === 'OPTIONS') continue
      try {
        known.on(method as HTTPMethod, route.url, () => {})
      } catch {
        // the same method and path registered twice (e.g. by a prefixed plugin) is already known
      }
    }
  })

  app.setErrorHandler((error: FastifyError, request, reply) => {
    const { body, headers } = toProblem(error, request)
    // An outage answers many requests 503 at once: one warning per burst, no stack. A bug logs its stack.
    if (body.type === UNAVAILABLE) outage.unavailable(request.log, error)
    else if (body.status >= 500) request.log.error({ err: error }, 'request failed')
    return sendProblem(reply, body, headers)
  })

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    const allowed = (['GET', 'PUT', 'POST', 'DELETE', 'PATCH'] as const).filter((m) => known.find(m, path) !== null)
    if (allowed.length > 0) {
      if (allowed.includes('GET')) allowed.splice(1, 0, 'HEAD' as never)
      return sendProblem(
        reply,
        problemBody('method-not-allowed', `${request.method} is not allowed on ${quotedPath(path)}`, undefined, {
          allowed,
        }),
        { allow: allowed.join(', ') },
      )
    }
    return sendProblem(reply, problemBody('not-found', `No route ${request.method} ${quotedPath(path)}`))
  })
})

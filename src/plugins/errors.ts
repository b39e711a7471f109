import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import FindMyWay, { type HTTPMethod } from 'find-my-way'
import { AppError, problemBody, type ProblemBody, type ProblemError, type ProblemKind } from '../http/problems.js'

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
export function validationErrorsToProblem(errors: AjvError[], context: string): ProblemError[] {
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

const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EPIPE',
  '57P01',
  '57P02',
  '57P03',
])

function isDatabaseUnavailable(error: unknown): boolean {
  const e = error as { code?: string; message?: string }
  if (typeof e?.code === 'string' && (connectionErrorCodes.has(e.code) || e.code.startsWith('08'))) return true
  const message = String(e?.message ?? '')
  return /Connection terminated|connection timeout|timeout exceeded when trying to connect/i.test(message)
}

const fastifyCodeKinds: Record<string, ProblemKind> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'malformed-json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload-too-large',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid-request',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported-media-type',
}

export function toProblem(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
): {
  body: ProblemBody
  headers: Record<string, string>
} {
  if (error instanceof AppError) {
    return { body: problemBody(error.kind, error.message, error.errors, error.extensions), headers: error.headers }
  }
  const fe = error as FastifyError & { validation?: AjvError[]; validationContext?: string }
  if (fe.validation) {
    const errors = validationErrorsToProblem(fe.validation, fe.validationContext ?? 'body')
    const where = fe.validationContext === 'querystring' ? 'query string' : (fe.validationContext ?? 'body')
    return { body: problemBody('invalid-request', `The ${where} does not match the schema`, errors), headers: {} }
  }
  const kind = fe.code ? fastifyCodeKinds[fe.code] : undefined
  if (kind) {
    const detail =
      kind === 'payload-too-large'
        ? 'The body is larger than this route accepts'
        : kind === 'unsupported-media-type'
          ? `Content-Type ${JSON.stringify(request.headers['content-type'] ?? '')} is not accepted here`
          : kind === 'malformed-json'
            ? 'The body is not valid JSON'
            : fe.message
    const errors =
      kind === 'malformed-json' ? [{ pointer: '', code: 'malformed-json', message: 'is not valid JSON' }] : undefined
    return { body: problemBody(kind, detail, errors), headers: {} }
  }
  if (isDatabaseUnavailable(error)) {
    return {
      body: problemBody('unavailable', 'The database does not answer; retry later'),
      headers: { 'retry-after': '5' },
    }
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    // A client error raised by Fastify or a plugin we did not map: keep its status, generic type.
    const body = problemBody('invalid-request', fe.message)
    body.status = fe.statusCode
    return { body, headers: {} }
  }
  return { body: problemBody('internal', `An unexpected error occurred; quote request id ${request.id}`), headers: {} }
}

export function sendProblem(
  reply: FastifyReply,
  body: ProblemBody,
  headers: Record<string, string> = {},
): FastifyReply {
  return reply.code(body.status).headers(headers).type('application/problem+json').send(body)
}

/**
 * The one place where failures become HTTP answers: typed AppErrors, schema failures, body parsing,
 * unknown routes (404, or 405 with Allow when the path exists under another method) and anything
 * unexpected (500 without internals; the error itself is logged).
 */
export const errorsPlugin = fp(async function errors(app: FastifyInstance) {
  const known = FindMyWay({ ignoreTrailingSlash: false })

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
    if (body.status >= 500) request.log.error({ err: error }, 'request failed')
    return sendProblem(reply, body, headers)
  })

  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/'
    const allowed = (['GET', 'PUT', 'POST', 'DELETE', 'PATCH'] as const).filter((m) => known.find(m, path) !== null)
    if (allowed.length > 0) {
      if (allowed.includes('GET')) allowed.splice(1, 0, 'HEAD' as never)
      return sendProblem(
        reply,
        problemBody('method-not-allowed', `${request.method} is not allowed on ${path}`, undefined, { allowed }),
        { allow: allowed.join(', ') },
      )
    }
    return sendProblem(reply, problemBody('not-found', `No route ${request.method} ${path}`))
  })
})

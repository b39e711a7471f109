import type { SwaggerTransform, SwaggerTransformObject } from '@fastify/swagger'
import { responseExamples } from './openapi-examples.js'
import { problemKinds, problemType, type ProblemKind } from '../http/problems.js'

/**
 * Shapes the OpenAPI document @fastify/swagger generates from the route schemas into one that generates a
 * good client: every TypeBox schema carrying an `$id` becomes a named component (referenced, not repeated),
 * problem responses name their `type` values and extension members, and the headers every response carries
 * are declared once and referenced. Only the document changes: validation and serialisation use the route
 * schemas as they are.
 */

type Json = Record<string, unknown>

const SCHEMAS = '#/components/schemas/'
const HEADERS = '#/components/headers/'
const PARAMETERS = '#/components/parameters/'

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** The named component each problem status answers with. */
const problemNames: Record<number, string> = {
  400: 'BadRequestProblem',
  401: 'UnauthorizedProblem',
  403: 'ForbiddenProblem',
  404: 'NotFoundProblem',
  405: 'MethodNotAllowedProblem',
  406: 'NotAcceptableProblem',
  409: 'ConflictProblem',
  412: 'PreconditionFailedProblem',
  413: 'PayloadTooLargeProblem',
  415: 'UnsupportedMediaTypeProblem',
  422: 'RuleViolatedProblem',
  429: 'RateLimitedProblem',
  500: 'InternalProblem',
  503: 'UnavailableProblem',
}

const statusRef = { type: 'string', enum: ['open', 'appraisal', 'published'] }
const errorCount = {
  type: 'integer',
  description: 'The total number of places at fault, when more than the 1,000 listed in `errors`',
}

/** The extension members a problem of each status may carry (RFC 9457 §3.2), as the code sets them. */
const problemExtensions: Record<number, Json> = {
  403: {
    fields: { type: 'array', items: { type: 'string' }, description: 'The fields this role may not write' },
    errorCount,
  },
  405: { allowed: { type: 'array', items: { type: 'string' }, description: 'The methods the path has' } },
  406: { available: { type: 'array', items: { type: 'string' }, description: 'The media types that can be produced' } },
  409: {
    current: { ...statusRef, description: '`illegal-transition`: the status the period is in' },
    allowed: { type: 'array', items: statusRef, description: '`illegal-transition`: the moves the period can make' },
    periodStatus: { ...statusRef, description: '`period-locked`, `period-closed`: the status of the period' },
    fields: { type: 'array', items: { type: 'string' }, description: 'The fields the status does not accept' },
    units: { type: 'array', items: { type: 'string' }, description: '`conflict`: the units holding data' },
    errorCount,
  },
  422: { errorCount },
}

const headerComponents: Json = {
  RequestId: {
    description:
      "The request's id: the caller's `x-request-id` when it is a plain token of up to 128 characters, else a new UUID; it is in the log line of the request",
    schema: { type: 'string' },
  },
  RateLimitRemaining: {
    description: 'Requests this client may still make at once (sent only when RATE_LIMIT is set)',
    schema: { type: 'integer', minimum: 0 },
  },
  RetryAfter: { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } },
  WWWAuthenticate: { description: '`Bearer`, or `Bearer error="invalid_token"`', schema: { type: 'string' } },
}

const parameterComponents: Json = {
  RequestId: {
    name: 'x-request-id',
    in: 'header',
    required: false,
    description: 'An id for this request (a plain token of up to 128 characters), answered back and logged',
    schema: { type: 'string', maxLength: 128 },
  },
}

/** A copy of a schema with each nested `$id` schema moved to `named` and referenced in its place. */
function hoist(node: unknown, named: Map<string, Json>): unknown {
  if (Array.isArray(node)) return node.map((item) => hoist(item, named))
  if (!isObject(node)) return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node)) {
    if (key === '$id') continue
    if (key === '$ref' && typeof value === 'string') out.$ref = value.startsWith('#') ? value : SCHEMAS + value
    else if (key === 'const') out.enum = [value]
    else if (key === 'examples' || key === 'default') out[key] = value
    else out[key] = hoist(value, named)
  }
  if (typeof node.$id !== 'string') return out
  const known = named.get(node.$id)
  if (known && JSON.stringify(known) !== JSON.stringify(out)) {
    throw new Error(`Two different schemas are named ${node.$id}`)
  }
  named.set(node.$id, out)
  return { $ref: SCHEMAS + node.$id }
}

function problemComponent(status: number): Json {
  const kinds = (Object.keys(problemKinds) as ProblemKind[]).filter((k) => problemKinds[k].status === status)
  return {
    allOf: [{ $ref: `${SCHEMAS}Problem` }],
    type: 'object',
    properties: { type: { type: 'string', enum: kinds.map(problemType) }, ...(problemExtensions[status] ?? {}) },
  }
}

/** The named problem of a status, added to the components the first time a response uses it. */
function problemReference(status: number, schemas: Json): Json {
  const name = problemNames[status]
  if (!name) return { $ref: `${SCHEMAS}Problem` }
  schemas[name] ??= problemComponent(status)
  return { $ref: SCHEMAS + name }
}

const OPERATION_METHODS = ['get', 'put', 'post', 'delete', 'patch']

export class OpenApiShape {
  private readonly named = new Map<string, Json>()

  /** @fastify/swagger `transform`: runs on each route's schema as it is. */
  readonly route: SwaggerTransform = ({ schema, url }) => {
    const shaped: Json = { ...(schema as Json) }
    if (shaped.body !== undefined) shaped.body = hoist(shaped.body, this.named)
    if (shaped.response !== undefined) shaped.response = hoist(shaped.response, this.named)
    return { schema: shaped, url }
  }

  /** @fastify/swagger `transformObject`: runs once on the whole document. */
  readonly document: SwaggerTransformObject = (documentObject) => {
    const doc = (
      'openapiObject' in documentObject ? documentObject.openapiObject : documentObject.swaggerObject
    ) as Json
    const components = (doc.components ??= {}) as Json
    const schemas = { ...(components.schemas as Json), ...Object.fromEntries(this.named) }
    const problem = schemas.Problem as Json
    schemas.Problem = {
      ...problem,
      properties: {
        ...(problem.properties as Json),
        type: {
          type: 'string',
          enum: (Object.keys(problemKinds) as ProblemKind[]).map(problemType),
          description: '`urn:cchc:problem:{kind}`: what integrators switch on',
        },
      },
    }
    components.headers = headerComponents
    components.parameters = parameterComponents
    for (const pathItem of Object.values(doc.paths as Json)) {
      for (const method of OPERATION_METHODS) {
        const operation = (pathItem as Json)[method]
        if (isObject(operation)) this.operation(operation, schemas)
      }
    }
    components.schemas = Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b)))
    return doc
  }

  private operation(operation: Json, schemas: Json): void {
    const secured = Array.isArray(operation.security) && operation.security.length > 0
    if (!secured) operation.security = []
    operation.parameters = [...((operation.parameters as unknown[]) ?? []), { $ref: `${PARAMETERS}RequestId` }]
    if (isObject(operation.requestBody)) typeTextBodies(operation.requestBody)
    for (const [status, response] of Object.entries(operation.responses as Json)) {
      if (isObject(response)) shapeResponse(Number(status), response, secured, schemas)
    }
  }
}

function shapeResponse(status: number, response: Json, secured: boolean, schemas: Json): void {
  const headers: Json = { ...(response.headers as Json | undefined) }
  headers['x-request-id'] = { $ref: `${HEADERS}RequestId` }
  if (secured && status < 400) headers['RateLimit-Remaining'] = { $ref: `${HEADERS}RateLimitRemaining` }
  if (status === 401) headers['WWW-Authenticate'] = { $ref: `${HEADERS}WWWAuthenticate` }
  if (status === 412) headers.ETag = { description: 'The current ETag of the resource', schema: { type: 'string' } }
  if (status === 429 || status === 503) headers['Retry-After'] = { $ref: `${HEADERS}RetryAfter` }
  response.headers = headers
  const content = response.content
  if (!isObject(content)) return
  for (const [type, media] of Object.entries(content)) {
    if (!isObject(media)) continue
    if (type === 'application/problem+json') media.schema = problemReference(status, schemas)
    else if (status < 300) addExample(media, schemas)
  }
}

/** A body read as it streams (a CSV) has no type to validate against; the document calls it text. */
function typeTextBodies(body: Json): void {
  for (const [type, media] of Object.entries(body.content as Json)) {
    if (type.endsWith('json') || !isObject(media) || !isObject(media.schema)) continue
    media.schema = { type: 'string', ...media.schema }
  }
}

/** A 2xx answer shows the example of its named schema. */
function addExample(media: Json, schemas: Json): void {
  if (media.example !== undefined || media.examples !== undefined) return
  const schema = media.schema
  if (!isObject(schema) || typeof schema.$ref !== 'string') return
  const name = schema.$ref.slice(SCHEMAS.length)
  const target = schemas[name]
  if (responseExamples[name] !== undefined) media.example = responseExamples[name]
  else if (isObject(target) && Array.isArray(target.examples) && target.examples.length > 0) {
    media.example = target.examples[0]
  }
}

import { Type, type Static } from 'typebox'

/**
 * Every kind of problem the service answers, with its HTTP status. The `type` URI of a problem is
 * `urn:cchc:problem:{kind}`; integrators switch on it, so a kind never changes meaning once published.
 */
export const problemKinds = {
  'invalid-request': {
    status: 400,
    title: 'Invalid request',
    meaning: 'The request does not match the schema: wrong type, missing or unknown field, bad query parameter.',
  },
  'malformed-json': { status: 400, title: 'Malformed JSON', meaning: 'The body is not valid JSON.' },
  unauthorized: {
    status: 401,
    title: 'Unauthorized',
    meaning: 'No bearer token, or a token that is unknown or revoked.',
  },
  forbidden: {
    status: 403,
    title: 'Forbidden',
    meaning: 'The token is valid but its role may not do this (or may not write the named field).',
  },
  'not-found': {
    status: 404,
    title: 'Not found',
    meaning: 'No such route, or no unit, framework, period, client or snapshot with the code in the path.',
  },
  'method-not-allowed': {
    status: 405,
    title: 'Method not allowed',
    meaning: 'The path exists but not with this method; the Allow header lists the methods it has.',
  },
  'not-acceptable': {
    status: 406,
    title: 'Not acceptable',
    meaning: 'None of the media types in Accept can be produced.',
  },
  conflict: { status: 409, title: 'Conflict', meaning: 'The current state of a resource forbids the change.' },
  'period-locked': {
    status: 409,
    title: 'Period published',
    meaning: 'The period is published: nothing may be written until it is reopened.',
  },
  'period-closed': {
    status: 409,
    title: 'Period closed to this write',
    meaning: 'The period status does not accept this kind of value (self-assessed scores after `open`).',
  },
  'framework-in-use': {
    status: 409,
    title: 'Framework in use',
    meaning: 'The framework is used by a period (or scores exist): make a new framework code instead.',
  },
  'illegal-transition': {
    status: 409,
    title: 'Illegal status transition',
    meaning: 'The period cannot move to that status from its current one; `allowed` lists the moves it can make.',
  },
  'precondition-failed': {
    status: 412,
    title: 'Precondition failed',
    meaning: 'The If-Match ETag no longer matches the current resource.',
  },
  'payload-too-large': {
    status: 413,
    title: 'Payload too large',
    meaning:
      'The body is over the configured limit (BODY_LIMIT, or IMPORT_BODY_LIMIT for imports and survey responses).',
  },
  'uri-too-long': {
    status: 414,
    title: 'URI too long',
    meaning: 'The URL, or one of its path parameters, is longer than this service reads.',
  },
  'unsupported-media-type': {
    status: 415,
    title: 'Unsupported media type',
    meaning: 'The Content-Type of the body is not one this route accepts.',
  },
  'rule-violated': {
    status: 422,
    title: 'Domain rule violated',
    meaning: 'The request is well-formed but breaks a domain rule; `errors` lists every place at fault.',
  },
  'headers-too-large': {
    status: 431,
    title: 'Request header fields too large',
    meaning: 'The request line and headers together are larger than this service reads.',
  },
  'rate-limited': {
    status: 429,
    title: 'Too many requests',
    meaning: 'The rate limit is reached; retry after the Retry-After delay.',
  },
  internal: {
    status: 500,
    title: 'Internal error',
    meaning: 'An unexpected failure; the detail is logged with the request id, never sent.',
  },
  unavailable: { status: 503, title: 'Service unavailable', meaning: 'The database does not answer.' },
} as const

export type ProblemKind = keyof typeof problemKinds

export const problemType = (kind: ProblemKind): string => `urn:cchc:problem:${kind}`

export const ProblemErrorSchema = Type.Object(
  {
    pointer: Type.String({
      description:
        'JSON Pointer into the request: `/body/...`-less pointer into the body (e.g. `/scores/3/self`), or `/query/...`, `/params/...`, `/headers/...`',
    }),
    code: Type.String({
      description:
        'A stable machine-readable code for the rule broken (e.g. `required`, `type`, `additional-property`, `above-maximum`)',
    }),
    message: Type.String(),
    row: Type.Optional(Type.Integer({ description: 'For imports: the 1-based data row' })),
  },
  { $id: 'ProblemError', additionalProperties: true },
)

export const ProblemSchema = Type.Object(
  {
    type: Type.String({ description: 'urn:cchc:problem:{kind}; see the kinds in the API description' }),
    title: Type.String(),
    status: Type.Integer(),
    detail: Type.String(),
    instance: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Ref('ProblemError'))),
  },
  { $id: 'Problem', additionalProperties: true, description: 'RFC 9457 problem details' },
)

export type ProblemError = Static<typeof ProblemErrorSchema>

export interface ProblemBody {
  type: string
  title: string
  status: number
  detail: string
  instance?: string
  errors?: ProblemError[]
  [extension: string]: unknown
}

/**
 * A failure the service means to report. Thrown from anywhere below the routes; the one error handler
 * turns it into problem+json.
 */
export class AppError extends Error {
  readonly kind: ProblemKind
  readonly errors: ProblemError[] | undefined
  readonly extensions: Record<string, unknown>
  readonly headers: Record<string, string>

  constructor(
    kind: ProblemKind,
    detail: string,
    options: { errors?: ProblemError[]; extensions?: Record<string, unknown>; headers?: Record<string, string> } = {},
  ) {
    super(detail)
    this.name = 'AppError'
    this.kind = kind
    this.errors = options.errors
    this.extensions = options.extensions ?? {}
    this.headers = options.headers ?? {}
  }

  get status(): number {
    return problemKinds[this.kind].status
  }
}

export function problemBody(
  kind: ProblemKind,
  detail: string,
  errors?: ProblemError[],
  extensions: Record<string, unknown> = {},
): ProblemBody {
  const { status, title } = problemKinds[kind]
  // The standard members win over an extension of the same name.
  return { ...extensions, type: problemType(kind), title, status, detail, ...(errors ? { errors } : {}) }
}

export const notFound = (what: string, code: string): AppError =>
  new AppError('not-found', `No ${what} with code ${JSON.stringify(code)}`)

export const ruleViolated = (detail: string, errors: ProblemError[]): AppError =>
  new AppError('rule-violated', detail, { errors })

/** A problem lists at most this many places (docs/api.md, "Which error wins"); `errorCount` gives the total. */
export const MAX_LISTED_PLACES = 1000

/** Collects the places at fault, keeping the first MAX_LISTED_PLACES and counting them all. */
export class ProblemList {
  readonly list: ProblemError[] = []
  count = 0

  add(...errors: ProblemError[]): void {
    this.count += errors.length
    for (const e of errors) if (this.list.length < MAX_LISTED_PLACES) this.list.push(e)
  }

  /** The problem listing the places kept, with `errorCount` when some were left out. */
  error(kind: ProblemKind, detail: string): AppError {
    return new AppError(kind, detail, {
      errors: this.list,
      extensions: this.count > this.list.length ? { errorCount: this.count } : {},
    })
  }
}

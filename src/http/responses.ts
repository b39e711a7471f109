import { Type } from 'typebox'
import { problemKinds } from './problems.js'

const problemDescriptions: Record<number, string> = {
  400: 'The request does not match the schema (`invalid-request`, `malformed-json`)',
  401: 'No valid bearer token (`unauthorized`)',
  403: 'The role may not do this (`forbidden`)',
  404: 'Not found (`not-found`)',
  405: 'Method not allowed (`method-not-allowed`)',
  406: 'Not acceptable (`not-acceptable`)',
  409: 'The current state forbids it',
  412: 'If-Match does not match (`precondition-failed`)',
  413: 'The body is over the limit (`payload-too-large`)',
  415: 'Unsupported Content-Type (`unsupported-media-type`)',
  422: 'A domain rule is broken (`rule-violated`); `errors` lists every place at fault',
  429: 'Rate limit reached (`rate-limited`)',
  500: 'Unexpected failure (`internal`)',
  503: 'The database does not answer (`unavailable`)',
}

/** Response entries for the problem statuses a route can answer, all with the RFC 9457 body. */
export function problemResponses(...statuses: number[]): Record<number, unknown> {
  const out: Record<number, unknown> = {}
  for (const status of statuses) {
    const kinds = Object.entries(problemKinds)
      .filter(([, k]) => k.status === status)
      .map(([name]) => `\`${name}\``)
    out[status] = {
      description: problemDescriptions[status] ?? `Problem (${kinds.join(', ')})`,
      content: { 'application/problem+json': { schema: Type.Ref('Problem') } },
    }
  }
  return out
}

/** A JSON success response with a description (and the headers it sends), as the OpenAPI document shows it. */
export function jsonResponse(description: string, schema: unknown, headers?: Record<string, unknown>): unknown {
  return { description, ...(headers ? { headers } : {}), content: { 'application/json': { schema } } }
}

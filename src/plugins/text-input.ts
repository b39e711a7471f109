import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { AppError } from '../http/problems.js'
import { unstorableTextIssues } from '../http/text.js'

/**
 * Text that PostgreSQL cannot store (a NUL character, a lone surrogate) is refused as the request's
 * shape (400, pointer and code `invalid-character`) in every JSON body and query string, before any
 * route reads it. A streamed body (a CSV import) is checked by its reader.
 */
export const textInputPlugin = fp(async function textInput(app: FastifyInstance) {
  app.addHook('preValidation', async (request) => {
    const issues = [...unstorableTextIssues(request.query, '/query')]
    const body: unknown = request.body
    if (body !== null && typeof body === 'object' && typeof (body as { pipe?: unknown }).pipe !== 'function') {
      issues.push(...unstorableTextIssues(body))
    }
    if (issues.length > 0) {
      throw new AppError('invalid-request', 'A text holds a character that cannot be stored', {
        errors: issues.slice(0, 1000),
      })
    }
  })
})

import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { AppError } from '../http/problems.js'

/** Longer URLs are no request this API defines (codes are at most 64 characters, cursors 200). */
export const MAX_URL_LENGTH = 4096

/**
 * What every answer and request body must respect whatever the route: answers are never sniffed into
 * another type, `/v1` answers are never stored by a cache (they depend on the token and change with every
 * write), and a compressed request body is refused (415) rather than read as garbage.
 */
export const httpHygienePlugin = fp(async function httpHygiene(app: FastifyInstance) {
  app.addHook('onRequest', async (request) => {
    if (request.url.length > MAX_URL_LENGTH)
      throw new AppError('uri-too-long', `The URL is longer than ${MAX_URL_LENGTH} characters`)
  })

  app.addHook('preParsing', async (request) => {
    const coding = request.headers['content-encoding']
    if (coding !== undefined && coding.trim().toLowerCase() !== 'identity') {
      throw new AppError('unsupported-media-type', `Content-Encoding ${JSON.stringify(coding)} is not accepted`, {
        errors: [{ pointer: '/headers/content-encoding', code: 'unsupported', message: 'send the body uncompressed' }],
      })
    }
  })

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff')
    if (request.url.startsWith('/v1/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store')
  })
})

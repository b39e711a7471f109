import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { Type } from 'typebox'
import { AppError } from '../../http/problems.js'
import { jsonResponse, problemResponses } from '../../http/responses.js'

const Status = Type.Object({ status: Type.Literal('ok') }, { $id: 'HealthStatus', additionalProperties: false })
const READY_TIMEOUT_MS = 2_000

export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get(
    '/health/live',
    {
      schema: {
        operationId: 'getLiveness',
        tags: ['operations'],
        summary: 'Liveness',
        description: 'Answers 200 while the process runs.',
        response: { 200: jsonResponse('The process runs', Status) },
      },
    },
    async () => ({ status: 'ok' as const }),
  )

  app.get(
    '/health/ready',
    {
      schema: {
        operationId: 'getReadiness',
        tags: ['operations'],
        summary: 'Readiness',
        description: 'Answers 200 when the database answers a query within 2 s, else 503.',
        response: { 200: jsonResponse('The database answers', Status), ...problemResponses(503) },
      },
    },
    async () => {
      let timer: NodeJS.Timeout | undefined
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS)
      })
      try {
        await Promise.race([sql`select 1`.execute(app.db), timeout])
      } catch {
        throw new AppError('unavailable', 'The database does not answer', { headers: { 'retry-after': '5' } })
      } finally {
        clearTimeout(timer)
      }
      return { status: 'ok' as const }
    },
  )
}

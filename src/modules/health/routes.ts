import type { FastifyInstance } from 'fastify'
import { sql } from 'kysely'
import { Type } from 'typebox'
import { AppError } from '../../http/problems.js'
import { jsonResponse, problemResponses } from '../../http/responses.js'

const Status = Type.Object({ status: Type.Literal('ok') }, { $id: 'HealthStatus', additionalProperties: false })
const READY_TIMEOUT_MS = 2_000

/** 503 for what the database query cannot tell: a shutdown under way, a change feed not listening. */
function unreadyWhy(app: FastifyInstance): void {
  const unavailable = (detail: string) => new AppError('unavailable', detail, { headers: { 'retry-after': '5' } })
  if (app.lifecycle.draining) throw unavailable('The service is shutting down')
  if (!app.changes.live)
    throw unavailable(
      `The change feed is not listening (${app.changes.problem ?? 'closed'}): caches are not trusted until it is`,
    )
}

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
        description:
          'Answers 200 when the database answers a query within 2 s and the change feed listens; 503 (saying what is wrong) while shutting down, when the database does not answer, or when the change feed is down.',
        response: { 200: jsonResponse('The database answers', Status), ...problemResponses(503) },
      },
    },
    async () => {
      unreadyWhy(app)
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

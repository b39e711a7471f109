import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { ETAG } from '../../http/headers.js'
import { jsonResponse, problemResponses } from '../../http/responses.js'
import { UnitScoreParams } from '../../http/schemas.js'
import { allow } from '../../plugins/auth.js'
import { scorecardEtag } from './scorecard.js'
import { IndicatorsBody, ScoresResult } from './schemas.js'
import { writeScores } from './service.js'

const INDICATORS_DESCRIPTION = [
  'Merges the counts of the unit\'s ratio leaves (`method: "ratio"`): `numerator` and `denominator` are given together, whole numbers with 0 ≤ numerator ≤ denominator; `null` for both clears them; a criterion left out keeps its counts. A denominator of 0 makes the leaf not applicable to the unit. All or nothing.',
  'Written by the unit (its own token), `appraiser` or `admin`, in `open` and `appraisal`; nobody once published (409 `period-locked`). Only counts that would change are checked, so re-sending identical rows is harmless. Counting, audit (fields `numerator`, `denominator`), `If-Match` (412) and the answer are those of `PUT …/scores`.',
].join('\n\n')

/** The counts of ratio leaves: written through the score write path, so every score rule applies to them. */
export async function indicatorRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.put(
    '/periods/:period/units/:unit/indicators',
    {
      config: allow('admin', 'appraiser', 'unit'),
      schema: {
        operationId: 'putIndicators',
        tags: ['scores'],
        summary: "Write the counts of a unit's ratio criteria (merge)",
        description: INDICATORS_DESCRIPTION,
        params: UnitScoreParams,
        body: IndicatorsBody,
        headers: {
          type: 'object',
          properties: {
            'if-match': {
              type: 'string',
              description: 'ETag(s) of the scorecard this write is based on (`*` matches any): 412 when none matches',
            },
          },
        },
        response: {
          200: jsonResponse("Written (or unchanged): counts and the unit's scorecard", ScoresResult, { ETag: ETAG }),
          ...problemResponses(400, 404, 409, 412, 422),
        },
      },
    },
    async (request, reply) => {
      const { period, unit } = request.params
      const ifMatch = request.headers['if-match']
      const result = await writeScores(app.db, app.changes, {
        period,
        identity: request.identity,
        rows: request.body.indicators.map((input) => ({ unit, input })),
        reason: request.body.reason ?? null,
        dryRun: false,
        scope: { kind: 'unit', unit, member: 'indicators', ...(typeof ifMatch === 'string' ? { ifMatch } : {}) },
      })
      const scorecard = result.scorecard!
      reply.header('etag', scorecardEtag(scorecard))
      return { summary: { created: result.created, updated: result.updated, unchanged: result.unchanged }, scorecard }
    },
  )
}

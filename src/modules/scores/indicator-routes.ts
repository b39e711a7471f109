import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { UnitScoreParams } from '../../http/schemas.js'
import { allow } from '../../plugins/auth.js'
import { IndicatorsBody } from './schemas.js'
import { answerUnitWrite, IfMatchHeaders, unitWriteResponses } from './unit-write.js'

const INDICATORS_DESCRIPTION = [
  [
    'Merges the counts of the unit\'s ratio leaves (`method: "ratio"`): `numerator` and `denominator` are',
    'given together, whole numbers with 0 ≤ numerator ≤ denominator; `null` for both clears them; a',
    'criterion left out keeps its counts. A denominator of 0 makes the leaf not applicable to the unit.',
    'All or nothing.',
  ].join(' '),
  [
    'Written by the unit (its own token), `appraiser` or `admin`, in `open` and `appraisal`; nobody once',
    'published (409 `period-locked`). Only counts that would change are checked, so re-sending identical',
    'rows is harmless. Counting, audit (fields `numerator`, `denominator`), `If-Match` (412) and the',
    'answer are those of `PUT …/scores`.',
  ].join(' '),
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
        headers: IfMatchHeaders,
        response: unitWriteResponses(),
      },
    },
    async (request, reply) =>
      answerUnitWrite(app, reply, {
        params: request.params,
        ifMatch: request.headers['if-match'],
        identity: request.identity,
        rows: request.body.indicators,
        reason: request.body.reason ?? null,
        member: 'indicators',
      }),
  )
}

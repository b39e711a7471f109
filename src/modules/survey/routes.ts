import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { jsonResponse, problemResponses } from '../../http/responses.js'
import { allow } from '../../plugins/auth.js'
import { UnitScoreParams } from '../../http/schemas.js'
import { CountsBody, ResponsesBody, ResponsesResult, SatisfactionSchema } from './schemas.js'
import { appendResponses, putCounts, readUnitSatisfaction } from './service.js'

const GET_SURVEY_DESCRIPTION = [
  "The overall index, each element's, each question's rate and valid answers, and the number of",
  'respondents. A `unit` token reads its own.',
].join(' ')

const WRITE_RULES = [
  'Written by `admin` and `appraiser` while the period is `open` or in `appraisal`; nothing changes once it',
  'is published (409 `period-locked`; re-sending what is stored is harmless). Any bad entry answers 422 with',
  'its pointer and nothing is written.',
].join(' ')

const PUT_COUNTS_DESCRIPTION = [
  'One count per answer level per question (lowest level first). Replaces the counts sent before; stored',
  'individual responses add up with them.\n\n' + WRITE_RULES,
].join(' ')

const APPEND_RESPONSES_DESCRIPTION = [
  'A response id already stored for the unit and period (or repeated in the batch) is skipped and reported',
  'in `duplicates`, so a retried batch never counts twice.\n\n' + WRITE_RULES,
].join(' ')

export async function surveyRoutes(fastify: FastifyInstance, options: { responsesBodyLimit: number }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()

  app.put(
    '/periods/:period/units/:unit/survey',
    {
      config: allow('admin', 'appraiser'),
      schema: {
        operationId: 'putSurveyCounts',
        tags: ['survey'],
        summary: "Replace a unit's aggregate survey counts",
        description: PUT_COUNTS_DESCRIPTION,
        params: UnitScoreParams,
        body: CountsBody,
        response: {
          200: jsonResponse("The unit's satisfaction", SatisfactionSchema),
          ...problemResponses(400, 404, 409, 422),
        },
      },
    },
    async (request) =>
      putCounts(app.db, app.changes, { ...request.params, identity: request.identity, ...request.body }),
  )

  app.post(
    '/periods/:period/units/:unit/survey/responses',
    {
      bodyLimit: options.responsesBodyLimit,
      config: allow('admin', 'appraiser'),
      schema: {
        operationId: 'appendSurveyResponses',
        tags: ['survey'],
        summary: 'Append individual survey responses',
        description: APPEND_RESPONSES_DESCRIPTION,
        params: UnitScoreParams,
        body: ResponsesBody,
        response: {
          200: jsonResponse("What was stored, and the unit's satisfaction", ResponsesResult),
          ...problemResponses(400, 404, 409, 413, 422),
        },
      },
    },
    async (request) => {
      const result = await appendResponses(app.db, app.changes, {
        ...request.params,
        identity: request.identity,
        ...request.body,
      })
      app.metrics.importedRows('survey', result.accepted)
      return result
    },
  )

  app.get(
    '/periods/:period/units/:unit/survey',
    {
      config: allow('admin', 'appraiser', 'reader', 'unit'),
      schema: {
        operationId: 'getSurvey',
        tags: ['survey'],
        summary: "A unit's satisfaction index",
        description: GET_SURVEY_DESCRIPTION,
        params: UnitScoreParams,
        response: { 200: jsonResponse("The unit's satisfaction", SatisfactionSchema), ...problemResponses(400, 404) },
      },
    },
    async (request) => readUnitSatisfaction(app.db, { ...request.params, identity: request.identity }),
  )
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { negotiate } from '../../http/negotiation.js'
import { resultsRefusal } from '../../domain/access.js'
import { AppError, notFound } from '../../http/problems.js'
import { CACHE_CONTROL, CONTENT_DISPOSITION, ETAG, IF_NONE_MATCH, noneMatchHits } from '../../http/headers.js'
import { problemResponses } from '../../http/responses.js'
import { allow } from '../../plugins/auth.js'
import { PeriodsRepository } from '../periods/repository.js'
import { assertPeriodVisible } from '../periods/unit-access.js'
import { PeriodParams } from '../../http/schemas.js'
import { CSV_TYPE, exportFileName, XLSX_TYPE } from './export.js'
import { ResultsQuery, ResultsSchema } from './schemas.js'
import type { ResultsService } from './service.js'

const GET_RESULTS_DESCRIPTION = [
  [
    'Computed on request from the stored scores and survey results; once the period is published, the',
    'results frozen at publication (`snapshot`), the same bytes on every call. `?snapshot=n` reads an',
    'earlier publication in any status.',
  ].join(' '),
  [
    "`rank` is over all rankable units of the period, `groupRank` within the unit's group; `?group=`",
    'filters the items and the statistics but never changes a rank.',
  ].join(' '),
  [
    'With `Accept: text/csv` or the XLSX media type, the ranking table as a file (Vietnamese headers;',
    'XLSX has a second sheet of statistics).',
  ].join(' '),
  'A `unit` token reads results of periods listing its unit once they are published.',
].join('\n\n')

const JSON_TYPE = 'application/json'

/** A numbered publication never changes; the latest one may be replaced by a later publication. */
const IMMUTABLE = 'private, max-age=31536000, immutable'
const REVALIDATE = 'private, no-cache'

/**
 * The strong ETag of frozen results: the snapshot hash, told apart per representation (group, file
 * type), since each has its own bytes. Live results have none.
 */
function resultsEtag(hash: string, group: string | null, media: string): string {
  return `"${hash}${group === null ? '' : `;group=${group}`}${media === 'json' ? '' : `;${media}`}"`
}

export async function resultRoutes(fastify: FastifyInstance, options: { results: ResultsService }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const periods = new PeriodsRepository(app.db)

  app.get(
    '/periods/:period/results',
    {
      config: allow('admin', 'appraiser', 'reader', 'unit'),
      schema: {
        operationId: 'getResults',
        tags: ['results'],
        summary: 'PAR index, classification, rankings and statistics',
        description: GET_RESULTS_DESCRIPTION,
        params: PeriodParams,
        querystring: ResultsQuery,
        headers: { type: 'object', properties: { 'if-none-match': IF_NONE_MATCH } },
        produces: [JSON_TYPE, CSV_TYPE, XLSX_TYPE],
        response: {
          200: {
            description: 'The results',
            headers: { 'Content-Disposition': CONTENT_DISPOSITION, ETag: ETAG, 'Cache-Control': CACHE_CONTROL },
            content: {
              [JSON_TYPE]: { schema: ResultsSchema },
              [CSV_TYPE]: {
                schema: { type: 'string', format: 'binary', description: 'UTF-8 with BOM, comma-separated, CRLF' },
              },
              [XLSX_TYPE]: {
                schema: { type: 'string', format: 'binary', description: 'Two sheets: ranking, statistics' },
              },
            },
          },
          304: {
            description: 'Not modified: the publication held is current',
            headers: { ETag: ETAG, 'Cache-Control': CACHE_CONTROL },
            type: 'null',
          },
          ...problemResponses(400, 404, 406),
        },
      },
    },
    async (request, reply) => {
      const type = negotiate(request.headers.accept, [JSON_TYPE, CSV_TYPE, XLSX_TYPE])
      const { snapshot } = request.query
      // Refuse before computing: a caller that may not read costs no computation and fills no cache.
      const found = await periods.find(request.params.period)
      if (!found) throw notFound('period', request.params.period)
      await assertPeriodVisible(app.db, found, request.identity)
      const refusal = resultsRefusal(request.identity, found.status, snapshot)
      if (refusal) throw new AppError('forbidden', refusal)

      const media = type === JSON_TYPE ? 'json' : type === CSV_TYPE ? 'csv' : 'xlsx'
      const answer = await options.results.answer(app.db, request.params.period, {
        group: request.query.group ?? null,
        type: media,
        ...(snapshot !== undefined ? { snapshot } : {}),
      })
      if (!answer) throw notFound('period', request.params.period)
      const { document, body } = answer
      if (document.snapshot === null) reply.header('cache-control', 'no-store')
      else {
        const etag = resultsEtag(document.snapshot.hash, request.query.group ?? null, media)
        reply.header('etag', etag).header('cache-control', snapshot === undefined ? REVALIDATE : IMMUTABLE)
        if (noneMatchHits(request.headers['if-none-match'], etag)) return reply.code(304).send(null)
      }
      if (media !== 'json')
        reply.header('content-disposition', `attachment; filename="${exportFileName(document, media)}"`)
      // Sent as bytes encoded once per change, not re-encoded per request.
      return reply
        .type(
          media === 'json'
            ? 'application/json; charset=utf-8'
            : media === 'csv'
              ? 'text/csv; charset=utf-8'
              : XLSX_TYPE,
        )
        .send(body as never)
    },
  )
}

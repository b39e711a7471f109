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
import { CSV_TYPE, exportFileName, HTML_TYPE, SVG_TYPE, XLSX_TYPE } from './export.js'
import { REPORT_FORMATS, ResultsQuery, ResultsSchema, type ReportFormat } from './schemas.js'
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
    'Each item has `fields` (points, applicable maximum, index and rank per top-level criterion) and',
    '`selfAssessment` (points, index, gap); the document has per-field statistics and those of the gap.',
    'Publications made before these members existed keep their bytes, without them.',
  ].join(' '),
  [
    '`?format=json|csv|xlsx|svg|html` (which wins over `Accept`) or `Accept` selects the representation:',
    'the annex table as CSV or print-ready XLSX (Vietnamese headers, a column per field, a statistics',
    'sheet), the ranking chart as SVG, or a printable HTML report. Every representation has a strong',
    '`ETag`; `If-None-Match` with it answers 304.',
  ].join(' '),
  'A `unit` token reads results of periods listing its unit once they are published.',
].join('\n\n')

const JSON_TYPE = 'application/json'
const MEDIA_TYPES: Record<ReportFormat, string> = {
  json: JSON_TYPE,
  csv: CSV_TYPE,
  xlsx: XLSX_TYPE,
  svg: SVG_TYPE,
  html: HTML_TYPE,
}
const CONTENT_TYPES: Record<ReportFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: XLSX_TYPE,
  svg: 'image/svg+xml; charset=utf-8',
  html: 'text/html; charset=utf-8',
}

/** The chart and the report load nothing and run nothing: only their own inline styles apply. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'"

/** `?format=` wins; otherwise the Accept header, JSON by default. */
function chooseFormat(format: ReportFormat | undefined, accept: string | undefined): ReportFormat {
  if (format) return format
  const type = negotiate(accept, [JSON_TYPE, CSV_TYPE, XLSX_TYPE, SVG_TYPE, HTML_TYPE])
  return REPORT_FORMATS.find((f) => MEDIA_TYPES[f] === type)!
}

/** A numbered publication never changes; the latest one may be replaced by a later publication. */
const IMMUTABLE = 'private, max-age=31536000, immutable'
const REVALIDATE = 'private, no-cache'

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
        produces: [JSON_TYPE, CSV_TYPE, XLSX_TYPE, SVG_TYPE, HTML_TYPE],
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
              [SVG_TYPE]: { schema: { type: 'string', description: 'The ranking chart' } },
              [HTML_TYPE]: { schema: { type: 'string', description: 'The printable report' } },
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
      const { snapshot } = request.query
      const media = chooseFormat(request.query.format, request.headers.accept)
      // Refuse before computing: a caller that may not read costs no computation and fills no cache.
      const found = options.results.cachedPeriod(request.params.period) ?? (await periods.find(request.params.period))
      if (!found) throw notFound('period', request.params.period)
      await assertPeriodVisible(app.db, found, request.identity)
      const refusal = resultsRefusal(request.identity, found.status, snapshot)
      if (refusal) throw new AppError('forbidden', refusal)

      const answer = await options.results.answer(app.db, request.params.period, {
        group: request.query.group ?? null,
        type: media,
        ...(snapshot !== undefined ? { snapshot } : {}),
      })
      if (!answer) throw notFound('period', request.params.period)
      const { document, body, etag } = answer
      reply.header('etag', etag)
      // Live results change with every write; a publication is revalidated, an earlier one never changes.
      if (document.snapshot === null) reply.header('cache-control', 'no-store')
      else reply.header('cache-control', snapshot === undefined ? REVALIDATE : IMMUTABLE)
      if (noneMatchHits(request.headers['if-none-match'], etag)) return reply.code(304).send(null)
      // Files to save are attachments; the chart and the report open in the browser that asked for them.
      if (media === 'csv' || media === 'xlsx')
        reply.header('content-disposition', `attachment; filename="${exportFileName(document, media)}"`)
      else if (media !== 'json') {
        reply.header('content-disposition', `inline; filename="${exportFileName(document, media)}"`)
        reply.header('content-security-policy', REPORT_CSP)
      }
      // Sent as bytes encoded once per change, not re-encoded per request.
      return reply.type(CONTENT_TYPES[media]).send(body as never)
    },
  )
}

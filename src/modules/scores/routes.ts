import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import { Readable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import type { Static } from 'typebox'
import { listPage, type PageWindow, type Pair } from '../../http/pagination.js'
import { AppError, notFound } from '../../http/problems.js'
import { spoolBody } from '../../http/spool.js'
import { ETAG, IF_NONE_MATCH, LINK_NEXT, linkedPage } from '../../http/headers.js'
import { jsonResponse, problemResponses } from '../../http/responses.js'
import { PeriodParams, UnitScoreParams } from '../../http/schemas.js'
import { allow } from '../../plugins/auth.js'
import { PeriodsRepository } from '../periods/repository.js'
import { readableUnitInPeriod } from '../periods/unit-access.js'
import { readScoresCsv } from './csv.js'
import { auditEntryId, auditPlace, ScoresRepository } from './repository.js'
import { computeScorecard, scorecardEtag } from './scorecard.js'
import { AuditPage, AuditQuery, ImportBody, ImportQuery, ImportResult, ScorecardSchema, ScoresBody } from './schemas.js'
import type { ScoreRowRequest } from './row-request.js'
import { writeScores } from './service.js'
import { answerUnitWrite, IfMatchHeaders, unitWriteResponses } from './unit-write.js'

const PUT_SCORES_DESCRIPTION = [
  [
    "Merges the given criteria into the unit's scores: fields left out keep their value, `null`",
    'clears one. All or nothing.',
  ].join(' '),
  [
    "Who writes what: a `unit` token its own unit's `self`, `note`, `evidence`; `appraiser`",
    '`appraised` and `notApplicable`; `admin` all. By status: `open` accepts all, `appraisal` only',
    '`appraised` and `notApplicable` (409 `period-closed`), `published` nothing (409',
    '`period-locked`). Only fields whose value would change are checked, so re-sending identical rows',
    'is harmless.',
  ].join(' '),
  [
    "Send `If-Match` with the scorecard's ETag to be refused (412) when it changed meanwhile. Answers",
    'the new scorecard with its ETag.',
  ].join(' '),
].join('\n\n')

const IMPORT_SCORES_DESCRIPTION = [
  [
    'JSON `{"rows":[{unit, criterion, self?, appraised?, notApplicable?, note?, numerator?, denominator?}]}`',
    'or `text/csv` with the header `unit,criterion,self,appraised,notApplicable,note,numerator,denominator`',
    '(columns in any order; `unit` and `criterion` required; `.` decimals; `notApplicable`',
    'true/false/1/0; an empty cell means "not given"; UTF-8 with or without BOM). `numerator` and',
    '`denominator` are the counts of a ratio leaf, given together, as in `PUT …/indicators`.',
  ].join(' '),
  [
    'All or nothing in one transaction: any bad row answers 422 listing every bad row (`row` is',
    '1-based over data rows, `pointer` is `/rows/{i}/…` 0-based) and nothing is written. The same',
    'role and status rules as the per-unit route apply to each row. `dryRun=true` validates and',
    'counts without writing.',
  ].join(' '),
].join('\n\n')

const GET_SCORECARD_DESCRIPTION = [
  'Points, applicable maximum, PAR index, band and `provisional`, and the criteria tree with',
  '`maxPoints`, `points`, `index` on every node. Carries an `ETag`; `If-None-Match` answers 304 when',
  "unchanged. A `unit` token reads its own unit's.",
].join(' ')

const LIST_AUDIT_DESCRIPTION = [
  [
    'Every change to a score field, newest first: who, when, unit, criterion, field, old → new, and the',
    'reason given. A score created by a write lists each field it was created with, from `null`',
    '(`notApplicable` from `false`).',
  ].join(' '),
  [
    'Each write is stored once (who, when, why) with a row per score it updated, and the entries are',
    'expanded from it. A cursor given out by earlier versions (one id) is refused (400).',
  ].join(' '),
].join('\n\n')

export async function scoreRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const periods = new PeriodsRepository(app.db)

  app.put(
    '/periods/:period/units/:unit/scores',
    {
      config: allow('admin', 'appraiser', 'unit'),
      schema: {
        operationId: 'putScores',
        tags: ['scores'],
        summary: "Write a unit's scores (merge)",
        description: PUT_SCORES_DESCRIPTION,
        params: UnitScoreParams,
        body: ScoresBody,
        headers: IfMatchHeaders,
        response: unitWriteResponses(),
      },
    },
    async (request, reply) =>
      answerUnitWrite(app, reply, {
        params: request.params,
        ifMatch: request.headers['if-match'],
        identity: request.identity,
        rows: request.body.scores,
        reason: request.body.reason ?? null,
        member: 'scores',
      }),
  )

  app.get(
    '/periods/:period/units/:unit/scorecard',
    {
      config: allow('admin', 'appraiser', 'unit', 'reader'),
      schema: {
        operationId: 'getScorecard',
        tags: ['scores'],
        summary: "A unit's scorecard",
        description: GET_SCORECARD_DESCRIPTION,
        params: UnitScoreParams,
        headers: { type: 'object', properties: { 'if-none-match': IF_NONE_MATCH } },
        response: {
          200: jsonResponse('The scorecard', ScorecardSchema, { ETag: ETAG }),
          304: { description: 'Not modified: the copy held is current', headers: { ETag: ETAG }, type: 'null' },
          ...problemResponses(400, 404, 422),
        },
      },
    },
    async (request, reply) => {
      const { unit } = request.params
      const period = await readableUnitInPeriod(app.db, { ...request.params, identity: request.identity })
      const scorecard = await computeScorecard(app.db, period, unit)
      const etag = scorecardEtag(scorecard)
      reply.header('etag', etag)
      if (request.headers['if-none-match'] === etag) return reply.code(304).send(null)
      return scorecard
    },
  )

  app.get(
    '/periods/:period/audit',
    {
      config: allow('admin', 'appraiser', 'reader'),
      schema: {
        operationId: 'listAudit',
        tags: ['scores'],
        summary: 'Audit trail of score changes',
        description: LIST_AUDIT_DESCRIPTION,
        params: PeriodParams,
        querystring: AuditQuery,
        response: {
          200: jsonResponse('A page of audit entries', AuditPage, { Link: LINK_NEXT }),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const period = await periods.find(request.params.period)
      if (!period) throw notFound('period', request.params.period)
      const { unit, criterion } = request.query
      const filter = {
        period: period.code,
        ...(unit !== undefined ? { unit } : {}),
        ...(criterion !== undefined ? { criterion } : {}),
      }
      // Newest first: the cursor holds the last entry seen (its batch and place), the next page starts below it.
      const fetch = ({ after, limit }: PageWindow<Pair>) =>
        new ScoresRepository(app.db).audit({
          ...filter,
          limit,
          ...(after !== undefined ? { before: auditPlace.at(after) } : {}),
        })
      const { items, next } = await listPage(request.query, 'pair', fetch, auditPlace.of)
      return linkedPage(request, reply, {
        items: items.map((r) => ({
          id: auditEntryId(r),
          at: r.at.toISOString(),
          client: { id: r.client_id, role: r.client_role },
          unit: r.unit_code,
          criterion: r.criterion_code,
          field: r.field,
          old: r.old as never,
          new: r.new as never,
          reason: r.reason,
        })),
        next,
      })
    },
  )
}

/** The import route lives in its own scope: only it parses text/csv, and only it takes large bodies. */
export async function scoreImportRoutes(fastify: FastifyInstance, options: { bodyLimit: number }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  // The CSV is read as it arrives (readScoresCsv enforces the body limit), so a large import never
  // sits whole in memory.
  app.addContentTypeParser('text/csv', (request, payload, done) => {
    const declared = Number(request.headers['content-length'])
    if (declared > options.bodyLimit)
      done(
        new AppError('payload-too-large', `The body is larger than this route accepts (${options.bodyLimit} bytes)`),
        undefined,
      )
    else done(null, payload)
  })

  app.post(
    '/periods/:period/scores/import',
    {
      bodyLimit: options.bodyLimit,
      config: allow('admin', 'appraiser', 'unit'),
      schema: {
        operationId: 'importScores',
        tags: ['scores'],
        summary: 'Import scores of many units (JSON or CSV), all or nothing',
        description: IMPORT_SCORES_DESCRIPTION,
        params: PeriodParams,
        querystring: ImportQuery,
        body: {
          content: {
            'application/json': { schema: ImportBody },
            'text/csv': {
              schema: {
                contentMediaType: 'text/csv',
                description:
                  'unit,criterion,self,appraised,notApplicable,note,numerator,denominator (read as it streams in)',
              },
            },
          },
        },
        response: {
          200: jsonResponse('Imported (or, with dryRun, would import)', ImportResult),
          ...problemResponses(400, 404, 409, 413, 415, 422),
        },
      },
    },
    async (request, reply) => {
      const body = request.body as Readable | Static<typeof ImportBody>
      let rows: readonly ScoreRowRequest[] | AsyncIterable<readonly ScoreRowRequest[]>
      let again: (() => Promise<AsyncIterable<readonly ScoreRowRequest[]>>) | undefined
      let reason = request.query.reason ?? null
      if (body instanceof Readable) {
        // The whole body first: a slow sender holds no connection and no lock (src/http/spool.ts).
        const spooled = await spoolBody(body, {
          limit: options.bodyLimit,
          timeoutMs: app.server.requestTimeout,
          signal: app.lifecycle.signal,
          until: reply.raw,
        })
        rows = await readScoresCsv(spooled, options.bodyLimit)
        again = () => readScoresCsv(spooled, options.bodyLimit)
      } else {
        reason = body.reason ?? reason
        rows = body.rows.map(({ unit, ...input }) => ({ unit, input }))
      }
      const dryRun = request.query.dryRun ?? false
      const result = await writeScores(app.db, app.changes, {
        period: request.params.period,
        identity: request.identity,
        rows,
        ...(again ? { again } : {}),
        reason,
        dryRun,
        scope: { kind: 'import' },
      })
      if (!dryRun) {
        app.metrics.importedRows('scores', result.rows)
        if (result.path) app.metrics.scoreImport(result.path)
      }
      return {
        dryRun,
        rows: result.rows,
        created: result.created,
        updated: result.updated,
        unchanged: result.unchanged,
      }
    },
  )
}

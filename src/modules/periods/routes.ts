import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { listPage, type PageWindow } from '../../http/pagination.js'
import { notFound } from '../../http/problems.js'
import { LINK_NEXT, LOCATION, linkedPage } from '../../http/headers.js'
import { jsonResponse, problemResponses } from '../../http/responses.js'
import { PeriodParams } from '../../http/schemas.js'
import { ALL_ROLES, allow } from '../../plugins/auth.js'
import { PeriodsRepository } from './repository.js'
import { assertPeriodVisible } from './unit-access.js'
import { History, Period, PeriodBody, PeriodList, PeriodListQuery, StatusBody } from './schemas.js'
import { changeStatus, putPeriod, type StatusHook } from './service.js'

const PUT_PERIOD_DESCRIPTION = [
  'A new period starts `open`. `units` is the whole list: units may be added (and removed while they',
  'have no scores) until the period is published; the framework cannot change once a score exists.',
].join(' ')

const CHANGE_STATUS_DESCRIPTION = [
  'Forward one step at a time. Any move back (reopening) needs a `reason` (422 without one). Anything',
  'else, the same status included, is 409 `illegal-transition` with `allowed` listing the possible',
  'moves. Every change is recorded in the history.',
].join(' ')

export async function periodRoutes(
  fastify: FastifyInstance,
  options: { onStatusChange?: StatusHook } = {},
): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const periods = new PeriodsRepository(app.db)

  app.put(
    '/periods/:period',
    {
      config: allow('admin'),
      schema: {
        operationId: 'putPeriod',
        tags: ['periods'],
        summary: 'Create or replace an assessment period',
        description: PUT_PERIOD_DESCRIPTION,
        params: PeriodParams,
        body: PeriodBody,
        response: {
          200: jsonResponse('Replaced, or unchanged', Period),
          201: jsonResponse('Created', Period, { Location: LOCATION }),
          ...problemResponses(400, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const { created, period } = await putPeriod(
        app.db,
        app.changes,
        request.params.period,
        request.body,
        request.identity,
      )
      if (created) reply.header('location', `/v1/periods/${encodeURIComponent(period.code)}`)
      return reply.code(created ? 201 : 200).send(period)
    },
  )

  app.get(
    '/periods',
    {
      config: allow(...ALL_ROLES),
      schema: {
        operationId: 'listPeriods',
        tags: ['periods'],
        summary: 'List periods',
        description: 'Ordered by code. A `unit` token sees the periods that list its unit.',
        querystring: PeriodListQuery,
        response: { 200: jsonResponse('A page of periods', PeriodList, { Link: LINK_NEXT }), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { identity, query } = request
      const filter = {
        ...(query.year !== undefined ? { year: query.year } : {}),
        ...(identity.role === 'unit' && identity.unit ? { forUnit: identity.unit } : {}),
      }
      const page = await listPage(
        query,
        'string',
        (window: PageWindow<string>) => periods.list({ ...filter, ...window }),
        (p) => p.code,
      )
      return linkedPage(request, reply, page)
    },
  )

  app.get(
    '/periods/:period',
    {
      config: allow(...ALL_ROLES),
      schema: {
        operationId: 'getPeriod',
        tags: ['periods'],
        summary: 'Read a period',
        params: PeriodParams,
        response: { 200: jsonResponse('The period', Period), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const period = await periods.find(request.params.period)
      if (!period) throw notFound('period', request.params.period)
      await assertPeriodVisible(app.db, period, request.identity)
      return { ...period, units: await periods.units(period.code) }
    },
  )

  app.post(
    '/periods/:period/status',
    {
      config: allow('admin'),
      schema: {
        operationId: 'changePeriodStatus',
        tags: ['periods'],
        summary: 'Move a period along open → appraisal → published',
        description: CHANGE_STATUS_DESCRIPTION,
        params: PeriodParams,
        body: StatusBody,
        response: { 200: jsonResponse('The period after the move', Period), ...problemResponses(400, 404, 409, 422) },
      },
    },
    async (request) =>
      changeStatus(app.db, app.changes, {
        code: request.params.period,
        to: request.body.status,
        reason: request.body.reason,
        identity: request.identity,
        onChange: options.onStatusChange,
      }),
  )

  app.get(
    '/periods/:period/history',
    {
      config: allow('admin', 'appraiser', 'reader'),
      schema: {
        operationId: 'getPeriodHistory',
        tags: ['periods'],
        summary: 'Status history of a period',
        description: 'Every status change, oldest first: who, when, from, to, and why.',
        params: PeriodParams,
        response: { 200: jsonResponse('The history', History), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const period = await periods.find(request.params.period)
      if (!period) throw notFound('period', request.params.period)
      const rows = await periods.history(period.code)
      return {
        items: rows.map((r) => ({
          at: r.at.toISOString(),
          client: { id: r.client_id, role: r.client_role },
          from: r.from_status,
          to: r.to_status,
          reason: r.reason,
        })),
      }
    },
  )
}

import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { Database } from '../../db/schema.js'
import { LINK_NEXT } from '../../http/headers.js'
import { jsonResponse, problemResponses } from '../../http/responses.js'
import { allow } from '../../plugins/auth.js'
import { EVENT_TYPES } from './outbox.js'
import { withEventTables } from './tables.js'
import type { Kysely } from 'kysely'

export const EventTypeSchema = Type.Union(
  EVENT_TYPES.map((t) => Type.Literal(t)),
  { description: 'What happened' },
)

export const EventSchema = Type.Object(
  {
    id: Type.Integer({ description: 'Increasing: pass the last one seen as `after`' }),
    type: EventTypeSchema,
    at: Type.String({ format: 'date-time' }),
    period: Type.Union([Type.String(), Type.Null()], { description: 'The period the event is about' }),
    data: Type.Record(Type.String(), Type.Unknown(), {
      description:
        '`period.created`: the period; `period.status_changed`: `{from, to, reason}`; ' +
        '`scores.imported`: `{rows, created, updated, unchanged}`; `period.results_changed`: `{}`',
    }),
  },
  { $id: 'Event', additionalProperties: false },
)

const EventPage = Type.Object(
  {
    items: Type.Array(EventSchema),
    next: Type.Union([Type.Integer(), Type.Null()], {
      description: 'The `after` of the next page, null when this page reaches the latest event',
    }),
  },
  { $id: 'EventPage', additionalProperties: false },
)

const EventsQuery = Type.Object(
  {
    after: Type.Optional(Type.Integer({ minimum: 0, description: 'Only events after this id (exclusive)' })),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Page size, 1 to 1000' }),
    ),
  },
  { additionalProperties: false },
)

const LIST_EVENTS_DESCRIPTION = [
  'Every change downstream systems care about, oldest first, each written in the transaction of the',
  'change itself (none is lost, none announces a rolled-back change): `period.created`,',
  '`period.status_changed` (publication and reopening included, with the reason), `period.results_changed`',
  'and `scores.imported`. Poll with the id of the last event seen as `after`, or register a webhook.',
].join(' ')

export async function readEvents(db: Kysely<Database>, after: number, limit: number) {
  const rows = await withEventTables(db)
    .selectFrom('events')
    .selectAll()
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit + 1)
    .execute()
  const items = rows.slice(0, limit).map((r) => ({
    id: r.id,
    type: r.type as (typeof EVENT_TYPES)[number],
    at: r.at.toISOString(),
    period: r.period_code,
    data: r.data,
  }))
  return { items, next: rows.length > limit ? (items[items.length - 1]?.id ?? null) : null }
}

export async function eventRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  app.get(
    '/events',
    {
      config: allow('admin', 'reader'),
      schema: {
        operationId: 'listEvents',
        tags: ['events'],
        summary: 'Changes, in order',
        description: LIST_EVENTS_DESCRIPTION,
        querystring: EventsQuery,
        response: { 200: jsonResponse('A page of events', EventPage, { Link: LINK_NEXT }), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const limit = request.query.limit ?? 100
      const page = await readEvents(app.db, request.query.after ?? 0, limit)
      if (page.next !== null) reply.header('link', `</v1/events?after=${page.next}&limit=${limit}>; rel="next"`)
      return page
    },
  )
}

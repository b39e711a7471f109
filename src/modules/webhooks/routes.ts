import { randomBytes, randomUUID } from 'node:crypto'
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { LINK_NEXT, LOCATION, linkedPage } from '../../http/headers.js'
import { listPage, type PageWindow } from '../../http/pagination.js'
import { AppError, ruleViolated } from '../../http/problems.js'
import { jsonResponse, problemResponses } from '../../http/responses.js'
import { PageQuery, Page } from '../../http/schemas.js'
import { allow } from '../../plugins/auth.js'
import { EventTypeSchema } from '../events/routes.js'
import { withEventTables } from '../events/tables.js'
import { urlRefusal } from './addresses.js'

const SECRET_PATTERN = '^whsec_[A-Za-z0-9+/]{22,}={0,2}$'

const WebhookInput = Type.Object(
  {
    url: Type.String({ maxLength: 2000, description: 'Where deliveries are POSTed (http or https)' }),
    events: Type.Optional(
      Type.Array(EventTypeSchema, { minItems: 1, uniqueItems: true, description: 'Left out: every type' }),
    ),
    secret: Type.Optional(
      Type.String({
        pattern: SECRET_PATTERN,
        maxLength: 200,
        description: '`whsec_` + base64 of at least 16 bytes; generated (32 random bytes) when left out',
      }),
    ),
  },
  {
    $id: 'WebhookInput',
    additionalProperties: false,
    examples: [{ url: 'https://hooks.example.vn/cchc', events: ['period.status_changed'] }],
  },
)

const webhookFields = {
  id: Type.String({ format: 'uuid' }),
  url: Type.String(),
  events: Type.Union([Type.Array(EventTypeSchema), Type.Null()], { description: 'null: every type' }),
  createdAt: Type.String({ format: 'date-time' }),
}
const Webhook = Type.Object(webhookFields, { $id: 'Webhook', additionalProperties: false })
const WebhookWithSecret = Type.Object(
  { ...webhookFields, secret: Type.String({ description: 'Signs the deliveries; shown in this answer only' }) },
  { $id: 'WebhookWithSecret', additionalProperties: false },
)
const WebhookPage = Page(Webhook, 'WebhookPage')

const Delivery = Type.Object(
  {
    id: Type.Integer(),
    event: Type.Integer({ description: 'The event id (also the `webhook-id` header)' }),
    type: EventTypeSchema,
    status: Type.Union([Type.Literal('pending'), Type.Literal('delivered'), Type.Literal('failed')]),
    attempts: Type.Integer(),
    lastAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
    nextAttemptAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
      description: 'When a pending delivery is tried next',
    }),
    responseStatus: Type.Union([Type.Integer(), Type.Null()], { description: "The receiver's last HTTP status" }),
    error: Type.Union([Type.String(), Type.Null()]),
    deliveredAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { $id: 'Delivery', additionalProperties: false },
)
const DeliveryPage = Page(Delivery, 'DeliveryPage')

const WebhookParams = Type.Object(
  { webhook: Type.String({ format: 'uuid', description: 'Webhook id' }) },
  { additionalProperties: false },
)
const ListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

const CREATE_DESCRIPTION = [
  'Each event of the listed types is POSTed to `url` as `{"id","type","at","period","data"}`, signed per',
  'Standard Webhooks: `webhook-id` (the event id), `webhook-timestamp` (Unix seconds), `webhook-signature:',
  'v1,{base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"}` keyed with the base64-decoded part of the secret',
  'after `whsec_`. A 2xx ends the delivery; otherwise it is retried after WEBHOOK_RETRY_BASE_MS, doubling,',
  'up to WEBHOOK_MAX_ATTEMPTS attempts. At least once: a receiver deduplicates by `webhook-id`.',
].join(' ')

const iso = (d: Date | null): string | null => d?.toISOString() ?? null

export async function webhookRoutes(fastify: FastifyInstance, options: { allowPrivate: boolean }): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const db = withEventTables(app.db)

  app.post(
    '/webhooks',
    {
      config: allow('admin'),
      schema: {
        operationId: 'createWebhook',
        tags: ['events'],
        summary: 'Register a webhook',
        description: CREATE_DESCRIPTION,
        body: WebhookInput,
        response: {
          201: jsonResponse('Registered; `secret` is shown this once', WebhookWithSecret, { Location: LOCATION }),
          ...problemResponses(400, 422),
        },
      },
    },
    async (request, reply) => {
      const refusal = urlRefusal(request.body.url, options.allowPrivate)
      if (refusal) throw ruleViolated(`The URL ${refusal}`, [{ pointer: '/url', code: 'url', message: refusal }])
      const secret = request.body.secret ?? `whsec_${randomBytes(32).toString('base64')}`
      if (Buffer.from(secret.slice('whsec_'.length), 'base64').length < 16) {
        throw ruleViolated('The secret is too short', [
          { pointer: '/secret', code: 'too-short', message: 'must hold at least 16 bytes' },
        ])
      }
      const events = request.body.events ?? null
      const row = await db
        .insertInto('webhooks')
        .values({ id: randomUUID(), url: request.body.url, events: events && JSON.stringify(events), secret })
        .returning(['id', 'created_at'])
        .executeTakeFirstOrThrow()
      reply.header('location', `/v1/webhooks/${row.id}`)
      return reply
        .code(201)
        .send({ id: row.id, url: request.body.url, events, secret, createdAt: iso(row.created_at)! })
    },
  )

  app.get(
    '/webhooks',
    {
      config: allow('admin'),
      schema: {
        operationId: 'listWebhooks',
        tags: ['events'],
        summary: 'List webhooks',
        description: 'Ordered by id; secrets are not shown.',
        querystring: ListQuery,
        response: {
          200: jsonResponse('A page of webhooks', WebhookPage, { Link: LINK_NEXT }),
          ...problemResponses(400),
        },
      },
    },
    async (request, reply) => {
      const fetch = ({ after, limit }: PageWindow<string>) => {
        let query = db.selectFrom('webhooks').select(['id', 'url', 'events', 'created_at']).orderBy('id').limit(limit)
        if (after !== undefined) query = query.where('id', '>', after)
        return query.execute()
      }
      const { items, next } = await listPage(request.query, 'string', fetch, (w) => w.id)
      const views = items.map((w) => ({
        id: w.id,
        url: w.url,
        events: w.events as never,
        createdAt: iso(w.created_at)!,
      }))
      return linkedPage(request, reply, { items: views, next })
    },
  )

  app.delete(
    '/webhooks/:webhook',
    {
      config: allow('admin'),
      schema: {
        operationId: 'deleteWebhook',
        tags: ['events'],
        summary: 'Remove a webhook',
        description: 'Pending deliveries stop; the delivery log goes with it.',
        params: WebhookParams,
        response: { 204: { description: 'Removed', type: 'null' }, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const deleted = await db.deleteFrom('webhooks').where('id', '=', request.params.webhook).executeTakeFirst()
      if (deleted.numDeletedRows === 0n) throw new AppError('not-found', `No webhook with id ${request.params.webhook}`)
      return reply.code(204).send(null)
    },
  )

  app.get(
    '/webhooks/:webhook/deliveries',
    {
      config: allow('admin'),
      schema: {
        operationId: 'listWebhookDeliveries',
        tags: ['events'],
        summary: "A webhook's delivery log",
        description: 'One entry per event, newest first: its status, attempts and the last answer or error.',
        params: WebhookParams,
        querystring: ListQuery,
        response: {
          200: jsonResponse('A page of deliveries', DeliveryPage, { Link: LINK_NEXT }),
          ...problemResponses(400, 404),
        },
      },
    },
    async (request, reply) => {
      const { webhook } = request.params
      const found = await db.selectFrom('webhooks').select('id').where('id', '=', webhook).executeTakeFirst()
      if (!found) throw new AppError('not-found', `No webhook with id ${webhook}`)
      const fetch = ({ after, limit }: PageWindow<number>) => {
        let query = db
          .selectFrom('webhook_deliveries as d')
          .innerJoin('events as e', 'e.id', 'd.event_id')
          .selectAll('d')
          .select('e.type')
          .where('d.webhook_id', '=', webhook)
          .orderBy('d.id', 'desc')
          .limit(limit)
        if (after !== undefined) query = query.where('d.id', '<', after)
        return query.execute()
      }
      const { items, next } = await listPage(request.query, 'number', fetch, (d) => d.id)
      const views = items.map((d) => ({
        id: d.id,
        event: d.event_id,
        type: d.type as never,
        status: d.status,
        attempts: d.attempts,
        lastAttemptAt: iso(d.last_attempt_at),
        nextAttemptAt: d.status === 'pending' ? iso(d.next_attempt_at) : null,
        responseStatus: d.response_status,
        error: d.error,
        deliveredAt: iso(d.delivered_at),
      }))
      return linkedPage(request, reply, { items: views, next })
    },
  )
}

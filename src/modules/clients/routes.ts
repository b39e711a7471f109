import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { EVERYTHING } from '../../db/change-feed.js'
import { listPage, type PageWindow } from '../../http/pagination.js'
import { AppError } from '../../http/problems.js'
import { LINK_NEXT, LOCATION, linkedPage } from '../../http/headers.js'
import { jsonResponse, problemResponses } from '../../http/responses.js'
import { ClientParams } from '../../http/schemas.js'
import { allow } from '../../plugins/auth.js'
import { ClientsRepository, type ClientRow } from './repository.js'
import { ClientCreate, ClientList, ClientListQuery, ClientWithToken } from './schemas.js'
import { createClient } from './service.js'

const LIST_CLIENTS_DESCRIPTION = [
  'Revoked clients are listed with `revokedAt`. The bootstrap admin token is built in and not listed.',
].join(' ')

const view = (c: ClientRow) => ({
  ...c,
  createdAt: c.createdAt.toISOString(),
  revokedAt: c.revokedAt?.toISOString() ?? null,
})

export async function clientRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const clients = new ClientsRepository(app.db)

  app.post(
    '/clients',
    {
      config: allow('admin'),
      schema: {
        operationId: 'createClient',
        tags: ['clients'],
        summary: 'Create a client system and its token',
        description: 'The token is in this answer only; the service keeps its hash.',
        body: ClientCreate,
        response: {
          201: jsonResponse('Created; `token` is shown this once', ClientWithToken, { Location: LOCATION }),
          ...problemResponses(400, 422),
        },
      },
    },
    async (request, reply) => {
      const created = await createClient(app.db, request.body)
      reply.header('location', `/v1/clients/${created.id}`)
      return reply.code(201).send({ ...view(created), token: created.token })
    },
  )

  app.get(
    '/clients',
    {
      config: allow('admin'),
      schema: {
        operationId: 'listClients',
        tags: ['clients'],
        summary: 'List client systems',
        description: LIST_CLIENTS_DESCRIPTION,
        querystring: ClientListQuery,
        response: { 200: jsonResponse('A page of clients', ClientList, { Link: LINK_NEXT }), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const fetch = (window: PageWindow<string>) => clients.list(window.after, window.limit)
      const { items, next } = await listPage(request.query, 'uuid', fetch, (c) => c.id)
      return linkedPage(request, reply, { items: items.map(view), next })
    },
  )

  app.delete(
    '/clients/:client',
    {
      config: allow('admin'),
      schema: {
        operationId: 'revokeClient',
        tags: ['clients'],
        summary: 'Revoke a client token',
        description: 'The token stops working at once. Revoking twice is harmless.',
        params: ClientParams,
        response: { 204: { description: 'Revoked', type: 'null' }, ...problemResponses(400, 404) },
      },
    },
    async (request, reply) => {
      const revoked = await app.changes.transaction(app.db, async (trx, announce) => {
        announce('clients', EVERYTHING)
        return new ClientsRepository(trx).revoke(request.params.client)
      })
      if (!revoked) throw new AppError('not-found', `No client with id ${request.params.client}`)
      return reply.code(204).send(null)
    },
  )
}

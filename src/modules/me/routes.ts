import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import { jsonResponse } from '../../http/responses.js'
import { ALL_ROLES, allow, BOOTSTRAP_ID } from '../../plugins/auth.js'
import { ClientsRepository } from '../clients/repository.js'
import { Role } from '../clients/schemas.js'

export const Me = Type.Object(
  {
    id: Type.String({ description: 'The client id (`bootstrap` for the CCHC_ADMIN_TOKEN admin)' }),
    name: Type.String(),
    role: Role,
    unit: Type.Union([Type.String(), Type.Null()], { description: 'The unit a `unit` token is bound to' }),
  },
  {
    $id: 'Me',
    additionalProperties: false,
    examples: [
      { id: '0b4ad3b2-6d0e-4f3b-9a55-2f1c8d7e9a10', name: 'Phần mềm một cửa', role: 'unit', unit: 'xa-phu-my' },
    ],
  },
)

const BOOTSTRAP_NAME = 'bootstrap admin'

/** `GET /v1/me`: who the token belongs to, so an integrator can check its setup in one call. */
export async function meRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const clients = new ClientsRepository(app.db)

  app.get(
    '/me',
    {
      config: allow(...ALL_ROLES),
      schema: {
        operationId: 'getMe',
        tags: ['clients'],
        summary: 'The calling client',
        description: "The id, name, role and unit of the token's client.",
        response: { 200: jsonResponse('The calling client', Me) },
      },
    },
    async (request) => {
      const { identity } = request
      if (identity.id === BOOTSTRAP_ID) return { ...identity, name: BOOTSTRAP_NAME }
      const client = await clients.find(identity.id)
      return { id: identity.id, name: client?.name ?? '', role: identity.role, unit: identity.unit }
    },
  )
}

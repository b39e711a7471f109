import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { EVERYTHING } from '../../db/change-feed.js'
import { listPage, type PageWindow } from '../../http/pagination.js'
import { notFound, ruleViolated } from '../../http/problems.js'
import { LINK_NEXT, LOCATION, linkedPage } from '../../http/headers.js'
import { jsonResponse, problemResponses } from '../../http/responses.js'
import { UnitParams, nfc } from '../../http/schemas.js'
import { ALL_ROLES, allow, assertOwnUnit } from '../../plugins/auth.js'
import { UnitsRepository } from './repository.js'
import { Unit, UnitBody, UnitList, UnitListQuery } from './schemas.js'

const PUT_UNIT_DESCRIPTION = [
  'Fields left out take their defaults (`parent` null, `rankable` true). `parent` must exist and may',
  'not make the unit its own ancestor.',
].join(' ')

async function assertParentAllowed(units: UnitsRepository, code: string, parent: string): Promise<void> {
  if (parent === code)
    throw ruleViolated('A unit cannot be its own parent', [
      { pointer: '/parent', code: 'cycle', message: 'is the unit itself' },
    ])
  if (!(await units.exists(parent))) {
    throw ruleViolated(`No unit with code ${JSON.stringify(parent)}`, [
      { pointer: '/parent', code: 'unknown-unit', message: 'is not a known unit' },
    ])
  }
  if ((await units.ancestors(parent)).includes(code)) {
    throw ruleViolated(`Unit ${JSON.stringify(code)} is an ancestor of ${JSON.stringify(parent)}`, [
      { pointer: '/parent', code: 'cycle', message: 'would make the unit its own ancestor' },
    ])
  }
}

export async function unitRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const units = new UnitsRepository(app.db)

  app.put(
    '/units/:unit',
    {
      config: allow('admin'),
      schema: {
        operationId: 'putUnit',
        tags: ['units'],
        summary: 'Create or replace a unit',
        description: PUT_UNIT_DESCRIPTION,
        params: UnitParams,
        body: UnitBody,
        response: {
          200: jsonResponse('Replaced', Unit),
          201: jsonResponse('Created', Unit, { Location: LOCATION }),
          ...problemResponses(400, 422),
        },
      },
    },
    async (request, reply) => {
      const { unit: code } = request.params
      const parent = request.body.parent ?? null
      const unit = {
        code,
        name: nfc(request.body.name),
        group: request.body.group,
        parent,
        rankable: request.body.rankable ?? true,
      }
      const created = await app.changes.transaction(app.db, async (trx, announce) => {
        const units = new UnitsRepository(trx)
        if (parent !== null) {
          // Setting a parent is the only change that can close a cycle.
          await units.lockTree()
          await assertParentAllowed(units, code, parent)
        }
        // Names, groups and rankability show in the results of every period listing the unit.
        announce('results', EVERYTHING)
        return units.upsert(unit)
      })
      if (created) reply.header('location', `/v1/units/${encodeURIComponent(code)}`)
      return reply.code(created ? 201 : 200).send(unit)
    },
  )

  app.get(
    '/units',
    {
      config: allow(...ALL_ROLES),
      schema: {
        operationId: 'listUnits',
        tags: ['units'],
        summary: 'List units',
        description: 'Ordered by code, a page at a time. A `unit` token sees its own unit only.',
        querystring: UnitListQuery,
        response: { 200: jsonResponse('A page of units', UnitList, { Link: LINK_NEXT }), ...problemResponses(400) },
      },
    },
    async (request, reply) => {
      const { identity, query } = request
      const filter = {
        ...(query.group !== undefined ? { group: query.group } : {}),
        ...(query.parent !== undefined ? { parent: query.parent } : {}),
        ...(identity.role === 'unit' && identity.unit ? { only: identity.unit } : {}),
      }
      const page = await listPage(
        query,
        'string',
        (window: PageWindow<string>) => units.list({ ...filter, ...window }),
        (u) => u.code,
      )
      return linkedPage(request, reply, page)
    },
  )

  app.get(
    '/units/:unit',
    {
      config: allow(...ALL_ROLES),
      schema: {
        operationId: 'getUnit',
        tags: ['units'],
        summary: 'Read a unit',
        params: UnitParams,
        response: { 200: jsonResponse('The unit', Unit), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const unit = await units.find(request.params.unit)
      if (!unit) throw notFound('unit', request.params.unit)
      assertOwnUnit(request.identity, unit.code)
      return unit
    },
  )
}

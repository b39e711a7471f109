import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { FastifyInstance } from 'fastify'
import { criterionView, normaliseFramework, totalHundredths, type FrameworkContent } from '../../domain/framework.js'
import { hundredthsToNumber } from '../../domain/decimal.js'
import { listPage, type PageWindow } from '../../http/pagination.js'
import { AppError, notFound } from '../../http/problems.js'
import { LINK_NEXT, LOCATION, linkedPage } from '../../http/headers.js'
import { jsonResponse, problemResponses } from '../../http/responses.js'
import { FrameworkParams } from '../../http/schemas.js'
import { ALL_ROLES, allow } from '../../plugins/auth.js'
import { FrameworksRepository } from './repository.js'
import { Framework, FrameworkBody, FrameworkList, FrameworkListQuery } from './schemas.js'
import { putFramework } from './service.js'

const PUT_FRAMEWORK_DESCRIPTION = [
  'Identical content (compared after defaults are filled in) answers 200 and changes nothing. Different',
  'content replaces the framework while no period uses it, and answers 409 `framework-in-use` once one',
  'does: make a new code instead.',
].join(' ')

const GET_FRAMEWORK_DESCRIPTION = [
  'The tree with `maxPoints` on every node (exact sums) and `totalPoints`. A `unit` token reads the',
  'frameworks of periods that list its unit.',
].join(' ')

function view(code: string, content: FrameworkContent) {
  return {
    code,
    name: content.name,
    totalPoints: hundredthsToNumber(totalHundredths(content)),
    bands: content.bands,
    criteria: content.criteria.map(criterionView),
    survey: content.survey,
  }
}

export async function frameworkRoutes(fastify: FastifyInstance): Promise<void> {
  const app = fastify.withTypeProvider<TypeBoxTypeProvider>()
  const frameworks = new FrameworksRepository(app.db)

  app.put(
    '/frameworks/:framework',
    {
      config: allow('admin'),
      schema: {
        operationId: 'putFramework',
        tags: ['frameworks'],
        summary: 'Create or replace a criteria framework',
        description: PUT_FRAMEWORK_DESCRIPTION,
        params: FrameworkParams,
        body: FrameworkBody,
        response: {
          200: jsonResponse('Replaced, or unchanged', Framework),
          201: jsonResponse('Created', Framework, { Location: LOCATION }),
          ...problemResponses(400, 409, 422),
        },
      },
    },
    async (request, reply) => {
      const outcome = await putFramework(app.db, request.params.framework, request.body)
      if (outcome === 'created')
        reply.header('location', `/v1/frameworks/${encodeURIComponent(request.params.framework)}`)
      return reply
        .code(outcome === 'created' ? 201 : 200)
        .send(view(request.params.framework, normaliseFramework(request.body)))
    },
  )

  app.get(
    '/frameworks',
    {
      config: allow(...ALL_ROLES),
      schema: {
        operationId: 'listFrameworks',
        tags: ['frameworks'],
        summary: 'List frameworks',
        description: 'A `unit` token sees the frameworks of the periods that list its unit.',
        querystring: FrameworkListQuery,
        response: {
          200: jsonResponse('A page of frameworks', FrameworkList, { Link: LINK_NEXT }),
          ...problemResponses(400),
        },
      },
    },
    async (request, reply) => {
      const { identity } = request
      const filter = identity.role === 'unit' && identity.unit ? { forUnit: identity.unit } : {}
      const fetch = (window: PageWindow<string>) => frameworks.list({ ...filter, ...window })
      const { items, next } = await listPage(request.query, 'string', fetch, (f) => f.code)
      return linkedPage(request, reply, {
        items: items.map((f) => ({ ...f, totalPoints: Number(f.totalPoints) })),
        next,
      })
    },
  )

  app.get(
    '/frameworks/:framework',
    {
      config: allow(...ALL_ROLES),
      schema: {
        operationId: 'getFramework',
        tags: ['frameworks'],
        summary: 'Read a framework',
        description: GET_FRAMEWORK_DESCRIPTION,
        params: FrameworkParams,
        response: { 200: jsonResponse('The framework', Framework), ...problemResponses(400, 404) },
      },
    },
    async (request) => {
      const { framework: code } = request.params
      const stored = await frameworks.find(code)
      if (!stored) throw notFound('framework', code)
      const { identity } = request
      if (identity.role === 'unit' && !(await frameworks.usedForUnit(code, identity.unit ?? ''))) {
        throw new AppError('forbidden', 'A unit token reads only the frameworks of periods that list its unit')
      }
      return view(code, stored.content)
    },
  )
}

import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import { problemKinds, problemType, ProblemErrorSchema, ProblemSchema } from '../http/problems.js'
import { OpenApiShape } from './openapi-shape.js'

const kindsTable = Object.entries(problemKinds)
  .map(([kind, k]) => `| \`${problemType(kind as keyof typeof problemKinds)}\` | ${k.status} | ${k.meaning} |`)
  .join('\n')

const description = `Scores units against an administrative-reform (CCHC) framework and publishes each unit's PAR index,
classification, ranking and satisfaction index.

Every \`/v1\` call takes \`Authorization: Bearer <token>\`. Scores and indexes are JSON numbers with at
most two decimals, computed exactly and rounded half-up once.

## Problems
Every error is \`application/problem+json\` (RFC 9457) with \`type\`, \`title\`, \`status\`, \`detail\` and,
for invalid input, \`errors: [{pointer, code, message}]\` where \`pointer\` is a JSON Pointer into the body
(or \`/query/…\`, \`/params/…\`, \`/headers/…\`).

| type | status | meaning |
|---|---|---|
${kindsTable}
`

export const API_VERSION = '1.0.0'

/** Serialises the OpenAPI document exactly as it is committed under openapi/ and served. */
export function renderOpenApi(app: FastifyInstance): string {
  return JSON.stringify(app.swagger(), null, 2) + '\n'
}

/** The OpenAPI 3.1 document generated from the route schemas, `/openapi.json` and the `/docs` page. */
export const docsPlugin = fp(async function docs(app: FastifyInstance) {
  app.addSchema(ProblemErrorSchema)
  app.addSchema(ProblemSchema)

  const shape = new OpenApiShape()
  await app.register(swagger, {
    transform: shape.route,
    transformObject: shape.document,
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'cchc-index',
        version: API_VERSION,
        description,
        license: { name: 'UNLICENSED', identifier: 'LicenseRef-Proprietary' },
        contact: { name: 'cchc-index maintainers', url: 'https://github.com/cchc-index/cchc-index' },
      },
      servers: [{ url: '/', description: 'This server' }],
      tags: [
        { name: 'operations', description: 'Health, metrics and documentation (no token)' },
        { name: 'clients', description: 'Client systems and their tokens' },
        { name: 'units', description: 'Assessed units: departments, communes, districts' },
        { name: 'frameworks', description: 'Criteria frameworks (bộ chỉ số)' },
        { name: 'periods', description: 'Assessment rounds (kỳ đánh giá) and their status' },
        { name: 'scores', description: 'Self-assessed and appraised scores, imports, scorecards, audit' },
        { name: 'survey', description: 'Survey results and the satisfaction index' },
        { name: 'results', description: 'PAR index, classification, rankings and statistics' },
        { name: 'events', description: 'Changes in order, and webhooks that deliver them' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'A client token (see POST /v1/clients)' },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) => (typeof json.$id === 'string' ? json.$id : `def-${i}`),
    },
  })

  await app.register(swaggerUi, {
    routePrefix: '/docs',
    staticCSP: true,
    // The page must also load over plain HTTP (an intranet host): upgrading its requests would blank it.
    transformStaticCSP: (header: string) => header.replace(/\s*upgrade-insecure-requests;?/g, ''),
  })

  let rendered: string | undefined
  app.get(
    '/openapi.json',
    {
      schema: {
        operationId: 'getOpenApi',
        tags: ['operations'],
        summary: 'The OpenAPI 3.1 document',
        description: 'Byte-for-byte the committed openapi/openapi.json.',
        response: {
          200: {
            description: 'OpenAPI 3.1 document',
            content: {
              'application/json': {
                schema: { type: 'object', additionalProperties: true },
                example: { openapi: '3.1.0', info: { title: 'cchc-index', version: API_VERSION }, paths: {} },
              },
            },
          },
        },
      },
    },
    async (_request, reply) => {
      rendered ??= renderOpenApi(app)
      return reply.type('application/json; charset=utf-8').send(rendered)
    },
  )
})

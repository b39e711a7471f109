import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from './config.js'
import type { Database } from './db/schema.js'
import { healthRoutes } from './modules/health/routes.js'
import { databasePlugin } from './plugins/database.js'
import { docsPlugin } from './plugins/docs.js'
import { errorsPlugin } from './plugins/errors.js'
import { metricsPlugin } from './plugins/metrics.js'
import { requestIdFrom, requestLogPlugin } from './plugins/request-log.js'

export interface AppOptions {
  config: Config
  db: Kysely<Database>
  /** Fastify's logger option; defaults to pino at the configured level. */
  logger?: FastifyServerOptions['logger']
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.token'], censor: '[redacted]' },
    },
    // Fastify's two lines per request are replaced by the one line of requestLogPlugin.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdFrom,
    bodyLimit: config.bodyLimit,
    ajv: {
      customOptions: {
        // Unknown fields are an error the caller must see, never silently dropped.
        removeAdditional: false,
        allErrors: true,
        coerceTypes: 'array',
        useDefaults: true,
      },
    },
  })

  // External plugins and cross-cutting concerns first, then the routes.
  await app.register(errorsPlugin)
  await app.register(requestLogPlugin)
  // Swagger collects routes as they are added, so it comes before any plugin that adds one.
  await app.register(docsPlugin)
  await app.register(metricsPlugin)
  await app.register(databasePlugin, { db: options.db })

  await app.register(healthRoutes)

  return app
}

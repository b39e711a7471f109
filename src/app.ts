import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from 'fastify'
import type { Kysely } from 'kysely'
import type { Config } from './config.js'
import { ChangeFeed } from './db/change-feed.js'
import type { PoolStats } from './db/database.js'
import type { Database } from './db/schema.js'
import { schemaCompilers, type SchemaCompilers } from './http/compilers.js'
import { clientRoutes } from './modules/clients/routes.js'
import { identityLookup } from './modules/clients/service.js'
import { frameworkRoutes } from './modules/frameworks/routes.js'
import { CriterionInputSchemas, CriterionNodeSchema } from './modules/frameworks/schemas.js'
import { eventRoutes } from './modules/events/routes.js'
import { recordEvents } from './modules/events/outbox.js'
import { healthRoutes } from './modules/health/routes.js'
import { meRoutes } from './modules/me/routes.js'
import { periodRoutes } from './modules/periods/routes.js'
import type { StatusHook } from './modules/periods/service.js'
import { resultRoutes } from './modules/results/routes.js'
import { ResultsService } from './modules/results/service.js'
import { indicatorRoutes } from './modules/scores/indicator-routes.js'
import { scoreImportRoutes, scoreRoutes } from './modules/scores/routes.js'
import { surveyRoutes } from './modules/survey/routes.js'
import { periodSatisfaction } from './modules/survey/service.js'
import { ScorecardNodeSchema } from './modules/scores/schemas.js'
import { unitRoutes } from './modules/units/routes.js'
import { webhookConfig, type WebhookConfig } from './modules/webhooks/config.js'
import { WebhookDispatcher } from './modules/webhooks/dispatcher.js'
import { webhookRoutes } from './modules/webhooks/routes.js'
import { authPlugin } from './plugins/auth.js'
import { rateLimitPlugin } from './plugins/rate-limit.js'
import { databasePlugin } from './plugins/database.js'
import { docsPlugin } from './plugins/docs.js'
import { clientErrorHandler, errorsPlugin, frameworkErrors } from './plugins/errors.js'
import { httpHygienePlugin } from './plugins/http-hygiene.js'
import { lifecyclePlugin } from './plugins/lifecycle.js'
import { metricsPlugin } from './plugins/metrics.js'
import { requestIdFrom, requestLogPlugin } from './plugins/request-log.js'
import { textInputPlugin } from './plugins/text-input.js'

declare module 'fastify' {
  interface FastifyInstance {
    /** The results and their cache, for diagnostics and tests. */
    results: ResultsService
    /** The route schemas' compilers: compileAll() and counts(), for tests and diagnostics. */
    schemaCompilers: SchemaCompilers
  }
}

export interface AppOptions {
  config: Config
  db: Kysely<Database>
  /** How caches hear of changes, here and on other instances; its owner starts and closes it. */
  changes?: ChangeFeed
  /** Fastify's logger option; defaults to pino at the configured level. */
  logger?: FastifyServerOptions['logger']
  /**
   * Webhook settings over those of the environment (src/modules/webhooks/config.ts); `dispatch: false`
   * sends nothing (as when the OpenAPI document is generated).
   */
  webhooks?: Partial<WebhookConfig> & { dispatch?: boolean }
  /** The database pool's connections, for the pool gauges of /metrics (none without it). */
  poolStats?: () => PoolStats
  /** The longest burst of 503 answers logged as one warning (60 s by default). */
  outageWindowMs?: number
}

/** How long after listening the route schemas no request has needed yet start compiling. */
const WARM_UP_DELAY_MS = 1_000

/** How often Node looks for requests past their timeout: a tenth of it, between 0.1 s and 30 s. */
const checkingInterval = (timeoutMs: number): number =>
  timeoutMs > 0 ? Math.min(30_000, Math.max(100, Math.floor(timeoutMs / 10))) : 30_000

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const { config } = options
  const compilers = schemaCompilers()
  const app = Fastify({
    logger: options.logger ?? {
      level: config.logLevel,
      redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.token'], censor: '[redacted]' },
    },
    // Fastify's two lines per request are replaced by the one line of requestLogPlugin.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestIdFrom,
    bodyLimit: config.bodyLimit,
    schemaController: compilers.schemaController,
    // What Fastify and Node answer before routing is problem+json too, with a request id and a log line.
    frameworkErrors,
    clientErrorHandler,
    // A body sent one byte at a time is cut off (408) rather than held for as long as the client likes;
    // Node checks every connectionsCheckingInterval.
    requestTimeout: config.requestTimeoutMs,
    keepAliveTimeout: config.keepAliveTimeoutMs,
    http: { connectionsCheckingInterval: checkingInterval(config.requestTimeoutMs) },
    // Draining answers 503 problem+json (src/plugins/lifecycle.ts), not Fastify's plain 503.
    return503OnClosing: false,
  })

  app.decorate('schemaCompilers', compilers)
  // Route schemas compile on first use; once the server listens, the rest compile in the background.
  let warming: { stop(): void } | undefined
  // Not at once: the first probes and requests after a start are answered first.
  let warmUpTimer: NodeJS.Timeout | undefined
  app.addHook('onListen', (done) => {
    warmUpTimer = setTimeout(() => {
      warming = compilers.warmUp((error) => app.log.error({ err: error }, 'a route schema does not compile'))
    }, WARM_UP_DELAY_MS)
    warmUpTimer.unref()
    done()
  })
  app.addHook('onClose', (_app, done) => {
    clearTimeout(warmUpTimer)
    warming?.stop()
    done()
  })

  // Bodies are JSON (and CSV on imports): anything else is 415, not a string for the schema to reject.
  app.removeContentTypeParser('text/plain')

  let changes = options.changes
  if (!changes) {
    changes = new ChangeFeed()
    await changes.start()
  }
  const feed = changes
  const results = new ResultsService(changes, periodSatisfaction)

  // External plugins and cross-cutting concerns first, then the routes.
  await app.register(errorsPlugin, {
    // The change feed listening again means the database accepts connections again.
    onDatabaseBack: (listener) => feed.onListening(listener),
    ...(options.outageWindowMs !== undefined ? { outageWindowMs: options.outageWindowMs } : {}),
  })
  await app.register(requestLogPlugin)
  await app.register(lifecyclePlugin)
  await app.register(httpHygienePlugin)
  // Swagger collects routes as they are added, so it comes before any plugin that adds one.
  await app.register(docsPlugin)
  await app.register(metricsPlugin, {
    ...(options.poolStats ? { pool: options.poolStats } : {}),
    changeFeedLive: () => feed.live,
    resultsCache: () => results.cacheStats(),
  })
  await app.register(databasePlugin, { db: options.db, changes })
  // Every write transaction leaves its events in the outbox before it commits.
  changes.recordWith(recordEvents)
  const webhooks = { ...webhookConfig(), ...options.webhooks }
  if (webhooks.dispatch !== false) {
    const dispatcher = new WebhookDispatcher(options.db, webhooks, app.log, changes)
    app.addHook('onReady', async () => dispatcher.start())
    app.addHook('onClose', async () => dispatcher.stop())
  }

  await app.register(authPlugin, { adminToken: config.adminToken, lookupIdentity: identityLookup(options.db), changes })
  await app.register(rateLimitPlugin, { rate: config.rateLimit, burst: config.rateLimitBurst })
  await app.register(textInputPlugin)
  // Recursive schemas are shared by $id, so validation and the OpenAPI see one definition.
  for (const schema of CriterionInputSchemas) app.addSchema(schema)
  app.addSchema(CriterionNodeSchema)
  app.addSchema(ScorecardNodeSchema)

  app.decorate('results', results)

  await app.register(healthRoutes)
  await app.register(
    async (v1) => {
      await v1.register(clientRoutes)
      await v1.register(meRoutes)
      await v1.register(unitRoutes)
      await v1.register(frameworkRoutes)
      const onStatusChange: StatusHook = async (trx, period, to, identity) => {
        if (to === 'published') await results.publish(trx, period, identity)
      }
      await v1.register(periodRoutes, { onStatusChange })
      await v1.register(scoreRoutes)
      await v1.register(indicatorRoutes)
      await v1.register(scoreImportRoutes, { bodyLimit: config.importBodyLimit })
      await v1.register(surveyRoutes, { responsesBodyLimit: config.importBodyLimit })
      await v1.register(resultRoutes, { results })
      await v1.register(eventRoutes)
      await v1.register(webhookRoutes, { allowPrivate: webhooks.allowPrivate })
    },
    { prefix: '/v1' },
  )

  return app
}

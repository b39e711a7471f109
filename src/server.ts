import { ConfigError, databaseTimeouts, loadConfig } from './config.js'
import { ChangeFeed } from './db/change-feed.js'
import { openConfiguredDatabase } from './db/database.js'
import { migrateToLatest } from './db/migrator.js'
import { drainAndClose } from './shutdown.js'

/** After the grace period, requests abandoned have this long to answer their 503 before the process exits. */
const ABANDON_MS = 5_000

async function main(): Promise<void> {
  let config
  try {
    config = loadConfig()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(error.message + '\n')
      process.exit(2)
    }
    throw error
  }

  // The embedded server (initdb on a first start) runs in processes of its own: load the application's
  // modules meanwhile rather than after it.
  const opening = openConfiguredDatabase({ ...config, timeouts: databaseTimeouts(config) })
  opening.catch(() => {})
  const [{ buildApp }, { bootstrapAdmin }] = await Promise.all([
    import('./app.js'),
    import('./modules/clients/service.js'),
  ])
  const database = await opening
  const changes = new ChangeFeed(database.changeSource, { checkMs: config.listenCheckMs })
  // Building the app is this process's work, the migrations and the LISTEN connection the database's:
  // they run side by side. Nothing is served before all of them are done.
  const [app, applied] = await Promise.all([
    changes.start().then(() => buildApp({ config, db: database.db, changes, poolStats: database.poolStats })),
    migrateToLatest(database.db),
  ])
  const { embedded } = database
  if (embedded) {
    app.log.info(
      { dataDir: embedded.dataDir, postgres: embedded.version, port: embedded.port },
      `embedded PostgreSQL ${embedded.version} started in ${embedded.dataDir} (127.0.0.1:${embedded.port})`,
    )
  }
  const backend = embedded ? `embedded postgresql ${embedded.version} (${embedded.dataDir})` : 'postgresql'
  app.log.info({ backend, applied }, applied.length ? 'migrations applied' : 'database schema up to date')

  const token = await bootstrapAdmin(database.db, config.adminToken)
  if (token) {
    // Logged once, on purpose: without it nobody could call the API. It is never logged again.
    app.log.warn(
      `No client exists and CCHC_ADMIN_TOKEN is unset: created the admin client "bootstrap admin". ` +
        `Call the API with the header "Authorization: Bearer ${token}" and create your own clients (POST /v1/clients); this token is shown only now.`,
    )
  }

  let stopping = false
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests')
    const force = setTimeout(() => {
      app.log.error('in-flight requests did not finish in time; exiting')
      process.exit(1)
    }, config.shutdownGraceMs + ABANDON_MS)
    force.unref()
    try {
      await drainAndClose(app, { graceMs: config.shutdownGraceMs, abortSessions: () => database.abortSessions() })
      await changes.close()
      await database.close()
      if (embedded)
        app.log.info(
          { dataDir: embedded.dataDir, postgres: embedded.version },
          `embedded PostgreSQL ${embedded.version} stopped in ${embedded.dataDir}`,
        )
      process.exit(0)
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.once('SIGTERM', () => void stop('SIGTERM'))
  process.once('SIGINT', () => void stop('SIGINT'))

  await app.listen({ port: config.port, host: config.host })
}

main().catch((error: unknown) => {
  process.stderr.write(`cchc-index failed to start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})

import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { buildApp } from '../../src/app.js'
import { ChangeFeed } from '../../src/db/change-feed.js'
import { loadConfig, type Config } from '../../src/config.js'
import { resetDatabase, sharedTestDatabase } from './database.js'

type TestContext = { teardown(fn: () => unknown): void }

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdef'

export function testConfig(overrides: Partial<Config> = {}): Config {
  return { ...loadConfig({ CCHC_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'silent' }), ...overrides }
}

/**
 * The app on a clean database: the file's shared database is emptied, then a new app is built on it
 * and closed when the test ends.
 */
export async function build(
  t: TestContext,
  overrides: Partial<Config> = {},
  options: { reset?: boolean; logger?: FastifyServerOptions['logger'] } = {},
): Promise<FastifyInstance> {
  const handle = await sharedTestDatabase()
  if (options.reset !== false) await resetDatabase(handle.db)
  // Each app hears the others' changes as separate service instances would.
  const changes = new ChangeFeed(handle.changeSource)
  await changes.start()
  const app = await buildApp({
    config: testConfig(overrides),
    db: handle.db,
    changes,
    logger: options.logger ?? false,
    poolStats: handle.poolStats,
  })
  t.teardown(async () => {
    await app.close()
    await changes.close()
  })
  return app
}

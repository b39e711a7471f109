import type { FastifyInstance } from 'fastify'
import { buildApp } from '../../src/app.js'
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
export async function build(t: TestContext, overrides: Partial<Config> = {}): Promise<FastifyInstance> {
  const { db } = await sharedTestDatabase()
  await resetDatabase(db)
  const app = await buildApp({ config: testConfig(overrides), db, logger: false })
  t.teardown(() => app.close())
  return app
}

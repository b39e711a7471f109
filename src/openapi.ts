import { Kysely, PostgresDialect } from 'kysely'
import pg from 'pg'
import { buildApp } from './app.js'
import { loadConfig } from './config.js'
import type { Database } from './db/schema.js'
import { renderOpenApi } from './plugins/docs.js'

/**
 * The OpenAPI document as the code defines it. Building the routes touches no database, so the app gets
 * a pool that is never connected.
 */
export async function generateOpenApi(): Promise<string> {
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }) })
  const app = await buildApp({ config: loadConfig({}), db, logger: false, webhooks: { dispatch: false } })
  try {
    await app.ready()
    return renderOpenApi(app)
  } finally {
    await app.close()
    await db.destroy()
  }
}

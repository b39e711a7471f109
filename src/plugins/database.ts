import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { ChangeFeed } from '../db/change-feed.js'
import type { Database } from '../db/schema.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
    /** Writes that callers of cached reads must hear of run through `changes.transaction`. */
    changes: ChangeFeed
  }
}

/** Makes the database and its change feed available to routes; their owner opens and closes them. */
export const databasePlugin = fp(async function database(
  app: FastifyInstance,
  options: { db: Kysely<Database>; changes: ChangeFeed },
) {
  app.decorate('db', options.db)
  app.decorate('changes', options.changes)
})

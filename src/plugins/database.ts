import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>
  }
}

/** Makes the Kysely instance available to routes; its owner (server or test) opens and closes it. */
export const databasePlugin = fp(async function database(app: FastifyInstance, options: { db: Kysely<Database> }) {
  app.decorate('db', options.db)
})

// tap `before` script: starts the suite's embedded PostgreSQL server (one for the whole run) and migrates
// a template database once; each test file then gets `CREATE DATABASE … TEMPLATE` (test/helpers/database.ts)
// instead of paying the migrations. The server outlives this script; test/setup/stop-server.ts (tap
// `after`) stops it. A server left by a crashed run is stopped here first, and its test databases dropped.
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { openDatabase } from '../../src/db/database.js'
import { startEmbeddedServer, type EmbeddedServer } from '../../src/db/embedded-server.js'
import { migrateToLatest } from '../../src/db/migrator.js'
import { TEMPLATE_DATABASE, TEST_DATABASE_PREFIX, TEST_SERVER_DIR, usingExternalServer } from '../helpers/database.js'

async function start(): Promise<EmbeddedServer> {
  const options = { dataDir: TEST_SERVER_DIR, durable: false, stopOnExit: false }
  try {
    return await startEmbeddedServer(options)
  } catch (error) {
    // The suite's cluster runs without fsync: after a crash of the machine it may not start. It holds
    // nothing worth keeping; make a new one.
    process.stderr.write(`test PostgreSQL server did not start (${(error as Error).message}); re-initialising it\n`)
    rmSync(join(TEST_SERVER_DIR, 'pg'), { recursive: true, force: true })
    return startEmbeddedServer(options)
  }
}

if (!usingExternalServer()) {
  const started = performance.now()
  const server = await start()
  const admin = new pg.Client({ connectionString: server.urlFor('postgres') })
  await admin.connect()
  const leftovers = await admin.query<{ name: string }>(
    `select datname as name from pg_database where datname like $1 or datname = $2`,
    [`${TEST_DATABASE_PREFIX.replace('_', '\\_')}%`, TEMPLATE_DATABASE],
  )
  for (const { name } of leftovers.rows) await admin.query(`drop database "${name}" with (force)`)
  await admin.query(`create database ${TEMPLATE_DATABASE}`)
  await admin.end()
  const template = await openDatabase({ kind: 'postgres', url: server.urlFor(TEMPLATE_DATABASE), poolSize: 1 })
  await migrateToLatest(template.db)
  await template.close()
  const seconds = ((performance.now() - started) / 1000).toFixed(1)
  process.stderr.write(
    `test PostgreSQL ${server.version} in ${TEST_SERVER_DIR} (127.0.0.1:${server.port}), template migrated in ${seconds} s\n`,
  )
}

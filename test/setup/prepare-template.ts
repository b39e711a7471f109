// Runs once before the suite (tap `before`): a fresh PGlite costs ~4 s, loading a dump of a migrated one
// under 1 s, so every test file starts from this dump.
import { mkdirSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { dirname } from 'node:path'
import { kyselyOverPGlite, openPGlite } from '../../src/db/database.js'
import { migrateToLatest } from '../../src/db/migrator.js'
import { PGLITE_TEMPLATE, usingPostgres } from '../helpers/database.js'

if (!usingPostgres()) {
  const pglite = await openPGlite('memory://')
  const db = kyselyOverPGlite(pglite)
  await migrateToLatest(db)
  const dump = await pglite.dumpDataDir('gzip')
  await db.destroy()
  if (!pglite.closed) await pglite.close()
  const path = fileURLToPath(PGLITE_TEMPLATE)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, Buffer.from(await dump.arrayBuffer()))
}

import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { ConfigError, loadConfig } from './config.js'
import { openConfiguredDatabase, openDatabase, type DatabaseHandle } from './db/database.js'
import { DataDirInUseError } from './db/owner-lock.js'
import { PeriodsRepository } from './modules/periods/repository.js'
import { ResultsRepository, type StaleTotals } from './modules/results/repository.js'

/**
 * `npm run verify-totals [-- --repair] [PERIOD …]`: compares every period's maintained unit totals with a
 * recomputation from its scores, prints the units that differ, and exits 1 if any does. With `--repair`,
 * recomputes those units' totals in place (each period in a transaction) and exits 0 once they match.
 *
 * The database is DATABASE_URL's, or the embedded server of DATA_DIR: the running service's (through
 * `DATA_DIR/database-url`), or started here when no service owns it.
 */
async function open(): Promise<DatabaseHandle> {
  const config = loadConfig()
  try {
    return await openConfiguredDatabase(config)
  } catch (error) {
    if (!(error instanceof DataDirInUseError)) throw error
    const url = readFileSync(join(config.dataDir, 'database-url'), 'utf8').trim()
    return openDatabase({ kind: 'postgres', url })
  }
}

const SHOWN = 20

function report(period: string, units: number, stale: readonly StaleTotals[]): void {
  process.stdout.write(`${period}: ${units} units, ${stale.length} with totals that differ from their scores\n`)
  for (const s of stale.slice(0, SHOWN)) {
    process.stdout.write(`  ${s.unit}: stored ${JSON.stringify(s.stored)}, scores give ${JSON.stringify(s.computed)}\n`)
  }
  if (stale.length > SHOWN) process.stdout.write(`  … and ${stale.length - SHOWN} more\n`)
}

async function main(): Promise<number> {
  const args = process.argv.slice(2)
  const repair = args.includes('--repair')
  const only = args.filter((a) => a !== '--repair')
  const database = await open()
  try {
    const { db } = database
    let periods = (await db.selectFrom('periods').select('code').orderBy('code').execute()).map((p) => p.code)
    if (only.length > 0) periods = periods.filter((p) => only.includes(p))
    let failed = 0
    for (const period of periods) {
      const units = await new PeriodsRepository(db).units(period)
      let stale = await new ResultsRepository(db).staleTotals(period)
      report(period, units.length, stale)
      if (stale.length > 0 && repair) {
        const differing = stale.map((s) => s.unit)
        stale = await db.transaction().execute(async (trx) => {
          const results = new ResultsRepository(trx)
          await results.refreshTotals(period, differing)
          return results.staleTotals(period)
        })
        process.stdout.write(
          `  repaired: ${stale.length === 0 ? 'the totals now match' : `${stale.length} still differ`}\n`,
        )
      }
      if (stale.length > 0) failed++
    }
    process.stdout.write(
      failed === 0
        ? `periods checked: ${periods.length}, all match\n`
        : `periods checked: ${periods.length}, differing: ${failed}\n`,
    )
    return failed === 0 ? 0 : 1
  } finally {
    await database.close()
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error)
    process.stderr.write(`verify-totals failed: ${message}\n`)
    process.exit(2)
  },
)

/**
 * Issue 13, the import benchmark's ratio variant: the province round (3,300 units × 100 leaves, 330,000
 * rows) imported twice in the same run, into two periods of the same service and database: once with
 * appraisal leaves only (the CSV of `import`), once with the last leaf of every field scored by ratio
 * (10 ratio leaves a unit: 33,000 rows of counts among the 330,000). Then the results of each, cold
 * (first read after a restart, alternately, COLD_REPEATS times each). Targets: the ratio round's import
 * and cold results within 1.2× of the round without ratio leaves.
 *
 * Every results answer is checked against points computed here, exactly, with the domain's own
 * functions (src/domain/indicators.ts), so a fast wrong answer never passes.
 */
import { median } from './lib/stats.js'
import { HttpError, request, type HttpResponse } from './lib/http.js'
import { log } from './lib/log.js'
import { createBenchDatabase } from './lib/postgres.js'
import type { BenchContext, Benchmark } from './lib/report.js'
import {
  dataset,
  frameworkBody,
  importCsv,
  leaves as roundLeaves,
  publishedHundredths,
  ratioDataset,
  setUpRound,
  units as roundUnits,
  withRatioLeaves,
  type Leaf,
  type RatioDataset,
  type Unit,
} from './lib/round.js'
import { buildService, startService, type RunningService } from './lib/server.js'

const FIELDS = 10
const LEAVES_PER_FIELD = 10
const ROWS = 3_300 * FIELDS * LEAVES_PER_FIELD
const COLD_REPEATS = 3
const TARGET_RATIO = 1.2

interface Variant {
  key: 'plain' | 'ratio'
  framework: string
  period: string
  leaves: Leaf[]
  units: Unit[]
  csv: string
  /** Per unit, the published points and maximum in hundredths. */
  expected: Map<string, { points: number; max: number }>
}

function plainVariant(all: Leaf[]): Variant {
  const units = roundUnits(3_200, 100, 'a-')
  const data = dataset(all, units)
  const maxOf = new Map(all.map((leaf) => [leaf.code, leaf.maxHundredths]))
  const expected = new Map<string, { points: number; max: number }>()
  for (const row of data.rows) {
    let t = expected.get(row.unit)
    if (!t) expected.set(row.unit, (t = { points: 0, max: 0 }))
    if (row.notApplicable === 'true') continue
    t.points += row.appraised
    t.max += maxOf.get(row.criterion)!
  }
  return {
    key: 'plain',
    framework: 'bench-khung-thuong',
    period: 'bench-thuong',
    leaves: all,
    units,
    ...data,
    expected,
  }
}

function ratioVariant(all: Leaf[]): Variant & { countRows: number } {
  const ratioLeaves = withRatioLeaves(all, LEAVES_PER_FIELD)
  const units = roundUnits(3_200, 100, 'b-')
  const data: RatioDataset = ratioDataset(ratioLeaves, units)
  const expected = new Map(
    [...data.expected].map(([unit, t]) => [unit, { points: publishedHundredths(t.points), max: Number(t.max) }]),
  )
  return {
    key: 'ratio',
    framework: 'bench-khung-ty-le',
    period: 'bench-ty-le',
    leaves: ratioLeaves,
    units,
    csv: data.csv,
    expected,
    countRows: data.countRows,
  }
}

async function importVariant(service: RunningService, variant: Variant): Promise<number> {
  await setUpRound(service, {
    framework: variant.framework,
    frameworkBody: frameworkBody(variant.leaves),
    totalPoints: 100,
    period: variant.period,
    units: variant.units,
  })
  log(`import ${variant.key}: POST …/scores/import (${ROWS.toLocaleString('en-US')} rows)`)
  const { response, seconds } = await importCsv(service, variant.period, variant.csv, false)
  if (response.status !== 200) throw new HttpError(`import ${variant.key}`, response)
  const body = JSON.parse(response.text) as { rows: number; created: number }
  if (body.rows !== ROWS || body.created !== ROWS)
    throw new Error(`import ${variant.key}: ${response.text.slice(0, 500)}`)
  log(`import ${variant.key}: ${seconds} s`)
  return seconds
}

const hundredths = (n: number): number => Math.round(n * 100)

/** Fails loudly unless every unit has the points and maximum computed here. */
function checkResults(variant: Variant, response: HttpResponse): void {
  if (response.status !== 200) throw new HttpError(`results ${variant.key}`, response)
  const body = JSON.parse(response.text) as {
    items: Array<{ unit: { code: string }; points: number; maxPoints: number }>
  }
  if (body.items.length !== variant.units.length)
    throw new Error(`results ${variant.key}: ${body.items.length} items, not ${variant.units.length}`)
  for (const item of body.items) {
    const expected = variant.expected.get(item.unit.code)
    if (!expected || hundredths(item.points) !== expected.points || hundredths(item.maxPoints) !== expected.max)
      throw new Error(
        `results ${variant.key}: unit ${item.unit.code} has ${item.points} of ${item.maxPoints}, expected ${JSON.stringify(expected)} (hundredths)`,
      )
  }
}

/** A restart, then one read of the variant's results, timed from the client. */
async function coldRead(
  service: RunningService,
  databaseUrl: string,
  variant: Variant,
): Promise<{ service: RunningService; seconds: number }> {
  await service.stop()
  const fresh = await startService({ databaseUrl })
  const response = await request(`${fresh.baseUrl}/v1/periods/${variant.period}/results`, {
    headers: { authorization: `Bearer ${fresh.adminToken}`, accept: 'application/json' },
    timeoutMs: 120_000,
  })
  checkResults(variant, response)
  const seconds = Math.round(response.ms) / 1000
  log(`results ${variant.key}, cold: ${seconds} s`)
  return { service: fresh, seconds }
}

const ratioOf = (a: number, b: number): number => Math.round((a / b) * 100) / 100

export const importRatioBenchmark: Benchmark = {
  name: 'import-ratio',
  description:
    'the province import and cold results with 10 ratio leaves a unit (33,000 count rows of 330,000) ÷ the same round without: ≤ 1.2× each',
  async run(context: BenchContext): Promise<void> {
    await buildService()
    const db = await createBenchDatabase()
    const all = roundLeaves(FIELDS, LEAVES_PER_FIELD)
    const plain = plainVariant(all)
    const ratio = ratioVariant(all)
    let service = await startService({ databaseUrl: db.url })

    const plainImportS = await importVariant(service, plain)
    const ratioImportS = await importVariant(service, ratio)
    context.figure({
      name: 'import_plain_wall_s',
      label: 'import, 330,000 rows, appraisal leaves only (wall)',
      value: plainImportS,
      unit: 's',
    })
    context.figure({
      name: 'import_ratio_wall_s',
      label: 'import, 330,000 rows of which 33,000 ratio counts (wall)',
      value: ratioImportS,
      unit: 's',
      detail: { countRows: ratio.countRows },
    })
    context.figure({
      name: 'import_ratio_vs_plain',
      label: 'import with ratio leaves ÷ without',
      value: ratioOf(ratioImportS, plainImportS),
      unit: '×',
      target: { op: '<=', value: TARGET_RATIO },
    })

    const cold: Record<Variant['key'], number[]> = { plain: [], ratio: [] }
    for (let i = 0; i < COLD_REPEATS; i++) {
      for (const variant of [plain, ratio]) {
        const read = await coldRead(service, db.url, variant)
        service = read.service
        cold[variant.key].push(read.seconds)
      }
    }
    for (const key of ['plain', 'ratio'] as const) {
      context.figure({
        name: `results_cold_${key}_s`,
        label: `results of the ${key === 'plain' ? 'round without ratio leaves' : 'ratio round'}, cold (median)`,
        value: median(cold[key]),
        unit: 's',
        detail: { seconds: cold[key] },
      })
    }
    context.figure({
      name: 'results_cold_ratio_vs_plain',
      label: 'cold results with ratio leaves ÷ without (medians)',
      value: ratioOf(median(cold.ratio), median(cold.plain)),
      unit: '×',
      target: { op: '<=', value: TARGET_RATIO },
    })
    await service.stop()
    await db.drop()
  },
}

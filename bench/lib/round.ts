/**
 * A generated assessment round, shared by the benchmarks: a framework of appraisal leaves (optionally
 * with survey leaves and a survey configuration), units in the `xa` and `phong` groups, a period listing
 * them, deterministic score rows and their CSV, and the API calls that set it all up and import it.
 * Everything is deterministic (a seeded generator), so every run sends the same bytes.
 */
import { boundedPool, json, request, type HttpResponse } from './http.js'
import { envNumber, secondsSince } from './log.js'
import { megabytes } from './memory.js'
import type { RunningService } from './server.js'
import { add, fromHundredths, roundHalfUp, ZERO, type Ratio } from '../../src/domain/decimal.js'
import { indicatorRate, ratioPoints, type RatioRule } from '../../src/domain/indicators.js'

/** Each field of ten leaves is worth 10 points: these leaf maxima (hundredths) sum to 1,000, rotated per field. */
const LEAF_MAX_HUNDREDTHS = [75, 125, 50, 150, 100, 100, 85, 115, 95, 105]

export interface Leaf {
  code: string
  maxHundredths: number
  /** A ratio leaf's rule, as the framework body takes it (absent: an appraisal leaf). */
  ratio?: RatioRule
}

/** `fields` × `leavesPerField` appraisal leaves, coded `f.l`; with ten leaves a field, 10 points a field. */
export function leaves(fields: number, leavesPerField: number): Leaf[] {
  const result: Leaf[] = []
  for (let f = 1; f <= fields; f++) {
    for (let l = 1; l <= leavesPerField; l++) {
      result.push({
        code: `${f}.${l}`,
        maxHundredths: LEAF_MAX_HUNDREDTHS[(l - 1 + f - 1) % LEAF_MAX_HUNDREDTHS.length]!,
      })
    }
  }
  return result
}

/** A criterion of the framework body as the API takes it. */
export interface CriterionInput {
  code: string
  title: string
  maxPoints?: number
  method?: 'appraisal' | 'survey' | 'ratio'
  surveyElement?: string
  ratio?: RatioRule
  children?: CriterionInput[]
}

/** One field per leading number of the leaves' codes, in order; `extra` fields (survey…) appended. */
export function frameworkBody(
  all: readonly Leaf[],
  options: { name?: string; extra?: CriterionInput[]; survey?: unknown } = {},
): Record<string, unknown> {
  const fields = [...new Set(all.map((leaf) => leaf.code.split('.')[0]!))]
  return {
    name: options.name ?? 'Bộ chỉ số CCHC (benchmark)',
    criteria: [
      ...fields.map((field) => ({
        code: field,
        title: `Lĩnh vực ${field}`,
        children: all
          .filter((leaf) => leaf.code.startsWith(`${field}.`))
          .map((leaf) => ({
            code: leaf.code,
            title: `Tiêu chí thành phần ${leaf.code}`,
            maxPoints: leaf.maxHundredths / 100,
            ...(leaf.ratio ? { method: 'ratio', ratio: leaf.ratio } : {}),
          })),
      })),
      ...(options.extra ?? []),
    ],
    ...(options.survey !== undefined ? { survey: options.survey } : {}),
  }
}

export interface Unit {
  code: string
  name: string
  group: 'xa' | 'phong'
}

/** `xa` units first (`<prefix>xa-0001` …), then `phong` units (`<prefix>phong-001` …). */
export function units(xa: number, phong: number, prefix = ''): Unit[] {
  const result: Unit[] = []
  for (let i = 1; i <= xa; i++)
    result.push({ code: `${prefix}xa-${String(i).padStart(4, '0')}`, name: `UBND xã số ${i}`, group: 'xa' })
  for (let i = 1; i <= phong; i++)
    result.push({
      code: `${prefix}phong-${String(i).padStart(3, '0')}`,
      name: `Phòng chuyên môn số ${i}`,
      group: 'phong',
    })
  return result
}

/** mulberry32: a small deterministic generator, so every run imports the same bytes. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

export const hundredthsText = (h: number): string => `${Math.floor(h / 100)}.${String(h % 100).padStart(2, '0')}`

export interface Row {
  unit: string
  criterion: string
  self: number
  appraised: number
  /** '' (not given), 'false' or 'true', as in the CSV. */
  notApplicable: '' | 'false' | 'true'
  note: string | null
}

export interface Dataset {
  rows: Row[]
  csv: string
  selfHundredths: number
  appraisedHundredths: number
  notApplicable: number
  notes: number
}

export const DATASET_SEED = 20_240_601

/**
 * One row per unit and leaf: both scores on every row (two decimals, 0 to the leaf's maximum),
 * `notApplicable` mostly empty (2% false, 1% true), a note with a comma (so quoted) and Vietnamese text
 * on 5% of the rows.
 */
export function dataset(all: readonly Leaf[], unitList: readonly Unit[], seed = DATASET_SEED): Dataset {
  const random = prng(seed)
  const rows: Row[] = []
  const lines = ['unit,criterion,self,appraised,notApplicable,note']
  let selfHundredths = 0
  let appraisedHundredths = 0
  let notApplicable = 0
  let notes = 0
  for (const unit of unitList) {
    for (const leaf of all) {
      const self = Math.floor(random() * (leaf.maxHundredths + 1))
      // The council mostly confirms or trims the self-assessment: self − 0.25 to self + 0.10, within 0 … max.
      const appraised = Math.max(0, Math.min(leaf.maxHundredths, self + Math.floor(random() * 36) - 25))
      const na = random()
      const notApplicableCell = na < 0.01 ? 'true' : na < 0.03 ? 'false' : ''
      const note = random() < 0.05 ? `Đã thực hiện, minh chứng số ${Math.floor(random() * 10_000)}` : null
      rows.push({ unit: unit.code, criterion: leaf.code, self, appraised, notApplicable: notApplicableCell, note })
      lines.push(
        `${unit.code},${leaf.code},${hundredthsText(self)},${hundredthsText(appraised)},${notApplicableCell},${note === null ? '' : `"${note}"`}`,
      )
      selfHundredths += self
      appraisedHundredths += appraised
      if (notApplicableCell === 'true') notApplicable++
      if (note !== null) notes++
    }
  }
  return { rows, csv: `${lines.join('\n')}\n`, selfHundredths, appraisedHundredths, notApplicable, notes }
}

/**
 * Per unit, what GET …/results must answer for a framework of appraisal leaves only: the final points
 * (appraised, not-applicable rows left out) and the applicable maximum, in hundredths.
 */
export function expectedTotals(all: readonly Leaf[], data: Dataset): Map<string, { points: number; max: number }> {
  const maxOf = new Map(all.map((leaf) => [leaf.code, leaf.maxHundredths]))
  const totals = new Map<string, { points: number; max: number }>()
  for (const row of data.rows) {
    let t = totals.get(row.unit)
    if (!t) totals.set(row.unit, (t = { points: 0, max: 0 }))
    if (row.notApplicable === 'true') continue
    t.points += row.appraised
    t.max += maxOf.get(row.criterion)!
  }
  return totals
}

export interface RoundSetup {
  frameworkS: number
  unitsS: number
  periodS: number
}

/**
 * Through the API (admin token): the framework (its `totalPoints` checked), the units (`concurrency`
 * requests in flight; 201 expected, or 200 too with `replaceUnits`) and the period listing them (open).
 */
export async function setUpRound(
  service: RunningService,
  round: {
    framework: string
    frameworkBody: unknown
    totalPoints: number
    period: string
    periodName?: string
    year?: number
    units: readonly Unit[]
    concurrency?: number
    replaceUnits?: boolean
  },
): Promise<RoundSetup> {
  const token = service.adminToken
  const base = `${service.baseUrl}/v1`

  let start = performance.now()
  const { body: framework } = await json<{ totalPoints: number }>(
    'PUT framework',
    `${base}/frameworks/${round.framework}`,
    { method: 'PUT', token, body: round.frameworkBody, expect: [200, 201] },
  )
  if (framework.totalPoints !== round.totalPoints)
    throw new Error(`the framework totals ${framework.totalPoints} points, not ${round.totalPoints}`)
  const frameworkS = secondsSince(start)

  start = performance.now()
  await boundedPool(round.units, round.concurrency ?? 16, async (unit) => {
    await json(`PUT unit ${unit.code}`, `${base}/units/${unit.code}`, {
      method: 'PUT',
      token,
      body: { name: unit.name, group: unit.group },
      expect: round.replaceUnits ? [200, 201] : [201],
    })
  })
  const unitsS = secondsSince(start)

  start = performance.now()
  const { body: period } = await json<{ status: string; units: string[] }>(
    'PUT period',
    `${base}/periods/${round.period}`,
    {
      method: 'PUT',
      token,
      body: {
        name: round.periodName ?? `Chỉ số CCHC năm ${round.year ?? 2024} (benchmark)`,
        year: round.year ?? 2024,
        framework: round.framework,
        units: round.units.map((u) => u.code),
      },
      expect: [201],
      timeoutMs: 60_000,
    },
  )
  if (period.status !== 'open' || period.units.length !== round.units.length)
    throw new Error(`the period is ${period.status} with ${period.units.length} units`)
  const periodS = secondsSince(start)
  return { frameworkS, unitsS, periodS }
}

/** Samples the service's RSS while a request runs: when the memory peaks says which phase it is. */
export function sampleRss(service: RunningService, everyMs: number): () => Array<[number, number]> {
  const start = performance.now()
  const samples: Array<[number, number]> = []
  const take = (): void => {
    const memory = service.memory()
    if (memory) samples.push([Math.round(performance.now() - start) / 1000, megabytes(memory.rssBytes)])
  }
  take()
  const timer = setInterval(take, everyMs)
  return () => {
    clearInterval(timer)
    take()
    return samples
  }
}

/** POST …/scores/import of a CSV, timed from the client, with the service's RSS sampled meanwhile. */
export async function importCsv(
  service: RunningService,
  period: string,
  csv: string,
  dryRun: boolean,
): Promise<{ response: HttpResponse; seconds: number; rss: Array<[number, number]> }> {
  const stopSampling = sampleRss(service, 500)
  const start = performance.now()
  try {
    const response = await request(`${service.baseUrl}/v1/periods/${period}/scores/import?dryRun=${dryRun}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${service.adminToken}`,
        'content-type': 'text/csv; charset=utf-8',
        accept: 'application/json',
      },
      body: csv,
      timeoutMs: envNumber('BENCH_IMPORT_TIMEOUT_S', 300) * 1000,
    })
    return { response, seconds: secondsSince(start), rss: stopSampling() }
  } catch (error) {
    stopSampling()
    throw error
  }
}

/**
 * The same leaves with the last leaf of every field (`f.10` with ten leaves a field) scored by ratio:
 * odd fields by tiers (100 % → the maximum, 95 % → half, 80 % → a quarter), even fields in proportion to
 * a 75 % target.
 */
export function withRatioLeaves(all: readonly Leaf[], leavesPerField: number): Leaf[] {
  return all.map((leaf) => {
    const [field = '1', nth = '1'] = leaf.code.split('.')
    if (Number(nth) !== leavesPerField) return leaf
    const ratio: RatioRule =
      Number(field) % 2 === 1
        ? {
            label: 'Hồ sơ giải quyết đúng hạn',
            scoring: {
              kind: 'tiers',
              tiers: [
                { min: 100, points: leaf.maxHundredths / 100 },
                { min: 95, points: Math.floor(leaf.maxHundredths / 2) / 100 },
                { min: 80, points: Math.floor(leaf.maxHundredths / 4) / 100 },
              ],
            },
          }
        : { label: 'TTHC trực tuyến mức độ 3, 4', scoring: { kind: 'proportional', target: 75 } }
    return { ...leaf, ratio }
  })
}

export interface RatioDataset {
  csv: string
  rows: number
  countRows: number
  /** Per unit: the exact points and the applicable maximum (hundredths) GET …/results must answer. */
  expected: Map<string, { points: Ratio; max: bigint }>
}

/** A ratio leaf's counts: 1 % with a denominator of 0 (not applicable), else rates from 85 % to 100 %. */
function counts(random: () => number): { numerator: number; denominator: number } {
  if (random() < 0.01) return { numerator: 0, denominator: 0 }
  const denominator = 20 + Math.floor(random() * 2000)
  const missed = random() < 0.2 ? 0 : Math.floor(random() * denominator * 0.15)
  return { numerator: denominator - missed, denominator }
}

/**
 * The rows of dataset() for the appraisal leaves, and counts (`numerator,denominator`, no scores) for
 * the ratio leaves: as many rows as the round without ratio leaves, with the header's two count columns.
 */
export function ratioDataset(all: readonly Leaf[], unitList: readonly Unit[], seed = DATASET_SEED): RatioDataset {
  const base = dataset(all, unitList, seed)
  const random = prng(seed + 1)
  const byCode = new Map(all.map((leaf) => [leaf.code, leaf]))
  const lines = ['unit,criterion,self,appraised,notApplicable,note,numerator,denominator']
  const expected = new Map<string, { points: Ratio; max: bigint }>()
  let countRows = 0
  for (const row of base.rows) {
    const leaf = byCode.get(row.criterion)!
    let total = expected.get(row.unit)
    if (!total) expected.set(row.unit, (total = { points: ZERO, max: 0n }))
    if (leaf.ratio) {
      const c = counts(random)
      lines.push(`${row.unit},${row.criterion},,,,,${c.numerator},${c.denominator}`)
      countRows++
      const rate = indicatorRate(BigInt(c.numerator), BigInt(c.denominator))
      if (rate === null) continue
      total.points = add(total.points, ratioPoints(leaf.ratio, BigInt(leaf.maxHundredths), rate))
    } else {
      const note = row.note === null ? '' : `"${row.note}"`
      lines.push(
        `${row.unit},${row.criterion},${hundredthsText(row.self)},${hundredthsText(row.appraised)},${row.notApplicable},${note},,`,
      )
      if (row.notApplicable === 'true') continue
      total.points = add(total.points, fromHundredths(BigInt(row.appraised)))
    }
    total.max += BigInt(leaf.maxHundredths)
  }
  return { csv: `${lines.join('\n')}\n`, rows: base.rows.length, countRows, expected }
}

/** The published (two-decimal) points of an exact total, in hundredths. */
export const publishedHundredths = (points: Ratio): number => Number(roundHalfUp(points))

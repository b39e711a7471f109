/**
 * Reading a round's results through the API, for the results benchmarks: a generated round of appraisal
 * leaves with the totals every answer must carry, its set-up and import, GET …/results and the check of
 * its answer, and the single-score write that drops the service's cached results.
 */
import type { HelloBaseline } from './hello.js'
import { HttpError, json, request, type HttpResponse } from './http.js'
import { megabytes } from './memory.js'
import {
  dataset,
  expectedTotals,
  frameworkBody,
  importCsv,
  leaves,
  setUpRound,
  units,
  type Dataset,
  type Leaf,
  type RoundSetup,
  type Unit,
} from './round.js'
import type { RunningService } from './server.js'

const READ_TIMEOUT_MS = 60_000

export interface RoundSpec {
  framework: string
  period: string
  fields: number
  leavesPerField: number
  xa: number
  phong: number
  /** Prefix of the unit codes: two rounds with the same prefix and counts share their units. */
  prefix: string
  totalPoints: number
}

export interface ResultsRound {
  spec: RoundSpec
  leaves: Leaf[]
  units: Unit[]
  rows: number
  /** The CSV to import; dropped once imported, so that the load tests' client runs on a small heap. */
  csv: string | null
  /** Per unit, hundredths: kept up to date with the single-score writes. */
  expected: Map<string, { points: number; max: number }>
  writer: ScoreWriter
}

export interface ScoreWrite {
  ms: number
  unit: string
  criterion: string
  appraised: number
}

/** One appraised score changed back and forth: a write that drops the cached results. */
export class ScoreWriter {
  readonly unit: string
  private readonly criterion: string
  private current: number
  /**
   * Σ coalesce(appraised, self, 0) over every row of the unit, not-applicable ones included (hundredths):
   * what a plain aggregate of `scores` must answer for it after the writes.
   */
  rawHundredths: number

  constructor(
    private readonly round: ResultsRound,
    data: Dataset,
  ) {
    const row = data.rows.find((r) => r.notApplicable === '' && r.unit === round.units[0]!.code)
    if (!row) throw new Error('no applicable row to rewrite')
    this.unit = row.unit
    this.criterion = row.criterion
    this.current = row.appraised
    this.rawHundredths = data.rows.filter((r) => r.unit === row.unit).reduce((sum, r) => sum + r.appraised, 0)
  }

  async write(service: RunningService): Promise<ScoreWrite> {
    const next = this.current === 50 ? 25 : 50
    const { body, response } = await json<{ summary: { updated: number } }>(
      'PUT scores',
      `${service.baseUrl}/v1/periods/${this.round.spec.period}/units/${this.unit}/scores`,
      {
        method: 'PUT',
        token: service.adminToken,
        body: { scores: [{ criterion: this.criterion, appraised: next / 100 }] },
        expect: [200],
      },
    )
    if (body.summary.updated !== 1)
      throw new Error(`PUT scores: expected 1 updated, the service answered ${response.text.slice(0, 300)}`)
    this.round.expected.get(this.unit)!.points += next - this.current
    this.rawHundredths += next - this.current
    this.current = next
    return { ms: Math.round(response.ms * 10) / 10, unit: this.unit, criterion: this.criterion, appraised: next / 100 }
  }
}

/** The round's units, leaves, score rows (seeded) and expected totals; the CSV is kept until the import. */
export function makeResultsRound(spec: RoundSpec, seed: number): ResultsRound {
  const all = leaves(spec.fields, spec.leavesPerField)
  const unitList = units(spec.xa, spec.phong, spec.prefix)
  const data = dataset(all, unitList, seed)
  const round = {
    spec,
    leaves: all,
    units: unitList,
    rows: data.rows.length,
    csv: data.csv,
    expected: expectedTotals(all, data),
  } as ResultsRound
  round.writer = new ScoreWriter(round, data)
  return round
}

/**
 * Sets the round up through the API and imports its CSV (every row created, or this throws); then drops
 * the CSV. `replaceUnits`: the units exist already (another round's), PUT again.
 */
export async function importResultsRound(
  service: RunningService,
  round: ResultsRound,
  options: { replaceUnits?: boolean } = {},
): Promise<RoundSetup & { importS: number; rows: number }> {
  const { spec } = round
  if (round.csv === null) throw new Error(`${spec.period} was imported already`)
  const setup = await setUpRound(service, {
    framework: spec.framework,
    frameworkBody: frameworkBody(round.leaves),
    totalPoints: spec.totalPoints,
    period: spec.period,
    units: round.units,
    ...(options.replaceUnits ? { replaceUnits: true } : {}),
  })
  const imported = await importCsv(service, spec.period, round.csv, false)
  if (imported.response.status !== 200) throw new HttpError(`import ${spec.period}`, imported.response)
  const body = JSON.parse(imported.response.text) as { rows: number; created: number }
  if (body.rows !== round.rows || body.created !== round.rows)
    throw new Error(`import ${spec.period}: ${imported.response.text.slice(0, 500)}`)
  round.csv = null
  return { ...setup, importS: imported.seconds, rows: round.rows }
}

export interface ResultsBody {
  group: string | null
  statistics: { count: number; mean: number | null }
  items: Array<{
    unit: { code: string; group: string }
    points: number
    maxPoints: number
    index: number | null
    rank: { position: number } | null
  }>
}

const hundredths = (n: number): number => Math.round(n * 100)

/** Fails loudly unless the answer is the round's results: every unit, with its points and maximum. */
export function checkResults(
  what: string,
  round: Pick<ResultsRound, 'units' | 'expected'>,
  response: HttpResponse,
  group: string | null = null,
): ResultsBody {
  if (response.status !== 200) throw new HttpError(what, response)
  const body = JSON.parse(response.text) as ResultsBody
  const listed = group === null ? round.units : round.units.filter((u) => u.group === group)
  if (body.items.length !== listed.length) throw new Error(`${what}: ${body.items.length} items, not ${listed.length}`)
  if (body.statistics.count !== listed.length)
    throw new Error(`${what}: statistics.count is ${body.statistics.count}, not ${listed.length}`)
  if (body.group !== group)
    throw new Error(`${what}: group ${JSON.stringify(body.group)}, not ${JSON.stringify(group)}`)
  let previous = Infinity
  for (const item of body.items) {
    const expected = round.expected.get(item.unit.code)
    if (!expected) throw new Error(`${what}: unexpected unit ${item.unit.code}`)
    if (hundredths(item.points) !== expected.points || hundredths(item.maxPoints) !== expected.max) {
      throw new Error(
        `${what}: unit ${item.unit.code} has ${item.points} of ${item.maxPoints} points, expected ${expected.points / 100} of ${expected.max / 100}`,
      )
    }
    const index = item.index ?? -1
    if (index > previous) throw new Error(`${what}: items are not sorted by index (${item.unit.code})`)
    previous = index
  }
  return body
}

/** GET …/results as a client sees it (admin token), timed to the end of the body. */
export function getResults(
  service: RunningService,
  period: string,
  options: { query?: string; accept?: string } = {},
): Promise<HttpResponse> {
  return request(`${service.baseUrl}/v1/periods/${period}/results${options.query ?? ''}`, {
    headers: { authorization: `Bearer ${service.adminToken}`, accept: options.accept ?? 'application/json' },
    timeoutMs: READ_TIMEOUT_MS,
  })
}

/** A baseline with failed requests (or other bytes than asked for) is no baseline. */
export function checkBaseline(baseline: HelloBaseline): HelloBaseline {
  if (baseline.errors > 0 || baseline.non2xx > 0 || baseline.mismatches > 0)
    throw new Error(
      `the ${baseline.path} baseline had ${baseline.errors} errors, ${baseline.non2xx} non-2xx answers and ${baseline.mismatches} other bodies than expected`,
    )
  return baseline
}

/** The service's VmHWM now, in MB. */
export const peakMb = (service: RunningService): number => {
  const memory = service.memory()
  if (!memory) throw new Error(`could not read the peak RSS of the service (pid ${service.pid}) from /proc`)
  return megabytes(memory.peakRssBytes)
}

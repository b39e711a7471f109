/**
 * Statistics over published indexes. Inputs are the two-decimal values users already see (hundredths),
 * so a report's figures are reproducible by hand from the listed indexes.
 */
import { type Band, classifier } from './bands.js'
import { hundredthsToNumber, roundHalfUp } from './decimal.js'
import { roundHalfUpSqrt } from './exact-sqrt.js'
import { ratio } from './ratio.js'
import { compareCodes } from './ranking.js'

/** A minimum or maximum with every unit holding it, sorted by code: ties are named, not hidden. */
export type Extreme = { value: number; units: string[] }

export type Statistics = {
  count: number
  mean: number | null
  median: number | null
  stddev: number | null
  min: Extreme | null
  max: Extreme | null
}

const EMPTY: Statistics = { count: 0, mean: null, median: null, stddev: null, min: null, max: null }

/**
 * Count, mean, median, population standard deviation, minimum and maximum, each rounded half-up to two
 * decimals exactly. A null value (a unit with no applicable criterion) is left out, as if not listed.
 * Values are whole hundredths, numbers or bigints (the same kind throughout).
 */
export function summarise(values: ReadonlyArray<{ code: string; value: bigint | number | null }>): Statistics {
  return summariseColumns(
    values.map((v) => v.code),
    values.map((v) => v.value),
  )
}

/** The same over two columns: the units' codes, and their values in the same order. */
export function summariseColumns(codes: readonly string[], values: ReadonlyArray<bigint | number | null>): Statistics {
  const present = values.filter((value) => value !== null)
  if (present.length === 0) return { ...EMPTY }

  const n = BigInt(present.length)
  const { total, squares } = sums(present)
  // Values are hundredths; total / (n × 100) is the mean in points, and roundHalfUp gives its hundredths.
  const mean = roundHalfUp(ratio(total, n * 100n))

  const sorted = sortedValues(present)
  const middle = sorted.length >> 1
  const median =
    sorted.length % 2 === 1
      ? BigInt(sorted[middle]!)
      : roundHalfUp(ratio(BigInt(sorted[middle - 1]!) + BigInt(sorted[middle]!), 200n))

  // Population variance in hundredths², exactly: Σ(v − S/n)² / n = (n·Σv² − S²) / n². Its square root is
  // the deviation in hundredths, rounded to an integer number of them without ever leaving the integers.
  const stddev = roundHalfUpSqrt(ratio(n * squares - total * total, n * n))

  return {
    count: present.length,
    mean: hundredthsToNumber(mean),
    median: hundredthsToNumber(median),
    stddev: hundredthsToNumber(stddev),
    min: extreme(codes, values, sorted[0]!),
    max: extreme(codes, values, sorted[sorted.length - 1]!),
  }
}

/**
 * Σv and Σv², exact: in numbers while n × max|v| (and n × max|v|²) stay within 2^53, so that no partial
 * sum can leave the integers a double holds; in bigint otherwise.
 */
function sums(values: ReadonlyArray<bigint | number>): { total: bigint; squares: bigint } {
  let largest = 0
  let numbers = true
  for (const value of values) {
    if (typeof value !== 'number') numbers = false
    else if (Math.abs(value) > largest) largest = Math.abs(value)
  }
  if (numbers && values.length * largest * largest <= Number.MAX_SAFE_INTEGER) {
    let total = 0
    let squares = 0
    for (const value of values as readonly number[]) {
      total += value
      squares += value * value
    }
    return { total: BigInt(total), squares: BigInt(squares) }
  }
  let total = 0n
  let squares = 0n
  for (const value of values) {
    const v = BigInt(value)
    total += v
    squares += v * v
  }
  return { total, squares }
}

/** The values in increasing order (a typed array's sort is numeric). */
function sortedValues(values: ReadonlyArray<bigint | number>): ArrayLike<bigint | number> {
  if (values.every((v) => typeof v === 'number')) return new Float64Array(values).sort()
  return values.map((v) => BigInt(v)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
}

/** The value `at` with every unit holding it, by code. */
function extreme(
  codes: readonly string[],
  values: ReadonlyArray<bigint | number | null>,
  at: bigint | number,
): Extreme {
  const units: string[] = []
  for (let i = 0; i < values.length; i++) if (values[i] === at) units.push(codes[i]!)
  return { value: hundredthsToNumber(BigInt(at)), units: units.sort(compareCodes) }
}

/**
 * How many values fall in each band: every band code present, zero included, in the bands' order. Null
 * values are left out. (JS objects list integer-like keys first whatever the insertion order, so bands
 * coded "1", "2" come out in numeric order.)
 */
export function countBands(
  values: ReadonlyArray<bigint | number | null>,
  bands: readonly Band[],
): Record<string, number> {
  const counts = new Map<string, number>(bands.map((band) => [band.code, 0]))
  const classify = classifier(bands)
  for (const value of values) {
    if (value === null) continue
    const code = classify(value).code
    counts.set(code, (counts.get(code) ?? 0) + 1)
  }
  // fromEntries defines own properties, so even a band coded "__proto__" is counted, not swallowed.
  return Object.fromEntries(counts)
}

/**
 * Statistics over published indexes. Inputs are the two-decimal values users already see (hundredths),
 * so a report's figures are reproducible by hand from the listed indexes.
 */
import { type Band, classify } from './bands.js'
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
 */
export function summarise(values: ReadonlyArray<{ code: string; value: bigint | null }>): Statistics {
  const present: Array<{ code: string; value: bigint }> = []
  for (const { code, value } of values) if (value !== null) present.push({ code, value })
  if (present.length === 0) return { ...EMPTY }

  const n = BigInt(present.length)
  let total = 0n
  let squares = 0n
  for (const { value } of present) {
    total += value
    squares += value * value
  }
  // Values are hundredths; total / (n × 100) is the mean in points, and roundHalfUp gives its hundredths.
  const mean = roundHalfUp(ratio(total, n * 100n))

  const sorted = present.map((p) => p.value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
  const middle = sorted.length >> 1
  const median =
    sorted.length % 2 === 1 ? sorted[middle]! : roundHalfUp(ratio(sorted[middle - 1]! + sorted[middle]!, 200n))

  // Population variance in hundredths², exactly: Σ(v − S/n)² / n = (n·Σv² − S²) / n². Its square root is
  // the deviation in hundredths, rounded to an integer number of them without ever leaving the integers.
  const stddev = roundHalfUpSqrt(ratio(n * squares - total * total, n * n))

  const low = sorted[0]!
  const high = sorted[sorted.length - 1]!
  return {
    count: present.length,
    mean: hundredthsToNumber(mean),
    median: hundredthsToNumber(median),
    stddev: hundredthsToNumber(stddev),
    min: extreme(present, low),
    max: extreme(present, high),
  }
}

function extreme(values: ReadonlyArray<{ code: string; value: bigint }>, at: bigint): Extreme {
  const units = values
    .filter((v) => v.value === at)
    .map((v) => v.code)
    .sort(compareCodes)
  return { value: hundredthsToNumber(at), units }
}

/**
 * How many values fall in each band: every band code present, zero included, in the bands' order. Null
 * values are left out. (JS objects list integer-like keys first whatever the insertion order, so bands
 * coded "1", "2" come out in numeric order.)
 */
export function countBands(values: ReadonlyArray<bigint | null>, bands: readonly Band[]): Record<string, number> {
  const counts = new Map<string, number>(bands.map((band) => [band.code, 0]))
  for (const value of values) {
    if (value === null) continue
    const code = classify(value, bands).code
    counts.set(code, (counts.get(code) ?? 0) + 1)
  }
  // fromEntries defines own properties, so even a band coded "__proto__" is counted, not swallowed.
  return Object.fromEntries(counts)
}

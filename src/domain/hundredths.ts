/**
 * Whole hundredths as JavaScript numbers, for computing the results of a whole round: a province has
 * 330,000 scores and 26,400 field indexes, which bigint and Ratio objects make slow. The values are the
 * exact ones decimal.ts gives; only the representation differs.
 *
 * A double holds every integer of magnitude up to 2^53 − 1 (Number.MAX_SAFE_INTEGER) exactly, and the sum,
 * difference and product of two such integers exactly whenever the result is within that bound. Every
 * function here checks the bound it relies on, and goes through bigint (or throws, for a sum) beyond it, so
 * nothing is ever rounded silently. In practice the bound is never approached: a leaf is worth at most
 * 10,000 points (1,000,000 hundredths), and a framework lists fewer than 15 million leaves (each takes
 * more than 36 characters of the JSON body, and a string holds fewer than 2^29), so a unit's points stay
 * below 1.5 × 10^13 hundredths, some 600 times below 2^53.
 *
 * Points that are not whole hundredths (survey leaves, and ratio leaves scored in proportion to a target)
 * add an exact fraction: ExactSum keeps it as a bigint numerator and denominator beside the whole part.
 */
import type { Ratio } from './ratio.js'

const MAX = Number.MAX_SAFE_INTEGER

/** Below this magnitude, points × 20,000 (the index's half-up step) stays within 2^52. */
const INDEX_SAFE_POINTS = 2 ** 52 / 20_000

const DIGIT_0 = 48
const DOT = 46
const MINUS = 45

/**
 * "7.58" → 758, "10.00" → 1000, "0" → 0, "-1.5" → -150: a decimal with at most two decimals, as PostgreSQL
 * prints a numeric(12, 2) (a sum or a coalesce with 0 may print fewer decimals). Anything else throws.
 * `start` and `end` read a part of a longer text in place.
 */
export function readHundredths(text: string, start = 0, end = text.length): number {
  const negative = text.charCodeAt(start) === MINUS
  const from = negative ? start + 1 : start
  let dot = from
  let whole = 0
  for (let digit = digitAt(text, dot); dot < end && digit >= 0; digit = digitAt(text, ++dot)) whole = whole * 10 + digit
  const cents = whole * 100 + decimals(text, dot, end)
  if (dot === from || !(cents <= MAX))
    throw new RangeError(`"${text.slice(start, end)}" is not a decimal with at most two decimals`)
  return negative && cents !== 0 ? -cents : cents
}

/** The digit at `i`, or -1. */
function digitAt(text: string, i: number): number {
  const digit = text.charCodeAt(i) - DIGIT_0
  return digit >= 0 && digit <= 9 ? digit : -1
}

/** The hundredths of "", ".5" or ".25" from `at` to `end`; NaN for anything else. */
function decimals(text: string, at: number, end: number): number {
  if (at === end) return 0
  if (text.charCodeAt(at) !== DOT || end - at < 2 || end - at > 3) return NaN
  const tenths = digitAt(text, at + 1)
  const hundredths = end - at === 3 ? digitAt(text, at + 2) : 0
  return tenths < 0 || hundredths < 0 ? NaN : tenths * 10 + hundredths
}

/** a + b for integers, exact: throws rather than round when the sum leaves the safe range. */
export function addWhole(a: number, b: number): number {
  const s = a + b
  if (s > MAX || s < -MAX) throw new RangeError(`A sum of hundredths (${a} + ${b}) is beyond 2^53`)
  return s
}

/** The JSON number of a whole number of hundredths: a correctly rounded division is the double nearest the decimal. */
export const hundredthsJson = (h: number): number => {
  if (h <= MAX && h >= -MAX) return h / 100
  throw new RangeError(`${h} hundredths cannot be published exactly`)
}

/** ⌊a ÷ b⌋ for integers 0 ≤ a ≤ 2^52, 0 < b ≤ 2^52: the float quotient is off by at most one, corrected. */
function floorDivide(a: number, b: number): number {
  let q = Math.floor(a / b)
  const r = a - q * b
  if (r < 0) q -= 1
  else if (r >= b) q += 1
  return q
}

/** n ÷ d rounded half away from zero, for integers (d > 0) given as bigint. */
export function roundHalfUpBig(n: bigint, d: bigint): bigint {
  const magnitude = n < 0n ? -n : n
  const q = (2n * magnitude + d) / (2n * d)
  return n < 0n ? -q : q
}

/**
 * points ÷ max × 100 in hundredths, rounded half-up (a negative value half away from zero): the published
 * index of whole-hundredth points. Null when max is 0. The same value as indexOf then roundHalfUp.
 */
export function roundedIndex(points: number, max: number): number | null {
  if (max === 0) return null
  const magnitude = points < 0 ? -points : points
  if (magnitude <= INDEX_SAFE_POINTS && max <= INDEX_SAFE_POINTS && max > 0) {
    // index hundredths = points × 10,000 ÷ max; half-up is ⌊(2n + d) ÷ 2d⌋ for n ≥ 0.
    const q = floorDivide(2 * magnitude * 10_000 + max, 2 * max)
    return points < 0 ? -q : q
  }
  return Number(roundHalfUpBig(BigInt(points) * 10_000n, BigInt(max)))
}

/**
 * An exact number of hundredths: a whole part (a number) and a fraction num ÷ den (bigint, den > 0, kept
 * unreduced: only rounding reads it). Fractions with the same denominator add without growing it.
 */
export class ExactSum {
  whole = 0
  num = 0n
  den = 1n

  addWhole(h: number): void {
    this.whole = addWhole(this.whole, h)
  }

  /** Adds num ÷ den hundredths (den > 0). */
  addFraction(num: bigint, den: bigint): void {
    if (num === 0n) return
    if (den === this.den) this.num += num
    else if (this.num === 0n) {
      this.num = num
      this.den = den
    } else {
      this.num = this.num * den + num * this.den
      this.den *= den
    }
  }

  /** Adds an exact number of points (a Ratio in points, as decimal.ts holds them). */
  addPoints(points: Ratio): void {
    if (points.den === 1n) this.addWhole(Number(points.num) * 100)
    else this.addFraction(points.num * 100n, points.den)
  }

  add(other: ExactSum): void {
    this.addWhole(other.whole)
    this.addFraction(other.num, other.den)
  }

  /** True when the value is a whole number of hundredths held in `whole` alone. */
  get isWhole(): boolean {
    return this.num === 0n
  }

  /** The value rounded half-up to whole hundredths. */
  rounded(): number {
    if (this.num === 0n) return this.whole
    return Number(roundHalfUpBig(BigInt(this.whole) * this.den + this.num, this.den))
  }

  /** The published index of these points against `max` hundredths: rounded half-up; null when max is 0. */
  index(max: number): number | null {
    if (this.num === 0n) return roundedIndex(this.whole, max)
    if (max === 0) return null
    const exact = BigInt(this.whole) * this.den + this.num
    return Number(roundHalfUpBig(exact * 10_000n, this.den * BigInt(max)))
  }
}

/** A bigint number of hundredths as a number, exact: throws beyond 2^53 rather than round. */
export function safeNumber(h: bigint): number {
  const n = Number(h)
  if (n > MAX || n < -MAX) throw new RangeError(`${h} hundredths is beyond 2^53`)
  return n
}

/** A published two-decimal number back to whole hundredths (exact for magnitudes below 9 × 10^13). */
export function numberHundredths(value: number): number {
  if (Math.abs(value) < 9e13) return Math.round(value * 100)
  throw new RangeError(`${value} is too large to read as hundredths`)
}

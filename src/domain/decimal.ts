/**
 * Decimals as users write and read them: at most two decimals, held as integer hundredths (bigint),
 * and the single rounding step from an exact Ratio to the published two-decimal value.
 */
import { type Ratio, ratio } from './ratio.js'

export { type Ratio, ratio, add, sub, mul, div, compare, sum, mean, gcd, ZERO } from './ratio.js'

export class DecimalFormatError extends RangeError {
  override name = 'DecimalFormatError'
}

const TWO_DECIMALS = /^(-?)(\d+)(?:\.(\d{1,2}))?$/
const MORE_DECIMALS = /^-?\d+\.\d{3,}$/

/**
 * "1.5" → 150n, "-0.5" → -50n, 1.25 → 125n. A JS number is read through its shortest decimal form
 * (String(n)), which is what the user typed in the JSON: 1.1 → 110n, while 1.005 is rejected rather than
 * silently rounded. Exponents ("1e2", and the forms String() gives for very large or tiny numbers), a
 * leading "+" or ".", surrounding spaces, NaN and Infinity are rejected: the caller trims and reports.
 */
export function parseHundredths(value: string | number): bigint {
  let text: string
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new DecimalFormatError(`${value} is not a decimal number`)
    text = String(value)
  } else if (typeof value === 'string') {
    text = value
  } else {
    throw new DecimalFormatError(`Expected a decimal number, got ${typeof value}`)
  }
  const match = TWO_DECIMALS.exec(text)
  if (match === null) {
    if (MORE_DECIMALS.test(text)) throw new DecimalFormatError(`${text} has more than two decimals`)
    throw new DecimalFormatError(`"${text}" is not a decimal number`)
  }
  const [, sign = '', whole = '0', fraction = ''] = match
  const hundredths = BigInt(whole) * 100n + BigInt(fraction.padEnd(2, '0') || '0')
  return sign === '-' ? -hundredths : hundredths
}

export function hasAtMostTwoDecimals(value: number | string): boolean {
  try {
    parseHundredths(value)
    return true
  } catch {
    return false
  }
}

/** 8875n → "88.75", 10000n → "100.00", 5n → "0.05", -150n → "-1.50": always two decimals, as published. */
export function hundredthsToString(h: bigint): string {
  const negative = h < 0n
  const magnitude = negative ? -h : h
  const cents = (magnitude % 100n).toString().padStart(2, '0')
  return `${negative ? '-' : ''}${magnitude / 100n}.${cents}`
}

/**
 * The JSON value: the double nearest the two-decimal value, so JSON.stringify prints exactly "88.75".
 * Going through the string keeps that true beyond 2^53 hundredths too.
 */
export function hundredthsToNumber(h: bigint): number {
  return Number(hundredthsToString(h))
}

export function fromHundredths(h: bigint): Ratio {
  return ratio(h, 100n)
}

/**
 * The one rounding step: r to integer hundredths, halves away from zero. For the non-negative values the
 * domain publishes this is the usual half-up (84.925 → 84.93); a negative value (a difference) rounds
 * symmetrically (-84.925 → -84.93), so negating an input negates the output.
 */
export function roundHalfUp(r: Ratio): bigint {
  const scaled = (r.num < 0n ? -r.num : r.num) * 100n
  let q = scaled / r.den
  if ((scaled % r.den) * 2n >= r.den) q += 1n
  return r.num < 0n ? -q : q
}

/**
 * Exact rational numbers. Every score, index and rate a user sees passes through these, because binary
 * floats cannot hold 0.1 and would turn a 0.005 boundary into a coin toss.
 */

/** Invariant: den > 0 and gcd(|num|, den) = 1, so equal values have equal fields and compare with ===. */
export type Ratio = { readonly num: bigint; readonly den: bigint }

const abs = (n: bigint): bigint => (n < 0n ? -n : n)

export function gcd(a: bigint, b: bigint): bigint {
  let x = abs(a)
  let y = abs(b)
  while (y !== 0n) [x, y] = [y, x % y]
  return x
}

export function ratio(num: bigint, den: bigint = 1n): Ratio {
  if (den === 0n) throw new RangeError('A ratio cannot have a zero denominator')
  const sign = den < 0n ? -1n : 1n
  const g = gcd(num, den)
  return { num: (sign * num) / g, den: (sign * den) / g }
}

export const ZERO: Ratio = Object.freeze(ratio(0n))

export function add(a: Ratio, b: Ratio): Ratio {
  // Equal denominators are the common case (hundredths): skipping the cross product keeps numbers small.
  if (a.den === b.den) return ratio(a.num + b.num, a.den)
  return ratio(a.num * b.den + b.num * a.den, a.den * b.den)
}

export function sub(a: Ratio, b: Ratio): Ratio {
  return add(a, { num: -b.num, den: b.den })
}

export function mul(a: Ratio, b: Ratio): Ratio {
  return ratio(a.num * b.num, a.den * b.den)
}

export function div(a: Ratio, b: Ratio): Ratio {
  if (b.num === 0n) throw new RangeError('Division by zero')
  return ratio(a.num * b.den, a.den * b.num)
}

export function compare(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const left = a.num * b.den
  const right = b.num * a.den
  return left < right ? -1 : left > right ? 1 : 0
}

export function sum(list: Iterable<Ratio>): Ratio {
  let total = ZERO
  for (const r of list) total = add(total, r)
  return total
}

/** null for an empty list: "no values" must stay distinguishable from a mean of 0. */
export function mean(list: readonly Ratio[]): Ratio | null {
  if (list.length === 0) return null
  return div(sum(list), ratio(BigInt(list.length)))
}

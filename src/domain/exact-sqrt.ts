/**
 * Square roots rounded exactly. A standard deviation is published with two decimals; taking Math.sqrt of
 * a float variance can land on the wrong side of a half-hundredth, so the rounding is done on integers.
 */
import type { Ratio } from './ratio.js'

/** floor(sqrt(n)) for n ≥ 0, by Newton's method on integers. */
export function isqrt(n: bigint): bigint {
  if (n < 0n) throw new RangeError('isqrt of a negative number')
  if (n < 2n) return n
  // Start above the root (2^(ceil(bits/2)) ≥ sqrt(n)); from there Newton's steps decrease to the floor.
  let x = 1n << BigInt((n.toString(2).length + 1) >> 1)
  for (;;) {
    const y = (x + n / x) >> 1n
    if (y >= x) return x
    x = y
  }
}

/**
 * floor(sqrt(x) + 1/2) for a rational x = a/b ≥ 0, i.e. sqrt(x) rounded half-up to an integer.
 *
 * Why floor((isqrt(floor(4a/b)) + 1) / 2): let m be the answer, so 2m - 1 ≤ 2·sqrt(x) < 2m + 1, and
 * 2·sqrt(x) = sqrt(4x). Since floor(sqrt(y)) = floor(sqrt(floor(y))) for y ≥ 0, k = isqrt(floor(4x)) is
 * floor(sqrt(4x)), an integer in [2m - 1, 2m]; both give floor((k + 1) / 2) = m. An exact half
 * (sqrt(4x) = 2m - 1) gives k = 2m - 1 and so rounds up.
 */
export function roundHalfUpSqrt(x: Ratio): bigint {
  if (x.num < 0n) throw new RangeError('Square root of a negative number')
  return (isqrt((4n * x.num) / x.den) + 1n) / 2n
}

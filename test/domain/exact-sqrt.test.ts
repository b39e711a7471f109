import t from 'tap'
import { isqrt, roundHalfUpSqrt } from '../../src/domain/exact-sqrt.js'
import { ratio } from '../../src/domain/ratio.js'

t.test('isqrt is the floor of the square root', async (t) => {
  for (let n = 0n; n < 2000n; n++) {
    const r = isqrt(n)
    if (!(r * r <= n && (r + 1n) * (r + 1n) > n)) t.fail(`isqrt(${n}) = ${r}`)
  }
  const big = 123456789012345678901234567890n
  for (const n of [big * big - 1n, big * big, big * big + 1n]) {
    const r = isqrt(n)
    t.ok(r * r <= n && (r + 1n) * (r + 1n) > n, `around ${big}²`)
  }
  t.throws(() => isqrt(-1n), RangeError)
})

t.test('rounded square roots turn up exactly at a half', async (t) => {
  t.equal(roundHalfUpSqrt(ratio(9n, 4n)), 2n, 'sqrt = 1.5 exactly rounds up')
  t.equal(roundHalfUpSqrt(ratio(8999n, 4000n)), 1n, 'just under 1.5')
  t.equal(roundHalfUpSqrt(ratio(0n)), 0n)
  t.equal(roundHalfUpSqrt(ratio(1n, 4n)), 1n, 'sqrt = 0.5')
  t.equal(roundHalfUpSqrt(ratio(1n, 5n)), 0n)
  // Against the definition: the answer m has (m - 1/2)² ≤ x < (m + 1/2)², i.e. (2m-1)² ≤ 4x < (2m+1)².
  for (let num = 0n; num < 400n; num++) {
    for (const den of [1n, 3n, 7n, 9n, 100n]) {
      const m = roundHalfUpSqrt(ratio(num, den))
      const x4 = 4n * num
      const ok = (m === 0n || (2n * m - 1n) ** 2n * den <= x4) && x4 < (2n * m + 1n) ** 2n * den
      if (!ok) t.fail(`${num}/${den} → ${m}`)
    }
  }
  t.throws(() => roundHalfUpSqrt(ratio(-1n)), RangeError)
})

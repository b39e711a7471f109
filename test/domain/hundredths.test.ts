import t from 'tap'
import { fromHundredths, roundHalfUp } from '../../src/domain/decimal.js'
import {
  addWhole,
  ExactSum,
  hundredthsJson,
  numberHundredths,
  readHundredths,
  roundedIndex,
  safeNumber,
} from '../../src/domain/hundredths.js'
import { indexOf } from '../../src/domain/par-index.js'
import { ratio } from '../../src/domain/ratio.js'

/** The published index as the exact Ratio arithmetic gives it: the reference for the fast path. */
const exactIndex = (points: bigint, max: bigint) => {
  const r = indexOf(fromHundredths(points), fromHundredths(max))
  return r === null ? null : roundHalfUp(r)
}

t.test('decimals as PostgreSQL prints them read as whole hundredths', async (t) => {
  t.equal(readHundredths('7.58'), 758)
  t.equal(readHundredths('10.00'), 1000)
  t.equal(readHundredths('0'), 0)
  t.equal(readHundredths('7.5'), 750)
  t.equal(readHundredths('-1.25'), -125)
  t.equal(readHundredths('9999999999.99'), 999_999_999_999)
  t.ok(Object.is(readHundredths('-0.00'), 0), '−0.00 is 0, not −0')
})

t.test('a decimal is read in place inside a longer text', async (t) => {
  const text = '1.25,10.00,0'
  t.same([readHundredths(text, 0, 4), readHundredths(text, 5, 10), readHundredths(text, 11, 12)], [125, 1000, 0])
})

t.test('anything but a decimal with at most two decimals is refused', async (t) => {
  for (const text of ['', '-', '.5', '1.', '1.005', '1e2', '1,5', ' 1', 'NaN', '--1', '1.2.3', '99999999999999999'])
    t.throws(() => readHundredths(text), RangeError, JSON.stringify(text))
})

t.test('a sum of hundredths beyond 2^53 throws rather than round', async (t) => {
  t.equal(addWhole(Number.MAX_SAFE_INTEGER - 1, 1), Number.MAX_SAFE_INTEGER)
  t.throws(() => addWhole(Number.MAX_SAFE_INTEGER, 1), RangeError)
  t.throws(() => addWhole(-Number.MAX_SAFE_INTEGER, -1), RangeError)
  t.throws(() => safeNumber(2n ** 53n), RangeError)
  t.equal(safeNumber(-(2n ** 53n - 1n)), -Number.MAX_SAFE_INTEGER)
})

t.test('an index of exactly x.xx5 rounds half-up: 67.94 of 80 is 84.93', async (t) => {
  t.equal(roundedIndex(6794, 8000), 8493)
  t.equal(roundedIndex(2, 3), 6667, '2 of 3 hundredths is 66.666…')
  t.equal(roundedIndex(1, 8), 1250)
  t.equal(roundedIndex(8875, 10000), 8875)
  t.equal(roundedIndex(-6794, 8000), -8493, 'a negative half rounds away from zero')
})

t.test('nothing applicable (a maximum of 0) has no index, not an index of 0', async (t) => {
  t.equal(roundedIndex(0, 0), null)
  t.equal(new ExactSum().index(0), null)
})

t.test('the index matches the exact Ratio arithmetic on every pair of small points and maxima', async (t) => {
  let checked = 0
  for (let max = 1; max <= 120; max++) {
    for (let points = 0; points <= max; points++) {
      if (roundedIndex(points, max) !== Number(exactIndex(BigInt(points), BigInt(max)))) t.fail(`${points} of ${max}`)
      checked++
    }
  }
  t.equal(checked, 7380)
})

t.test('points too large for the float path give the exact index through bigint', async (t) => {
  const points = 2 ** 52 + 1
  const max = 2 ** 52 + 7
  t.equal(roundedIndex(points, max), Number(exactIndex(BigInt(points), BigInt(max))))
  t.equal(roundedIndex(450_000_000_001, 900_000_000_003), 5000)
})

t.test('an exact sum keeps fractions of a hundredth until it is rounded once', async (t) => {
  // Three survey leaves of 1 point at 2/3 satisfaction: 66.666… hundredths each, 200 together.
  const sum = new ExactSum()
  for (let i = 0; i < 3; i++) sum.addPoints(ratio(2n, 3n))
  t.equal(sum.rounded(), 200)
  t.equal(sum.index(300), 6667)
  const half = new ExactSum()
  half.addWhole(8492)
  half.addFraction(1n, 2n)
  t.equal(half.rounded(), 8493, '84.925 → 84.93')
  t.notOk(half.isWhole)
})

t.test('fractions with different denominators add exactly', async (t) => {
  const sum = new ExactSum()
  sum.addFraction(1n, 3n)
  sum.addFraction(1n, 6n)
  sum.addFraction(1n, 6n)
  sum.addWhole(10)
  t.equal(sum.rounded(), 11, '10 + 2/3 rounds to 11')
  const other = new ExactSum()
  other.addFraction(5n, 2n)
  sum.add(other)
  t.equal(sum.rounded(), 13, '10 + 2/3 + 5/2 = 13.1666… hundredths → 13')
  t.equal(sum.index(1000), 132, '0.131666… points of 10 is 1.31666… % → 1.32')
})

t.test('whole points in a Ratio add as whole hundredths', async (t) => {
  const sum = new ExactSum()
  sum.addPoints(ratio(3n))
  t.ok(sum.isWhole)
  t.equal(sum.rounded(), 300)
})

t.test('hundredths become the JSON number of their decimal, and back', async (t) => {
  t.equal(
    JSON.stringify([hundredthsJson(8875), hundredthsJson(10000), hundredthsJson(5), hundredthsJson(-383)]),
    '[88.75,100,0.05,-3.83]',
  )
  for (let h = -2000; h <= 12000; h++) if (numberHundredths(hundredthsJson(h)) !== h) t.fail(`${h}`)
  t.throws(() => hundredthsJson(2 ** 53), RangeError)
  t.throws(() => numberHundredths(1e14), RangeError)
})

import t from 'tap'
import {
  DecimalFormatError,
  add,
  compare,
  div,
  fromHundredths,
  hasAtMostTwoDecimals,
  hundredthsToNumber,
  hundredthsToString,
  mean,
  mul,
  parseHundredths,
  ratio,
  roundHalfUp,
  sub,
  sum,
} from '../../src/domain/decimal.js'

t.test('scores are read as users write them, to exact hundredths', async (t) => {
  t.equal(parseHundredths('1.5'), 150n)
  t.equal(parseHundredths('1.25'), 125n)
  t.equal(parseHundredths('100'), 10000n)
  t.equal(parseHundredths('-0.5'), -50n)
  t.equal(parseHundredths('0.05'), 5n)
  t.equal(parseHundredths(1.25), 125n)
  t.equal(parseHundredths(1.1), 110n, 'the number typed, not the binary float behind it')
  t.equal(parseHundredths(0.3), 30n)
  t.equal(parseHundredths(0), 0n)
  t.equal(parseHundredths(-0), 0n)
})

t.test('anything but a plain decimal with at most two decimals is refused', async (t) => {
  for (const bad of [
    1.005,
    '1.005',
    '1e2',
    1e21,
    1e-7,
    'abc',
    '',
    ' 1',
    '1 ',
    '+1',
    '.5',
    '1.',
    '1,5',
    NaN,
    Infinity,
    -Infinity,
  ]) {
    t.throws(() => parseHundredths(bad), DecimalFormatError, JSON.stringify(String(bad)))
    t.equal(hasAtMostTwoDecimals(bad), false)
  }
  t.throws(() => parseHundredths('1.005'), { message: /more than two decimals/ })
  t.equal(hasAtMostTwoDecimals(1.5), true)
  t.equal(hasAtMostTwoDecimals('99.99'), true)
})

t.test('published values always show two decimals', async (t) => {
  t.equal(hundredthsToString(8875n), '88.75')
  t.equal(hundredthsToString(10000n), '100.00')
  t.equal(hundredthsToString(5n), '0.05')
  t.equal(hundredthsToString(0n), '0.00')
  t.equal(hundredthsToString(-150n), '-1.50')
  t.equal(hundredthsToString(-5n), '-0.05')
  t.equal(hundredthsToNumber(8875n), 88.75)
  t.equal(JSON.stringify(hundredthsToNumber(8492n)), '84.92')
  t.equal(JSON.stringify(hundredthsToNumber(30n)), '0.3', 'not 0.30000000000000004')
})

t.test('ten leaves of 0.1 sum to exactly 1.00', async (t) => {
  const leaves = Array.from({ length: 10 }, () => fromHundredths(parseHundredths(0.1)))
  const total = sum(leaves)
  t.same(total, ratio(1n))
  t.equal(hundredthsToString(roundHalfUp(total)), '1.00')
  t.equal(compare(add(fromHundredths(10n), fromHundredths(20n)), fromHundredths(30n)), 0, '0.1 + 0.2 is 0.3')
})

t.test('a value at x.xx5 before rounding rounds up, once, at output', async (t) => {
  t.equal(roundHalfUp(ratio(84925n, 1000n)), 8493n)
  t.equal(roundHalfUp(ratio(84924999n, 1000000n)), 8492n)
  t.equal(roundHalfUp(ratio(2n, 3n)), 67n)
  t.equal(roundHalfUp(ratio(200n, 3n)), 6667n)
  t.equal(roundHalfUp(ratio(1n, 200n)), 1n, '0.005 → 0.01')
  t.equal(roundHalfUp(ratio(-84925n, 1000n)), -8493n, 'negative halves round away from zero')
  t.equal(roundHalfUp(ratio(-1n, 3n)), -33n)
})

t.test('ratios are exact and normalised', async (t) => {
  t.same(ratio(2n, -4n), { num: -1n, den: 2n })
  t.same(ratio(0n, 7n), { num: 0n, den: 1n })
  t.throws(() => ratio(1n, 0n), RangeError)
  t.throws(() => div(ratio(1n), ratio(0n)), RangeError)
  t.same(sub(ratio(1n, 3n), ratio(1n, 6n)), ratio(1n, 6n))
  t.same(mul(ratio(2n, 3n), ratio(3n, 4n)), ratio(1n, 2n))
  t.same(div(ratio(1n, 3n), ratio(2n, 3n)), ratio(1n, 2n))
  t.equal(compare(ratio(1n, 3n), ratio(333n, 1000n)), 1)
  t.equal(compare(ratio(-1n, 2n), ratio(1n, 2n)), -1)
  t.same(sum([]), ratio(0n))
  t.equal(mean([]), null, 'no values is not a mean of zero')
  t.same(mean([fromHundredths(8492n), fromHundredths(8493n)]), ratio(84925n, 1000n))
})

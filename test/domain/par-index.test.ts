import t from 'tap'
import { fromHundredths, hundredthsToString, parseHundredths, roundHalfUp, sum } from '../../src/domain/decimal.js'
import { indexOf, surveyLeafPoints } from '../../src/domain/par-index.js'
import { ratio } from '../../src/domain/ratio.js'

const h = (text: string) => fromHundredths(parseHundredths(text))
const published = (r: ReturnType<typeof indexOf>) => (r === null ? null : hundredthsToString(roundHalfUp(r)))

t.test('an index of exactly 84.925 is published as 84.93', async (t) => {
  // 67.94 of 80 points is 84.925 %; in floats it is 84.92499999999999716, and toFixed(2) says "84.92".
  t.equal(published(indexOf(h('67.94'), h('80'))), '84.93')
  t.equal(published(indexOf(h('2'), h('3'))), '66.67')
  t.equal(published(indexOf(h('88.75'), h('100'))), '88.75')
})

t.test('a framework whose leaves sum to 99.99 has a maximum of exactly 99.99', async (t) => {
  const leaves = ['33.33', '33.33', '33.33'].map(h)
  const max = sum(leaves)
  t.equal(hundredthsToString(roundHalfUp(max)), '99.99')
  t.equal(published(indexOf(max, max)), '100.00', 'full marks is 100.00, not 99.99… or 100.01')
})

t.test('the index is computed from exact points, never from rounded ones', async (t) => {
  // Three survey leaves of 1 point at a 2/3 satisfaction: 0.666… each, 2.00 together, not 3 × 0.67.
  const points = sum([1, 2, 3].map(() => surveyLeafPoints(100n, ratio(200n, 3n))))
  t.same(points, ratio(2n))
  t.equal(published(indexOf(points, h('3'))), '66.67')
})

t.test('a unit with every leaf not applicable has no index', async (t) => {
  t.equal(indexOf(ratio(0n), ratio(0n)), null)
  t.equal(published(indexOf(ratio(0n), h('10'))), '0.00', 'scoring zero is an index of 0, not none')
})

t.test('survey leaves earn maximum × satisfaction ÷ 100', async (t) => {
  t.same(surveyLeafPoints(500n, ratio(9602n, 100n)), ratio(4801n, 1000n), '5 points at 96.02 → 4.801')
  t.same(surveyLeafPoints(500n, null), ratio(0n), 'no survey answers earn nothing')
  t.same(surveyLeafPoints(250n, ratio(100n)), ratio(5n, 2n))
})

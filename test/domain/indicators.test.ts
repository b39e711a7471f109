import t from 'tap'
import { hundredthsToString, roundHalfUp, type Ratio } from '../../src/domain/decimal.js'
import {
  countsScorer,
  indicatorRate,
  type HundredthsFraction,
  ratioLeafOutcome,
  ratioPoints,
  ratioRuleIssues,
  type RatioRule,
} from '../../src/domain/indicators.js'

const onTime: RatioRule = {
  label: 'Hồ sơ giải quyết đúng hạn',
  scoring: {
    kind: 'tiers',
    tiers: [
      { min: 95, points: 0.5 },
      { min: 100, points: 1 },
    ],
  },
}
const online: RatioRule = { label: 'Trực tuyến mức độ 3, 4', scoring: { kind: 'proportional', target: 75 } }
const text = (r: Ratio | null) => (r === null ? null : hundredthsToString(roundHalfUp(r)))
const exact = (r: Ratio) => `${r.num}/${r.den}`
const tierPoints = (numerator: bigint, denominator: bigint) =>
  text(ratioPoints(onTime, 100n, indicatorRate(numerator, denominator)!))

t.test('a tier is reached at exactly its min: 19/20 = 95.00 % earns the 95 tier', async (t) => {
  t.equal(text(indicatorRate(19n, 20n)), '95.00')
  t.equal(tierPoints(19n, 20n), '0.50')
})

t.test('a rate just below a tier does not reach it: 1899/2000 = 94.95 % earns 0', async (t) => {
  t.equal(exact(indicatorRate(1899n, 2000n)!), '1899/20')
  t.equal(tierPoints(1899n, 2000n), '0.00')
})

t.test('a rate that rounds to a tier min but is below it earns the tier below: 949999/1000000', async (t) => {
  t.equal(text(indicatorRate(949_999n, 1_000_000n)), '95.00', 'published as 95.00')
  t.equal(tierPoints(949_999n, 1_000_000n), '0.00', 'scored on the exact 94.9999 %')
})

t.test('the highest tier reached wins, whatever the order the tiers are given in', async (t) => {
  t.equal(tierPoints(1000n, 1000n), '1.00')
  t.equal(tierPoints(999n, 1000n), '0.50')
})

t.test('proportional points are exact below the target and capped at maxPoints from the target on', async (t) => {
  // 2.5 × (50 ÷ 75) = 5/3 exactly, not 1.67
  t.equal(exact(ratioPoints(online, 250n, indicatorRate(1n, 2n)!)), '5/3')
  t.equal(text(ratioPoints(online, 250n, indicatorRate(3n, 4n)!)), '2.50')
  t.equal(text(ratioPoints(online, 250n, indicatorRate(1n, 1n)!)), '2.50')
  t.equal(text(ratioPoints(online, 250n, indicatorRate(0n, 7n)!)), '0.00')
})

t.test('a denominator of 0 makes the leaf not applicable, with no rate', async (t) => {
  t.equal(indicatorRate(0n, 0n), null)
  t.match(ratioLeafOutcome(onTime, 100n, { numerator: 0n, denominator: 0n }, null), {
    applicable: false,
    rate: null,
    computed: null,
    provisional: false,
  })
})

t.test(
  'an appraised score overrides the computed points; without counts or appraisal the leaf is provisional',
  async (t) => {
    const counts = { numerator: 19n, denominator: 20n }
    const appraised = ratioLeafOutcome(onTime, 100n, counts, 80n)
    t.equal(text(appraised.computed), '0.50')
    t.equal(text(appraised.points), '0.80')
    t.equal(appraised.provisional, false)
    t.match(ratioLeafOutcome(onTime, 100n, null, null), { applicable: true, computed: null, provisional: true })
    t.equal(text(ratioLeafOutcome(onTime, 100n, null, null).points), '0.00')
    t.equal(ratioLeafOutcome(onTime, 100n, null, 50n).provisional, false)
  },
)

t.test('rule checks: tier points above maxPoints, duplicate min, min above 100, more than two decimals', async (t) => {
  const rule: RatioRule = {
    label: 'x',
    scoring: {
      kind: 'tiers',
      tiers: [
        { min: 100, points: 1.5 },
        { min: 100, points: 0.5 },
        { min: 100.01, points: 0.25 },
        { min: 90.005, points: 0.125 },
      ],
    },
  }
  t.same(
    ratioRuleIssues(rule, 100n, '/ratio').map((i) => `${i.pointer} ${i.code}`),
    [
      '/ratio/scoring/tiers/0/points above-maximum',
      '/ratio/scoring/tiers/1/min duplicate',
      '/ratio/scoring/tiers/2/min out-of-range',
      '/ratio/scoring/tiers/3/min too-many-decimals',
      '/ratio/scoring/tiers/3/points too-many-decimals',
    ],
  )
})

t.test('rule checks: a target of 0 or less, above 100, or with more than two decimals', async (t) => {
  const issues = (target: number) =>
    ratioRuleIssues({ label: 'x', scoring: { kind: 'proportional', target } }, 100n, '/ratio').map((i) => i.code)
  t.same(issues(0), ['out-of-range'])
  t.same(issues(-5), ['out-of-range'])
  t.same(issues(100.01), ['out-of-range'])
  t.same(issues(75.125), ['too-many-decimals'])
  t.same(issues(100), [])
  t.same(issues(0.01), [])
})

t.test('scoring counts gives the points of scoring their exact rate, tier and proportional alike', async (t) => {
  const scoreExactly = (rule: RatioRule, max: bigint, n: number, d: number) =>
    ratioPoints(rule, max, indicatorRate(BigInt(n), BigInt(d))!)
  const asRatio = (points: number | HundredthsFraction) =>
    typeof points === 'number' ? `${points}/100` : `${points.num}/${points.den * 100n}`
  const same = (a: Ratio, b: number | HundredthsFraction) => {
    const [num, den] = asRatio(b).split('/').map(BigInt) as [bigint, bigint]
    return a.num * den === num * a.den
  }
  const pairs = [1, 3, 7, 20, 200, 2000, 1_000_000].flatMap((d) =>
    [0, 1, Math.floor(d / 3), Math.floor((d * 19) / 20), d - 1, d].map((n) => [n, d] as const),
  )
  let checked = 0
  for (const [rule, max] of [
    [onTime, 100n],
    [online, 250n],
    [{ label: 'x', scoring: { kind: 'proportional', target: 33.33 } }, 175n],
    [
      {
        label: 'y',
        scoring: {
          kind: 'tiers',
          tiers: [
            { min: 0, points: 0.05 },
            { min: 95.5, points: 1.5 },
          ],
        },
      },
      200n,
    ],
  ] as Array<[RatioRule, bigint]>) {
    const score = countsScorer(rule, Number(max))
    for (const [n, d] of pairs) {
      if (!same(scoreExactly(rule, max, n, d), score(n, d))) t.fail(`${rule.label} ${n}/${d}`)
      checked++
    }
  }
  t.equal(checked, 4 * pairs.length)
})

t.test(
  'counts reach a tier exactly at its min, never by rounding: 19/20 yes, 1899/2000 and 949,999/1,000,000 no',
  async (t) => {
    const score = countsScorer(onTime, 100)
    t.equal(score(19, 20), 50)
    t.equal(score(1899, 2000), 0)
    t.equal(score(949_999, 1_000_000), 0)
    t.equal(score(20, 20), 100)
  },
)

t.test('proportional counts below the target earn an exact fraction, at or above it the maximum', async (t) => {
  const score = countsScorer(online, 200)
  t.same(score(2, 3), { num: 200n * 10_000n * 2n, den: 7500n * 3n }, '2/3 of a 75 % target: 16/9 points')
  t.equal(score(3, 4), 200)
  t.equal(score(0, 9), 0)
})

t.test('counts with denominators too large for exact float products are compared through bigint', async (t) => {
  const score = countsScorer(onTime, 100)
  const d = 9_000_000_000_000
  t.equal(score(d - 1, d), 50, '99.99…% reaches the 95 tier')
  t.equal(score((d / 100) * 95 - 1, d), 0, 'just below 95 %')
  t.equal(score((d / 100) * 95, d), 50, 'exactly 95 %')
})

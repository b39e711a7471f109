/**
 * Ratio criteria (docs/domain.md, "Ratio criteria"): a leaf scored from two counts other systems report
 * (dossiers resolved on time ÷ dossiers received), by tiers of the rate or in proportion to a target.
 * The rate stays an exact fraction until the leaf's points are found, and the points stay exact until
 * the index.
 */
import { compare, div, fromHundredths, mul, parseHundredths, ratio, ZERO, type Ratio } from './decimal.js'

export interface RatioTier {
  /** The lowest rate (a percentage, two decimals at most) that earns the tier's points. */
  min: number
  points: number
}

export type RatioScoring = { kind: 'tiers'; tiers: RatioTier[] } | { kind: 'proportional'; target: number }

export interface RatioRule {
  label: string
  scoring: RatioScoring
}

export interface RatioRuleIssue {
  pointer: string
  code: string
  message: string
}

const HUNDRED = ratio(100n)
const HUNDRED_PERCENT = 10_000n

const issue = (pointer: string, code: string, message: string): RatioRuleIssue => ({ pointer, code, message })

/** A percentage or points value of the rule in hundredths, or the issue that stops it being read. */
function hundredthsOf(value: number, at: string, issues: RatioRuleIssue[]): bigint | null {
  try {
    return parseHundredths(value)
  } catch {
    issues.push(issue(at, 'too-many-decimals', 'has more than two decimals'))
    return null
  }
}

/** One tier: `min` from 0 to 100 and not repeated, `points` from 0 to the leaf's maximum. */
function tierIssues(tier: RatioTier, at: string, maxHundredths: bigint | null, seen: Set<bigint>): RatioRuleIssue[] {
  const issues: RatioRuleIssue[] = []
  const min = hundredthsOf(tier.min, `${at}/min`, issues)
  if (min !== null && (min < 0n || min > HUNDRED_PERCENT))
    issues.push(issue(`${at}/min`, 'out-of-range', 'a rate threshold is a percentage from 0 to 100'))
  else if (min !== null && seen.has(min))
    issues.push(issue(`${at}/min`, 'duplicate', `another tier already starts at ${tier.min}`))
  if (min !== null) seen.add(min)
  const points = hundredthsOf(tier.points, `${at}/points`, issues)
  if (points !== null && points < 0n) issues.push(issue(`${at}/points`, 'below-zero', 'must be 0 or more'))
  else if (points !== null && maxHundredths !== null && points > maxHundredths)
    issues.push(issue(`${at}/points`, 'above-maximum', "must be at most the leaf's maxPoints"))
  return issues
}

/**
 * The rule of a ratio leaf at `at` (its `/ratio`), against the leaf's maximum (null when the maximum is
 * itself at fault). An empty list means the rule is valid.
 */
export function ratioRuleIssues(rule: RatioRule, maxHundredths: bigint | null, at: string): RatioRuleIssue[] {
  const { scoring } = rule
  if (scoring.kind === 'proportional') {
    const issues: RatioRuleIssue[] = []
    const target = hundredthsOf(scoring.target, `${at}/scoring/target`, issues)
    if (target !== null && (target <= 0n || target > HUNDRED_PERCENT))
      issues.push(issue(`${at}/scoring/target`, 'out-of-range', 'a target is a percentage above 0, at most 100'))
    return issues
  }
  const seen = new Set<bigint>()
  return scoring.tiers.flatMap((tier, i) => tierIssues(tier, `${at}/scoring/tiers/${i}`, maxHundredths, seen))
}

/** numerator ÷ denominator × 100, exact; null for a denominator of 0 (the leaf does not apply). */
export function indicatorRate(numerator: bigint, denominator: bigint): Ratio | null {
  return denominator === 0n ? null : mul(ratio(numerator, denominator), HUNDRED)
}

/** A rule made ready to score many rates: its thresholds and points read once, as exact fractions. */
export type RatioScorer = (rate: Ratio) => Ratio

/**
 * The points the rule gives an exact rate: the points of the highest tier whose `min` the rate reaches
 * (0 below every tier), or maxPoints × min(rate ÷ target, 1). Reads the rule once: score a period's
 * units with one scorer per leaf.
 */
export function ratioScorer(rule: RatioRule, maxHundredths: bigint): RatioScorer {
  const { scoring } = rule
  const max = fromHundredths(maxHundredths)
  if (scoring.kind === 'proportional') {
    const target = fromHundredths(parseHundredths(scoring.target))
    const perPercent = div(max, target)
    return (rate) => (compare(rate, target) >= 0 ? max : mul(perPercent, rate))
  }
  const tiers = scoring.tiers
    .map((tier) => ({
      min: fromHundredths(parseHundredths(tier.min)),
      points: fromHundredths(parseHundredths(tier.points)),
    }))
    .sort((a, b) => compare(b.min, a.min))
  return (rate) => tiers.find((tier) => compare(rate, tier.min) >= 0)?.points ?? ZERO
}

/** A fraction of hundredths, num ÷ den (den > 0): the exact points of a leaf scored in proportion to a target. */
export interface HundredthsFraction {
  num: bigint
  den: bigint
}

/**
 * The points a rule gives counts numerator ÷ denominator (denominator > 0, both whole and at most
 * 2^53 − 1, as the write path admits them): whole hundredths, or, in proportion to a target below it, an
 * exact fraction of hundredths. The same points as ratioScorer on the exact rate, without building it.
 */
export type CountsScorer = (numerator: number, denominator: number) => number | HundredthsFraction

/** Below this denominator, 10,000 × numerator and 10,000 × denominator are integers a double holds. */
const COUNTS_SAFE = 900_000_000_000

/** rate ≥ min, for the rate numerator ÷ denominator × 100 and `min` a percentage in hundredths (0..10,000). */
function reaches(numerator: number, denominator: number, minHundredths: number): boolean {
  if (denominator <= COUNTS_SAFE) return numerator * 10_000 >= minHundredths * denominator
  return BigInt(numerator) * 10_000n >= BigInt(minHundredths) * BigInt(denominator)
}

export function countsScorer(rule: RatioRule, maxHundredths: number): CountsScorer {
  const { scoring } = rule
  if (scoring.kind === 'proportional') {
    const target = parseHundredths(scoring.target)
    const targetHundredths = Number(target)
    // points = max × rate ÷ target; in hundredths, max × 10,000 × numerator ÷ (target × denominator).
    const perCount = BigInt(maxHundredths) * 10_000n
    return (numerator, denominator) =>
      reaches(numerator, denominator, targetHundredths)
        ? maxHundredths
        : numerator === 0
          ? 0
          : { num: perCount * BigInt(numerator), den: target * BigInt(denominator) }
  }
  const tiers = scoring.tiers
    .map((tier) => ({ min: Number(parseHundredths(tier.min)), points: Number(parseHundredths(tier.points)) }))
    .sort((a, b) => b.min - a.min)
  return (numerator, denominator) => tiers.find((tier) => reaches(numerator, denominator, tier.min))?.points ?? 0
}

/** One rate scored by a rule (see ratioScorer). */
export const ratioPoints = (rule: RatioRule, maxHundredths: bigint, rate: Ratio): Ratio =>
  ratioScorer(rule, maxHundredths)(rate)

/** A ratio leaf's counts as stored: both or neither. */
export interface IndicatorCounts {
  numerator: bigint
  denominator: bigint
}

export interface RatioLeafOutcome {
  /** false when the denominator is 0: the leaf leaves the unit's points and maximum. */
  applicable: boolean
  rate: Ratio | null
  /** The rule's points for the counts; null without counts or with a denominator of 0. */
  computed: Ratio | null
  /** The final points: the appraised score when there is one (the council's correction), else computed, else 0. */
  points: Ratio
  /** Neither counts nor an appraised score yet. */
  provisional: boolean
}

/** A ratio leaf of one unit: its rate, the rule's points, and the final points after any appraisal. */
export function ratioLeafOutcome(
  rule: RatioRule,
  maxHundredths: bigint,
  counts: IndicatorCounts | null,
  appraised: bigint | null,
): RatioLeafOutcome {
  const rate = counts === null ? null : indicatorRate(counts.numerator, counts.denominator)
  if (counts !== null && rate === null) {
    return { applicable: false, rate: null, computed: null, points: ZERO, provisional: false }
  }
  const computed = rate === null ? null : ratioPoints(rule, maxHundredths, rate)
  const points = appraised !== null ? fromHundredths(appraised) : (computed ?? ZERO)
  return { applicable: true, rate, computed, points, provisional: appraised === null && computed === null }
}

import { classify, type Band } from './bands.js'
import { add, fromHundredths, hundredthsToNumber, roundHalfUp, ZERO, type Ratio } from './decimal.js'
import { isLeaf, maxHundredths, type Criterion, type Leaf, type LeafMethod } from './framework.js'
import { ratioLeafOutcome, type IndicatorCounts, type RatioLeafOutcome, type RatioRule } from './indicators.js'
import { indexOf, surveyLeafPoints } from './par-index.js'

/** What is stored for one leaf of one unit, as hundredths. */
export interface LeafScore {
  self: bigint | null
  appraised: bigint | null
  notApplicable: boolean
  note: string | null
  evidence: string[] | null
  /** A ratio leaf's counts, both or neither. */
  numerator: bigint | null
  denominator: bigint | null
}

/** The satisfaction index linked to a survey leaf (an element's, or the overall one for null). */
export type SurveyIndexLookup = (element: string | null) => Ratio | null

export interface NodeResult {
  code: string
  title: string
  maxPoints: number
  points: number
  index: number | null
  children?: NodeResult[]
  method?: LeafMethod
  self?: number | null
  appraised?: number | null
  final?: number | null
  notApplicable?: boolean
  note?: string | null
  evidence?: string[] | null
  /** Ratio leaves only: the counts, the rate (null when the denominator is 0) and the rule's points. */
  numerator?: number | null
  denominator?: number | null
  rate?: number | null
  computedPoints?: number | null
}

export interface Scorecard {
  points: number
  maxPoints: number
  index: number | null
  band: { code: string; label: string } | null
  provisional: boolean
  criteria: NodeResult[]
}

interface Exact {
  points: Ratio
  max: bigint
  provisional: boolean
}

const sumExact = (parts: readonly Exact[]): Exact =>
  parts.reduce<Exact>(
    (acc, p) => ({
      points: add(acc.points, p.points),
      max: acc.max + p.max,
      provisional: acc.provisional || p.provisional,
    }),
    { points: ZERO, max: 0n, provisional: false },
  )

const toNumber = (h: bigint | null): number | null => (h === null ? null : hundredthsToNumber(h))

/** The published index of exact points over an exact maximum: rounded once, here. */
function publishedIndex(points: Ratio, max: bigint): bigint | null {
  const index = indexOf(points, fromHundredths(max))
  return index === null ? null : roundHalfUp(index)
}

interface LeafOutcome {
  points: Ratio
  /** The final score as displayed; null when the leaf does not apply. */
  final: number | null
  provisional: boolean
}

/** Final points of one applicable leaf: survey leaves from the satisfaction index, others appraised, else self. */
function leafOutcome(c: Leaf, max: bigint, stored: LeafScore | undefined, survey: SurveyIndexLookup): LeafOutcome {
  if (c.method === 'survey') {
    const index = survey(c.surveyElement)
    const points = surveyLeafPoints(max, index)
    return { points, final: hundredthsToNumber(roundHalfUp(points)), provisional: index === null }
  }
  const value = stored?.appraised ?? stored?.self ?? null
  return { points: fromHundredths(value ?? 0n), final: toNumber(value), provisional: stored?.appraised == null }
}

const NOT_APPLICABLE: LeafOutcome = { points: ZERO, final: null, provisional: false }

const rounded = (r: Ratio | null): number | null => (r === null ? null : hundredthsToNumber(roundHalfUp(r)))
const countOf = (n: bigint | null): number | null => (n === null ? null : Number(n))

/** The stored counts of a leaf, when both are there. */
const countsOf = (stored: LeafScore | undefined): IndicatorCounts | null =>
  stored?.numerator != null && stored.denominator != null
    ? { numerator: stored.numerator, denominator: stored.denominator }
    : null

/** The members only ratio leaves show: the counts, the rate and the rule's points. */
const ratioView = (stored: LeafScore | undefined, outcome: RatioLeafOutcome) => ({
  numerator: countOf(stored?.numerator ?? null),
  denominator: countOf(stored?.denominator ?? null),
  rate: rounded(outcome.rate),
  computedPoints: rounded(outcome.computed),
})

/**
 * A ratio leaf: the rule's points from the counts, overridden by an appraised score; not applicable
 * when marked so or when the denominator is 0; provisional with neither counts nor an appraised score.
 */
function scoreRatioLeaf(c: Leaf, rule: RatioRule, stored: LeafScore | undefined): { exact: Exact; view: NodeResult } {
  const appraised = stored?.appraised ?? null
  const outcome = ratioLeafOutcome(rule, maxHundredths(c), countsOf(stored), appraised)
  const notApplicable = (stored?.notApplicable ?? false) || !outcome.applicable
  const max = notApplicable ? 0n : maxHundredths(c)
  const points = notApplicable ? ZERO : outcome.points
  const final = notApplicable ? null : (toNumber(appraised) ?? rounded(outcome.computed))
  const view: NodeResult = {
    ...leafView(c, stored, { max, points, final, notApplicable }),
    ...ratioView(stored, outcome),
  }
  return { exact: { points, max, provisional: !notApplicable && outcome.provisional }, view }
}

/** What every leaf shows. */
function leafView(
  c: Leaf,
  stored: LeafScore | undefined,
  shown: { max: bigint; points: Ratio; final: number | null; notApplicable: boolean },
): NodeResult {
  return {
    code: c.code,
    title: c.title,
    maxPoints: hundredthsToNumber(shown.max),
    points: hundredthsToNumber(roundHalfUp(shown.points)),
    index: toNumber(publishedIndex(shown.points, shown.max)),
    method: c.method,
    self: toNumber(stored?.self ?? null),
    appraised: toNumber(stored?.appraised ?? null),
    final: shown.final,
    notApplicable: shown.notApplicable,
    note: stored?.note ?? null,
    evidence: stored?.evidence ?? null,
  }
}

function scoreLeaf(
  c: Leaf,
  stored: LeafScore | undefined,
  survey: SurveyIndexLookup,
): { exact: Exact; view: NodeResult } {
  if (c.method === 'ratio' && c.ratio) return scoreRatioLeaf(c, c.ratio, stored)
  const notApplicable = stored?.notApplicable ?? false
  const max = notApplicable ? 0n : maxHundredths(c)
  const outcome = notApplicable ? NOT_APPLICABLE : leafOutcome(c, max, stored, survey)
  const view = leafView(c, stored, { max, points: outcome.points, final: outcome.final, notApplicable })
  return { exact: { points: outcome.points, max, provisional: outcome.provisional }, view }
}

/**
 * A unit's scorecard: final points per leaf (appraised, else self and provisional; survey leaves from
 * the satisfaction index), sums and sub-indexes on every node, and the unit's index and band. Points
 * stay exact until each displayed figure is rounded half-up on its own.
 */
export function buildScorecard(
  criteria: Criterion[],
  scores: ReadonlyMap<string, LeafScore>,
  bands: readonly Band[],
  survey: SurveyIndexLookup,
): Scorecard {
  const visit = (c: Criterion): { exact: Exact; view: NodeResult } => {
    if (isLeaf(c)) return scoreLeaf(c, scores.get(c.code), survey)
    const children = c.children.map(visit)
    const exact = sumExact(children.map((child) => child.exact))
    return {
      exact,
      view: {
        code: c.code,
        title: c.title,
        maxPoints: hundredthsToNumber(exact.max),
        points: hundredthsToNumber(roundHalfUp(exact.points)),
        index: toNumber(publishedIndex(exact.points, exact.max)),
        children: children.map((child) => child.view),
      },
    }
  }

  const nodes = criteria.map(visit)
  const total = sumExact(nodes.map((n) => n.exact))
  const index = publishedIndex(total.points, total.max)
  const band = index === null ? null : classify(index, bands)
  return {
    points: hundredthsToNumber(roundHalfUp(total.points)),
    maxPoints: hundredthsToNumber(total.max),
    index: toNumber(index),
    band: band && { code: band.code, label: band.label },
    provisional: total.provisional,
    criteria: nodes.map((n) => n.view),
  }
}

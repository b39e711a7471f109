import { classify, type Band } from './bands.js'
import { add, fromHundredths, hundredthsToNumber, roundHalfUp, ZERO, type Ratio } from './decimal.js'
import { isLeaf, maxHundredths, type Criterion } from './framework.js'
import { indexOf, surveyLeafPoints } from './par-index.js'

/** What is stored for one leaf of one unit, as hundredths. */
export interface LeafScore {
  self: bigint | null
  appraised: bigint | null
  notApplicable: boolean
  note: string | null
  evidence: string[] | null
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
  method?: 'appraisal' | 'survey'
  self?: number | null
  appraised?: number | null
  final?: number | null
  notApplicable?: boolean
  note?: string | null
  evidence?: string[] | null
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
    if (isLeaf(c)) {
      const stored = scores.get(c.code)
      const notApplicable = stored?.notApplicable ?? false
      const max = notApplicable ? 0n : maxHundredths(c)
      let points: Ratio = ZERO
      let final: number | null = null
      let provisional = false
      if (!notApplicable) {
        if (c.method === 'survey') {
          const index = survey(c.surveyElement)
          points = surveyLeafPoints(max, index)
          provisional = index === null
          final = hundredthsToNumber(roundHalfUp(points))
        } else {
          const value = stored?.appraised ?? stored?.self ?? null
          provisional = stored?.appraised == null
          points = fromHundredths(value ?? 0n)
          final = toNumber(value)
        }
      }
      const view: NodeResult = {
        code: c.code,
        title: c.title,
        maxPoints: hundredthsToNumber(max),
        points: hundredthsToNumber(roundHalfUp(points)),
        index: toNumber(publishedIndex(points, max)),
        method: c.method,
        self: toNumber(stored?.self ?? null),
        appraised: toNumber(stored?.appraised ?? null),
        final,
        notApplicable,
        note: stored?.note ?? null,
        evidence: stored?.evidence ?? null,
      }
      return { exact: { points, max, provisional }, view }
    }
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

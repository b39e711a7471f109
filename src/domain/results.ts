import { classify, type Band } from './bands.js'
import { add, fromHundredths, hundredthsToNumber, parseHundredths, roundHalfUp, ZERO, type Ratio } from './decimal.js'
import { indicatorRate, ratioScorer, type RatioRule, type RatioScorer } from './indicators.js'
import { indexOf, surveyLeafPoints } from './par-index.js'
import { orderForListing, rankCompetition, type Rank } from './ranking.js'
import { countBands, summarise, type Statistics } from './statistics.js'

/** What SQL sums for one unit of a period: its appraisal points and applicable maximum, exact. */
export interface UnitTotals {
  code: string
  name: string
  group: string
  rankable: boolean
  /**
   * Final points of the applicable appraisal leaves, and of the ratio leaves with an appraised score
   * (the council's override), in hundredths.
   */
  appraisalHundredths: bigint
  /** Maximum of every applicable leaf (survey leaves included), in hundredths. */
  maxHundredths: bigint
  /** Applicable appraisal leaves without an appraised score, and ratio leaves with neither counts nor one. */
  missingAppraisals: number
  /** The counts of the applicable ratio leaves without an appraised score: their points are computed here. */
  ratioCounts: readonly RatioCounts[]
  /** The unit's satisfaction: the overall index and each element's, exact; null without answers. */
  satisfaction: { index: Ratio | null; elements: ReadonlyMap<string, Ratio | null> } | null
}

/** A ratio leaf's counts for one unit (denominator > 0). */
export interface RatioCounts {
  criterion: string
  numerator: bigint
  denominator: bigint
}

/** A ratio leaf of the framework: its maximum and its rule. */
export interface RatioLeaf {
  maxHundredths: bigint
  rule: RatioRule
}

/** The leaves whose points are computed rather than summed: survey leaves, and ratio leaves by code. */
export interface ComputedLeaves {
  survey: readonly SurveyLeaf[]
  ratio: ReadonlyMap<string, RatioLeaf>
}

/** A survey-scored leaf of the framework (survey leaves apply to every unit). */
export interface SurveyLeaf {
  maxHundredths: bigint
  element: string | null
}

export interface ResultItem {
  unit: { code: string; name: string; group: string }
  points: number
  maxPoints: number
  index: number | null
  band: { code: string; label: string } | null
  rank: Rank | null
  groupRank: Rank | null
  satisfaction: { index: number; rank: Rank | null } | null
  provisional: boolean
}

export type SatisfactionStatistics = Statistics
export type ResultStatistics = Statistics & { bands: Record<string, number> }

export interface Results {
  statistics: ResultStatistics
  satisfaction: SatisfactionStatistics | null
  items: ResultItem[]
}

interface Scored {
  totals: UnitTotals
  points: Ratio
  index: bigint | null
  satisfaction: bigint | null
  provisional: boolean
}

/** The exact points of a unit's ratio leaves scored from their counts. */
function ratioLeafPoints(u: UnitTotals, scorers: ReadonlyMap<string, RatioScorer>): Ratio {
  let points: Ratio = ZERO
  for (const c of u.ratioCounts) {
    const score = scorers.get(c.criterion)
    const rate = indicatorRate(c.numerator, c.denominator)
    if (score && rate) points = add(points, score(rate))
  }
  return points
}

function scoreUnit(u: UnitTotals, leaves: ComputedLeaves, scorers: ReadonlyMap<string, RatioScorer>): Scored {
  let points: Ratio = add(fromHundredths(u.appraisalHundredths), ratioLeafPoints(u, scorers))
  let provisional = u.missingAppraisals > 0
  for (const leaf of leaves.survey) {
    const linked =
      u.satisfaction === null
        ? null
        : leaf.element === null
          ? u.satisfaction.index
          : (u.satisfaction.elements.get(leaf.element) ?? null)
    points = add(points, surveyLeafPoints(leaf.maxHundredths, linked))
    if (linked === null) provisional = true
  }
  const exactIndex = indexOf(points, fromHundredths(u.maxHundredths))
  const satisfaction = u.satisfaction?.index ?? null
  return {
    totals: u,
    points,
    index: exactIndex === null ? null : roundHalfUp(exactIndex),
    satisfaction: satisfaction === null ? null : roundHalfUp(satisfaction),
    provisional,
  }
}

/**
 * The results of a period: each unit's points, index and band, its rank over all rankable units and
 * within its group, its satisfaction and that rank, and the statistics over the listed units. A group
 * filter narrows the items and the statistics but never changes a rank.
 */
export function computeResults(
  units: readonly UnitTotals[],
  leaves: ComputedLeaves,
  bands: readonly Band[],
  group: string | null,
): Results {
  const scorers = new Map([...leaves.ratio].map(([code, leaf]) => [code, ratioScorer(leaf.rule, leaf.maxHundredths)]))
  const scored = units.map((u) => scoreUnit(u, leaves, scorers))
  const candidates = (value: (s: Scored) => bigint | null, only?: (s: Scored) => boolean) =>
    scored
      .filter((s) => !only || only(s))
      .map((s) => ({ code: s.totals.code, value: value(s), rankable: s.totals.rankable }))

  const ranks = rankCompetition(candidates((s) => s.index))
  const groupRanks = new Map<string, Rank>()
  for (const g of new Set(scored.map((s) => s.totals.group))) {
    for (const [code, rank] of rankCompetition(
      candidates(
        (s) => s.index,
        (s) => s.totals.group === g,
      ),
    ))
      groupRanks.set(code, rank)
  }
  const satisfactionRanks = rankCompetition(candidates((s) => s.satisfaction))

  const listed = scored.filter((s) => group === null || s.totals.group === group)
  const byCode = new Map(listed.map((s) => [s.totals.code, s]))
  const ordered = orderForListing(
    listed.map((s) => ({ code: s.totals.code, value: s.index, rankable: s.totals.rankable })),
  )

  const items: ResultItem[] = ordered.map(({ code }) => {
    const s = byCode.get(code)!
    const band = s.index === null ? null : classify(s.index, bands)
    return {
      unit: { code, name: s.totals.name, group: s.totals.group },
      points: hundredthsToNumber(roundHalfUp(s.points)),
      maxPoints: hundredthsToNumber(s.totals.maxHundredths),
      index: s.index === null ? null : hundredthsToNumber(s.index),
      band: band && { code: band.code, label: band.label },
      rank: ranks.get(code) ?? null,
      groupRank: groupRanks.get(code) ?? null,
      satisfaction:
        s.satisfaction === null
          ? null
          : { index: hundredthsToNumber(s.satisfaction), rank: satisfactionRanks.get(code) ?? null },
      provisional: s.provisional,
    }
  })

  return { ...summariseItems(items, bands), items }
}

/**
 * Statistics over listed items, from their published two-decimal values: the same whether the items
 * were computed now or read from a publication snapshot.
 */
export function summariseItems(items: readonly ResultItem[], bands: readonly Band[]): Omit<Results, 'items'> {
  const indexes = items.map((i) => ({ code: i.unit.code, value: i.index === null ? null : parseHundredths(i.index) }))
  const satisfactions = items.flatMap((i) =>
    i.satisfaction ? [{ code: i.unit.code, value: parseHundredths(i.satisfaction.index) }] : [],
  )
  return {
    statistics: {
      ...summarise(indexes),
      bands: countBands(
        indexes.map((i) => i.value),
        bands,
      ),
    },
    satisfaction: satisfactions.length > 0 ? summarise(satisfactions) : null,
  }
}

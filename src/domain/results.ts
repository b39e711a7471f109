import { classify, type Band } from './bands.js'
import {
  documentFields,
  itemFields,
  rankFields,
  scoreFields,
  summariseFields,
  type DocumentField,
  type FieldScore,
  type FieldSpec,
  type FieldTotals,
  type ItemField,
} from './fields.js'
import { selfAssessment, summariseGaps, type SelfAssessment } from './self-assessment.js'
import { add, ZERO, fromHundredths, hundredthsToNumber, parseHundredths, roundHalfUp, type Ratio } from './decimal.js'
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
  /** The unit's satisfaction: the overall index and each element's, exact; null without answers. */
  satisfaction: { index: Ratio | null; elements: ReadonlyMap<string, Ratio | null> } | null
  /** The counts of the applicable ratio leaves (denominator > 0): their points are computed here. */
  ratioCounts: readonly RatioCounts[]
  /** Self-assessed scores of the applicable appraisal leaves, in hundredths (a missing one counts 0). */
  selfHundredths: bigint
  /** Per field position (see FieldSpec), what SQL summed; absent when nothing is stored for it. */
  fields: ReadonlyArray<FieldTotals | undefined>
}

/** A ratio leaf's counts for one unit (denominator > 0). */
export interface RatioCounts {
  criterion: string
  numerator: bigint
  denominator: bigint
  /** An appraised score overrides the computed points in the final points (not in the self-assessment). */
  appraised: boolean
}

/** A ratio leaf of the framework: its maximum, its rule and the position of its field. */
export interface RatioLeaf {
  maxHundredths: bigint
  rule: RatioRule
  field: number
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
  /** The position of the leaf's field. */
  field: number
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
  /** Per field of the framework, in its order. */
  fields: ItemField[]
  selfAssessment: SelfAssessment
}

export type SatisfactionStatistics = Statistics
export type ResultStatistics = Statistics & { bands: Record<string, number> }

export interface Results {
  statistics: ResultStatistics
  satisfaction: SatisfactionStatistics | null
  /** Per field, statistics over the listed units' field indexes. */
  fields: DocumentField[]
  /** Statistics over the listed units' self-assessment gaps. */
  selfAssessmentGap: Statistics
  items: ResultItem[]
}

interface Scored {
  code: string
  totals: UnitTotals
  rankable: boolean
  points: Ratio
  index: bigint | null
  satisfaction: bigint | null
  provisional: boolean
  fields: FieldScore[]
  /** Points computed rather than proposed (survey and ratio leaves): they count in the self-assessment. */
  computed: Ratio
}

/** Points earned outside the stored final scores: survey and ratio leaves, in total and per field. */
class Earned {
  /** In the final points. */
  final: Ratio = ZERO
  /** In the self-assessment: also ratio points overridden by an appraisal. */
  self: Ratio = ZERO
  readonly perField: Array<Ratio | undefined> = []

  credit(field: number, earned: Ratio, overridden = false): void {
    this.self = add(this.self, earned)
    if (overridden) return
    this.final = add(this.final, earned)
    this.perField[field] = add(this.perField[field] ?? ZERO, earned)
  }
}

/** Survey leaves earn maxPoints × the linked satisfaction index; without one the unit is provisional. */
function creditSurveyLeaves(u: UnitTotals, leaves: readonly SurveyLeaf[], earned: Earned): boolean {
  let missing = false
  for (const leaf of leaves) {
    const linked =
      u.satisfaction === null
        ? null
        : leaf.element === null
          ? u.satisfaction.index
          : (u.satisfaction.elements.get(leaf.element) ?? null)
    earned.credit(leaf.field, surveyLeafPoints(leaf.maxHundredths, linked))
    if (linked === null) missing = true
  }
  return missing
}

/** Ratio leaves earn their rule's points on the exact rate of the unit's counts. */
function creditRatioLeaves(u: UnitTotals, leaves: ComputedLeaves, scorers: Scorers, earned: Earned): void {
  for (const c of u.ratioCounts) {
    const leaf = leaves.ratio.get(c.criterion)
    const score = scorers.get(c.criterion)
    const rate = indicatorRate(c.numerator, c.denominator)
    if (leaf && score && rate) earned.credit(leaf.field, score(rate), c.appraised)
  }
}

type Scorers = ReadonlyMap<string, RatioScorer>

function scoreUnit(u: UnitTotals, leaves: ComputedLeaves, scorers: Scorers, fields: readonly FieldSpec[]): Scored {
  const earned = new Earned()
  const surveyMissing = creditSurveyLeaves(u, leaves.survey, earned)
  creditRatioLeaves(u, leaves, scorers, earned)
  const provisional = u.missingAppraisals > 0 || surveyMissing
  const computed = earned.final
  const perField = earned.perField
  const points = add(fromHundredths(u.appraisalHundredths), computed)
  const exactIndex = indexOf(points, fromHundredths(u.maxHundredths))
  const satisfaction = u.satisfaction?.index ?? null
  return {
    code: u.code,
    totals: u,
    rankable: u.rankable,
    points,
    index: exactIndex === null ? null : roundHalfUp(exactIndex),
    satisfaction: satisfaction === null ? null : roundHalfUp(satisfaction),
    provisional,
    fields: scoreFields(fields, u.fields, perField),
    computed: earned.self,
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
  fields: readonly FieldSpec[] = [],
): Results {
  const scorers = new Map([...leaves.ratio].map(([code, leaf]) => [code, ratioScorer(leaf.rule, leaf.maxHundredths)]))
  const scored = units.map((u) => scoreUnit(u, leaves, scorers, fields))
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
  const fieldRanks = rankFields(scored, fields.length)

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
      fields: itemFields(code, fields, s.fields, fieldRanks),
      selfAssessment: selfAssessment(s.totals.selfHundredths, s.computed, s.totals.maxHundredths, s.index),
    }
  })

  return { ...summariseItems(items, bands, documentFields(fields)), items }
}

/**
 * Statistics over listed items, from their published two-decimal values: the same whether the items
 * were computed now or read from a publication snapshot.
 */
export function summariseItems(
  items: ReadonlyArray<Pick<ResultItem, 'unit' | 'index' | 'satisfaction'> & Partial<ResultItem>>,
  bands: readonly Band[],
  fields: ReadonlyArray<{ code: string; title: string; maxPoints: number }>,
): Omit<Results, 'items'> {
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
    fields: summariseFields(fields, items),
    selfAssessmentGap: summariseGaps(items),
  }
}

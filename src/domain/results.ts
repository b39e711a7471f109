import { classifier, type Band } from './bands.js'
import { roundHalfUp, type Ratio } from './decimal.js'
import {
  documentFields,
  itemFields,
  rankFields,
  scoreFields,
  summariseFields,
  type DocumentField,
  type FieldScore,
  type FieldSpec,
  type ItemField,
} from './fields.js'
import { ExactSum, hundredthsJson, numberHundredths, roundedIndex, safeNumber } from './hundredths.js'
import { countsScorer, type CountsScorer, type HundredthsFraction, type RatioRule } from './indicators.js'
import { surveyLeafPoints } from './par-index.js'
import { competitionRanks, orderForListing, type Rank, type RankCandidate } from './ranking.js'
import { selfAssessmentOf, summariseGaps, type SelfAssessment } from './self-assessment.js'
import { countBands, summariseColumns, type Statistics } from './statistics.js'

/**
 * What SQL gives for one unit of a period, summed in whole hundredths (numbers: see hundredths.ts for why
 * they are exact), with the counts of its ratio leaves and its satisfaction.
 */
export interface UnitTotals {
  code: string
  name: string
  group: string
  rankable: boolean
  /**
   * Final points of the applicable appraisal leaves, and of the ratio leaves with an appraised score
   * (the council's override), in hundredths.
   */
  appraisalHundredths: number
  /** Maximum of every applicable leaf (survey leaves included), in hundredths. */
  maxHundredths: number
  /** Applicable appraisal leaves without an appraised score, and ratio leaves with neither counts nor one. */
  missingAppraisals: number
  /** The unit's satisfaction: the overall index and each element's, exact; null without answers. */
  satisfaction: { index: Ratio | null; elements: ReadonlyMap<string, Ratio | null> } | null
  /** The counts of the applicable ratio leaves (denominator > 0): their points are computed here. */
  ratioCounts: readonly RatioCounts[]
  /** Self-assessed scores of the applicable appraisal leaves, in hundredths (a missing one counts 0). */
  selfHundredths: number
  /**
   * Per field position (see FieldSpec): the final points of its applicable stored leaves, and the maximum
   * of its leaves not applicable, in hundredths (a missing position counts 0). Empty without fields.
   */
  fieldPoints: readonly number[]
  fieldNotApplicable: readonly number[]
}

/** A ratio leaf's counts for one unit (denominator > 0), whole numbers within 2^53 as the write path admits. */
export interface RatioCounts {
  criterion: string
  numerator: number
  denominator: number
  /** An appraised score overrides the computed points in the final points (not in the self-assessment). */
  appraised: boolean
}

/** A ratio leaf of the framework: its maximum (hundredths), its rule and the position of its field. */
export interface RatioLeaf {
  maxHundredths: number
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

/** A unit scored: its published figures in hundredths, before ranking. */
export interface Scored {
  totals: UnitTotals
  /** The unit's points, rounded half-up to hundredths. */
  points: number
  /** The published index in hundredths; null when nothing applies. */
  index: number | null
  /** The published satisfaction index in hundredths; null without answers. */
  satisfaction: number | null
  provisional: boolean
  fields: FieldScore[]
  selfAssessment: SelfAssessment
}

/** Points earned outside the stored final scores: survey and ratio leaves, in total and per field. */
class Earned {
  /** In the final points. */
  readonly final = new ExactSum()
  /** In the self-assessment: also ratio points overridden by an appraisal. */
  readonly self = new ExactSum()
  readonly perField: Array<ExactSum | undefined> = []

  credit(field: number, earned: number | HundredthsFraction, overridden = false): void {
    add(this.self, earned)
    if (overridden) return
    add(this.final, earned)
    add((this.perField[field] ??= new ExactSum()), earned)
  }
}

function add(sum: ExactSum, earned: number | HundredthsFraction): void {
  if (typeof earned === 'number') sum.addWhole(earned)
  else sum.addFraction(earned.num, earned.den)
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
    const points = surveyLeafPoints(leaf.maxHundredths, linked)
    earned.credit(leaf.field, { num: points.num * 100n, den: points.den })
    if (linked === null) missing = true
  }
  return missing
}

/** Ratio leaves earn their rule's points on the exact rate of the unit's counts. */
function creditRatioLeaves(u: UnitTotals, leaves: ComputedLeaves, scorers: Scorers, earned: Earned): void {
  for (const c of u.ratioCounts) {
    const leaf = leaves.ratio.get(c.criterion)
    const score = scorers.get(c.criterion)
    if (leaf && score && c.denominator > 0) earned.credit(leaf.field, score(c.numerator, c.denominator), c.appraised)
  }
}

type Scorers = ReadonlyMap<string, CountsScorer>

/** What every unit is scored against: the computed leaves, their scorers, the fields' maxima. */
interface Scoring {
  leaves: ComputedLeaves
  scorers: Scorers
  fieldMaxima: readonly number[]
}

/** A unit of appraisal leaves only (no survey or ratio leaf): its stored totals are its points, exactly. */
function scoreStoredOnly(u: UnitTotals, scoring: Scoring): Scored {
  const index = roundedIndex(u.appraisalHundredths, u.maxHundredths)
  const self = new ExactSum()
  self.addWhole(u.selfHundredths)
  return {
    totals: u,
    points: u.appraisalHundredths,
    index,
    satisfaction: null,
    provisional: u.missingAppraisals > 0,
    fields: scoreFields(scoring.fieldMaxima, u.fieldPoints, u.fieldNotApplicable, []),
    selfAssessment: selfAssessmentOf(self, u.maxHundredths, index),
  }
}

function scoreUnit(u: UnitTotals, scoring: Scoring): Scored {
  if (scoring.leaves.survey.length === 0 && u.ratioCounts.length === 0 && u.satisfaction === null)
    return scoreStoredOnly(u, scoring)
  const earned = new Earned()
  const surveyMissing = creditSurveyLeaves(u, scoring.leaves.survey, earned)
  creditRatioLeaves(u, scoring.leaves, scoring.scorers, earned)
  const points = new ExactSum()
  points.addWhole(u.appraisalHundredths)
  points.add(earned.final)
  const index = points.index(u.maxHundredths)
  const self = new ExactSum()
  self.addWhole(u.selfHundredths)
  self.add(earned.self)
  const satisfaction = u.satisfaction?.index ?? null
  return {
    totals: u,
    points: points.rounded(),
    index,
    satisfaction: satisfaction === null ? null : safeNumber(roundHalfUp(satisfaction)),
    provisional: u.missingAppraisals > 0 || surveyMissing,
    fields: scoreFields(scoring.fieldMaxima, u.fieldPoints, u.fieldNotApplicable, earned.perField),
    selfAssessment: selfAssessmentOf(self, u.maxHundredths, index),
  }
}

/** Every rank of every unit of the period, by the unit's position. */
export interface Ranks {
  overall: Array<Rank | null>
  group: Array<Rank | null>
  satisfaction: Array<Rank | null>
  fields: Array<Array<Rank | null>>
}

/** Ranks within each group: the same competition ranking over the units of one group at a time. */
function groupRanks(scored: readonly Scored[]): Array<Rank | null> {
  const positions = new Map<string, number[]>()
  scored.forEach((s, i) => {
    const group = positions.get(s.totals.group)
    if (group) group.push(i)
    else positions.set(s.totals.group, [i])
  })
  const ranks = new Array<Rank | null>(scored.length).fill(null)
  for (const members of positions.values()) {
    const within = competitionRanks(
      members.map((i) => scored[i]!.index),
      members.map((i) => scored[i]!.totals.rankable),
    )
    members.forEach((i, k) => (ranks[i] = within[k]!))
  }
  return ranks
}

function rankAll(scored: readonly Scored[], fieldCount: number): Ranks {
  const rankable = scored.map((s) => s.totals.rankable)
  return {
    overall: competitionRanks(
      scored.map((s) => s.index),
      rankable,
    ),
    group: groupRanks(scored),
    satisfaction: competitionRanks(
      scored.map((s) => s.satisfaction),
      rankable,
    ),
    fields: rankFields(
      scored.map((s) => s.fields),
      rankable,
      fieldCount,
    ),
  }
}

/** The band of an item as answered: one object per band, shared by the items it holds. */
export type ItemBand = { code: string; label: string }

function itemBands(bands: readonly Band[]): (index: number) => ItemBand {
  const classify = classifier(bands)
  const answered = new Map(bands.map((band) => [band, { code: band.code, label: band.label }]))
  return (index) => answered.get(classify(index))!
}

function resultItem(
  s: Scored,
  position: number,
  ranks: Ranks,
  bandOf: (index: number) => ItemBand,
  fields: readonly FieldSpec[],
): ResultItem {
  const { code, name, group } = s.totals
  return {
    unit: { code, name, group },
    points: hundredthsJson(s.points),
    maxPoints: hundredthsJson(s.totals.maxHundredths),
    index: s.index === null ? null : hundredthsJson(s.index),
    band: s.index === null ? null : bandOf(s.index),
    rank: ranks.overall[position] ?? null,
    groupRank: ranks.group[position] ?? null,
    satisfaction:
      s.satisfaction === null
        ? null
        : { index: hundredthsJson(s.satisfaction), rank: ranks.satisfaction[position] ?? null },
    provisional: s.provisional,
    fields: itemFields(position, fields, s.fields, ranks.fields),
    selfAssessment: s.selfAssessment,
  }
}

/**
 * A period's results before they are answered: every unit scored and ranked, the listed units in listing
 * order, and the statistics over them. computeResults makes the items of it; the service writes their
 * JSON straight from it (src/modules/results/results-json.ts), the same bytes without the objects.
 */
export interface RankedResults {
  scored: readonly Scored[]
  ranks: Ranks
  /** The positions in `scored` of the listed units (the group's, or all), in listing order. */
  listing: readonly number[]
  bandOf: (index: number) => ItemBand
  fields: readonly FieldSpec[]
  summary: Omit<Results, 'items'>
}

/**
 * Every unit scored and ranked over all rankable units and within its group (of satisfaction, of each
 * field too), and the statistics over the listed units. A group filter narrows the listing and the
 * statistics but never changes a rank.
 */
export function rankResults(
  units: readonly UnitTotals[],
  leaves: ComputedLeaves,
  bands: readonly Band[],
  group: string | null,
  fields: readonly FieldSpec[] = [],
): RankedResults {
  const scorers = new Map(
    [...leaves.ratio].map(([code, leaf]) => [code, countsScorer(leaf.rule, leaf.maxHundredths)] as const),
  )
  const scoring: Scoring = { leaves, scorers, fieldMaxima: fields.map((f) => safeNumber(f.maxHundredths)) }
  const scored = units.map((u) => scoreUnit(u, scoring))
  const ranks = rankAll(scored, fields.length)

  const listed: Array<RankCandidate & { position: number }> = []
  scored.forEach((s, position) => {
    if (group === null || s.totals.group === group)
      listed.push({ code: s.totals.code, value: s.index, rankable: s.totals.rankable, position })
  })
  const listing = orderForListing(listed).map((l) => l.position)
  const summary = summariseListing(scored, listing, bands, fields)
  return { scored, ranks, listing, bandOf: itemBands(bands), fields, summary }
}

/**
 * The results of a period: each unit's points, index and band, its rank over all rankable units and
 * within its group, its satisfaction and that rank, and the statistics over the listed units.
 */
export function computeResults(
  units: readonly UnitTotals[],
  leaves: ComputedLeaves,
  bands: readonly Band[],
  group: string | null,
  fields: readonly FieldSpec[] = [],
): Results {
  const ranked = rankResults(units, leaves, bands, group, fields)
  const items = ranked.listing.map((position) =>
    resultItem(ranked.scored[position]!, position, ranked.ranks, ranked.bandOf, fields),
  )
  return { ...ranked.summary, items }
}

/**
 * The statistics of the listed units, from the hundredths they are published with: the same figures
 * summariseItems reads from the answered items (tests compare the two).
 */
function summariseListing(
  scored: readonly Scored[],
  listing: readonly number[],
  bands: readonly Band[],
  fields: readonly FieldSpec[],
): Omit<Results, 'items'> {
  const listed = listing.map((position) => scored[position]!)
  const codes = listed.map((s) => s.totals.code)
  const indexes = listed.map((s) => s.index)
  const satisfactions = listed.map((s) => s.satisfaction)
  const gap = (s: Scored) => (s.selfAssessment.gap === null ? null : numberHundredths(s.selfAssessment.gap))
  return {
    statistics: { ...summariseColumns(codes, indexes), bands: countBands(indexes, bands) },
    satisfaction: satisfactions.some((s) => s !== null) ? summariseColumns(codes, satisfactions) : null,
    fields: documentFields(fields).map((field, k) => ({
      ...field,
      statistics: summariseColumns(
        codes,
        listed.map((s) => s.fields[k]?.index ?? null),
      ),
    })),
    selfAssessmentGap: summariseColumns(codes, listed.map(gap)),
  }
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
  const codes = items.map((i) => i.unit.code)
  const indexes = items.map((i) => (i.index === null ? null : numberHundredths(i.index)))
  const satisfactions = items.map((i) => (i.satisfaction ? numberHundredths(i.satisfaction.index) : null))
  return {
    statistics: { ...summariseColumns(codes, indexes), bands: countBands(indexes, bands) },
    satisfaction: satisfactions.some((s) => s !== null) ? summariseColumns(codes, satisfactions) : null,
    fields: summariseFields(fields, items, codes),
    selfAssessmentGap: summariseGaps(items, codes),
  }
}

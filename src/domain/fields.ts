/**
 * Fields (lĩnh vực): the framework's top-level criteria, and each unit's sub-index on every field
 * (docs/domain.md, "Fields"). A field's index is the PAR index formula over the applicable leaves of its
 * subtree; fields are ranked like the index, among the rankable units that have a field index.
 */
import { add, fromHundredths, hundredthsToNumber, parseHundredths, roundHalfUp, type Ratio } from './decimal.js'
import { isLeaf, maxHundredths, type Criterion } from './framework.js'
import { indexOf } from './par-index.js'
import { rankCompetition, type Rank } from './ranking.js'
import { summarise, type Statistics } from './statistics.js'

/** A field of the framework: its code, title and maximum (every leaf of it applicable). */
export interface FieldSpec {
  code: string
  title: string
  maxHundredths: bigint
}

/** The framework's fields in order, and the position of the field every leaf belongs to. */
export interface FieldMap {
  fields: FieldSpec[]
  /** Leaf code → position in `fields`; a top-level leaf is a field of its own. */
  leafField: Map<string, number>
  /** Leaf code → its maximum, hundredths. */
  leafMax: Map<string, bigint>
}

function collectLeaves(c: Criterion, field: number, map: FieldMap): void {
  if (isLeaf(c)) {
    map.leafField.set(c.code, field)
    map.leafMax.set(c.code, maxHundredths(c))
    return
  }
  for (const child of c.children) collectLeaves(child, field, map)
}

export function fieldMap(criteria: readonly Criterion[]): FieldMap {
  const map: FieldMap = { fields: [], leafField: new Map(), leafMax: new Map() }
  criteria.forEach((c, position) => {
    map.fields.push({ code: c.code, title: c.title, maxHundredths: maxHundredths(c) })
    collectLeaves(c, position, map)
  })
  return map
}

/** What the database sums for one unit on one field: points of the applicable scored leaves, and the
 * maximum of the leaves marked not applicable. */
export interface FieldTotals {
  scoredHundredths: bigint
  notApplicableHundredths: bigint
}

/** A unit's exact standing on one field: points (survey points included), applicable maximum, index. */
export interface FieldScore {
  /** The exact points when a survey leaf adds a fraction of a hundredth; else null and `pointsHundredths`. */
  points: Ratio | null
  /** The points when they are whole hundredths (no survey leaf in the field), else null. */
  pointsHundredths: bigint | null
  maxHundredths: bigint
  /** The published (rounded) field index, hundredths; null when nothing in the field applies. */
  index: bigint | null
}

/**
 * Each field's points and index for one unit: the database's sums per field (absent: nothing stored),
 * plus the points earned by survey leaves of that field (computed elsewhere, exact).
 */
export function scoreFields(
  specs: readonly FieldSpec[],
  totals: ReadonlyArray<FieldTotals | undefined>,
  extraPoints: ReadonlyArray<Ratio | undefined>,
): FieldScore[] {
  return specs.map((spec, k) => {
    const stored = totals[k]
    const scored = stored?.scoredHundredths ?? 0n
    const max = spec.maxHundredths - (stored?.notApplicableHundredths ?? 0n)
    const extra = extraPoints[k]
    if (!extra)
      return {
        points: fromHundredths(scored),
        pointsHundredths: scored,
        maxHundredths: max,
        index: wholeIndex(scored, max),
      }
    const points = add(fromHundredths(scored), extra)
    const exact = indexOf(points, fromHundredths(max))
    return { points, pointsHundredths: null, maxHundredths: max, index: exact === null ? null : roundHalfUp(exact) }
  })
}

/**
 * points ÷ max × 100 rounded half-up to hundredths, for points in whole hundredths (no survey leaf in the
 * field): the same value as indexOf then roundHalfUp, in integer arithmetic (a province has 26,400 of
 * these), since index hundredths = points × 10,000 ÷ max, and half-up is ⌊(2n + d) ÷ 2d⌋ for n ≥ 0.
 */
function wholeIndex(points: bigint, max: bigint): bigint | null {
  if (max === 0n) return null
  const n = points * 10_000n
  return n >= 0n ? (2n * n + max) / (2n * max) : -((-2n * n + max) / (2n * max))
}

const SAFE = BigInt(Number.MAX_SAFE_INTEGER)

/** Hundredths to the JSON number: a correctly rounded division is the double nearest the decimal. */
export const hundredthsNumber = (h: bigint): number => (h < SAFE && h > -SAFE ? Number(h) / 100 : hundredthsToNumber(h))

/** A published two-decimal number back to hundredths (exact within ±2^53 hundredths ÷ 100). */
export const numberHundredths = (value: number): bigint =>
  Math.abs(value) < 9e13 ? BigInt(Math.round(value * 100)) : parseHundredths(value)

/** A field of a results item, as answered. */
export interface ItemField {
  code: string
  points: number
  maxPoints: number
  index: number | null
  rank: Rank | null
}

/** A field of the results document: the framework's maximum, and statistics over the listed units. */
export interface DocumentField {
  code: string
  title: string
  maxPoints: number
  statistics: Statistics
}

/**
 * Field ranks over every unit of the period (a group filter never changes them): per field position, a
 * map from unit code to rank among the rankable units that have that field's index.
 */
export function rankFields(
  units: ReadonlyArray<{ code: string; rankable: boolean; fields: readonly FieldScore[] }>,
  fieldCount: number,
): Array<Map<string, Rank>> {
  return Array.from({ length: fieldCount }, (_, k) =>
    rankCompetition(units.map((u) => ({ code: u.code, rankable: u.rankable, value: u.fields[k]?.index ?? null }))),
  )
}

export function itemFields(
  code: string,
  specs: readonly FieldSpec[],
  scores: readonly FieldScore[],
  ranks: ReadonlyArray<Map<string, Rank>>,
): ItemField[] {
  return specs.map((spec, k) => {
    const score = scores[k]!
    return {
      code: spec.code,
      points: hundredthsNumber(score.pointsHundredths ?? roundHalfUp(score.points!)),
      maxPoints: hundredthsNumber(score.maxHundredths),
      index: score.index === null ? null : hundredthsNumber(score.index),
      rank: ranks[k]?.get(code) ?? null,
    }
  })
}

/**
 * Per field, statistics over the listed items' published field indexes: the same from a live computation
 * and from a publication, since they read only the two-decimal values answered.
 */
export function summariseFields(
  fields: ReadonlyArray<{ code: string; title: string; maxPoints: number }>,
  items: ReadonlyArray<{ unit: { code: string }; fields?: readonly ItemField[] | undefined }>,
): DocumentField[] {
  return fields.map((field, k) => ({
    code: field.code,
    title: field.title,
    maxPoints: field.maxPoints,
    statistics: summarise(
      items.map((i) => {
        const index = i.fields?.[k]?.index ?? null
        return { code: i.unit.code, value: index === null ? null : numberHundredths(index) }
      }),
    ),
  }))
}

export const documentFields = (specs: readonly FieldSpec[]) =>
  specs.map((s) => ({ code: s.code, title: s.title, maxPoints: hundredthsToNumber(s.maxHundredths) }))

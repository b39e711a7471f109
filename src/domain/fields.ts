/**
 * Fields (lĩnh vực): the framework's top-level criteria, and each unit's sub-index on every field
 * (docs/domain.md, "Fields"). A field's index is the PAR index formula over the applicable leaves of its
 * subtree; fields are ranked like the index, among the rankable units that have a field index.
 */
import { hundredthsToNumber } from './decimal.js'
import { isLeaf, maxHundredths, type Criterion } from './framework.js'
import { ExactSum, hundredthsJson, numberHundredths, roundedIndex } from './hundredths.js'
import { competitionRanks, type Rank } from './ranking.js'
import { summariseColumns, type Statistics } from './statistics.js'

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

/** A unit's standing on one field, as published: points and index rounded once, the applicable maximum. */
export interface FieldScore {
  /** The points (survey and ratio points included), rounded half-up to hundredths. */
  pointsHundredths: number
  maxHundredths: number
  /** The published (rounded) field index, hundredths; null when nothing in the field applies. */
  index: number | null
}

/**
 * Each field's points and index for one unit: the summed final scores of its applicable stored leaves and
 * the maximum of those not applicable (whole hundredths, by field position), plus the points computed for
 * the field's survey and ratio leaves (exact; absent: none).
 */
export function scoreFields(
  fieldMaxima: readonly number[],
  scored: readonly number[],
  notApplicable: readonly number[],
  computed: ReadonlyArray<ExactSum | undefined>,
): FieldScore[] {
  // Sized once: an array grown by push reserves room for 17 elements, for a unit of one or eight fields.
  const scores = new Array<FieldScore>(fieldMaxima.length)
  for (let k = 0; k < fieldMaxima.length; k++) {
    const points = scored[k] ?? 0
    const max = fieldMaxima[k]! - (notApplicable[k] ?? 0)
    const extra = computed[k]
    if (extra === undefined) {
      scores[k] = { pointsHundredths: points, maxHundredths: max, index: roundedIndex(points, max) }
    } else {
      const exact = new ExactSum()
      exact.addWhole(points)
      exact.add(extra)
      scores[k] = { pointsHundredths: exact.rounded(), maxHundredths: max, index: exact.index(max) }
    }
  }
  return scores
}

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
 * Field ranks over every unit of the period (a group filter never changes them): per field position, the
 * rank of each unit (by its position in `fields` and `rankable`) among the rankable units that have that
 * field's index.
 */
export function rankFields(
  fields: ReadonlyArray<readonly FieldScore[]>,
  rankable: readonly boolean[],
  fieldCount: number,
): Array<Array<Rank | null>> {
  return Array.from({ length: fieldCount }, (_, k) =>
    competitionRanks(
      fields.map((f) => f[k]?.index ?? null),
      rankable,
    ),
  )
}

/** A unit's fields as answered: `position` is the unit's place in the ranking of rankFields. */
export function itemFields(
  position: number,
  specs: readonly FieldSpec[],
  scores: readonly FieldScore[],
  ranks: ReadonlyArray<ReadonlyArray<Rank | null>>,
): ItemField[] {
  const fields: ItemField[] = []
  for (let k = 0; k < specs.length; k++) {
    const score = scores[k]!
    fields.push({
      code: specs[k]!.code,
      points: hundredthsJson(score.pointsHundredths),
      maxPoints: hundredthsJson(score.maxHundredths),
      index: score.index === null ? null : hundredthsJson(score.index),
      rank: ranks[k]?.[position] ?? null,
    })
  }
  return fields
}

/**
 * Per field, statistics over the listed items' published field indexes: the same from a live computation
 * and from a publication, since they read only the two-decimal values answered.
 */
export function summariseFields(
  fields: ReadonlyArray<{ code: string; title: string; maxPoints: number }>,
  items: ReadonlyArray<{ unit: { code: string }; fields?: readonly ItemField[] | undefined }>,
  codes: readonly string[] = items.map((i) => i.unit.code),
): DocumentField[] {
  return fields.map((field, k) => ({
    code: field.code,
    title: field.title,
    maxPoints: field.maxPoints,
    statistics: summariseColumns(
      codes,
      items.map((i) => {
        const index = i.fields?.[k]?.index ?? null
        return index === null ? null : numberHundredths(index)
      }),
    ),
  }))
}

export const documentFields = (specs: readonly FieldSpec[]) =>
  specs.map((s) => ({ code: s.code, title: s.title, maxPoints: hundredthsToNumber(s.maxHundredths) }))

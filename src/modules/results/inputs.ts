/**
 * What the results computation needs from the framework (its fields, each leaf's field and maximum, the
 * survey and ratio leaves), and the maintained totals turned into the domain's input: per unit, its points
 * in whole hundredths, in total and per field.
 */
import { fieldMap, type FieldMap } from '../../domain/fields.js'
import { isLeaf, totalHundredths, type Criterion, type FrameworkContent, type Leaf } from '../../domain/framework.js'
import { addWhole, readHundredths, safeNumber } from '../../domain/hundredths.js'
import type { ComputedLeaves, RatioCounts, RatioLeaf, UnitTotals } from '../../domain/results.js'
import type { UnitTotalsRow } from './repository.js'

/** A leaf of the framework: the position of its field and its maximum, in hundredths. */
interface LeafPlace {
  field: number
  max: number
}

export interface FrameworkInputs {
  fields: FieldMap
  /** Every leaf by code: where its points go. */
  leaves: ReadonlyMap<string, LeafPlace>
  /** The leaves whose points the domain computes: survey leaves, and ratio leaves by code. */
  computedLeaves: ComputedLeaves
  /** How many leaves are scored by appraisal or counts: each one not settled makes the unit provisional. */
  scoredLeaves: number
  totalHundredths: number
}

function leavesOf(criteria: readonly Criterion[], into: Leaf[] = []): Leaf[] {
  for (const c of criteria) {
    if (isLeaf(c)) into.push(c)
    else leavesOf(c.children, into)
  }
  return into
}

function ratioLeaves(leaves: readonly Leaf[], fields: FieldMap): Map<string, RatioLeaf> {
  const ratio = new Map<string, RatioLeaf>()
  for (const l of leaves) {
    if (l.method !== 'ratio' || !l.ratio) continue
    ratio.set(l.code, {
      maxHundredths: safeNumber(fields.leafMax.get(l.code)!),
      rule: l.ratio,
      field: fields.leafField.get(l.code)!,
    })
  }
  return ratio
}

/** A count as the statement prints a bigint, from `start` to `end`: a whole number the write path kept within 2^53. */
function readCount(text: string, start: number, end: number): number {
  let count = 0
  for (let i = start; i < end; i++) {
    const digit = text.charCodeAt(i) - 48
    if (digit < 0 || digit > 9) throw new RangeError(`"${text.slice(start, end)}" is not a count`)
    count = count * 10 + digit
  }
  if (end <= start || count > Number.MAX_SAFE_INTEGER)
    throw new RangeError(`"${text.slice(start, end)}" is not a count`)
  return count
}

/** `criterion:numerator:denominator:appraised` entries, comma-separated, as the results statement folds them. */
function parseRatioCounts(text: string): RatioCounts[] {
  if (text === '') return []
  return text.split(',').map((entry) => {
    const numerator = entry.indexOf(':') + 1
    const denominator = entry.indexOf(':', numerator) + 1
    const appraised = entry.indexOf(':', denominator) + 1
    if (numerator === 0 || denominator === 0 || appraised === 0) throw new RangeError(`"${entry}" is not ratio counts`)
    return {
      criterion: entry.slice(0, numerator - 1),
      numerator: readCount(entry, numerator, denominator - 1),
      denominator: readCount(entry, denominator, appraised - 1),
      appraised: entry.slice(appraised) === '1',
    }
  })
}

export function frameworkInputs(framework: FrameworkContent): FrameworkInputs {
  const fields = fieldMap(framework.criteria)
  const leaves = leavesOf(framework.criteria)
  const places = new Map<string, LeafPlace>()
  for (const [code, field] of fields.leafField) places.set(code, { field, max: safeNumber(fields.leafMax.get(code)!) })
  return {
    fields,
    leaves: places,
    computedLeaves: {
      survey: leaves
        .filter((l) => l.method === 'survey')
        .map((l) => ({
          maxHundredths: fields.leafMax.get(l.code)!,
          element: l.surveyElement,
          field: fields.leafField.get(l.code)!,
        })),
      ratio: ratioLeaves(leaves, fields),
    },
    scoredLeaves: leaves.filter((l) => l.method !== 'survey').length,
    totalHundredths: safeNumber(totalHundredths(framework)),
  }
}

/**
 * A unit's points per field, from its `position:points` list (by field position, whole hundredths); a
 * position the framework does not have is refused: the totals belong to another framework.
 */
function fieldPointsOf(row: UnitTotalsRow, perField: number[]): void {
  const text = row.field_points
  let start = 0
  while (start < text.length) {
    let end = text.indexOf(',', start)
    if (end < 0) end = text.length
    const colon = text.indexOf(':', start)
    const field = colon > start && colon < end ? Number(text.slice(start, colon)) : NaN
    if (!(field >= 0 && field < perField.length) || !Number.isInteger(field))
      throw new RangeError(`Unit ${row.code}: "${text.slice(start, end)}" is not the points of a field`)
    perField[field] = addWhole(perField[field]!, readHundredths(text, colon + 1, end))
    start = end + 1
  }
}

/** The summed maximum of the leaves not applicable to a unit, in total and per field. */
function sumNotApplicable(row: UnitTotalsRow, leaves: ReadonlyMap<string, LeafPlace>, perField: number[]): number {
  if (row.not_applicable === '') return 0
  let total = 0
  for (const code of row.not_applicable.split(',')) {
    const leaf = leaves.get(code)
    if (!leaf) continue
    total = addWhole(total, leaf.max)
    perField[leaf.field] = addWhole(perField[leaf.field]!, leaf.max)
  }
  return total
}

export function toUnitTotals(
  rows: readonly UnitTotalsRow[],
  inputs: FrameworkInputs,
  satisfaction: ReadonlyMap<string, NonNullable<UnitTotals['satisfaction']>>,
): UnitTotals[] {
  const fieldCount = inputs.fields.fields.length
  return rows.map((r) => {
    const fieldPoints = new Array<number>(fieldCount).fill(0)
    const fieldNotApplicable = new Array<number>(fieldCount).fill(0)
    fieldPointsOf(r, fieldPoints)
    return {
      code: r.code,
      name: r.name,
      group: r.group,
      rankable: r.rankable,
      appraisalHundredths: readHundredths(r.points),
      maxHundredths: inputs.totalHundredths - sumNotApplicable(r, inputs.leaves, fieldNotApplicable),
      missingAppraisals: inputs.scoredLeaves - r.settled,
      ratioCounts: parseRatioCounts(r.ratio_counts),
      satisfaction: satisfaction.get(r.code) ?? null,
      selfHundredths: readHundredths(r.self_points),
      fieldPoints,
      fieldNotApplicable,
    }
  })
}

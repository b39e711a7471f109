/**
 * What the results computation needs from the framework (its fields, the leaf → field mapping handed to
 * the unit-totals statement, the survey leaves), and the statement's rows turned into the domain's input.
 */
import { hundredthsToString, parseHundredths } from '../../domain/decimal.js'
import { fieldMap, type FieldMap, type FieldTotals } from '../../domain/fields.js'
import { isLeaf, totalHundredths, type Criterion, type FrameworkContent, type Leaf } from '../../domain/framework.js'
import type { ComputedLeaves, RatioCounts, RatioLeaf, UnitTotals } from '../../domain/results.js'
import type { LeafFields, UnitTotalsRow } from './repository.js'

export interface FrameworkInputs {
  fields: FieldMap
  mapping: LeafFields
  /** The leaves whose points the domain computes: survey leaves, and ratio leaves by code. */
  computedLeaves: ComputedLeaves
  /** How many leaves are scored by appraisal or counts: each one not settled makes the unit provisional. */
  scoredLeaves: number
  totalHundredths: bigint
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
      maxHundredths: fields.leafMax.get(l.code)!,
      rule: l.ratio,
      field: fields.leafField.get(l.code)!,
    })
  }
  return ratio
}

/** `criterion:numerator:denominator:appraised` entries, comma-separated, as the results statement folds them. */
function parseRatioCounts(text: string): RatioCounts[] {
  if (text === '') return []
  return text.split(',').map((entry) => {
    const [criterion = '', numerator = '0', denominator = '1', appraised = '0'] = entry.split(':')
    return { criterion, numerator: BigInt(numerator), denominator: BigInt(denominator), appraised: appraised === '1' }
  })
}

export function frameworkInputs(framework: FrameworkContent): FrameworkInputs {
  const fields = fieldMap(framework.criteria)
  const leaves = leavesOf(framework.criteria)
  const mapping: LeafFields = { criteria: [], fields: [], maxima: [] }
  for (const [code, field] of fields.leafField) {
    mapping.criteria.push(code)
    mapping.fields.push(field)
    mapping.maxima.push(hundredthsToString(fields.leafMax.get(code)!))
  }
  return {
    fields,
    mapping,
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
    totalHundredths: totalHundredths(framework),
  }
}

function fieldTotals(row: UnitTotalsRow): Array<FieldTotals | undefined> {
  const totals: Array<FieldTotals | undefined> = []
  row.field_positions.forEach((position, i) => {
    totals[position] = {
      scoredHundredths: parseHundredths(row.field_points[i]!),
      notApplicableHundredths: parseHundredths(row.field_not_applicable_max[i]!),
    }
  })
  return totals
}

export function toUnitTotals(
  rows: readonly UnitTotalsRow[],
  inputs: FrameworkInputs,
  satisfaction: ReadonlyMap<string, NonNullable<UnitTotals['satisfaction']>>,
): UnitTotals[] {
  return rows.map((r) => ({
    code: r.code,
    name: r.name,
    group: r.group,
    rankable: r.rankable,
    appraisalHundredths: parseHundredths(r.appraisal_points),
    maxHundredths: inputs.totalHundredths - parseHundredths(r.not_applicable_max),
    missingAppraisals: inputs.scoredLeaves - r.settled,
    ratioCounts: parseRatioCounts(r.ratio_counts),
    satisfaction: satisfaction.get(r.code) ?? null,
    selfHundredths: parseHundredths(r.self_points),
    fields: fieldTotals(r),
  }))
}

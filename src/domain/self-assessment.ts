/**
 * The self-assessment gap (docs/domain.md, "The self-assessment gap"): the index a unit gave itself
 * against the index it was given. Self-assessment points are the self-assessed scores of its applicable
 * appraisal leaves (missing counts 0) plus the points computed for it from data (survey leaves), over
 * the same applicable maximum as the index.
 */
import type { Ratio } from './decimal.js'
import { ExactSum, hundredthsJson, numberHundredths, safeNumber } from './hundredths.js'
import { summariseColumns, type Statistics } from './statistics.js'

export interface SelfAssessment {
  points: number
  index: number | null
  /** Published self index − published index, exact on two decimals; null when either is null. */
  gap: number | null
}

/**
 * @param selfHundredths self-assessed scores of the applicable appraisal leaves, summed
 * @param computedPoints points not proposed by the unit but computed (survey leaves), exact
 * @param maxHundredths the unit's applicable maximum
 * @param index the unit's published index (hundredths), or null
 */
export function selfAssessment(
  selfHundredths: bigint,
  computedPoints: Ratio,
  maxHundredths: bigint,
  index: bigint | null,
): SelfAssessment {
  const points = new ExactSum()
  points.addWhole(safeNumber(selfHundredths))
  points.addPoints(computedPoints)
  return selfAssessmentOf(points, safeNumber(maxHundredths), index === null ? null : safeNumber(index))
}

/**
 * The same from the unit's exact self-assessment points (self scores plus computed points, in hundredths)
 * and the whole hundredths of its maximum and published index.
 */
export function selfAssessmentOf(points: ExactSum, maxHundredths: number, index: number | null): SelfAssessment {
  const selfIndex = points.index(maxHundredths)
  return {
    points: hundredthsJson(points.rounded()),
    index: selfIndex === null ? null : hundredthsJson(selfIndex),
    gap: selfIndex === null || index === null ? null : hundredthsJson(selfIndex - index),
  }
}

/** Statistics over the listed items' gaps (negative values included; halves round away from zero). */
export function summariseGaps(
  items: ReadonlyArray<{ unit: { code: string }; selfAssessment?: SelfAssessment | undefined }>,
  codes: readonly string[] = items.map((i) => i.unit.code),
): Statistics {
  return summariseColumns(
    codes,
    items.map((i) => {
      const gap = i.selfAssessment?.gap ?? null
      return gap === null ? null : numberHundredths(gap)
    }),
  )
}

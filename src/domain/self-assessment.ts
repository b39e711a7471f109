/**
 * The self-assessment gap (docs/domain.md, "The self-assessment gap"): the index a unit gave itself
 * against the index it was given. Self-assessment points are the self-assessed scores of its applicable
 * appraisal leaves (missing counts 0) plus the points computed for it from data (survey leaves), over
 * the same applicable maximum as the index.
 */
import { add, fromHundredths, hundredthsToNumber, parseHundredths, roundHalfUp, type Ratio } from './decimal.js'
import { indexOf } from './par-index.js'
import { summarise, type Statistics } from './statistics.js'

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
  const points = add(fromHundredths(selfHundredths), computedPoints)
  const exact = indexOf(points, fromHundredths(maxHundredths))
  const selfIndex = exact === null ? null : roundHalfUp(exact)
  return {
    points: hundredthsToNumber(roundHalfUp(points)),
    index: selfIndex === null ? null : hundredthsToNumber(selfIndex),
    gap: selfIndex === null || index === null ? null : hundredthsToNumber(selfIndex - index),
  }
}

/** Statistics over the listed items' gaps (negative values included; halves round away from zero). */
export function summariseGaps(
  items: ReadonlyArray<{ unit: { code: string }; selfAssessment?: SelfAssessment | undefined }>,
): Statistics {
  return summarise(
    items.map((i) => {
      const gap = i.selfAssessment?.gap ?? null
      return { code: i.unit.code, value: gap === null ? null : parseHundredths(gap) }
    }),
  )
}

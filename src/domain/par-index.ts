/** The PAR index formula: points against the applicable maximum, in percent, exact. */
import { type Ratio, ZERO, div, mul, ratio } from './ratio.js'
import { fromHundredths } from './decimal.js'

const HUNDRED = ratio(100n)

/**
 * points ÷ maxPoints × 100. null when nothing is applicable (maximum 0): such a unit has no index at all,
 * which is not the same as an index of 0 and must not be ranked or averaged as one.
 */
export function indexOf(points: Ratio, maxPoints: Ratio): Ratio | null {
  if (maxPoints.num === 0n) return null
  return mul(div(points, maxPoints), HUNDRED)
}

/**
 * A survey leaf earns maximum × satisfaction index ÷ 100. Without survey answers (index null) it earns 0
 * and still counts in the maximum: missing survey results cost the unit, as a missing score would.
 */
export function surveyLeafPoints(maxPointsHundredths: bigint, satisfactionIndex: Ratio | null): Ratio {
  if (satisfactionIndex === null) return ZERO
  return div(mul(fromHundredths(maxPointsHundredths), satisfactionIndex), HUNDRED)
}

import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { parseHundredths } from '../../domain/decimal.js'
import type { FrameworkContent } from '../../domain/framework.js'
import { buildScorecard, type LeafScore, type Scorecard } from '../../domain/scorecard.js'
import { loadFramework } from '../frameworks/service.js'
import { unitSurveyLookup } from '../survey/service.js'
import type { PeriodRow } from '../periods/repository.js'
import { ScoresRepository } from './repository.js'

export type UnitScorecard = Scorecard & { period: string; unit: string }

const toHundredths = (value: string | null): bigint | null => (value === null ? null : parseHundredths(value))

/** A unit's scorecard computed from what is stored now (reads only: runs inside or outside a transaction). */
export async function computeScorecard(
  db: Kysely<Database>,
  period: PeriodRow,
  unit: string,
  framework?: FrameworkContent,
): Promise<UnitScorecard> {
  const content = framework ?? (await loadFramework(db, period.framework))
  const rows = await new ScoresRepository(db).forUnit(period.code, unit)
  const scores = new Map<string, LeafScore>(
    rows.map((r) => [
      r.criterion,
      {
        self: toHundredths(r.self),
        appraised: toHundredths(r.appraised),
        notApplicable: r.notApplicable,
        note: r.note,
        evidence: r.evidence,
        numerator: r.numerator === null ? null : BigInt(r.numerator),
        denominator: r.denominator === null ? null : BigInt(r.denominator),
      },
    ]),
  )
  const survey = await unitSurveyLookup(db, period, content, unit)
  return { period: period.code, unit, ...buildScorecard(content.criteria, scores, content.bands, survey) }
}

/** A strong validator of the representation: any change to what the scorecard shows changes it. */
export function scorecardEtag(scorecard: UnitScorecard): string {
  return `"${createHash('sha256').update(JSON.stringify(scorecard)).digest('base64url').slice(0, 27)}"`
}

import type { PeriodStatus } from '../../domain/period-status.js'
import type { Results } from '../../domain/results.js'

/** The results of a period as answered: computed live, or the frozen publication (`snapshot`). */
export interface ResultsDocument extends Results {
  period: { code: string; name: string; year: number; status: PeriodStatus }
  group: string | null
  snapshot: { number: number; publishedAt: string; hash: string } | null
}

import type { PeriodStatus } from '../../domain/period-status.js'
import type { ResultItem, Results } from '../../domain/results.js'

/** Members added after the first publications: a snapshot frozen before them lacks them (its bytes stand). */
type Added = 'fields' | 'selfAssessmentGap'
type AddedToItems = 'fields' | 'selfAssessment'

export type DocumentItem = Omit<ResultItem, AddedToItems> & Partial<Pick<ResultItem, AddedToItems>>

/** The results of a period as answered: computed live, or the frozen publication (`snapshot`). */
export interface ResultsDocument extends Omit<Results, Added | 'items'>, Partial<Pick<Results, Added>> {
  period: { code: string; name: string; year: number; status: PeriodStatus }
  group: string | null
  snapshot: { number: number; publishedAt: string; hash: string } | null
  items: DocumentItem[]
}

/** What an answer's headers need of its document: the period, the group, the publication (file names, caching). */
export type DocumentHeading = Pick<ResultsDocument, 'period' | 'group' | 'snapshot'>

/**
 * The members of a document before its items, in the order of docs/api.md: the one place that order is
 * written, for JSON.stringify (a publication's text) and for the JSON writer (results-json.ts).
 */
export const documentHead = (d: Omit<ResultsDocument, 'items'>) => ({
  period: d.period,
  group: d.group,
  snapshot: d.snapshot,
  statistics: d.statistics,
  satisfaction: d.satisfaction,
  fields: d.fields,
  selfAssessmentGap: d.selfAssessmentGap,
})

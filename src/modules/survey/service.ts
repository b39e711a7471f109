import type { Kysely } from 'kysely'
import type { ChangeFeed } from '../../db/change-feed.js'
import type { Database } from '../../db/schema.js'
import { hundredthsToNumber, roundHalfUp, type Ratio } from '../../domain/decimal.js'
import type { FrameworkContent } from '../../domain/framework.js'
import {
  satisfactionFromTallies,
  type QuestionTally,
  type Satisfaction,
  type SurveyConfig,
} from '../../domain/satisfaction.js'
import type { SurveyIndexLookup } from '../../domain/scorecard.js'
import { AppError, ProblemList, ruleViolated, type ProblemError } from '../../http/problems.js'
import type { PeriodRow } from '../periods/repository.js'
import {
  findUnitInPeriod,
  notInPeriodIssue,
  readableUnitInPeriod,
  type UnitAccessRequest,
} from '../periods/unit-access.js'
import { loadFramework } from '../frameworks/service.js'
import { SurveyRepository, type TallyRow } from './repository.js'
import { MAX_ANSWERS_PER_QUESTION } from './schemas.js'

export function surveyConfig(framework: FrameworkContent): SurveyConfig | null {
  const survey = framework.survey
  return (
    survey && {
      levels: survey.levels,
      satisfiedFrom: survey.satisfiedFrom,
      elements: survey.elements.map((e) => ({ code: e.code, questions: e.questions.map((q) => q.code) })),
    }
  )
}

function satisfactionOf(config: SurveyConfig, rows: readonly TallyRow[]): Satisfaction {
  return satisfactionFromTallies(config.elements, new Map<string, QuestionTally>(rows.map((r) => [r.question, r])))
}

/** Every unit's satisfaction in a period, from tallies summed in SQL; units without answers are absent. */
export async function periodSatisfaction(db: Kysely<Database>, period: PeriodRow, framework: FrameworkContent) {
  const config = surveyConfig(framework)
  const out = new Map<string, { index: Ratio | null; elements: Map<string, Ratio | null> }>()
  if (!config) return out
  const byUnit = new Map<string, TallyRow[]>()
  for (const row of await new SurveyRepository(db).tallies(period.code, config.satisfiedFrom)) {
    const list = byUnit.get(row.unit)
    if (list) list.push(row)
    else byUnit.set(row.unit, [row])
  }
  for (const [unit, rows] of byUnit) {
    const s = satisfactionOf(config, rows)
    if (s.index !== null) out.set(unit, { index: s.index, elements: new Map(s.elements.map((e) => [e.code, e.index])) })
  }
  return out
}

/** The satisfaction a survey leaf of one unit's scorecard is scored from. */
export async function unitSurveyLookup(
  db: Kysely<Database>,
  period: PeriodRow,
  framework: FrameworkContent,
  unit: string,
): Promise<SurveyIndexLookup> {
  const config = surveyConfig(framework)
  if (!config) return () => null
  const s = satisfactionOf(config, await new SurveyRepository(db).tallies(period.code, config.satisfiedFrom, unit))
  const elements = new Map(s.elements.map((e) => [e.code, e.index]))
  return (element) => (element === null ? s.index : (elements.get(element) ?? null))
}

const published = (r: Ratio | null): number | null => (r === null ? null : hundredthsToNumber(roundHalfUp(r)))

export interface UnitSatisfactionView {
  index: number | null
  respondents: number
  elements: Array<{ code: string; index: number | null }>
  questions: Array<{ code: string; rate: number | null; valid: number }>
}

export async function unitSatisfaction(
  db: Kysely<Database>,
  period: PeriodRow,
  framework: FrameworkContent,
  unit: string,
): Promise<UnitSatisfactionView> {
  const config = surveyConfig(framework)
  const repository = new SurveyRepository(db)
  const s = config
    ? satisfactionOf(config, await repository.tallies(period.code, config.satisfiedFrom, unit))
    : { index: null, elements: [], questions: [] }
  return {
    index: published(s.index),
    respondents: await repository.respondents(period.code, unit),
    elements: s.elements.map((e) => ({ code: e.code, index: published(e.index) })),
    questions: s.questions.map((q) => ({ code: q.code, rate: published(q.rate), valid: q.valid })),
  }
}

interface SurveyContext {
  period: PeriodRow
  framework: FrameworkContent
  config: SurveyConfig
  questions: Set<string>
  inPeriod: boolean
}

/** The common start of a survey write: 404s, the 403 for another unit, the locks, the framework's survey. */
async function open(trx: Kysely<Database>, request: UnitAccessRequest): Promise<SurveyContext> {
  const { period, listed } = await findUnitInPeriod(trx, request, 'write')
  const framework = await loadFramework(trx, period.framework)
  const config = surveyConfig(framework)
  if (!config)
    throw ruleViolated(`The framework of period ${JSON.stringify(period.code)} has no survey`, [
      { pointer: '', code: 'no-survey', message: "the period's framework defines no survey" },
    ])
  const questions = new Set(config.elements.flatMap((e) => e.questions))
  return { period, framework, config, questions, inPeriod: listed }
}

const escapePointerToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1')

const locked = (period: PeriodRow) =>
  new AppError(
    'period-locked',
    `Period ${JSON.stringify(period.code)} is published: survey results can no longer change`,
  )

export interface CountsRequest extends UnitAccessRequest {
  questions: ReadonlyArray<{ code: string; counts: number[] }>
}

export async function putCounts(
  db: Kysely<Database>,
  changes: ChangeFeed,
  request: CountsRequest,
): Promise<UnitSatisfactionView> {
  const { unit, questions } = request
  return changes.transaction(db, async (trx, announce) => {
    const ctx = await open(trx, request)
    const issues: ProblemError[] = ctx.inPeriod ? [] : [notInPeriodIssue(unit, ctx.period.code)]
    const seen = new Set<string>()
    questions.forEach((q, i) => {
      if (!ctx.questions.has(q.code))
        issues.push({
          pointer: `/questions/${i}/code`,
          code: 'unknown-question',
          message: `no question ${q.code} in the framework's survey`,
        })
      if (seen.has(q.code))
        issues.push({ pointer: `/questions/${i}/code`, code: 'duplicate', message: `question ${q.code} appears twice` })
      seen.add(q.code)
      if (q.counts.length !== ctx.config.levels)
        issues.push({
          pointer: `/questions/${i}/counts`,
          code: 'wrong-levels',
          message: `must hold ${ctx.config.levels} counts, one per level, lowest first`,
        })
      if (q.counts.reduce((sum, n) => sum + n, 0) > MAX_ANSWERS_PER_QUESTION)
        issues.push({
          pointer: `/questions/${i}/counts`,
          code: 'too-many-answers',
          message: `the counts of one question add up to at most ${MAX_ANSWERS_PER_QUESTION.toLocaleString('en')}`,
        })
    })
    if (ctx.period.status === 'published') {
      // Re-sending the counts already stored is harmless, as for scores; any change is refused.
      const stored = await new SurveyRepository(trx).storedCounts(ctx.period.code, unit)
      const wanted = new Set(
        questions.flatMap((q) => q.counts.flatMap((n, i) => (n > 0 ? [`${q.code}:${i + 1}:${n}`] : []))),
      )
      if (stored.size !== wanted.size || [...stored].some((k) => !wanted.has(k))) throw locked(ctx.period)
      return unitSatisfaction(trx, ctx.period, ctx.framework, unit)
    }
    if (issues.length > 0) throw ruleViolated('The survey counts break a rule; nothing was written', issues)
    await new SurveyRepository(trx).replaceCounts(
      ctx.period.code,
      unit,
      questions.map((q) => ({ question: q.code, counts: q.counts })),
    )
    announce('results', ctx.period.code)
    return unitSatisfaction(trx, ctx.period, ctx.framework, unit)
  })
}

export interface ResponsesRequest extends UnitAccessRequest {
  responses: ReadonlyArray<{ id: string; answers: Record<string, number> }>
}

export async function appendResponses(
  db: Kysely<Database>,
  changes: ChangeFeed,
  request: ResponsesRequest,
): Promise<UnitSatisfactionView & { accepted: number; duplicates: string[] }> {
  const { unit, responses } = request
  return changes.transaction(db, async (trx, announce) => {
    const ctx = await open(trx, request)
    const issues = new ProblemList()
    if (!ctx.inPeriod) issues.add(notInPeriodIssue(unit, ctx.period.code))
    const firstOfId = new Map<string, number>()
    responses.forEach((r, i) => {
      if (!firstOfId.has(r.id)) firstOfId.set(r.id, i)
      for (const [question, level] of Object.entries(r.answers)) {
        if (!ctx.questions.has(question))
          issues.add({
            pointer: `/responses/${i}/answers/${escapePointerToken(question)}`,
            code: 'unknown-question',
            message: `no question ${question} in the framework's survey`,
          })
        else if (level < 1 || level > ctx.config.levels)
          issues.add({
            pointer: `/responses/${i}/answers/${escapePointerToken(question)}`,
            code: 'out-of-range',
            message: `must be a level from 1 to ${ctx.config.levels}`,
          })
      }
    })
    // A response id repeated within the batch counts once, like one already stored.
    const unique = responses.filter((r, i) => firstOfId.get(r.id) === i)
    const repository = new SurveyRepository(trx)
    if (ctx.period.status === 'published') {
      if (
        unique.length > 0 &&
        (
          await repository.storedIds(
            ctx.period.code,
            unit,
            unique.map((r) => r.id),
          )
        ).size < unique.length
      )
        throw locked(ctx.period)
    }
    if (issues.count > 0) throw issues.error('rule-violated', 'The survey responses break a rule; nothing was written')
    const stored =
      ctx.period.status === 'published'
        ? new Set<string>()
        : await repository.appendResponses(ctx.period.code, unit, unique)
    if (stored.size > 0) announce('results', ctx.period.code)
    const duplicates = responses.filter((r, i) => firstOfId.get(r.id) !== i || !stored.has(r.id)).map((r) => r.id)
    return { accepted: stored.size, duplicates, ...(await unitSatisfaction(trx, ctx.period, ctx.framework, unit)) }
  })
}

export async function readUnitSatisfaction(
  db: Kysely<Database>,
  request: UnitAccessRequest,
): Promise<UnitSatisfactionView> {
  const period = await readableUnitInPeriod(db, request)
  return unitSatisfaction(db, period, await loadFramework(db, period.framework), request.unit)
}

import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

export interface TallyRow {
  unit: string
  question: string
  satisfied: number
  valid: number
}

export class SurveyRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Replaces the unit's aggregate counts: one row per question and level with answers. */
  async replaceCounts(
    period: string,
    unit: string,
    counts: ReadonlyArray<{ question: string; counts: readonly number[] }>,
  ): Promise<void> {
    await this.db
      .deleteFrom('survey_tallies')
      .where('period_code', '=', period)
      .where('unit_code', '=', unit)
      .where('source', '=', 'counts')
      .execute()
    const rows = counts.flatMap(({ question, counts: perLevel }) =>
      perLevel.flatMap((answers, i) =>
        answers > 0
          ? [
              {
                period_code: period,
                unit_code: unit,
                question_code: question,
                level: i + 1,
                source: 'counts' as const,
                answers,
              },
            ]
          : [],
      ),
    )
    if (rows.length > 0) await this.db.insertInto('survey_tallies').values(rows).execute()
  }

  /** The unit's stored aggregate counts, as `question:level:answers` keys. */
  async storedCounts(period: string, unit: string): Promise<Set<string>> {
    const rows = await this.db
      .selectFrom('survey_tallies')
      .select(['question_code', 'level', 'answers'])
      .where('period_code', '=', period)
      .where('unit_code', '=', unit)
      .where('source', '=', 'counts')
      .execute()
    return new Set(rows.map((r) => `${r.question_code}:${r.level}:${r.answers}`))
  }

  async storedIds(period: string, unit: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set()
    const rows = await this.db
      .selectFrom('survey_responses')
      .select('response_id')
      .where('period_code', '=', period)
      .where('unit_code', '=', unit)
      .where('response_id', 'in', ids)
      .execute()
    return new Set(rows.map((r) => r.response_id))
  }

  /**
   * Stores the responses not already stored for the unit and adds their answers to its tallies, in one
   * statement whatever the batch size. Returns the ids stored; the others were already there.
   */
  async appendResponses(
    period: string,
    unit: string,
    responses: ReadonlyArray<{ id: string; answers: Record<string, number> }>,
  ): Promise<Set<string>> {
    const { rows } = await sql<{ response_id: string }>`
      with input as (
        select r.id, r.answers from jsonb_to_recordset(${JSON.stringify(responses)}::jsonb) as r(id text, answers jsonb)
      ),
      stored as (
        insert into survey_responses (period_code, unit_code, response_id, answers)
        select ${period}, ${unit}, id, answers from input
        on conflict do nothing
        returning response_id, answers
      ),
      tallied as (
        insert into survey_tallies (period_code, unit_code, question_code, level, source, answers)
        select ${period}, ${unit}, a.key, a.value::smallint, 'responses', count(*)::int
        from stored, jsonb_each_text(stored.answers) as a
        group by a.key, a.value
        on conflict (period_code, unit_code, question_code, level, source)
        do update set answers = survey_tallies.answers + excluded.answers
        returning 1
      )
      select response_id from stored`.execute(this.db)
    return new Set(rows.map((r) => r.response_id))
  }

  /**
   * Per unit and question: answers at a satisfied level and all answers, summed in the database over
   * counts and responses. `unit` narrows to one unit.
   */
  async tallies(period: string, satisfiedFrom: number, unit?: string): Promise<TallyRow[]> {
    return (await SurveyRepository.talliesQuery(period, satisfiedFrom, unit).execute(this.db)).rows
  }

  /** The statement itself, for benchmarks to time and EXPLAIN exactly what the service sends. */
  static talliesQuery(period: string, satisfiedFrom: number, unit?: string) {
    return sql<TallyRow>`
      select unit_code as unit, question_code as question,
        coalesce(sum(answers) filter (where level >= ${satisfiedFrom}), 0)::int as satisfied,
        sum(answers)::int as valid
      from survey_tallies
      where period_code = ${period} ${unit === undefined ? sql`` : sql`and unit_code = ${unit}`}
      group by unit_code, question_code`
  }

  /** Stored responses, plus the largest per-question total of the aggregate counts (docs/api.md). */
  async respondents(period: string, unit: string): Promise<number> {
    const { rows } = await sql<{ n: number }>`
      select
        (select count(*) from survey_responses where period_code = ${period} and unit_code = ${unit})::int
        + coalesce((select max(total) from (
            select sum(answers) as total from survey_tallies
            where period_code = ${period} and unit_code = ${unit} and source = 'counts'
            group by question_code) per_question), 0)::int as n`.execute(this.db)
    return rows[0]?.n ?? 0
  }
}

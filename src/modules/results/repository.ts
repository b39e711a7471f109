import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

export interface UnitTotalsRow {
  code: string
  name: string
  group: string
  rankable: boolean
  appraisal_points: string
  max_points: string
  missing: number
}

export interface SnapshotRow {
  number: number
  publishedAt: Date
  hash: string
  body: string
}

export class ResultsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Per unit of the period, summed in the database over the framework's leaves: final points of the
   * applicable appraisal leaves (appraised, else self, else 0), the applicable maximum, and how many
   * applicable appraisal leaves still lack an appraised score. Only one row per unit comes back.
   */
  async unitTotals(period: string, framework: string): Promise<UnitTotalsRow[]> {
    const { rows } = await sql<UnitTotalsRow>`
      select pu.unit_code as code, u.name, u.group_code as "group", u.rankable,
        coalesce(sum(coalesce(s.appraised, s.self, 0)) filter (where fc.method = 'appraisal' and not coalesce(s.not_applicable, false)), 0)::text as appraisal_points,
        coalesce(sum(fc.max_points) filter (where not coalesce(s.not_applicable, false)), 0)::text as max_points,
        (count(*) filter (where fc.method = 'appraisal' and not coalesce(s.not_applicable, false) and s.appraised is null))::int as missing
      from period_units pu
      join units u on u.code = pu.unit_code
      join framework_criteria fc on fc.framework_code = ${framework} and fc.is_leaf
      left join scores s on s.period_code = pu.period_code and s.unit_code = pu.unit_code and s.criterion_code = fc.code
      where pu.period_code = ${period}
      group by pu.unit_code, u.name, u.group_code, u.rankable`.execute(this.db)
    return rows
  }

  async snapshot(period: string, number?: number): Promise<SnapshotRow | undefined> {
    let query = this.db
      .selectFrom('result_snapshots')
      .select(['number', 'published_at as publishedAt', 'hash', 'body'])
      .where('period_code', '=', period)
      .orderBy('number', 'desc')
      .limit(1)
    if (number !== undefined) query = query.where('number', '=', number)
    return query.executeTakeFirst()
  }

  async nextSnapshotNumber(period: string): Promise<number> {
    const row = await this.db
      .selectFrom('result_snapshots')
      .select((eb) => eb.fn.max('number').as('last'))
      .where('period_code', '=', period)
      .executeTakeFirst()
    return Number(row?.last ?? 0) + 1
  }

  async saveSnapshot(snapshot: { period: string; number: number; publishedAt: Date; publishedBy: string; framework: string; hash: string; body: string }): Promise<void> {
    await this.db
      .insertInto('result_snapshots')
      .values({
        period_code: snapshot.period,
        number: snapshot.number,
        published_at: snapshot.publishedAt,
        published_by: snapshot.publishedBy,
        framework_code: snapshot.framework,
        hash: snapshot.hash,
        body: snapshot.body,
      })
      .execute()
  }
}

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
    return (await ResultsRepository.unitTotalsQuery(period, framework).execute(this.db)).rows
  }

  /** The statement itself, for benchmarks to time and EXPLAIN exactly what the service sends. */
  static unitTotalsQuery(period: string, framework: string) {
    // The stored scores are summed per unit first (one pass over the period's rows, joined to the small
    // set of leaves), then every unit of the period is completed from the framework's totals: a plan that
    // stays fast whether or not the planner's statistics have caught up with a bulk import.
    return sql<UnitTotalsRow>`
      with leaves as (
        select code, method, max_points from framework_criteria where framework_code = ${framework} and is_leaf
      ),
      framework_totals as (
        select coalesce(sum(max_points), 0) as max_points, count(*) filter (where method = 'appraisal') as appraisal_leaves from leaves
      ),
      per_unit as (
        select s.unit_code,
          sum(coalesce(s.appraised, s.self, 0)) filter (where l.method = 'appraisal' and not s.not_applicable) as points,
          sum(l.max_points) filter (where s.not_applicable) as not_applicable_max,
          count(*) filter (where l.method = 'appraisal' and (s.not_applicable or s.appraised is not null)) as settled
        from scores s join leaves l on l.code = s.criterion_code
        where s.period_code = ${period}
        group by s.unit_code
      )
      select pu.unit_code as code, u.name, u.group_code as "group", u.rankable,
        coalesce(p.points, 0)::text as appraisal_points,
        (t.max_points - coalesce(p.not_applicable_max, 0))::text as max_points,
        (t.appraisal_leaves - coalesce(p.settled, 0))::int as missing
      from period_units pu
      join units u on u.code = pu.unit_code
      cross join framework_totals t
      left join per_unit p on p.unit_code = pu.unit_code
      where pu.period_code = ${period}`
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

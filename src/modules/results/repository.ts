import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

export interface UnitTotalsRow {
  code: string
  name: string
  group: string
  rankable: boolean
  /**
   * Final points of the unit's applicable scored leaves (appraised, else self), a decimal string. A ratio
   * leaf stores no self score, so it adds its appraised score or nothing.
   */
  appraisal_points: string
  /** Scored leaves that need no more appraisal: appraised, not applicable, or (ratio leaves) with counts. */
  settled: number
  /** The leaves not applicable to the unit: marked so, or ratio leaves with a denominator of 0. */
  not_applicable: string[]
  /** `criterion:numerator:denominator` of the applicable ratio leaves with counts and no appraised score. */
  ratio_counts: string[]
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
   * Per unit of the period, summed in the database: the final points of its applicable scored leaves,
   * how many of them are settled, which are not applicable, and the counts of the ratio leaves whose
   * points the domain computes (they are not a plain sum). Only one row per unit comes back; the
   * framework's maxima complete it (scores exist only for the framework's appraisal leaves).
   */
  async unitTotals(period: string): Promise<UnitTotalsRow[]> {
    return (await ResultsRepository.unitTotalsQuery(period).execute(this.db)).rows
  }

  /**
   * The statement itself, for benchmarks to time and EXPLAIN exactly what the service sends. It reads
   * the period's scores once in key order and joins nothing per row, so its plan stays fast whether
   * or not the planner's statistics have caught up with a bulk import.
   */
  static unitTotalsQuery(period: string) {
    return sql<UnitTotalsRow>`
      select pu.unit_code as code, u.name, u.group_code as "group", u.rankable,
        coalesce(p.points, 0)::text as appraisal_points,
        coalesce(p.settled, 0)::int as settled,
        coalesce(p.not_applicable, '{}') as not_applicable,
        coalesce(p.ratio_counts, '{}') as ratio_counts
      from period_units pu
      join units u on u.code = pu.unit_code
      left join (
        select unit_code,
          sum(coalesce(appraised, self, 0)) filter (where not not_applicable and denominator is distinct from 0) as points,
          count(*) filter (where not_applicable or appraised is not null or numerator is not null) as settled,
          array_agg(criterion_code order by criterion_code) filter (where not_applicable or denominator = 0)
            as not_applicable,
          array_agg(criterion_code || ':' || numerator || ':' || denominator)
            filter (where numerator is not null and denominator <> 0 and appraised is null and not not_applicable)
            as ratio_counts
        from scores
        where period_code = ${period}
        group by unit_code
      ) p on p.unit_code = pu.unit_code
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

  async saveSnapshot(snapshot: {
    period: string
    number: number
    publishedAt: Date
    publishedBy: string
    framework: string
    hash: string
    body: string
  }): Promise<void> {
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

import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

export interface UnitTotalsRow {
  code: string
  name: string
  group: string
  rankable: boolean
  /**
   * The unit's stored leaves: their codes, comma-separated (codes hold no commas), and their final points
   * (appraised, else self, else 0; a ratio leaf stores no self score) as decimals, comma-separated in the
   * same order, empty for a leaf that does not apply. Both empty when nothing is stored.
   */
  criteria: string
  points: string
  /** Self-assessed points of the unit's applicable scored leaves (missing counts 0), a decimal string. */
  self_points: string
  /** Scored leaves that need no more appraisal: appraised, not applicable, or (ratio leaves) with counts. */
  settled: number
  /** The codes of the leaves not applicable to the unit (marked so, or a denominator of 0), comma-separated. */
  not_applicable: string
  /**
   * `criterion:numerator:denominator:appraised` (appraised 1 or 0) of the applicable ratio leaves with
   * counts, comma-separated (codes hold neither colons nor commas); empty when there are none.
   */
  ratio_counts: string
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
   * Per unit of the period, in one pass over its scores in key order: the codes and final points of its
   * stored leaves, its self-assessed points, how many leaves are settled, which leaves do not apply, and
   * its ratio counts. One row per unit; the domain sums the points per field (the framework's leaf → field
   * mapping stays out of the statement: joining it to every score and grouping by field cost a sort of
   * every score of the period). Listing every stored leaf, applicable or not, gives the units of a round
   * the same list of codes, read once.
   */
  async unitTotals(period: string): Promise<UnitTotalsRow[]> {
    return (await ResultsRepository.unitTotalsQuery(period).execute(this.db)).rows
  }

  /**
   * The statement itself, for benchmarks to time and EXPLAIN exactly what the service sends. The codes and
   * the points are two aggregates of the same rows: PostgreSQL feeds every input row to all aggregates of
   * a group in turn, so the two lists are in the same order.
   */
  static unitTotalsQuery(period: string) {
    // A leaf applies unless marked so, or (a ratio leaf) its denominator is 0.
    const applicable = sql`not s.not_applicable and s.denominator is distinct from 0`
    return sql<UnitTotalsRow>`
      select pu.unit_code as code, u.name, u.group_code as "group", u.rankable,
        coalesce(p.criteria, '') as criteria,
        coalesce(p.points, '') as points,
        coalesce(p.self_points, 0)::text as self_points,
        coalesce(p.settled, 0)::int as settled,
        coalesce(p.not_applicable, '') as not_applicable,
        coalesce(p.ratio_counts, '') as ratio_counts
      from period_units pu
      join units u on u.code = pu.unit_code
      left join (
        select s.unit_code,
          string_agg(s.criterion_code, ',') as criteria,
          string_agg(case when ${applicable} then coalesce(s.appraised, s.self, 0)::text else '' end, ',') as points,
          sum(s.self) filter (where ${applicable}) as self_points,
          count(*) filter (where s.not_applicable or s.appraised is not null or s.numerator is not null) as settled,
          string_agg(s.criterion_code, ',') filter (where not (${applicable})) as not_applicable,
          string_agg(
            s.criterion_code || ':' || s.numerator || ':' || s.denominator || ':' || (s.appraised is not null)::int,
            ','
          ) filter (where s.numerator is not null and ${applicable}) as ratio_counts
        from scores s
        where s.period_code = ${period}
        group by s.unit_code
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

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
  /** Self-assessed points of the unit's applicable scored leaves (missing counts 0), a decimal string. */
  self_points: string
  /** Scored leaves that need no more appraisal: appraised, not applicable, or (ratio leaves) with counts. */
  settled: number
  /** The summed maximum of the leaves not applicable to the unit (marked so, or a denominator of 0). */
  not_applicable_max: string
  /**
   * `criterion:numerator:denominator:appraised` (appraised 1 or 0) of the applicable ratio leaves with
   * counts, comma-separated (codes hold neither colons nor commas); empty when there are none.
   */
  ratio_counts: string
  /** Per field the unit has scores in: its position, final points and not-applicable maximum. */
  field_positions: number[]
  field_points: string[]
  field_not_applicable_max: string[]
}

/** The framework's leaves, each with the position of its field and its maximum: the statement's mapping. */
export interface LeafFields {
  criteria: string[]
  fields: number[]
  /** Decimal strings. */
  maxima: string[]
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
   * Per unit of the period, summed in the database in one pass: the final and self-assessed points of
   * its applicable scored leaves, how many are settled, the maximum of those not applicable, and the same
   * sums per field (the framework's leaf → field mapping is a parameter, not a table). One row per unit;
   * the framework's maxima complete it (scores exist only for the framework's scored leaves).
   */
  async unitTotals(period: string, mapping: LeafFields): Promise<UnitTotalsRow[]> {
    return (await ResultsRepository.unitTotalsQuery(period, mapping).execute(this.db)).rows
  }

  /**
   * The statement itself, for benchmarks to time and EXPLAIN exactly what the service sends. It reads
   * the period's scores once in key order, hash-joins them to the small leaf → field list, sums per unit
   * and field, then folds the fields of each unit into arrays.
   */
  static unitTotalsQuery(period: string, mapping: LeafFields) {
    // A leaf applies unless marked so, or (a ratio leaf) its denominator is 0.
    const applicable = sql`not s.not_applicable and s.denominator is distinct from 0`
    return sql<UnitTotalsRow>`
      select pu.unit_code as code, u.name, u.group_code as "group", u.rankable,
        coalesce(p.points, 0)::text as appraisal_points,
        coalesce(p.self_points, 0)::text as self_points,
        coalesce(p.settled, 0)::int as settled,
        coalesce(p.not_applicable_max, 0)::text as not_applicable_max,
        coalesce(p.ratio_counts, '') as ratio_counts,
        coalesce(p.field_positions, '{}') as field_positions,
        coalesce(p.field_points, '{}') as field_points,
        coalesce(p.field_not_applicable_max, '{}') as field_not_applicable_max
      from period_units pu
      join units u on u.code = pu.unit_code
      left join (
        select unit_code,
          sum(points) as points,
          sum(self_points) as self_points,
          sum(settled) as settled,
          sum(not_applicable_max) as not_applicable_max,
          string_agg(ratio_counts, ',') as ratio_counts,
          array_agg(field order by field) filter (where field is not null) as field_positions,
          array_agg(coalesce(points, 0)::text order by field) filter (where field is not null) as field_points,
          array_agg(coalesce(not_applicable_max, 0)::text order by field) filter (where field is not null)
            as field_not_applicable_max
        from (
          select s.unit_code, f.field,
            sum(coalesce(s.appraised, s.self, 0)) filter (where ${applicable}) as points,
            sum(coalesce(s.self, 0)) filter (where ${applicable}) as self_points,
            count(*) filter (where s.not_applicable or s.appraised is not null or s.numerator is not null) as settled,
            sum(f.max) filter (where not (${applicable})) as not_applicable_max,
            string_agg(
              s.criterion_code || ':' || s.numerator || ':' || s.denominator || ':' || (s.appraised is not null)::int,
              ','
            ) filter (where s.numerator is not null and ${applicable}) as ratio_counts
          from scores s
          left join unnest(${mapping.criteria}::text[], ${mapping.fields}::int[], ${mapping.maxima}::numeric[])
            as f(criterion, field, max) on f.criterion = s.criterion_code
          where s.period_code = ${period}
          group by s.unit_code, f.field
        ) per_field
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

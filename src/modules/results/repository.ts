import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

/** A unit of the period and its maintained totals (migrations/0009_unit_totals.ts; zeros and empty without scores). */
export interface UnitTotalsRow {
  code: string
  name: string
  group: string
  rankable: boolean
  /** Final points of its applicable stored leaves (appraised, else self, else 0), a decimal string. */
  points: string
  /** The same per field: `position:points`, comma-separated, for the fields with an applicable stored leaf. */
  field_points: string
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

export interface StaleTotals {
  unit: string
  /** The maintained row (null: none), and what the scores give, as JSON objects of the totals' columns. */
  stored: Record<string, unknown> | null
  computed: Record<string, unknown>
}

export interface SnapshotRow {
  number: number
  publishedAt: Date
  hash: string
  body: string
}

export class ResultsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Per unit of the period, its maintained totals: one row per unit, however many scores it has. */
  async unitTotals(period: string): Promise<UnitTotalsRow[]> {
    return (await ResultsRepository.unitTotalsQuery(period).execute(this.db)).rows
  }

  /** The statement itself, for benchmarks to time and EXPLAIN exactly what the service sends. */
  static unitTotalsQuery(period: string) {
    return sql<UnitTotalsRow>`
      select pu.unit_code as code, u.name, u.group_code as "group", u.rankable,
        coalesce(t.points, 0)::text as points,
        coalesce(t.field_points, '') as field_points,
        coalesce(t.self_points, 0)::text as self_points,
        coalesce(t.settled, 0) as settled,
        coalesce(t.not_applicable, '') as not_applicable,
        coalesce(t.ratio_counts, '') as ratio_counts
      from period_units pu
      join units u on u.code = pu.unit_code
      left join unit_totals t on t.period_code = pu.period_code and t.unit_code = pu.unit_code
      where pu.period_code = ${period}`
  }

  /**
   * The units whose maintained totals differ from a recomputation from their scores (`unit_totals_computed`),
   * with both versions: empty when the triggers kept every total exact. A unit without a totals row
   * compares as zeros, as the results read takes it.
   */
  async staleTotals(period: string): Promise<StaleTotals[]> {
    const { rows } = await sql<StaleTotals>`
      with members as (select array_agg(period_code) as periods, array_agg(unit_code) as codes
        from period_units where period_code = ${period})
      select c.unit_code as unit,
        to_jsonb(t) - 'period_code' - 'unit_code' as stored,
        to_jsonb(c) - 'period_code' - 'unit_code' as computed
      from members cross join lateral unit_totals_computed(members.periods, members.codes) c
      left join unit_totals t on t.period_code = c.period_code and t.unit_code = c.unit_code
      where (coalesce(t.points, 0), coalesce(t.field_points, ''), coalesce(t.self_points, 0), coalesce(t.settled, 0),
          coalesce(t.not_applicable, ''), coalesce(t.ratio_counts, ''))
        is distinct from (c.points, c.field_points, c.self_points, c.settled, c.not_applicable, c.ratio_counts)
      order by c.unit_code`.execute(this.db)
    return rows
  }

  /** Recomputes the given units' totals from their scores, as the triggers do (for a repair). */
  async refreshTotals(period: string, units: readonly string[]): Promise<void> {
    await sql`select unit_totals_refresh(${sql.val(units.map(() => period))}::text[], ${sql.val(units)}::text[])`.execute(
      this.db,
    )
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

import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { PeriodStatus } from '../../domain/period-status.js'

export interface PeriodRow {
  code: string
  name: string
  year: number
  framework: string
  status: PeriodStatus
}

const columns = ['code', 'name', 'year', 'framework_code as framework', 'status'] as const

export class PeriodsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  find(code: string): Promise<PeriodRow | undefined> {
    return this.read(code, null)
  }

  /**
   * Serialises writers of one period code until the transaction ends, also while no row exists yet to
   * lock: parallel creations of one code then see each other instead of colliding on the primary key.
   */
  async serialise(code: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${'period:' + code}, 0))`.execute(this.db)
  }

  /** Reads and locks the period row until the transaction ends: status changes and writes serialise on it. */
  lock(code: string): Promise<PeriodRow | undefined> {
    return this.read(code, 'update')
  }

  /** Shares the period row with other writers, while keeping status changes out until the end. */
  lockShared(code: string): Promise<PeriodRow | undefined> {
    return this.read(code, 'share')
  }

  private read(code: string, lock: 'update' | 'share' | null): Promise<PeriodRow | undefined> {
    const query = this.db.selectFrom('periods').select(columns).where('code', '=', code)
    return (lock === 'update' ? query.forUpdate() : lock === 'share' ? query.forShare() : query).executeTakeFirst()
  }

  async units(code: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('period_units')
      .select('unit_code')
      .where('period_code', '=', code)
      .orderBy('unit_code')
      .execute()
    return rows.map((r) => r.unit_code)
  }

  /** With `lock`, also locks the unit's place in the period: writes to one unit serialise on it. */
  async listsUnit(code: string, unit: string, options: { lock?: boolean } = {}): Promise<boolean> {
    const query = this.db
      .selectFrom('period_units')
      .select('unit_code')
      .where('period_code', '=', code)
      .where('unit_code', '=', unit)
    const row = await (options.lock ? query.forUpdate() : query).executeTakeFirst()
    return row !== undefined
  }

  list(filter: { year?: number; forUnit?: string; after?: string; limit: number }): Promise<PeriodRow[]> {
    let query = this.db.selectFrom('periods').select(columns).orderBy('code').limit(filter.limit)
    if (filter.year !== undefined) query = query.where('year', '=', filter.year)
    if (filter.after !== undefined) query = query.where('code', '>', filter.after)
    if (filter.forUnit !== undefined) {
      const unit = filter.forUnit
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('period_units as pu')
            .select(sql.lit(1).as('one'))
            .whereRef('pu.period_code', '=', 'periods.code')
            .where('pu.unit_code', '=', unit),
        ),
      )
    }
    return query.execute()
  }

  /** Whether any score is stored in the period (its framework can no longer change then). */
  async hasScores(code: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('scores')
      .select(sql<number>`1`.as('one'))
      .where('period_code', '=', code)
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }

  /** Of the given units, those holding scores or survey results in the period: they cannot leave it. */
  async unitsWithData(code: string, units: readonly string[]): Promise<string[]> {
    if (units.length === 0) return []
    const holding = (table: 'scores' | 'survey_tallies' | 'survey_responses') =>
      this.db.selectFrom(table).select('unit_code').where('period_code', '=', code).where('unit_code', 'in', units)
    const rows = await holding('scores')
      .union(holding('survey_tallies'))
      .union(holding('survey_responses'))
      .orderBy('unit_code')
      .execute()
    return rows.map((r) => r.unit_code)
  }

  async insert(period: Omit<PeriodRow, 'status'>): Promise<void> {
    await this.db
      .insertInto('periods')
      .values({ code: period.code, name: period.name, year: period.year, framework_code: period.framework })
      .execute()
  }

  async update(period: Omit<PeriodRow, 'status'>): Promise<void> {
    await this.db
      .updateTable('periods')
      .set({ name: period.name, year: period.year, framework_code: period.framework, updated_at: sql`now()` })
      .where('code', '=', period.code)
      .execute()
  }

  async setStatus(code: string, status: PeriodStatus): Promise<void> {
    await this.db
      .updateTable('periods')
      .set({ status, updated_at: sql`now()` })
      .where('code', '=', code)
      .execute()
  }

  async addUnits(code: string, units: readonly string[]): Promise<void> {
    for (let i = 0; i < units.length; i += 5000) {
      await this.db
        .insertInto('period_units')
        .values(units.slice(i, i + 5000).map((unit_code) => ({ period_code: code, unit_code })))
        .execute()
    }
  }

  async removeUnits(code: string, units: readonly string[]): Promise<void> {
    if (units.length === 0) return
    await this.db.deleteFrom('period_units').where('period_code', '=', code).where('unit_code', 'in', units).execute()
  }

  async recordStatus(entry: {
    period: string
    clientId: string
    clientRole: string
    from: PeriodStatus | null
    to: PeriodStatus
    reason: string | null
  }): Promise<void> {
    await this.db
      .insertInto('period_status_history')
      .values({
        period_code: entry.period,
        client_id: entry.clientId,
        client_role: entry.clientRole,
        from_status: entry.from,
        to_status: entry.to,
        reason: entry.reason,
      })
      .execute()
  }

  history(code: string) {
    return this.db
      .selectFrom('period_status_history')
      .select(['at', 'client_id', 'client_role', 'from_status', 'to_status', 'reason'])
      .where('period_code', '=', code)
      .orderBy('id')
      .execute()
  }
}

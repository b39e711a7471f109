import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { FrameworkContent } from '../../domain/framework.js'
import { hundredthsToString } from '../../domain/decimal.js'

export interface StoredFramework {
  code: string
  content: FrameworkContent
  contentHash: string
}

export class FrameworksRepository {
  constructor(private readonly db: Kysely<Database>) {}

  find(code: string): Promise<StoredFramework | undefined> {
    return this.read(code, false)
  }

  /**
   * Serialises writers of one framework code until the transaction ends, also while no row exists yet to
   * lock: parallel creations of one code then see each other instead of colliding on the primary key.
   */
  async serialise(code: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended(${'framework:' + code}, 0))`.execute(this.db)
  }

  /** Locks the framework row for the rest of the transaction, so a replace and a new period cannot cross. */
  lock(code: string): Promise<StoredFramework | undefined> {
    return this.read(code, true)
  }

  private async read(code: string, forUpdate: boolean): Promise<StoredFramework | undefined> {
    let query = this.db.selectFrom('frameworks').select(['code', 'content', 'content_hash']).where('code', '=', code)
    if (forUpdate) query = query.forUpdate()
    const row = await query.executeTakeFirst()
    return row && { code: row.code, content: row.content as FrameworkContent, contentHash: row.content_hash }
  }

  async inUse(code: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('periods')
      .select('code')
      .where('framework_code', '=', code)
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }

  list(filter: { after?: string; limit: number; forUnit?: string }) {
    let query = this.db
      .selectFrom('frameworks as f')
      .select(['f.code', 'f.name', 'f.total_points as totalPoints'])
      .orderBy('f.code')
      .limit(filter.limit)
    if (filter.after !== undefined) query = query.where('f.code', '>', filter.after)
    if (filter.forUnit !== undefined) {
      const unit = filter.forUnit
      query = query.where((eb) =>
        eb.exists(
          eb
            .selectFrom('periods as p')
            .innerJoin('period_units as pu', 'pu.period_code', 'p.code')
            .select(sql.lit(1).as('one'))
            .whereRef('p.framework_code', '=', 'f.code')
            .where('pu.unit_code', '=', unit),
        ),
      )
    }
    return query.execute()
  }

  /** Whether a period listing `unit` uses the framework: what lets a unit token read it. */
  async usedForUnit(code: string, unit: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('periods as p')
      .innerJoin('period_units as pu', 'pu.period_code', 'p.code')
      .select('p.code')
      .where('p.framework_code', '=', code)
      .where('pu.unit_code', '=', unit)
      .limit(1)
      .executeTakeFirst()
    return row !== undefined
  }

  /** Writes the framework and its flattened criteria and questions; the caller holds the transaction. */
  async save(
    code: string,
    content: FrameworkContent,
    hash: string,
    totalHundredths: bigint,
    exists: boolean,
  ): Promise<void> {
    const values = {
      name: content.name,
      content: JSON.stringify(content),
      content_hash: hash,
      total_points: hundredthsToString(totalHundredths),
    }
    if (exists) {
      await this.db
        .updateTable('frameworks')
        .set({ ...values, updated_at: sql`now()` })
        .where('code', '=', code)
        .execute()
    } else {
      await this.db
        .insertInto('frameworks')
        .values({ code, ...values })
        .execute()
    }
  }
}

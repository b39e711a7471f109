import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

export interface Unit {
  code: string
  name: string
  group: string
  parent: string | null
  rankable: boolean
}

const columns = ['code', 'name', 'group_code as group', 'parent_code as parent', 'rankable'] as const

export class UnitsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  find(code: string): Promise<Unit | undefined> {
    return this.db.selectFrom('units').select(columns).where('code', '=', code).executeTakeFirst()
  }

  async exists(code: string): Promise<boolean> {
    return (await this.db.selectFrom('units').select('code').where('code', '=', code).executeTakeFirst()) !== undefined
  }

  /** The codes among `codes` that name no unit. */
  async missing(codes: readonly string[]): Promise<string[]> {
    if (codes.length === 0) return []
    const found = await this.db.selectFrom('units').select('code').where('code', 'in', codes).execute()
    const known = new Set(found.map((r) => r.code))
    return codes.filter((c) => !known.has(c))
  }

  /**
   * Serialises changes of parents until the transaction ends: two changes that each pass the cycle check
   * alone (a under b, b under a) cannot then both be stored.
   */
  async lockTree(): Promise<void> {
    await sql`select pg_advisory_xact_lock(hashtextextended('unit-tree', 0))`.execute(this.db)
  }

  /** The chain of ancestors of `code`, nearest first (a cycle guard stops at 10,000 levels). */
  async ancestors(code: string): Promise<string[]> {
    const { rows } = await sql<{ code: string }>`
      with recursive chain(code, depth) as (
        select parent_code, 1 from units where code = ${code} and parent_code is not null
        union all
        select u.parent_code, c.depth + 1 from units u join chain c on u.code = c.code
        where u.parent_code is not null and c.depth < 10000
      )
      select code from chain order by depth`.execute(this.db)
    return rows.map((r) => r.code)
  }

  /** Inserts or replaces; true when the unit is new. */
  async upsert(unit: Unit): Promise<boolean> {
    const row = await this.db
      .insertInto('units')
      .values({
        code: unit.code,
        name: unit.name,
        group_code: unit.group,
        parent_code: unit.parent,
        rankable: unit.rankable,
      })
      .onConflict((oc) =>
        oc.column('code').doUpdateSet({
          name: unit.name,
          group_code: unit.group,
          parent_code: unit.parent,
          rankable: unit.rankable,
          updated_at: sql`now()`,
        }),
      )
      .returning(sql<boolean>`(xmax = 0)`.as('inserted'))
      .executeTakeFirstOrThrow()
    return row.inserted
  }

  list(filter: { group?: string; parent?: string; only?: string; after?: string; limit: number }): Promise<Unit[]> {
    let query = this.db.selectFrom('units').select(columns).orderBy('code').limit(filter.limit)
    if (filter.group !== undefined) query = query.where('group_code', '=', filter.group)
    if (filter.parent !== undefined) query = query.where('parent_code', '=', filter.parent)
    if (filter.only !== undefined) query = query.where('code', '=', filter.only)
    if (filter.after !== undefined) query = query.where('code', '>', filter.after)
    return query.execute()
  }
}

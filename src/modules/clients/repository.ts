import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Role } from '../../domain/access.js'

export interface ClientRow {
  id: string
  name: string
  role: Role
  unit: string | null
  createdAt: Date
  revokedAt: Date | null
}

const columns = [
  'id',
  'name',
  'role',
  'unit_code as unit',
  'created_at as createdAt',
  'revoked_at as revokedAt',
] as const

export class ClientsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  findActiveByTokenHash(tokenHash: string): Promise<ClientRow | undefined> {
    return this.db
      .selectFrom('clients')
      .select(columns)
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst()
  }

  find(id: string): Promise<ClientRow | undefined> {
    return this.db.selectFrom('clients').select(columns).where('id', '=', id).executeTakeFirst()
  }

  async insert(client: {
    id: string
    name: string
    role: Role
    unit: string | null
    tokenHash: string
  }): Promise<ClientRow> {
    return this.db
      .insertInto('clients')
      .values({
        id: client.id,
        name: client.name,
        role: client.role,
        unit_code: client.unit,
        token_hash: client.tokenHash,
      })
      .returning(columns)
      .executeTakeFirstOrThrow()
  }

  list(after: string | undefined, limit: number): Promise<ClientRow[]> {
    let query = this.db.selectFrom('clients').select(columns).orderBy('id').limit(limit)
    if (after !== undefined) query = query.where('id', '>', after)
    return query.execute()
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('clients')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
    return Number(row.n)
  }

  /** Revokes at once; a second revocation keeps the first time. Returns false when no such client. */
  async revoke(id: string): Promise<boolean> {
    const result = await this.db
      .updateTable('clients')
      .set({ revoked_at: sql<Date>`coalesce(revoked_at, now())` })
      .where('id', '=', id)
      .executeTakeFirst()
    return result.numUpdatedRows > 0n
  }
}

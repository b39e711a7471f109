import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { ruleViolated } from '../../http/problems.js'
import { nfc } from '../../http/schemas.js'
import { UnitsRepository } from '../units/repository.js'
import type { Identity, Role } from '../../domain/access.js'
import { ClientsRepository, type ClientRow } from './repository.js'
import { generateToken, hashToken } from './tokens.js'

export async function createClient(
  db: Kysely<Database>,
  input: { name: string; role: Role; unit?: string | null },
): Promise<ClientRow & { token: string }> {
  const unit = input.unit ?? null
  if (input.role === 'unit' && unit === null) {
    throw ruleViolated('A unit token must name its unit', [
      { pointer: '/unit', code: 'required-for-role', message: 'is required for role unit' },
    ])
  }
  if (input.role !== 'unit' && unit !== null) {
    throw ruleViolated('Only a unit token is bound to a unit', [
      { pointer: '/unit', code: 'not-for-role', message: `must be absent for role ${input.role}` },
    ])
  }
  if (unit !== null && !(await new UnitsRepository(db).exists(unit))) {
    throw ruleViolated(`No unit with code ${JSON.stringify(unit)}`, [
      { pointer: '/unit', code: 'unknown-unit', message: 'is not a known unit' },
    ])
  }
  const token = generateToken()
  const row = await new ClientsRepository(db).insert({
    id: randomUUID(),
    name: nfc(input.name),
    role: input.role,
    unit,
    tokenHash: hashToken(token),
  })
  return { ...row, token }
}

/**
 * With no CCHC_ADMIN_TOKEN and no client at all, nobody could ever call the API: make the first admin
 * client and hand its token to the operator, once.
 */
export async function bootstrapAdmin(db: Kysely<Database>, adminToken: string | null): Promise<string | null> {
  if (adminToken) return null
  return db.transaction().execute(async (trx) => {
    const clients = new ClientsRepository(trx)
    // Two instances starting together must not both create one.
    await sql`lock table clients in share row exclusive mode`.execute(trx)
    if ((await clients.count()) > 0) return null
    const token = generateToken()
    await clients.insert({
      id: randomUUID(),
      name: 'bootstrap admin',
      role: 'admin',
      unit: null,
      tokenHash: hashToken(token),
    })
    return token
  })
}

/** The identity behind a client token, for the auth plugin: only the token's hash is ever stored. */
export const identityLookup =
  (db: Kysely<Database>) =>
  async (token: string): Promise<Identity | undefined> => {
    const client = await new ClientsRepository(db).findActiveByTokenHash(hashToken(token))
    return client && { id: client.id, role: client.role, unit: client.unit }
  }

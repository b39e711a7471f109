import { timingSafeEqual } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import fp from 'fastify-plugin'
import { InvalidatedCache, type ChangeFeed } from '../db/change-feed.js'
import { AppError } from '../http/problems.js'
import { problemResponses } from '../http/responses.js'
import { otherUnitRefusal, reachesUnit, ROLES, type Identity, type Role } from '../domain/access.js'

/** Finds the active client holding a token (not the bootstrap one); undefined when unknown or revoked. */
export type IdentityLookup = (token: string) => Promise<Identity | undefined>

export interface AuthOptions {
  adminToken: string | null
  lookupIdentity: IdentityLookup
  changes: ChangeFeed
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The roles that may call the route. Every /v1 route declares it; routes without it are public. */
    access?: readonly Role[]
  }
  interface FastifyRequest {
    identity: Identity
  }
}

/** The bootstrap admin (CCHC_ADMIN_TOKEN): a built-in identity, never stored, listed or revoked. */
export const BOOTSTRAP_ID = 'bootstrap'
const BOOTSTRAP_IDENTITY: Identity = Object.freeze({ id: BOOTSTRAP_ID, role: 'admin', unit: null })

/** Constant time in the token's content (only its length can tell it apart). */
function isBootstrapToken(token: string, admin: Buffer): boolean {
  const given = Buffer.from(token, 'utf8')
  return given.length === admin.length && timingSafeEqual(given, admin)
}

const roleDescriptions: Record<Role, string> = {
  admin: 'admin',
  appraiser: 'appraiser',
  unit: 'unit (its own unit only)',
  reader: 'reader',
}

// The scheme is case-insensitive (RFC 9110, 11.1): `bearer` and `BEARER` are Bearer.
const bearer = /^Bearer +([A-Za-z0-9._~+/=-]{1,512})$/i

/**
 * Authenticates `/v1` calls and enforces each route's `access` list before the body is even validated
 * (401, then 403, come first).
 */
export const authPlugin = fp(async function auth(app: FastifyInstance, options: AuthOptions) {
  // Known tokens only, in this process's memory (keyed by the token, so a warm request hashes nothing);
  // a revocation anywhere empties it (the 'clients' change), so a revoked token stops at once.
  const known = new InvalidatedCache<Identity | undefined>(options.changes, 'clients')
  const admin = options.adminToken ? Buffer.from(options.adminToken, 'utf8') : null
  app.decorateRequest('identity', null as unknown as Identity)

  app.addHook('onRoute', (route) => {
    const access = route.config?.access
    if (!access) return
    const schema = (route.schema ??= {}) as Record<string, unknown>
    schema.security = [{ bearerAuth: [] }]
    const roles = access.map((r) => roleDescriptions[r]).join(', ')
    const description = typeof schema.description === 'string' ? `${schema.description}\n\n` : ''
    schema.description = `${description}**Roles:** ${roles}.`
    schema.response = { ...problemResponses(401, 403, 429), ...(schema.response as object | undefined) }
  })

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const access = request.routeOptions.config.access
    if (!access) return
    const header = request.headers.authorization
    const match = typeof header === 'string' ? bearer.exec(header) : null
    if (!match)
      throw new AppError('unauthorized', 'An Authorization: Bearer <token> header is required', {
        headers: { 'www-authenticate': 'Bearer' },
      })
    const token = match[1]!
    let identity: Identity | undefined
    if (admin && isBootstrapToken(token, admin)) {
      identity = BOOTSTRAP_IDENTITY
    } else {
      identity = await known.get(token, () => options.lookupIdentity(token))
    }
    if (!identity)
      throw new AppError('unauthorized', 'The token is unknown or revoked', {
        headers: { 'www-authenticate': 'Bearer error="invalid_token"' },
      })
    // Known before the role is checked, so that a refusal's log line names the client too.
    request.identity = identity
    if (!access.includes(identity.role)) {
      throw new AppError(
        'forbidden',
        `The ${identity.role} role may not call ${request.method} ${request.routeOptions.url}`,
      )
    }
  })
})

/** Roles, in the form routes declare them. */
export const allow = (...roles: Role[]): { access: readonly Role[] } => ({ access: roles })
export const ALL_ROLES: readonly Role[] = ROLES

/** For routes a `unit` token may call: it sees its own unit only (checked after the 404). */
export function assertOwnUnit(identity: Identity, unit: string): void {
  if (!reachesUnit(identity, unit)) throw new AppError('forbidden', otherUnitRefusal(identity, unit))
}

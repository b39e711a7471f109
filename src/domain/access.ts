/**
 * Who may do what. Client systems call the API with a token that carries one role; a `unit` token is
 * bound to one unit (docs/api.md, "Roles"). Everything that decides access from an identity lives here,
 * so the HTTP layer and the services ask the same questions and give the same answers.
 */
import type { PeriodStatus } from './period-status.js'

export const ROLES = ['admin', 'appraiser', 'unit', 'reader'] as const
export type Role = (typeof ROLES)[number]

export interface Identity {
  id: string
  role: Role
  /** The unit a `unit` token is bound to; null for other roles. */
  unit: string | null
}

/** A `unit` token reaches its own unit only; every other role reaches every unit. */
export const reachesUnit = (identity: Identity, unit: string): boolean =>
  identity.role !== 'unit' || identity.unit === unit

/** The one refusal for a `unit` token that names another unit, whether it reads or writes. */
export const otherUnitRefusal = (identity: Identity, unit: string): string =>
  `This token belongs to unit ${JSON.stringify(identity.unit)} and may not access unit ${JSON.stringify(unit)}`

/** The one answer for a unit that exists but is not assessed in the period. */
export const notInPeriodMessage = (unit: string, period: string): string =>
  `Unit ${JSON.stringify(unit)} is not assessed in period ${JSON.stringify(period)}`

/** A `unit` token sees the periods that list its unit; other roles see every period. */
export const periodHiddenRefusal = (period: string): string =>
  `Period ${JSON.stringify(period)} does not list this token's unit`

/**
 * Results are the council's until published: a `unit` token reads them once the period is published,
 * or an earlier publication by number. Null when allowed, else the refusal.
 */
export function resultsRefusal(identity: Identity, status: PeriodStatus, snapshot: number | undefined): string | null {
  if (identity.role !== 'unit' || status === 'published' || snapshot !== undefined) return null
  return 'A unit token reads results once they are published (or an earlier publication with ?snapshot=)'
}

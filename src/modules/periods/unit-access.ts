import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import {
  notInPeriodMessage,
  otherUnitRefusal,
  periodHiddenRefusal,
  reachesUnit,
  type Identity,
} from '../../domain/access.js'
import { AppError, notFound } from '../../http/problems.js'
import { UnitsRepository } from '../units/repository.js'
import { PeriodsRepository, type PeriodRow } from './repository.js'

export interface UnitAccessRequest {
  period: string
  unit: string
  identity: Identity
}

export interface UnitInPeriod {
  period: PeriodRow
  /** Whether the period assesses the unit: a read answers 404 when it does not, a write 422. */
  listed: boolean
}

/**
 * The chain every per-unit route walks, in the order of precedence (docs/api.md): the period exists
 * (404), the unit exists (404), the token reaches the unit (403), then whether the period lists it.
 * `write` shares the period row with other writers, so a status change waits for them, and locks the
 * unit's place in the period, so that writes to one unit serialise.
 */
export async function findUnitInPeriod(
  db: Kysely<Database>,
  request: UnitAccessRequest,
  intent: 'read' | 'write',
): Promise<UnitInPeriod> {
  const periods = new PeriodsRepository(db)
  const period = intent === 'write' ? await periods.lockShared(request.period) : await periods.find(request.period)
  if (!period) throw notFound('period', request.period)
  if (!(await new UnitsRepository(db).exists(request.unit))) throw notFound('unit', request.unit)
  if (!reachesUnit(request.identity, request.unit)) {
    throw new AppError('forbidden', otherUnitRefusal(request.identity, request.unit))
  }
  const listed = await periods.listsUnit(period.code, request.unit, { lock: intent === 'write' })
  return { period, listed }
}

/** For reads: the period, or 404 when it exists but does not assess the unit. */
export async function readableUnitInPeriod(db: Kysely<Database>, request: UnitAccessRequest): Promise<PeriodRow> {
  const { period, listed } = await findUnitInPeriod(db, request, 'read')
  if (!listed) throw new AppError('not-found', notInPeriodMessage(request.unit, period.code))
  return period
}

/** The 422 place for a write to a unit the period does not assess. */
export const notInPeriodIssue = (unit: string, period: string, pointer = '') => ({
  pointer,
  code: 'not-in-period',
  message: notInPeriodMessage(unit, period),
})

/** 403 for a `unit` token naming a period that does not list its unit; every other role sees every period. */
export async function assertPeriodVisible(db: Kysely<Database>, period: PeriodRow, identity: Identity): Promise<void> {
  if (identity.role !== 'unit') return
  const listed = await new PeriodsRepository(db).listsUnit(period.code, identity.unit ?? '')
  if (!listed) throw new AppError('forbidden', periodHiddenRefusal(period.code))
}

import type { Kysely } from 'kysely'
import type { ChangeFeed } from '../../db/change-feed.js'
import type { Database } from '../../db/schema.js'
import { PERIOD_UNIT_TABLES, refreshStatistics } from '../../db/statistics.js'
import type { PeriodStatus } from '../../domain/period-status.js'
import { checkTransition } from '../../domain/period-status.js'
import { AppError, notFound, ruleViolated, type ProblemError } from '../../http/problems.js'
import { nfc } from '../../http/schemas.js'
import type { Identity } from '../../domain/access.js'
import { FrameworksRepository } from '../frameworks/repository.js'
import { UnitsRepository } from '../units/repository.js'
import { PeriodsRepository, type PeriodRow } from './repository.js'

export interface PeriodInput {
  name: string
  year: number
  framework: string
  units: string[]
}

export type PeriodView = PeriodRow & { units: string[] }

async function validateReferences(db: Kysely<Database>, input: PeriodInput): Promise<void> {
  const errors: ProblemError[] = []
  if (!(await new FrameworksRepository(db).find(input.framework))) {
    errors.push({ pointer: '/framework', code: 'unknown-framework', message: `no framework ${input.framework}` })
  }
  const seen = new Set<string>()
  input.units.forEach((u, i) => {
    if (seen.has(u)) errors.push({ pointer: `/units/${i}`, code: 'duplicate', message: `unit ${u} is listed twice` })
    seen.add(u)
  })
  const missing = new Set(await new UnitsRepository(db).missing([...seen]))
  input.units.forEach((u, i) => {
    if (missing.has(u)) errors.push({ pointer: `/units/${i}`, code: 'unknown-unit', message: `no unit ${u}` })
  })
  if (errors.length > 0) {
    const unknown = [...missing]
    throw ruleViolated(
      unknown.length ? `Unknown unit(s): ${unknown.join(', ')}` : 'The period names what does not exist',
      errors,
    )
  }
}

/**
 * Creates a period (status `open`) or replaces its name, year, framework and units. A published period
 * changes no more; the framework stays once a score exists; a unit with scores stays in the period.
 */
export async function putPeriod(
  db: Kysely<Database>,
  changes: ChangeFeed,
  code: string,
  input: PeriodInput,
  identity: Identity,
): Promise<{ created: boolean; period: PeriodView }> {
  const { added, ...result } = await writePeriod(db, changes, code, input, identity)
  await refreshStatistics(db, { dryRun: false, created: added, updated: 0 }, PERIOD_UNIT_TABLES)
  return result
}

async function writePeriod(
  db: Kysely<Database>,
  changes: ChangeFeed,
  code: string,
  input: PeriodInput,
  identity: Identity,
): Promise<{ created: boolean; period: PeriodView; added: number }> {
  const wanted = { code, name: nfc(input.name), year: input.year, framework: input.framework }
  return changes.transaction(db, async (trx, announce, emit) => {
    const periods = new PeriodsRepository(trx)
    await periods.serialise(code)
    const existing = await periods.lock(code)
    await validateReferences(trx, input)
    const units = [...new Set(input.units)].sort()

    if (!existing) {
      await periods.insert(wanted)
      await periods.addUnits(code, units)
      await periods.recordStatus({
        period: code,
        clientId: identity.id,
        clientRole: identity.role,
        from: null,
        to: 'open',
        reason: null,
      })
      emit({ type: 'period.created', period: code, data: { ...wanted, status: 'open', units } })
      return { created: true, period: { ...wanted, status: 'open', units }, added: units.length }
    }

    const current = await periods.units(code)
    const [wantedSet, currentSet] = [new Set(units), new Set(current)]
    const added = units.filter((u) => !currentSet.has(u))
    const removed = current.filter((u) => !wantedSet.has(u))
    const changed =
      existing.name !== wanted.name ||
      existing.year !== wanted.year ||
      existing.framework !== wanted.framework ||
      added.length > 0 ||
      removed.length > 0
    if (!changed) return { created: false, period: { ...existing, units: current }, added: 0 }
    if (existing.status === 'published') {
      throw new AppError('period-locked', `Period ${JSON.stringify(code)} is published; reopen it to change it`)
    }
    if (existing.framework !== wanted.framework && (await periods.hasScores(code))) {
      throw new AppError(
        'framework-in-use',
        `Period ${JSON.stringify(code)} already has scores against framework ` +
          `${JSON.stringify(existing.framework)}; its framework can no longer change`,
      )
    }
    const scored = await periods.unitsWithData(code, removed)
    if (scored.length > 0) {
      const named =
        scored.length > 20 ? `${scored.slice(0, 20).join(', ')} and ${scored.length - 20} more` : scored.join(', ')
      throw new AppError(
        'conflict',
        `Unit(s) ${named} have scores or survey results in period ${JSON.stringify(code)} and cannot leave it`,
        { extensions: { units: scored } },
      )
    }
    await periods.update(wanted)
    announce('results', code)
    await periods.removeUnits(code, removed)
    await periods.addUnits(code, added)
    return { created: false, period: { ...wanted, status: existing.status, units }, added: added.length }
  })
}

export type StatusHook = (
  trx: Kysely<Database>,
  period: PeriodRow,
  to: PeriodStatus,
  identity: Identity,
) => Promise<void>

/** Moves a period along its lifecycle and records who did it, when and why, in one transaction. */
export interface StatusChange {
  code: string
  to: PeriodStatus
  reason?: string | undefined
  identity: Identity
  /** Runs inside the transaction of the move (publication freezes the results there). */
  onChange?: StatusHook | undefined
}

export async function changeStatus(
  db: Kysely<Database>,
  changes: ChangeFeed,
  { code, to, reason, identity, onChange }: StatusChange,
): Promise<PeriodView> {
  return changes.transaction(db, async (trx, announce, emit) => {
    const periods = new PeriodsRepository(trx)
    const period = await periods.lock(code)
    if (!period) throw notFound('period', code)
    const check = checkTransition(period.status, to, reason)
    if (!check.ok && check.problem === 'illegal') {
      const moves = check.allowed.map((s) => `${period.status} → ${s}`).join(', ')
      throw new AppError(
        'illegal-transition',
        `Period ${JSON.stringify(code)} cannot move from ${period.status} to ${to}; allowed: ${moves}`,
        {
          extensions: { current: period.status, allowed: check.allowed },
        },
      )
    }
    if (!check.ok) {
      throw ruleViolated('Moving a period back (reopening) needs a reason', [
        { pointer: '/reason', code: 'required', message: 'is required to move back' },
      ])
    }
    await onChange?.(trx, period, to, identity)
    await periods.setStatus(code, to)
    announce('results', code)
    emit({ type: 'period.status_changed', period: code, data: { from: period.status, to, reason: reason ?? null } })
    await periods.recordStatus({
      period: code,
      clientId: identity.id,
      clientRole: identity.role,
      from: period.status,
      to,
      reason: reason ?? null,
    })
    return { ...period, status: to, units: await periods.units(code) }
  })
}

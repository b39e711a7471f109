import type { Kysely } from 'kysely'
import type { ChangeFeed } from '../../db/change-feed.js'
import type { Database } from '../../db/schema.js'
import { parseHundredths } from '../../domain/decimal.js'
import { isLeaf, type Criterion, type FrameworkContent } from '../../domain/framework.js'
import {
  checkScoreRow,
  mayWrite,
  statusBlocks,
  type LeafInfo,
  type RuleIssue,
  type ScoreField,
  type ScoreRowInput,
  type ScoreRowWrite,
} from '../../domain/score-rules.js'
import { AppError, notFound, type ProblemError } from '../../http/problems.js'
import type { Identity } from '../../plugins/auth.js'
import { loadFramework } from '../frameworks/service.js'
import { PeriodsRepository } from '../periods/repository.js'
import { UnitsRepository } from '../units/repository.js'
import { ScoreWriter, type ChangeSummary, type StagedRow } from './repository.js'
import { computeScorecard, scorecardEtag, type UnitScorecard } from './scorecard.js'

export interface ScoreRowRequest {
  unit: string
  input: ScoreRowInput
  /** Problems found while reading the row (a CSV cell that is no number); the row is not written. */
  issues?: ProblemError[]
}

export interface ScoreWriteRequest {
  period: string
  identity: Identity
  /** Read once, in order, a row at a time: an import streams through without being held in memory. */
  rows: Iterable<ScoreRowRequest> | AsyncIterable<ScoreRowRequest>
  reason: string | null
  dryRun: boolean
  /** One unit's PUT (with its If-Match), or an import across units. */
  scope: { kind: 'unit'; unit: string; ifMatch?: string } | { kind: 'import' }
}

export interface ScoreWriteResult extends ChangeSummary {
  scorecard?: UnitScorecard
}

/** A problem lists at most this many places; `errorCount` tells how many there were. */
export const MAX_REPORTED_ERRORS = 1000
const STAGE_CHUNK = 2000

function leafIndex(content: FrameworkContent): Map<string, LeafInfo | 'inner'> {
  const index = new Map<string, LeafInfo | 'inner'>()
  const visit = (c: Criterion): void => {
    if (isLeaf(c)) index.set(c.code, { maxHundredths: parseHundredths(c.maxPoints), method: c.method })
    else {
      index.set(c.code, 'inner')
      c.children.forEach(visit)
    }
  }
  content.criteria.forEach(visit)
  return index
}

const unset = { set: false, value: null }
const writeNothing = (criterion: string): ScoreRowWrite => ({
  criterion,
  self: unset,
  appraised: unset,
  notApplicable: unset,
  note: unset,
  evidence: unset,
})

/** Collects the places at fault, keeping the first MAX_REPORTED_ERRORS and counting the rest. */
class Problems {
  readonly list: ProblemError[] = []
  count = 0
  add(...errors: ProblemError[]): void {
    this.count += errors.length
    for (const e of errors) if (this.list.length < MAX_REPORTED_ERRORS) this.list.push(e)
  }
  raise(kind: 'forbidden' | 'rule-violated', detail: string): never {
    throw new AppError(kind, detail, {
      errors: this.list,
      extensions: this.count > this.list.length ? { errorCount: this.count } : {},
    })
  }
}

/**
 * Every score write, per unit or imported: all or nothing, in one transaction, in the order of
 * precedence API.md fixes — 404, 403 (unit, then field), 409 (status), 412 (If-Match), 422 (rules) —
 * and only fields whose value would change are held against the role and the status, so re-sending
 * identical rows is always harmless. Rows are checked one at a time and staged in the database in
 * chunks, so memory does not grow with the size of an import.
 */
export async function writeScores(
  db: Kysely<Database>,
  changes: ChangeFeed,
  request: ScoreWriteRequest,
): Promise<ScoreWriteResult> {
  const { identity, scope } = request
  const at = (rowNo: number, field?: string): { pointer: string; row?: number } => {
    const base = scope.kind === 'unit' ? `/scores/${rowNo}` : `/rows/${rowNo}`
    return { pointer: field ? `${base}/${field}` : base, ...(scope.kind === 'import' ? { row: rowNo + 1 } : {}) }
  }

  return changes.transaction(db, async (trx, announce) => {
    const periods = new PeriodsRepository(trx)
    // An import takes the whole period; one unit's PUT shares it with other units' writers.
    const period =
      scope.kind === 'import' ? await periods.lock(request.period) : await periods.lockShared(request.period)
    if (!period) throw notFound('period', request.period)

    let unitInPeriod = true
    if (scope.kind === 'unit') {
      if (!(await new UnitsRepository(trx).exists(scope.unit))) throw notFound('unit', scope.unit)
      if (identity.role === 'unit' && identity.unit !== scope.unit) {
        throw new AppError(
          'forbidden',
          `This token belongs to unit ${JSON.stringify(identity.unit)} and may not write unit ${JSON.stringify(scope.unit)}`,
        )
      }
      unitInPeriod = await periods.lockUnit(period.code, scope.unit)
    }

    const framework = await loadFramework(trx, period.framework)
    const leaves = leafIndex(framework)
    const periodUnits = scope.kind === 'import' ? new Set(await periods.units(period.code)) : null
    const foreign = new Problems()
    const issues = new Problems()
    if (!unitInPeriod)
      issues.add({
        pointer: '',
        code: 'not-in-period',
        message: `unit ${scope.kind === 'unit' ? scope.unit : ''} is not assessed in period ${period.code}`,
      })

    const writer = new ScoreWriter(trx, period.code)
    await writer.begin()
    // While one chunk is being staged, the next is read and checked.
    let staging: Promise<void> = Promise.resolve()
    const stage = async (rows: StagedRow[]): Promise<void> => {
      await staging
      staging = writer.add(rows)
      staging.catch(() => {}) // awaited before the next chunk and after the last one
    }
    let chunk: StagedRow[] = []
    let rowNo = 0
    for await (const r of request.rows) {
      const place = at(rowNo)
      if (identity.role === 'unit' && r.unit !== identity.unit) {
        foreign.add({ ...at(rowNo, 'unit'), code: 'other-unit', message: "is not this token's unit" })
      }
      if (r.issues?.length) {
        issues.add(...r.issues)
      } else {
        const rowIssues: RuleIssue[] = []
        if (periodUnits && !periodUnits.has(r.unit)) {
          rowIssues.push({
            pointer: at(rowNo, 'unit').pointer,
            code: 'not-in-period',
            message: `unit ${r.unit} is not assessed in period ${period.code}`,
          })
        }
        const write = checkScoreRow(r.input, leaves.get(r.input.criterion), place.pointer, rowIssues)
        issues.add(...rowIssues.map((i) => (place.row ? { ...i, row: place.row } : i)))
        // A bad row is staged too, writing nothing, so that a later row repeating it is still found.
        chunk.push({
          rowNo,
          unit: r.unit,
          write: write && rowIssues.length === 0 ? write : writeNothing(r.input.criterion),
        })
      }
      rowNo++
      if (chunk.length >= STAGE_CHUNK) {
        await stage(chunk)
        chunk = []
      }
    }
    await stage(chunk)
    await staging
    if (foreign.count > 0) foreign.raise('forbidden', `This token may write only unit ${JSON.stringify(identity.unit)}`)

    for (const d of await writer.duplicates(MAX_REPORTED_ERRORS)) {
      issues.add({
        ...at(d.rowNo, 'criterion'),
        code: 'duplicate',
        message: `criterion ${d.criterion} of unit ${d.unit} appears earlier in this request`,
      })
    }
    const summary = await writer.summary()

    const rowsChanging = async (field: ScoreField, code: string, message: string): Promise<ProblemError[]> =>
      (await writer.rowsChanging(field, MAX_REPORTED_ERRORS)).map((n) => ({ ...at(n, field), code, message }))

    const forbidden = summary.changedFields.filter((f) => !mayWrite(identity.role, f))
    if (forbidden.length > 0) {
      const errors = (
        await Promise.all(
          forbidden.map((f) => rowsChanging(f, 'field-not-allowed', `the ${identity.role} role may not write ${f}`)),
        )
      ).flat()
      throw new AppError('forbidden', `The ${identity.role} role may not write ${forbidden.join(', ')}`, {
        errors,
        extensions: { fields: forbidden },
      })
    }

    const blocked = summary.changedFields
      .map((f) => [f, statusBlocks(period.status, f)] as const)
      .filter(([, kind]) => kind !== null)
    if (blocked.length > 0) {
      const kind = blocked.some(([, k]) => k === 'period-locked') ? 'period-locked' : 'period-closed'
      const fields = blocked.map(([f]) => f)
      const errors = (
        await Promise.all(
          fields.map((f) => rowsChanging(f, kind, `${f} cannot be written while the period is ${period.status}`)),
        )
      ).flat()
      const detail =
        kind === 'period-locked'
          ? `Period ${JSON.stringify(period.code)} is published: nothing may be written until it is reopened`
          : `Period ${JSON.stringify(period.code)} is in ${period.status}: ${fields.join(', ')} can no longer be written`
      throw new AppError(kind, detail, { errors, extensions: { periodStatus: period.status, fields } })
    }

    if (scope.kind === 'unit' && scope.ifMatch !== undefined && unitInPeriod) {
      const current = scorecardEtag(await computeScorecard(trx, period, scope.unit, framework))
      const matches = scope.ifMatch.split(',').some((tag) => tag.trim() === current || tag.trim() === '*')
      if (!matches)
        throw new AppError(
          'precondition-failed',
          'The scorecard changed since it was read: read it again, then resend',
          { headers: { etag: current } },
        )
    }

    if (issues.count > 0) {
      issues.list.sort((a, b) => rowOf(a.pointer) - rowOf(b.pointer))
      issues.raise(
        'rule-violated',
        scope.kind === 'import'
          ? `${issues.count} problem(s) in the rows; nothing was written`
          : `${issues.count} value(s) break a rule; nothing was written`,
      )
    }

    if (!request.dryRun && summary.created + summary.updated > 0) {
      await writer.apply({ clientId: identity.id, clientRole: identity.role, reason: request.reason })
      announce('results', period.code)
    }
    const result: ScoreWriteResult = { ...summary }
    if (scope.kind === 'unit') result.scorecard = await computeScorecard(trx, period, scope.unit, framework)
    return result
  })
}

/** The request row a pointer is in (-1 for the request as a whole), so problems list in row order. */
const rowOf = (pointer: string): number => Number(/^\/(?:scores|rows)\/(\d+)/.exec(pointer)?.[1] ?? -1)

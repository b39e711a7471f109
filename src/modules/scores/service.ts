import type { Kysely } from 'kysely'
import type { ChangeFeed } from '../../db/change-feed.js'
import type { Database } from '../../db/schema.js'
import { parseHundredths } from '../../domain/decimal.js'
import { isLeaf, type Criterion, type FrameworkContent } from '../../domain/framework.js'
import {
  checkScoreRow,
  mayWrite,
  plainScoreRow,
  statusBlocks,
  writeNothing,
  type LeafInfo,
  type RuleIssue,
  type ScoreField,
  type ScoreRowWrite,
} from '../../domain/score-rules.js'
import { reachesUnit, type Identity } from '../../domain/access.js'
import { AppError, notFound, type ProblemError } from '../../http/problems.js'
import { loadFramework } from '../frameworks/service.js'
import { PeriodsRepository, type PeriodRow } from '../periods/repository.js'
import { findUnitInPeriod, notInPeriodIssue } from '../periods/unit-access.js'
import type { ScoreRowRequest } from './row-request.js'
import { ScoreWriter, type ChangeSummary, type Creations, type WriteBatch } from './repository.js'
import { refreshStatistics } from '../../db/statistics.js'
import { computeScorecard, scorecardEtag, type UnitScorecard } from './scorecard.js'
import { importDirectly, periodHoldsScores } from './direct-import.js'
import { RepeatWatch } from './repeat-watch.js'

export interface ScoreWriteRequest {
  period: string
  identity: Identity
  /** Read once, in order: an import streams through in batches, without being held in memory. */
  rows: readonly ScoreRowRequest[] | AsyncIterable<readonly ScoreRowRequest[]>
  /**
   * The same rows once more (a spooled CSV, read again), when the request can give them: a write none of
   * whose rows is stored then creates its scores from them with COPY (ScoreWriter.apply).
   */
  again?: () => Promise<AsyncIterable<readonly ScoreRowRequest[]>>
  reason: string | null
  dryRun: boolean
  /**
   * One unit's PUT (with its If-Match, and the body member holding its rows: `scores`, or `indicators`
   * for the counts of ratio leaves), or an import across units.
   */
  scope: { kind: 'unit'; unit: string; ifMatch?: string; member?: 'scores' | 'indicators' } | { kind: 'import' }
}

export interface ScoreWriteResult extends Omit<ChangeSummary, 'parts' | 'stored'> {
  scorecard?: UnitScorecard
  /** How an import was written: straight into `scores` (a first import), or staged first. */
  path?: 'direct' | 'staged'
}

/** A problem lists at most this many places; `errorCount` tells how many there were. */
const MAX_REPORTED_ERRORS = 1000
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

/** What a write works on once its scope is locked: the period, its framework's leaves, the rows' places. */
interface WriteContext {
  trx: Kysely<Database>
  request: ScoreWriteRequest
  period: PeriodRow
  framework: FrameworkContent
  leaves: Map<string, LeafInfo | 'inner'>
  /** For a unit's PUT, whether the period assesses the unit (an import checks each row instead). */
  unitListed: boolean
  /** The units the period assesses, for an import's per-row check. */
  periodUnits: Set<string> | null
  at: (rowNo: number, field?: string) => { pointer: string; row?: number }
  /** Whether an import holds its period locked (lockImportedPeriod): a direct import that gave way does. */
  periodLocked: boolean
}

/**
 * Where a row (or a field of it) is in the request: `/scores/i` (or `/indicators/i`) for a unit's PUT,
 * `/rows/i` and `row` for an import.
 */
const placeOf =
  (scope: ScoreWriteRequest['scope']) =>
  (rowNo: number, field?: string): { pointer: string; row?: number } => {
    const base = scope.kind === 'unit' ? `/${scope.member ?? 'scores'}/${rowNo}` : `/rows/${rowNo}`
    return { pointer: field ? `${base}/${field}` : base, ...(scope.kind === 'import' ? { row: rowNo + 1 } : {}) }
  }

/**
 * Step 1: 404s, the 403 for another unit, and the locks. An import takes the whole period; one unit's
 * PUT shares the period with other units' writers and locks its own unit.
 */
async function lockScope(trx: Kysely<Database>, request: ScoreWriteRequest): Promise<WriteContext> {
  const { scope, identity } = request
  let period: PeriodRow | undefined
  let unitListed = true
  if (scope.kind === 'unit') {
    const found = await findUnitInPeriod(trx, { period: request.period, unit: scope.unit, identity }, 'write')
    period = found.period
    unitListed = found.listed
  } else {
    // A staged import reads its rows before it locks the period (lockImportedPeriod), so that reading
    // and checking a large body never holds writers of the period back. A first import written directly
    // locks it first: its body is already on local disk (spooled), and it reads it once, as it writes.
    period = await new PeriodsRepository(trx).find(request.period)
    if (!period) throw notFound('period', request.period)
  }
  const framework = await loadFramework(trx, period.framework)
  const periodUnits = scope.kind === 'import' ? new Set(await new PeriodsRepository(trx).units(period.code)) : null
  return {
    trx,
    request,
    period,
    framework,
    leaves: leafIndex(framework),
    unitListed,
    periodUnits,
    at: placeOf(scope),
    periodLocked: false,
  }
}

/**
 * An import's step 2b, once its rows are staged (or before a direct import reads them): locks the
 * period, and re-checks what staging assumed.
 * The period's framework and units must be those the rows were checked against (409 otherwise: the rows
 * are to be sent again); its status is the one now locked.
 */
async function lockImportedPeriod(ctx: WriteContext): Promise<void> {
  const periods = new PeriodsRepository(ctx.trx)
  const locked = await periods.lock(ctx.period.code)
  if (!locked) throw notFound('period', ctx.period.code)
  const sameFramework =
    locked.framework === ctx.period.framework &&
    JSON.stringify(await loadFramework(ctx.trx, locked.framework)) === JSON.stringify(ctx.framework)
  const units = await periods.units(locked.code)
  const sameUnits = units.length === ctx.periodUnits?.size && units.every((u) => ctx.periodUnits?.has(u))
  if (!sameFramework || !sameUnits) {
    throw new AppError(
      'conflict',
      `Period ${JSON.stringify(locked.code)} changed (its framework or units) while the rows were read; send them again`,
    )
  }
  ctx.period = locked
  ctx.periodLocked = true
}

interface Staged {
  writer: ScoreWriter
  /** Whether any staged row may repeat an earlier one. */
  repeats: RepeatWatch
  /** Rows of another unit than a `unit` token's own (403). */
  foreign: Problems
  /** Rows that break a rule (422), reported only if nothing of a higher precedence is wrong. */
  issues: Problems
}

/** The rule issues of one row, with the import's `row` number on each. */
function checkRow(ctx: WriteContext, r: ScoreRowRequest, rowNo: number): { write: ScoreRowWrite; issues: RuleIssue[] } {
  const place = ctx.at(rowNo)
  const issues: RuleIssue[] = []
  if (ctx.periodUnits && !ctx.periodUnits.has(r.unit)) {
    issues.push(notInPeriodIssue(r.unit, ctx.period.code, ctx.at(rowNo, 'unit').pointer))
  }
  const write = checkScoreRow(r.input, ctx.leaves.get(r.input.criterion), place.pointer, issues)
  const numbered = issues.map((i) => (place.row ? { ...i, row: place.row } : i))
  // A bad row is staged too, writing nothing, so that a later row repeating it is still found.
  return { write: write && issues.length === 0 ? write : writeNothing(r.input.criterion), issues: numbered }
}

/**
 * One row, checked, as its line of staging text. A plain row of a unit the period lists (most rows of
 * an import) is checked by plainScoreRow; any other by checkRow, which names what the row breaks.
 */
function stageRow(ctx: WriteContext, staged: Staged, r: ScoreRowRequest, rowNo: number): void {
  if (!reachesUnit(ctx.request.identity, r.unit)) {
    staged.foreign.add({ ...ctx.at(rowNo, 'unit'), code: 'other-unit', message: "is not this token's unit" })
  }
  if (r.issues?.length) {
    staged.issues.add(...r.issues)
    return
  }
  // A unit's PUT names its unit once, checked before (lockScope); an import names one on each row.
  const listed = !ctx.periodUnits || ctx.periodUnits.has(r.unit)
  staged.repeats.see(r.unit, r.input.criterion)
  const plain = listed ? plainScoreRow(r.input, ctx.leaves.get(r.input.criterion)) : null
  if (plain) return staged.writer.stage({ rowNo, unit: r.unit, write: plain })
  const checked = checkRow(ctx, r, rowNo)
  staged.issues.add(...checked.issues)
  staged.writer.stage({ rowNo, unit: r.unit, write: checked.write })
}

/** The batches of a write's rows: an import's as they are read, a unit's PUT or a JSON body as one. */
async function* batchesOf(rows: ScoreWriteRequest['rows']): AsyncGenerator<readonly ScoreRowRequest[]> {
  if (Symbol.asyncIterator in rows) yield* rows
  else yield rows
}

/**
 * Reads the rows as they come, checks each, and streams them into the staging table a chunk at a
 * time: the database takes one chunk while the next is read and checked, and memory does not grow
 * with the import.
 */
async function streamRows(ctx: WriteContext, staged: Staged): Promise<void> {
  let chunkRows = 0
  let rowNo = 0
  for await (const batch of batchesOf(ctx.request.rows)) {
    for (const r of batch) {
      stageRow(ctx, staged, r, rowNo++)
      if (++chunkRows < STAGE_CHUNK) continue
      await staged.writer.flush()
      chunkRows = 0
    }
  }
  await staged.writer.streamed()
}

/** Step 2: stages the rows, checked (streamRows); the problems found wait for their turn. */
async function stageRows(ctx: WriteContext): Promise<Staged> {
  const staged: Staged = {
    writer: new ScoreWriter(ctx.trx, ctx.period.code),
    repeats: new RepeatWatch(),
    foreign: new Problems(),
    issues: new Problems(),
  }
  if (!ctx.unitListed && ctx.request.scope.kind === 'unit') {
    staged.issues.add(notInPeriodIssue(ctx.request.scope.unit, ctx.period.code))
  }
  await staged.writer.begin()
  try {
    await streamRows(ctx, staged)
  } catch (error) {
    // The COPY holds the connection: abandon it, or the rollback would wait behind it.
    await staged.writer.abort(error instanceof Error ? error : new Error(String(error)))
    throw error
  }
  return staged
}

/**
 * The rows read once more, checked again (every one passed: the write got this far), as ScoreWriter
 * creates them by COPY: numbered as they were staged.
 */
function creationsOf(ctx: WriteContext, again: NonNullable<ScoreWriteRequest['again']>): Creations {
  return async (write) => {
    let rowNo = 0
    for await (const batch of await again()) {
      const rows = batch.map((r) => {
        if (r.issues?.length) throw new Error(`row ${rowNo} reads differently the second time`)
        const leaf = ctx.leaves.get(r.input.criterion)
        const checked = plainScoreRow(r.input, leaf) ?? checkScoreRow(r.input, leaf, '', [])
        return { rowNo: rowNo++, unit: r.unit, write: checked ?? writeNothing(r.input.criterion) }
      })
      await write(rows)
    }
  }
}

/** The places of the staged rows that would change `field`, as problem errors. */
async function placesChanging(ctx: WriteContext, staged: Staged, field: ScoreField, code: string, message: string) {
  const rows = await staged.writer.rowsChanging(field, MAX_REPORTED_ERRORS)
  return rows.map((n) => ({ ...ctx.at(n, field), code, message }))
}

/** Step 4: 403 when the role may not write a field that would change. */
async function refuseFieldsOfOtherRoles(ctx: WriteContext, staged: Staged, summary: ChangeSummary): Promise<void> {
  const role = ctx.request.identity.role
  const forbidden = summary.changedFields.filter((f) => !mayWrite(role, f))
  if (forbidden.length === 0) return
  const places = await Promise.all(
    forbidden.map((f) => placesChanging(ctx, staged, f, 'field-not-allowed', `the ${role} role may not write ${f}`)),
  )
  throw new AppError('forbidden', `The ${role} role may not write ${forbidden.join(', ')}`, {
    errors: places.flat(),
    extensions: { fields: forbidden },
  })
}

/** Step 5: 409 when the period's status closes a field that would change. */
async function refuseFieldsClosedByStatus(ctx: WriteContext, staged: Staged, summary: ChangeSummary): Promise<void> {
  const { period } = ctx
  const blocked = summary.changedFields
    .map((f) => [f, statusBlocks(period.status, f)] as const)
    .filter(([, kind]) => kind !== null)
  if (blocked.length === 0) return
  const kind = blocked.some(([, k]) => k === 'period-locked') ? 'period-locked' : 'period-closed'
  const fields = blocked.map(([f]) => f)
  const message = (f: ScoreField) => `${f} cannot be written while the period is ${period.status}`
  const places = await Promise.all(fields.map((f) => placesChanging(ctx, staged, f, kind, message(f))))
  const detail =
    kind === 'period-locked'
      ? `Period ${JSON.stringify(period.code)} is published: nothing may be written until it is reopened`
      : `Period ${JSON.stringify(period.code)} is in ${period.status}: ${fields.join(', ')} can no longer be written`
  throw new AppError(kind, detail, { errors: places.flat(), extensions: { periodStatus: period.status, fields } })
}

/** Step 6: 412 when a unit's PUT carries an If-Match that no longer matches its scorecard. */
async function checkIfMatch(ctx: WriteContext): Promise<void> {
  const { scope } = ctx.request
  if (scope.kind !== 'unit' || scope.ifMatch === undefined || !ctx.unitListed) return
  const current = scorecardEtag(await computeScorecard(ctx.trx, ctx.period, scope.unit, ctx.framework))
  const matches = scope.ifMatch.split(',').some((tag) => tag.trim() === current || tag.trim() === '*')
  if (!matches) {
    throw new AppError('precondition-failed', 'The scorecard changed since it was read: read it again, then resend', {
      headers: { etag: current },
    })
  }
}

/** Step 7: 422 listing every row that breaks a rule, in row order. */
function refuseRuleViolations(ctx: WriteContext, issues: Problems): void {
  if (issues.count === 0) return
  issues.list.sort((a, b) => rowOf(a.pointer) - rowOf(b.pointer))
  const detail =
    ctx.request.scope.kind === 'import'
      ? `${issues.count} problem(s) in the rows; nothing was written`
      : `${issues.count} value(s) break a rule; nothing was written`
  issues.raise('rule-violated', detail)
}

/** Steps 2 to 8 of a write that stages its rows: stage, check in order of precedence, then apply. */
async function writeStaged(ctx: WriteContext): Promise<ChangeSummary> {
  const { request } = ctx
  const staged = await stageRows(ctx)
  if (request.scope.kind === 'import' && !ctx.periodLocked) await lockImportedPeriod(ctx)
  if (staged.foreign.count > 0) {
    staged.foreign.raise('forbidden', `This token may write only unit ${JSON.stringify(request.identity.unit)}`)
  }
  const duplicates = staged.repeats.none ? [] : await staged.writer.duplicates(MAX_REPORTED_ERRORS)
  for (const d of duplicates) {
    const message = `criterion ${d.criterion} of unit ${d.unit} appears earlier in this request`
    staged.issues.add({ ...ctx.at(d.rowNo, 'criterion'), code: 'duplicate', message })
  }
  const summary = await staged.writer.summary()
  await refuseFieldsOfOtherRoles(ctx, staged, summary)
  await refuseFieldsClosedByStatus(ctx, staged, summary)
  await checkIfMatch(ctx)
  refuseRuleViolations(ctx, staged.issues)

  if (!request.dryRun && summary.created + summary.updated > 0) {
    await staged.writer.apply(batchOf(request), summary, request.again && creationsOf(ctx, request.again))
  }
  return summary
}

/** Who writes, why, and through which route: the write's audit batch. */
function batchOf({ identity, scope, reason }: ScoreWriteRequest): WriteBatch {
  const kind = scope.kind === 'unit' ? (scope.member ?? 'scores') : 'import'
  return { kind, clientId: identity.id, clientRole: identity.role, reason }
}

/**
 * A first import of a CSV, written straight into `scores` as it is read (direct-import.ts), its period
 * locked from the start; null when the write is not one, or when it gave way. Rows it read in part are
 * then read again for the staged path (the reader it left is closed: leaving a loop ends it).
 */
async function writeDirectly(ctx: WriteContext): Promise<ChangeSummary | null> {
  const { request } = ctx
  if (request.scope.kind !== 'import' || request.dryRun || !request.again || !ctx.periodUnits) return null
  // Asked before the lock, so that an import into a period holding scores reads its rows unlocked, as
  // the staged path does; asked again under it (importDirectly), as a writer may have come in between.
  if (await periodHoldsScores(ctx.trx, ctx.period.code)) return null
  await lockImportedPeriod(ctx)
  const outcome = await importDirectly({
    trx: ctx.trx,
    period: ctx.period,
    leaves: ctx.leaves,
    periodUnits: ctx.periodUnits,
    identity: request.identity,
    batch: batchOf(request),
    rows: batchesOf(request.rows),
  })
  if (outcome === 'not-first') return null
  if (outcome === 'gave-way') {
    ctx.request = { ...request, rows: await request.again() }
    return null
  }
  return outcome
}

/**
 * Every score write, per unit or imported: all or nothing, in one transaction. The steps read in the
 * order of precedence (docs/api.md): 404, 403 (unit, then field), 409 (status), 412 (If-Match), 422
 * (rules). Only fields whose value would change are held against the role and the status, so re-sending
 * identical rows is always harmless. A first import that breaks none of them is written directly.
 */
export async function writeScores(
  db: Kysely<Database>,
  changes: ChangeFeed,
  request: ScoreWriteRequest,
): Promise<ScoreWriteResult> {
  const written = await changes.transaction(db, async (trx, announce, emit) => {
    const ctx = await lockScope(trx, request)
    const direct = await writeDirectly(ctx)
    const summary = direct ?? (await writeStaged(ctx))
    if (!request.dryRun && summary.created + summary.updated > 0) announce('results', ctx.period.code)
    const { rows, created, updated, unchanged, changedFields } = summary
    const result: ScoreWriteResult = { rows, created, updated, unchanged, changedFields }
    if (request.scope.kind === 'import') result.path = direct ? 'direct' : 'staged'
    if (!request.dryRun && request.scope.kind === 'import') {
      emit({ type: 'scores.imported', period: ctx.period.code, data: { rows, created, updated, unchanged } })
    }
    if (request.scope.kind === 'unit') {
      result.scorecard = await computeScorecard(trx, ctx.period, request.scope.unit, ctx.framework)
    }
    return result
  })
  await refreshStatistics(db, { dryRun: request.dryRun, ...written })
  return written
}

/** The request row a pointer is in (-1 for the request as a whole), so problems list in row order. */
const rowOf = (pointer: string): number => Number(/^\/(?:scores|indicators|rows)\/(\d+)/.exec(pointer)?.[1] ?? -1)

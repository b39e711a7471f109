import type { Kysely } from 'kysely'
import type { ChangeFeed } from '../../db/change-feed.js'
import type { Database } from '../../db/schema.js'
import { parseHundredths } from '../../domain/decimal.js'
import { isLeaf, maxHundredths, type Criterion, type FrameworkContent } from '../../domain/framework.js'
import { checkScoreRow, mayWrite, statusBlocks, type LeafInfo, type RuleIssue, type ScoreField, type ScoreRowInput } from '../../domain/score-rules.js'
import { AppError, notFound, type ProblemError } from '../../http/problems.js'
import type { Identity } from '../../plugins/auth.js'
import { PeriodsRepository } from '../periods/repository.js'
import { UnitsRepository } from '../units/repository.js'
import { ScoreWriter, type ChangeSummary, type StagedRow } from './repository.js'
import { loadFramework } from '../frameworks/service.js'
import { computeScorecard, scorecardEtag, type UnitScorecard } from './scorecard.js'

export interface ScoreRowRequest {
  unit: string
  input: ScoreRowInput
  /** JSON Pointer of the row in the request, e.g. `/scores/3` or `/rows/12`. */
  pointer: string
  /** 1-based data row, for imports. */
  row?: number
}

export interface ScoreWriteRequest {
  period: string
  identity: Identity
  rows: ScoreRowRequest[]
  reason: string | null
  dryRun: boolean
  /** One unit's PUT (with its If-Match), or an import across units. */
  scope: { kind: 'unit'; unit: string; ifMatch?: string } | { kind: 'import' }
  /** Problems already found while reading the request (CSV cells), reported with the row rules. */
  issues?: ProblemError[]
}

export interface ScoreWriteResult extends ChangeSummary {
  scorecard?: UnitScorecard
}

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

const fieldPointer: Record<ScoreField, string> = { self: 'self', appraised: 'appraised', notApplicable: 'notApplicable', note: 'note', evidence: 'evidence' }

/**
 * Every score write, per unit or imported: all or nothing, in one transaction, in the order of
 * precedence API.md fixes — 404, 403 (unit, then field), 409 (status), 412 (If-Match), 422 (rules) —
 * and only fields whose value would change are held against the role and the status, so re-sending
 * identical rows is always harmless.
 */
export async function writeScores(db: Kysely<Database>, changes: ChangeFeed, request: ScoreWriteRequest): Promise<ScoreWriteResult> {
  const { identity, scope } = request
  return changes.transaction(db, async (trx, announce) => {
    const periods = new PeriodsRepository(trx)
    // An import takes the whole period; one unit's PUT shares it with other units' writers.
    const period = scope.kind === 'import' ? await periods.lock(request.period) : await periods.lockShared(request.period)
    if (!period) throw notFound('period', request.period)

    let unitInPeriod = true
    if (scope.kind === 'unit') {
      if (!(await new UnitsRepository(trx).exists(scope.unit))) throw notFound('unit', scope.unit)
      if (identity.role === 'unit' && identity.unit !== scope.unit) {
        throw new AppError('forbidden', `This token belongs to unit ${JSON.stringify(identity.unit)} and may not write unit ${JSON.stringify(scope.unit)}`)
      }
      unitInPeriod = await periods.lockUnit(period.code, scope.unit)
    } else if (identity.role === 'unit') {
      const foreign = request.rows.filter((r) => r.unit !== identity.unit)
      if (foreign.length > 0) {
        throw new AppError('forbidden', `This token may write only unit ${JSON.stringify(identity.unit)}`, {
          errors: foreign.slice(0, 1000).map((r) => ({ pointer: `${r.pointer}/unit`, code: 'other-unit', message: 'is not this token\'s unit', ...(r.row ? { row: r.row } : {}) })),
        })
      }
    }

    // Row rules: collected now, reported after the 403/409/412 checks that take precedence.
    const framework = await loadFramework(trx, period.framework)
    const leaves = leafIndex(framework)
    const periodUnits = scope.kind === 'import' ? new Set(await periods.units(period.code)) : null
    const issues: ProblemError[] = [...(request.issues ?? [])]
    if (!unitInPeriod) issues.push({ pointer: '', code: 'not-in-period', message: `unit ${scope.kind === 'unit' ? scope.unit : ''} is not assessed in period ${period.code}` })
    const staged: StagedRow[] = []
    const seen = new Set<string>()
    request.rows.forEach((r, rowNo) => {
      const rowIssues: RuleIssue[] = []
      if (periodUnits && !periodUnits.has(r.unit)) {
        rowIssues.push({ pointer: `${r.pointer}/unit`, code: 'not-in-period', message: `unit ${r.unit} is not assessed in period ${period.code}` })
      }
      const key = `${r.unit}\u0000${r.input.criterion}`
      if (seen.has(key)) rowIssues.push({ pointer: `${r.pointer}/criterion`, code: 'duplicate', message: `criterion ${r.input.criterion} of unit ${r.unit} appears twice in this request` })
      seen.add(key)
      const write = checkScoreRow(r.input, leaves.get(r.input.criterion), r.pointer, rowIssues)
      if (write && rowIssues.length === 0) staged.push({ rowNo, unit: r.unit, write })
      issues.push(...rowIssues.map((i) => (r.row ? { ...i, row: r.row } : i)))
    })

    const writer = new ScoreWriter(trx, period.code)
    await writer.stage(staged)
    const summary = await writer.summary()

    const rowsOf = async (field: ScoreField) =>
      (await writer.rowsChanging(field)).map((rowNo) => {
        const r = request.rows[rowNo]!
        return { pointer: `${r.pointer}/${fieldPointer[field]}`, ...(r.row ? { row: r.row } : {}) }
      })

    const forbidden = summary.changedFields.filter((f) => !mayWrite(identity.role, f))
    if (forbidden.length > 0) {
      const errors = (await Promise.all(forbidden.map(async (f) => (await rowsOf(f)).map((e) => ({ ...e, code: 'field-not-allowed', message: `the ${identity.role} role may not write ${f}` }))))).flat()
      throw new AppError('forbidden', `The ${identity.role} role may not write ${forbidden.join(', ')}`, { errors, extensions: { fields: forbidden } })
    }

    const blocked = summary.changedFields.map((f) => [f, statusBlocks(period.status, f)] as const).filter(([, kind]) => kind !== null)
    if (blocked.length > 0) {
      const kind = blocked.some(([, k]) => k === 'period-locked') ? 'period-locked' : 'period-closed'
      const fields = blocked.map(([f]) => f)
      const errors = (await Promise.all(fields.map(async (f) => (await rowsOf(f)).map((e) => ({ ...e, code: kind, message: `${f} cannot be written while the period is ${period.status}` }))))).flat()
      const detail =
        kind === 'period-locked'
          ? `Period ${JSON.stringify(period.code)} is published: nothing may be written until it is reopened`
          : `Period ${JSON.stringify(period.code)} is in ${period.status}: ${fields.join(', ')} can no longer be written`
      throw new AppError(kind, detail, { errors, extensions: { periodStatus: period.status, fields } })
    }

    if (scope.kind === 'unit' && scope.ifMatch !== undefined && unitInPeriod) {
      const current = scorecardEtag(await computeScorecard(trx, period, scope.unit, framework))
      const matches = scope.ifMatch.split(',').some((tag) => tag.trim() === current || tag.trim() === '*')
      if (!matches) throw new AppError('precondition-failed', 'The scorecard changed since it was read: read it again, then resend', { headers: { etag: current } })
    }

    if (issues.length > 0) {
      const rows = new Set(issues.map((i) => i.row).filter((r) => r !== undefined)).size
      throw new AppError('rule-violated', rows > 0 ? `${rows} row(s) break a rule; nothing was written` : `${issues.length} value(s) break a rule; nothing was written`, { errors: issues })
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

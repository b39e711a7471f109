import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { reachesUnit, type Identity } from '../../domain/access.js'
import {
  checkScoreRow,
  mayWrite,
  plainScoreRow,
  SCORE_FIELDS,
  statusBlocks,
  type LeafInfo,
  type RuleIssue,
  type ScoreField,
  type ScoreRowWrite,
} from '../../domain/score-rules.js'
import type { PeriodRow } from '../periods/repository.js'
import type { OpenCopy } from './copy.js'
import { CopyTextWriter } from './copy-writer.js'
import {
  countBatch,
  givesAValue,
  openScoresCopy,
  PART_ROWS,
  recordBatch,
  type ChangeSummary,
  writeCreatedRow,
  type WriteBatch,
} from './repository.js'
import { RepeatWatch } from './repeat-watch.js'
import type { ScoreRowRequest } from './row-request.js'

/**
 * A first import written straight into `scores` as its rows are read (docs/architecture.md, "A first
 * import"): no staging table, no summary join, and the rows read once rather than twice. It holds the
 * period locked from the start, and it writes only while every row is one the staged path would create
 * as it is. Anything else — a row with an issue, another unit's row, a field the role or the status
 * closes, a repeated unit and criterion (the primary key refuses it), a row past the first part — makes
 * it give way: its writes are rolled back to a savepoint, and the staged path reads the rows again and
 * answers exactly as it always has.
 */
export interface DirectImport {
  trx: Kysely<Database>
  /** The period, locked FOR UPDATE: no other writer of it runs until the transaction ends. */
  period: PeriodRow
  leaves: ReadonlyMap<string, LeafInfo | 'inner'>
  periodUnits: ReadonlySet<string>
  identity: Identity
  batch: WriteBatch
  rows: AsyncIterable<readonly ScoreRowRequest[]>
}

/** Rows sent to the COPY at a time, as the staging sends them. */
const CHUNK_ROWS = 2000

/** Why the direct path gives way to the staged one, which then reports (or writes) the rows as always. */
class GiveWay extends Error {}

/** PostgreSQL's unique_violation: a request naming a unit and criterion twice, or a score written meanwhile by hand. */
const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505'

/** Whether the period holds a score: an import into it is no first import. */
export async function periodHoldsScores(trx: Kysely<Database>, period: string): Promise<boolean> {
  const held = await trx.selectFrom('scores').select('unit_code').where('period_code', '=', period).limit(1).execute()
  return held.length > 0
}

/**
 * Writes the import directly when the period holds no score yet (a first import), returning its
 * summary. Otherwise `not-first`, its rows untouched; or `gave-way`, its rows read in part and nothing
 * of it left in the transaction.
 */
export async function importDirectly(d: DirectImport): Promise<ChangeSummary | 'not-first' | 'gave-way'> {
  if (await periodHoldsScores(d.trx, d.period.code)) return 'not-first'
  await sql`savepoint direct_import`.execute(d.trx)
  try {
    const summary = await writeRows(d)
    await sql`release savepoint direct_import`.execute(d.trx)
    return summary
  } catch (error) {
    if (!(error instanceof GiveWay) && !isUniqueViolation(error)) throw error
    await sql`rollback to savepoint direct_import`.execute(d.trx)
    return 'gave-way'
  }
}

/** What the rows written so far add up to. */
class Tally {
  rows = 0
  created = 0
  unchanged = 0
  readonly changed = new Set<ScoreField>()
  /** Whether a row gave no value: it creates nothing, so the primary key cannot see it repeated. */
  empty = false
  readonly repeats = new RepeatWatch()
}

/** The fields the identity may change in the period as its status now stands. */
const writableFields = (d: DirectImport): ReadonlySet<ScoreField> =>
  new Set(SCORE_FIELDS.filter((f) => mayWrite(d.identity.role, f) && statusBlocks(d.period.status, f) === null))

/** Whether a created score's field differs from a new row's default (null; false for `notApplicable`). */
const givesField: Record<ScoreField, (w: ScoreRowWrite) => boolean> = {
  self: (w) => w.self.value !== null,
  appraised: (w) => w.appraised.value !== null,
  notApplicable: (w) => w.notApplicable.value === true,
  note: (w) => w.note.value !== null,
  evidence: (w) => w.evidence.value !== null,
  numerator: (w) => w.numerator.value !== null,
  denominator: (w) => w.denominator.value !== null,
}

/**
 * The write of a row the staged path would create as it is, counted; throws GiveWay for any other. A
 * row that gives no value is counted unchanged, and null is returned: it creates nothing.
 */
function acceptRow(
  d: DirectImport,
  writable: ReadonlySet<ScoreField>,
  tally: Tally,
  r: ScoreRowRequest,
): ScoreRowWrite | null {
  if (r.issues?.length || !reachesUnit(d.identity, r.unit) || !d.periodUnits.has(r.unit)) throw new GiveWay()
  const leaf = d.leaves.get(r.input.criterion)
  let write = plainScoreRow(r.input, leaf)
  if (!write) {
    const issues: RuleIssue[] = []
    write = checkScoreRow(r.input, leaf, '', issues)
    if (!write || issues.length > 0) throw new GiveWay()
  }
  tally.rows++
  tally.repeats.see(r.unit, r.input.criterion)
  if (!givesAValue({ rowNo: 0, unit: r.unit, write })) {
    tally.unchanged++
    tally.empty = true
    return null
  }
  for (const field of SCORE_FIELDS) {
    if (!givesField[field](write)) continue
    if (!writable.has(field)) throw new GiveWay()
    tally.changed.add(field)
  }
  tally.created++
  return write
}

/** Reads the rows, each accepted (acceptRow), into the COPY that creates them. */
async function streamRows(d: DirectImport, batchId: number, copy: OpenCopy, tally: Tally): Promise<void> {
  const writable = writableFields(d)
  const out = new CopyTextWriter()
  let chunkRows = 0
  let rowNo = 0
  for await (const batch of d.rows) {
    for (const r of batch) {
      if (rowNo >= PART_ROWS) throw new GiveWay()
      const write = acceptRow(d, writable, tally, r)
      if (write) writeCreatedRow(out, d.period.code, batchId, { rowNo, unit: r.unit, write })
      rowNo++
      if (++chunkRows < CHUNK_ROWS) continue
      await copy.write(out.take())
      chunkRows = 0
    }
  }
  if (out.length > 0) await copy.write(out.take())
  // Unless the rows are proven free of repeats, one that gave no value may repeat another unseen.
  if (tally.empty && !tally.repeats.none) throw new GiveWay()
  // Nothing to create: the staged path answers it, writing nothing (no batch either).
  if (tally.created === 0) throw new GiveWay()
}

/** The batch, then the rows by COPY, then the batch's counts: the write's summary, as the staged path makes it. */
async function writeRows(d: DirectImport): Promise<ChangeSummary> {
  const tally = new Tally()
  const none = { rows: 0, created: 0, updated: 0, unchanged: 0, firstRow: 0 }
  const batchId = await recordBatch(d.trx, d.period.code, d.batch, none)
  const copy = openScoresCopy(d.trx)
  try {
    await streamRows(d, batchId, copy, tally)
  } catch (error) {
    // The COPY holds the connection: abandon it, or nothing else (the rollback) could run.
    await copy.abort(error instanceof Error ? error : new Error(String(error)))
    throw error
  }
  const count = await copy.end()
  if (count !== tally.created) throw new Error(`the import created ${count} scores, not ${tally.created}`)
  const counts = { rows: tally.rows, created: tally.created, updated: 0, unchanged: tally.unchanged }
  await countBatch(d.trx, batchId, counts)
  return {
    ...counts,
    changedFields: SCORE_FIELDS.filter((f) => tally.changed.has(f)),
    stored: 0,
    parts: [{ ...counts, firstRow: 0 }],
  }
}

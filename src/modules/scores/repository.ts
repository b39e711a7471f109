import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../db/schema.js'
import { SCORE_FIELDS, type FieldWrite, type ScoreField, type ScoreRowWrite } from '../../domain/score-rules.js'
import { openCopy, type OpenCopy } from './copy.js'
import { CopyTextWriter } from './copy-writer.js'

/** One validated row bound for the database, numbered as in the request. */
export interface StagedRow {
  rowNo: number
  unit: string
  write: ScoreRowWrite
}

/** A field's two columns in score_input: whether it is given, and its value. */
function writeField(out: CopyTextWriter, field: FieldWrite<string | number | boolean>): void {
  if (!field.set) return out.raw('\tf\t\\N')
  out.raw('\tt')
  writeCell(out, field.value)
}

/**
 * A row as its line of COPY text for score_input, written as bytes (CopyTextWriter): rows wait for their
 * chunk as bytes rather than as the dozen objects of a checked row, or the strings of its line.
 */
function writeStagedRow(out: CopyTextWriter, { rowNo, unit, write: w }: StagedRow): void {
  out.count(rowNo)
  out.raw('\t')
  out.text(unit)
  out.raw('\t')
  out.text(w.criterion)
  writeField(out, w.self)
  writeField(out, w.appraised)
  writeField(out, w.notApplicable)
  writeField(out, w.note)
  const evidence = w.evidence.value
  writeField(out, { set: w.evidence.set, value: evidence === null ? null : JSON.stringify(evidence) })
  writeField(out, w.numerator)
  writeField(out, w.denominator)
  out.raw('\n')
}

/**
 * Hands the rows of a write, checked, to `write`, a batch at a time, in order (numbered as staged),
 * awaiting each: the rows of a first import read once more, to be created by COPY.
 */
export type Creations = (write: (rows: StagedRow[]) => Promise<void>) => Promise<void>

/** Whether a staged row gives a value (givesValue): a row that gives none creates nothing. */
export const givesAValue = ({ write: w }: StagedRow): boolean =>
  w.self.value !== null ||
  w.appraised.value !== null ||
  w.notApplicable.value === true ||
  w.note.value !== null ||
  w.evidence.value !== null ||
  w.numerator.value !== null ||
  w.denominator.value !== null

/** A `COPY` that creates scores, fed rows by `writeCreatedRow`: a first import's rows, written a page at a time. */
export const openScoresCopy = (trx: Kysely<Database>): OpenCopy =>
  openCopy(
    trx,
    `copy scores (period_code, unit_code, criterion_code, self, appraised, not_applicable, note, evidence,
      numerator, denominator, created_batch, created_row) from stdin`,
  )

/**
 * A created score's line of COPY text for `openScoresCopy`, written as bytes: the period, its columns
 * unit to denominator (as the insert statement fills them), the batch that records the creation, and the
 * row's number in that batch.
 */
export function writeCreatedRow(out: CopyTextWriter, period: string, batch: number | null, row: StagedRow): void {
  const w = row.write
  out.text(period)
  writeCell(out, row.unit)
  writeCell(out, w.criterion)
  writeCell(out, w.self.value)
  writeCell(out, w.appraised.value)
  writeCell(out, w.notApplicable.value ?? false)
  writeCell(out, w.note.value)
  writeCell(out, w.evidence.value === null ? null : JSON.stringify(w.evidence.value))
  writeCell(out, w.numerator.value)
  writeCell(out, w.denominator.value)
  writeCell(out, batch)
  out.raw('\t')
  out.count(row.rowNo & (PART_ROWS - 1))
  out.raw('\n')
}

/** A tab, then a value as `copyText` writes it. */
function writeCell(out: CopyTextWriter, value: string | number | boolean | null): void {
  out.raw('\t')
  out.value(value)
}

export interface WriteCounts {
  rows: number
  created: number
  updated: number
  unchanged: number
}

export interface ChangeSummary extends WriteCounts {
  changedFields: ScoreField[]
  /** Rows whose unit and criterion have a stored score (updated or unchanged): none, and nothing conflicts. */
  stored: number
  /**
   * The counts of each part of PART_ROWS rows (one part but for writes of more than 2,097,152 rows):
   * the audit records each part as a batch of its own.
   */
  parts: Array<WriteCounts & { firstRow: number }>
}

/** Who wrote, why, and through which route: recorded with the write's batch (docs/api.md, the audit trail). */
export interface WriteBatch {
  kind: 'scores' | 'indicators' | 'import'
  clientId: string
  clientRole: string
  reason: string | null
}

/** Records a batch of a write (its counts as far as they are known), returning its id. */
export async function recordBatch(
  trx: Kysely<Database>,
  period: string,
  batch: WriteBatch,
  part: WriteCounts & { firstRow: number },
): Promise<number> {
  const { id } = await trx
    .insertInto('score_write_batches')
    .values({
      period_code: period,
      kind: batch.kind,
      client_id: batch.clientId,
      client_role: batch.clientRole,
      reason: batch.reason,
      first_row: part.firstRow,
      rows: part.rows,
      created: part.created,
      updated: part.updated,
      unchanged: part.unchanged,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

/** Sets the counts of a batch recorded before its rows were written (a direct import). */
export async function countBatch(trx: Kysely<Database>, id: number, counts: WriteCounts): Promise<void> {
  await trx.updateTable('score_write_batches').set(counts).where('id', '=', id).execute()
}

/**
 * A batch records up to PART_ROWS rows of a write (2^21, the rows of a JSON import fit in one), so an
 * audit entry's id, batch × 2^24 + row × 8 + field, is a safe JSON integer for 2^29 batches.
 */
export const PART_ROWS = 2 ** 21
const ROW_BITS = 21
const ENTRY_BITS = 24

/** One statement of an apply, named so that its plan can be examined (test/plan-trap.test.ts). */
export interface ApplyStatement {
  name: 'audit' | 'update' | 'insert'
  query: RawBuilder<unknown>
}

/**
 * Whether a staged row changes a stored field (i: staged, s: stored, null when no row yet). Only these
 * changes are checked against roles and status, counted, audited and written.
 */
const changed: Record<ScoreField, RawBuilder<boolean>> = {
  self: sql<boolean>`(i.self_set and i.self is distinct from s.self)`,
  appraised: sql<boolean>`(i.appraised_set and i.appraised is distinct from s.appraised)`,
  notApplicable: sql<boolean>`(i.na_set and i.na is distinct from coalesce(s.not_applicable, false))`,
  note: sql<boolean>`(i.note_set and i.note is distinct from s.note)`,
  evidence: sql<boolean>`(i.evidence_set and i.evidence is distinct from s.evidence)`,
  numerator: sql<boolean>`(i.numerator_set and i.numerator is distinct from s.numerator)`,
  denominator: sql<boolean>`(i.denominator_set and i.denominator is distinct from s.denominator)`,
}
const anyChanged = sql<boolean>`(${sql.join(Object.values(changed), sql` or `)})`
/**
 * Whether a staged row gives some field a value other than a new score row's default (null, and false
 * for `notApplicable`): for a unit and criterion with nothing stored, whether the row changes anything.
 * A row that gives none creates nothing. Read from the staged row alone, without joining `scores`.
 */
const givesValue = sql<boolean>`(i.self is not null or i.appraised is not null or coalesce(i.na, false)
  or i.note is not null or i.evidence is not null or i.numerator is not null or i.denominator is not null)`

/**
 * Set-based score writes: the rows of a request are staged in a temporary table once, then counted,
 * checked, audited and merged with a handful of statements whatever their number (no per-row round
 * trips). Every method runs inside the caller's transaction.
 */
export class ScoreWriter {
  /** The highest row number staged: a write of more than PART_ROWS rows is counted per part. */
  private lastRow = -1

  constructor(
    private readonly trx: Kysely<Database>,
    private readonly period: string,
  ) {}

  private joined(): RawBuilder<unknown> {
    return sql`score_input i left join scores s
      on s.period_code = ${this.period} and s.unit_code = i.unit_code and s.criterion_code = i.criterion_code`
  }

  /** Opens the staging table; rows are then added a chunk at a time, never all held in memory. */
  async begin(): Promise<void> {
    // A large write groups and joins hundreds of thousands of staged rows (duplicates, summary, apply):
    // in memory, rather than in batches spilled to disk.
    await sql`set local work_mem = '64MB'`.execute(this.trx)
    await sql`create temporary table score_input (
        row_no integer not null, unit_code text not null, criterion_code text not null,
        self_set boolean not null, self numeric(12, 2), appraised_set boolean not null, appraised numeric(12, 2),
        na_set boolean not null, na boolean, note_set boolean not null, note text,
        evidence_set boolean not null, evidence jsonb,
        numerator_set boolean not null, numerator bigint, denominator_set boolean not null, denominator bigint
      ) on commit drop`.execute(this.trx)
  }

  /** The staged rows not yet sent, as COPY text (`writeStagedRow`). */
  private readonly pending = new CopyTextWriter()

  /** Stages a row: it waits, as bytes, for the next `flush`. Rows are numbered as in the request. */
  stage(row: StagedRow): void {
    if (row.rowNo > this.lastRow) this.lastRow = row.rowNo
    writeStagedRow(this.pending, row)
  }

  /** Stages rows all at once: `stage` each, then `streamed`. */
  async add(rows: readonly StagedRow[]): Promise<void> {
    for (const row of rows) this.stage(row)
    await this.streamed()
  }

  /** The COPY that `flush` feeds, open until `streamed` (or `abort`). */
  private copy: OpenCopy | null = null

  /**
   * Sends the rows staged since the last flush through one COPY left open for the chunks that follow: a
   * large write sends its rows in one statement, a chunk at a time. Nothing else may run in the
   * transaction until `streamed` has completed it, or `abort` abandoned it.
   */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return
    this.copy ??= openCopy(this.trx, 'copy score_input from stdin')
    await this.copy.write(this.pending.take())
  }

  /** Sends what is pending, then completes the COPY, if one is open. */
  async streamed(): Promise<void> {
    await this.flush()
    const copy = this.copy
    this.copy = null
    if (copy) await copy.end()
  }

  /** Abandons the COPY of `flush`, if one is open, so that the transaction can roll back. */
  async abort(error: Error): Promise<void> {
    const copy = this.copy
    this.copy = null
    if (copy) await copy.abort(error)
  }

  /** Rows naming a unit and criterion an earlier row of the request already named, in request order. */
  async duplicates(limit: number): Promise<Array<{ rowNo: number; unit: string; criterion: string }>> {
    // Whether there is any, first: one hashed pass, where numbering the rows sorts them all.
    const { rows: any } = await sql<{ found: boolean }>`select exists (
        select from score_input group by unit_code, criterion_code having count(*) > 1) as found`.execute(this.trx)
    if (!any[0]?.found) return []
    const { rows } = await sql<{ row_no: number; unit_code: string; criterion_code: string }>`
      select row_no, unit_code, criterion_code from (
        select row_no, unit_code, criterion_code,
          row_number() over (partition by unit_code, criterion_code order by row_no) as nth
        from score_input) numbered
      where nth > 1 order by row_no limit ${limit}`.execute(this.trx)
    return rows.map((r) => ({ rowNo: r.row_no, unit: r.unit_code, criterion: r.criterion_code }))
  }

  async summary(): Promise<ChangeSummary> {
    const fields = Object.keys(changed) as ScoreField[]
    // One part (no grouping) unless the rows are numbered past it.
    const parted = this.lastRow >= PART_ROWS
    // Each row's changes are worked out once, in the subquery (kept apart by `offset 0`, which PostgreSQL
    // does not flatten), and only read by the counts and flags: written in the aggregates themselves,
    // every count and flag evaluated the comparisons again (an unchanged 330,000-row import's summary took
    // 520 ms so, 451 ms this way).
    const changes = sql.join(
      fields.map((f) => sql.ref(`c.${f}`)),
      sql` or `,
    )
    const { rows } = await sql<Record<string, unknown>>`
      select ${parted ? sql`part` : sql`0 as part`}, count(*)::int as rows, count(*) filter (where stored)::int as stored,
        count(*) filter (where not stored and (${changes}))::int as created,
        count(*) filter (where stored and (${changes}))::int as updated,
        ${sql.join(fields.map((f) => sql`coalesce(bool_or(${sql.ref(`c.${f}`)}), false) as ${sql.ref(f)}`))}
      from (
        select ${parted ? sql`i.row_no >> ${sql.lit(ROW_BITS)} as part,` : sql``} s.unit_code is not null as stored,
          ${sql.join(fields.map((f) => sql`${changed[f]} as ${sql.ref(f)}`))}
        from ${this.joined()}
        offset 0) c
      ${parted ? sql`group by part order by part` : sql``}`.execute(this.trx)
    const parts = rows
      .filter((row) => Number(row.rows) > 0)
      .map((row) => {
        const counts = { rows: Number(row.rows), created: Number(row.created), updated: Number(row.updated) }
        return {
          ...counts,
          unchanged: counts.rows - counts.created - counts.updated,
          firstRow: Number(row.part) * PART_ROWS,
        }
      })
    const sum = (key: keyof WriteCounts) => parts.reduce((total, part) => total + part[key], 0)
    return {
      rows: sum('rows'),
      created: sum('created'),
      updated: sum('updated'),
      unchanged: sum('unchanged'),
      stored: rows.reduce((total, row) => total + Number(row.stored), 0),
      changedFields: fields.filter((f) => rows.some((row) => row[f] === true)),
      parts,
    }
  }

  /** The request rows (by number) that change `field`, for naming them in a problem. */
  async rowsChanging(field: ScoreField, limit = 1000): Promise<number[]> {
    const { rows } = await sql<{ row_no: number }>`
      select i.row_no from ${this.joined()} where ${changed[field]} order by i.row_no limit ${limit}`.execute(this.trx)
    return rows.map((r) => r.row_no)
  }

  /**
   * Records the write's batches (one per part of PART_ROWS rows, in order), then runs the statements
   * that audit and merge the staged rows.
   */
  async apply(
    batch: WriteBatch,
    summary: Pick<ChangeSummary, 'created' | 'updated' | 'stored' | 'parts'>,
    creations?: Creations,
  ): Promise<void> {
    // Indexed by part: a part without rows (none in a request, whose rows are numbered without gaps) has none.
    const batchIds: Array<number | null> = []
    for (const part of summary.parts) {
      batchIds[part.firstRow / PART_ROWS] = await recordBatch(this.trx, this.period, batch, part)
    }
    const byPart = Array.from(batchIds, (id) => id ?? null)
    for (const { name, query } of this.applyStatements(byPart, summary)) {
      if (name === 'insert' && creations && summary.stored === 0) await this.copyCreated(byPart, summary, creations)
      else await query.execute(this.trx)
    }
  }

  /**
   * Creates the scores of a write none of whose rows is stored (a first import) with `COPY … FROM STDIN`
   * rather than the insert statement: COPY writes the rows a page at a time, the insert one row at a
   * time (half the time, with the totals' trigger). The rows come from `creations`, which reads the
   * request once more; they must be the very rows staged, which their count checks.
   */
  private async copyCreated(
    batchIds: ReadonlyArray<number | null>,
    summary: Pick<ChangeSummary, 'created'>,
    creations: Creations,
  ): Promise<void> {
    const copy = openScoresCopy(this.trx)
    const out = new CopyTextWriter()
    const send = (rows: StagedRow[]): Promise<void> => {
      for (const row of rows) {
        if (givesAValue(row)) writeCreatedRow(out, this.period, batchIds[row.rowNo >> ROW_BITS] ?? null, row)
      }
      return copy.write(out.take())
    }
    try {
      await creations(send)
    } catch (error) {
      await copy.abort(error instanceof Error ? error : new Error(String(error)))
      throw error
    }
    const count = await copy.end()
    if (count !== summary.created) throw new Error(`the import created ${count} scores, not ${summary.created}`)
  }

  /**
   * The statements that audit the updated scores (one `score_changes` row each, with the changed fields'
   * old and new values), then merge the staged rows into the stored scores, in order. A created score
   * is recorded by its batch alone (`created_batch`, `created_row`). None of them anti-joins `scores`
   * while filling it: new rows go in with `ON CONFLICT DO NOTHING` on the primary key (a request's
   * duplicates are refused before), so their plans do not depend on what the statistics say about
   * `scores` (an anti join planned on an "empty" table scans the growing table once per row). A step
   * with nothing to do (no update, no creation) is left out. `batchIds` holds the batch of each part,
   * by part number.
   */
  applyStatements(
    batchIds: ReadonlyArray<number | null>,
    counts: Pick<ChangeSummary, 'created' | 'updated' | 'stored'>,
  ): ApplyStatement[] {
    const statements: ApplyStatement[] = []
    if (counts.updated > 0) {
      statements.push({ name: 'audit', query: this.auditStatement(batchIds) })
      statements.push({ name: 'update', query: this.updateStatement() })
    }
    if (counts.created > 0)
      statements.push({ name: 'insert', query: this.insertStatement(batchIds, counts.stored > 0) })
    return statements
  }

  /** A staged row's batch, and its row number in that batch. */
  private batchOf(batchIds: ReadonlyArray<number | null>): { batch: RawBuilder<number>; row: RawBuilder<number> } {
    return {
      batch: sql<number>`(${sql.val(batchIds)}::bigint[])[(i.row_no >> ${sql.lit(ROW_BITS)}) + 1]`,
      row: sql<number>`(i.row_no & ${sql.lit(PART_ROWS - 1)})`,
    }
  }

  private auditStatement(batchIds: ReadonlyArray<number | null>): RawBuilder<unknown> {
    const { batch, row } = this.batchOf(batchIds)
    const entry = (field: ScoreField, old: RawBuilder<unknown>, value: RawBuilder<unknown>) =>
      sql`${sql.lit(field)}::text, case when ${changed[field]} then jsonb_build_array(${old}, ${value}) end`
    return sql`
      insert into score_changes (period_code, batch_id, row_no, unit_code, criterion_code, changes)
      select ${this.period}, ${batch}, ${row}, i.unit_code, i.criterion_code, jsonb_strip_nulls(jsonb_build_object(
        ${entry('self', sql`to_jsonb(s.self)`, sql`to_jsonb(i.self)`)},
        ${entry('appraised', sql`to_jsonb(s.appraised)`, sql`to_jsonb(i.appraised)`)},
        ${entry('notApplicable', sql`to_jsonb(s.not_applicable)`, sql`to_jsonb(i.na)`)},
        ${entry('note', sql`to_jsonb(s.note)`, sql`to_jsonb(i.note)`)},
        ${entry('evidence', sql`s.evidence`, sql`i.evidence`)},
        ${entry('numerator', sql`to_jsonb(s.numerator)`, sql`to_jsonb(i.numerator)`)},
        ${entry('denominator', sql`to_jsonb(s.denominator)`, sql`to_jsonb(i.denominator)`)}))
      from score_input i join scores s
        on s.period_code = ${this.period} and s.unit_code = i.unit_code and s.criterion_code = i.criterion_code
      where ${anyChanged}`
  }

  private updateStatement(): RawBuilder<unknown> {
    return sql`
      update scores s set
        self = case when i.self_set then i.self else s.self end,
        appraised = case when i.appraised_set then i.appraised else s.appraised end,
        not_applicable = case when i.na_set then coalesce(i.na, false) else s.not_applicable end,
        note = case when i.note_set then i.note else s.note end,
        evidence = case when i.evidence_set then i.evidence else s.evidence end,
        numerator = case when i.numerator_set then i.numerator else s.numerator end,
        denominator = case when i.denominator_set then i.denominator else s.denominator end,
        updated_at = now()
      from score_input i
      where s.period_code = ${this.period} and s.unit_code = i.unit_code and s.criterion_code = i.criterion_code
        and ${anyChanged}`
  }

  /**
   * Rows already stored (updated above, or unchanged) conflict on the key and are skipped; a row that
   * gives no value creates nothing. When no staged row has a stored score (`stored` false: a first
   * import), none can conflict — duplicates are refused before, and the write holds its scope's locks —
   * and the rows go in without the per-row check of ON CONFLICT (a third of the insert's time).
   */
  private insertStatement(batchIds: ReadonlyArray<number | null>, stored: boolean): RawBuilder<unknown> {
    const { batch, row } = this.batchOf(batchIds)
    return sql`
      insert into scores (period_code, unit_code, criterion_code, self, appraised, not_applicable, note, evidence,
        numerator, denominator, created_batch, created_row)
      select ${this.period}, i.unit_code, i.criterion_code, i.self, i.appraised, coalesce(i.na, false), i.note, i.evidence,
        i.numerator, i.denominator, ${batch}, ${row}
      from score_input i
      where ${givesValue}
      ${stored ? sql`on conflict (period_code, unit_code, criterion_code) do nothing` : sql``}`
  }
}

export interface StoredScore {
  criterion: string
  self: string | null
  appraised: string | null
  notApplicable: boolean
  note: string | null
  evidence: string[] | null
  numerator: number | null
  denominator: number | null
}

export class ScoresRepository {
  constructor(private readonly db: Kysely<Database>) {}

  forUnit(period: string, unit: string): Promise<StoredScore[]> {
    return this.db
      .selectFrom('scores')
      .select([
        'criterion_code as criterion',
        'self',
        'appraised',
        'not_applicable as notApplicable',
        'note',
        'evidence',
        'numerator',
        'denominator',
      ])
      .where('period_code', '=', period)
      .where('unit_code', '=', unit)
      .execute()
  }

  /**
   * A page of audit entries, newest first: one per changed field, expanded from the stored batches
   * (docs/api.md, "The audit trail"). An updated score's row lists its changed fields with old and new
   * values; a created score lists each field it was created with, from null (`notApplicable` from
   * false), its value at creation being the `old` value of the first later change of that field, else
   * the stored one. Entries sort by (batch, row, field): each source is read newest first on an index, at most
   * `limit + 1` scores from each, so a page costs the same whatever the period holds.
   */
  async audit(filter: AuditFilter): Promise<AuditEntryRow[]> {
    const { rows } = await this.auditQuery(filter).execute(this.db)
    return rows
  }

  /** The statement of an audit page (`audit`), apart so that its plan can be examined (test/audit.test.ts). */
  auditQuery(filter: AuditFilter): RawBuilder<AuditEntryRow> {
    const { period, unit, criterion, before, limit } = filter
    const only = (alias: string) =>
      sql.join(
        [
          sql`${sql.ref(`${alias}.period_code`)} = ${period}`,
          ...(unit !== undefined ? [sql`${sql.ref(`${alias}.unit_code`)} = ${unit}`] : []),
          ...(criterion !== undefined ? [sql`${sql.ref(`${alias}.criterion_code`)} = ${criterion}`] : []),
        ],
        sql` and `,
      )
    // Every score gives at least one entry, but the one the cursor is in may have none left.
    const scores = limit + 1
    const upTo = (batch: string, row: string) =>
      before ? sql`and (${sql.ref(batch)}, ${sql.ref(row)}) <= (${before.batch}::bigint, ${before.row}::bigint)` : sql``
    // The created scores newest first: one unit's through the primary key (a few hundred rows to sort at
    // most); otherwise batch by batch, newest first, each batch's through scores_created_idx, stopping
    // as soon as the page is full (0011_scores_created_by_batch).
    const createdScores =
      unit !== undefined
        ? sql`select * from scores s
            where ${only('s')} and s.created_batch is not null ${upTo('s.created_batch', 's.created_row')}
            order by s.created_batch desc, s.created_row desc
            limit ${scores}`
        : sql`select s.* from score_write_batches b
            cross join lateral (
              select * from scores s
              where s.created_batch = b.id and ${only('s')} ${upTo('s.created_batch', 's.created_row')}
              order by s.created_row desc
              limit ${scores}
            ) s
            where b.period_code = ${period} and b.created is distinct from 0
              ${before ? sql`and b.id <= ${before.batch}::bigint` : sql``}
            order by b.id desc, s.created_row desc
            limit ${scores}`
    return sql<AuditEntryRow>`
      with updated as (
        select c.batch_id, c.row_no, c.unit_code, c.criterion_code, c.changes
        from score_changes c
        where ${only('c')} ${upTo('c.batch_id', 'c.row_no')}
        order by c.batch_id desc, c.row_no desc
        limit ${scores}
      ), created as (
        select s.created_batch as batch_id, s.created_row as row_no, s.unit_code, s.criterion_code,
          ${creationChanges} as changes
        from (${createdScores}) s
        cross join lateral (${firstOldValues}) later
        cross join lateral (${valuesAtCreation}) v
      ), changed_scores as (
        select * from updated union all select * from created
        order by batch_id desc, row_no desc
        limit ${scores}
      )
      select r.batch_id as batch, r.row_no as row, f.ord, f.field, r.unit_code, r.criterion_code,
        r.changes -> f.field -> 0 as old, r.changes -> f.field -> 1 as new,
        b.at, b.client_id, b.client_role, b.reason
      from changed_scores r
      join score_write_batches b on b.id = r.batch_id
      cross join lateral (values ${sql.join(SCORE_FIELDS.map((f, i) => sql`(${sql.lit(i)}, ${sql.lit(f)})`))}) f(ord, field)
      where r.changes ? f.field
        ${before ? sql`and (r.batch_id, r.row_no, f.ord) < (${before.batch}::bigint, ${before.row}::bigint, ${before.ord}::int)` : sql``}
      order by r.batch_id desc, r.row_no desc, f.ord desc
      limit ${limit}`
  }
}

export interface AuditFilter {
  period: string
  unit?: string
  criterion?: string
  /** Entries before this one (exclusive), newest first. */
  before?: AuditPosition
  limit: number
}

/** Where an entry is: its batch, its row in the batch, its field (the index in SCORE_FIELDS). */
export interface AuditPosition {
  batch: number
  row: number
  ord: number
}

export interface AuditEntryRow extends AuditPosition {
  field: ScoreField
  unit_code: string
  criterion_code: string
  old: unknown
  new: unknown
  at: Date
  client_id: string
  client_role: string
  reason: string | null
}

/** An entry's id: unique, larger for a newer entry (a later batch, a later row, a later field). */
export const auditEntryId = (p: AuditPosition): number => p.batch * 2 ** ENTRY_BITS + p.row * 8 + p.ord

/** An entry's place in its batch, as its page cursor holds it with the batch: row × 8 + field. */
export const auditPlace = {
  of: (p: AuditPosition): [number, number] => [p.batch, p.row * 8 + p.ord],
  at: ([batch, place]: readonly [number, number]): AuditPosition => ({
    batch,
    row: Math.floor(place / 8),
    ord: place % 8,
  }),
}

/** Of each field, the `old` value of the first change after the score `s` was created (null: none). */
const firstOldValues = sql`select ${sql.join(
  SCORE_FIELDS.map(
    (f) =>
      sql`(array_agg(c.changes -> ${sql.lit(f)} -> 0 order by c.batch_id) filter (where c.changes ? ${sql.lit(f)}))[1] as ${sql.ref(f)}`,
  ),
)}
  from score_changes c
  where c.period_code = s.period_code and c.unit_code = s.unit_code and c.criterion_code = s.criterion_code
    and c.batch_id > s.created_batch`

/** Of each field of the created score `s`, its value at creation, as JSON. */
const valuesAtCreation = sql`select
  coalesce(later.self, to_jsonb(s.self)) as self,
  coalesce(later.appraised, to_jsonb(s.appraised)) as appraised,
  coalesce(later."notApplicable", to_jsonb(s.not_applicable)) as "notApplicable",
  coalesce(later.note, to_jsonb(s.note)) as note,
  coalesce(later.evidence, s.evidence) as evidence,
  coalesce(later.numerator, to_jsonb(s.numerator)) as numerator,
  coalesce(later.denominator, to_jsonb(s.denominator)) as denominator`

/** A created score's changes: every field it was created with, from null (`notApplicable`: from false). */
const creationChanges = sql`jsonb_strip_nulls(jsonb_build_object(${sql.join(
  SCORE_FIELDS.map((f) =>
    f === 'notApplicable'
      ? sql`${sql.lit(f)}::text, case when v."notApplicable" = 'true' then '[false, true]'::jsonb end`
      : sql`${sql.lit(f)}::text, case when v.${sql.ref(f)} <> 'null' then jsonb_build_array(null, v.${sql.ref(f)}) end`,
  ),
)}))`

import { sql, type Kysely, type RawBuilder } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { ScoreField, ScoreRowWrite } from '../../domain/score-rules.js'
import { copyIn, copyLine } from './copy.js'

/** One validated row bound for the database, numbered as in the request. */
export interface StagedRow {
  rowNo: number
  unit: string
  write: ScoreRowWrite
}

export interface ChangeSummary {
  rows: number
  created: number
  updated: number
  unchanged: number
  changedFields: ScoreField[]
}

export interface ApplyAudit {
  clientId: string
  clientRole: string
  reason: string | null
}

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
    await sql`create temporary table score_input (
        row_no integer not null, unit_code text not null, criterion_code text not null,
        self_set boolean not null, self numeric(12, 2), appraised_set boolean not null, appraised numeric(12, 2),
        na_set boolean not null, na boolean, note_set boolean not null, note text,
        evidence_set boolean not null, evidence jsonb,
        numerator_set boolean not null, numerator bigint, denominator_set boolean not null, denominator bigint
      ) on commit drop`.execute(this.trx)
  }

  /** Stages a chunk of rows with one `COPY … FROM STDIN`, in the transaction (all or nothing). */
  async add(rows: readonly StagedRow[]): Promise<void> {
    if (rows.length === 0) return
    let data = ''
    for (const { rowNo, unit, write: w } of rows) {
      data += copyLine([
        rowNo,
        unit,
        w.criterion,
        w.self.set,
        w.self.value,
        w.appraised.set,
        w.appraised.value,
        w.notApplicable.set,
        w.notApplicable.value,
        w.note.set,
        w.note.value,
        w.evidence.set,
        w.evidence.value === null ? null : JSON.stringify(w.evidence.value),
        w.numerator.set,
        w.numerator.value,
        w.denominator.set,
        w.denominator.value,
      ])
    }
    await copyIn(this.trx, 'copy score_input from stdin', data)
  }

  /** Rows naming a unit and criterion an earlier row of the request already named, in request order. */
  async duplicates(limit: number): Promise<Array<{ rowNo: number; unit: string; criterion: string }>> {
    await sql`analyze score_input`.execute(this.trx)
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
    const { rows } = await sql<Record<string, unknown>>`
      select count(*)::int as rows,
        count(*) filter (where s.unit_code is null and ${anyChanged})::int as created,
        count(*) filter (where s.unit_code is not null and ${anyChanged})::int as updated,
        ${sql.join(fields.map((f) => sql`coalesce(bool_or(${changed[f]}), false) as ${sql.ref(f)}`))}
      from ${this.joined()}`.execute(this.trx)
    const row = rows[0]!
    const total = Number(row.rows)
    const created = Number(row.created)
    const updated = Number(row.updated)
    return {
      rows: total,
      created,
      updated,
      unchanged: total - created - updated,
      changedFields: fields.filter((f) => row[f] === true),
    }
  }

  /** The request rows (by number) that change `field`, for naming them in a problem. */
  async rowsChanging(field: ScoreField, limit = 1000): Promise<number[]> {
    const { rows } = await sql<{ row_no: number }>`
      select i.row_no from ${this.joined()} where ${changed[field]} order by i.row_no limit ${limit}`.execute(this.trx)
    return rows.map((r) => r.row_no)
  }

  /**
   * The statements that audit every changed field, then merge the staged rows into the stored scores,
   * in order. None of them anti-joins `scores` while filling it: new rows go in with `ON CONFLICT DO
   * NOTHING` on the primary key (a request's duplicates are refused before), so their plans do not
   * depend on what the statistics say about `scores` (an anti join planned on an "empty" table scans
   * the growing table once per row). A step with nothing to do (no update, no creation) is left out.
   */
  applyStatements(audit: ApplyAudit, counts: Pick<ChangeSummary, 'created' | 'updated'>): ApplyStatement[] {
    const statements: ApplyStatement[] = [{ name: 'audit', query: this.auditStatement(audit) }]
    if (counts.updated > 0) statements.push({ name: 'update', query: this.updateStatement() })
    if (counts.created > 0) statements.push({ name: 'insert', query: this.insertStatement() })
    return statements
  }

  /** Audits every changed field, then merges the staged rows into the stored scores. */
  async apply(audit: ApplyAudit, counts: Pick<ChangeSummary, 'created' | 'updated'>): Promise<void> {
    // A large import sorts hundreds of thousands of audit rows: let it do so in memory.
    await sql`set local work_mem = '64MB'`.execute(this.trx)
    for (const { query } of this.applyStatements(audit, counts)) await query.execute(this.trx)
  }

  private auditStatement(audit: ApplyAudit): RawBuilder<unknown> {
    return sql`
      insert into score_audit (period_code, unit_code, criterion_code, field, old, new, reason, client_id, client_role)
      select ${this.period}, i.unit_code, i.criterion_code, f.field, f.old, f.new, ${audit.reason}, ${audit.clientId}, ${audit.clientRole}
      from ${this.joined()}
      cross join lateral (values
        (1, 'self', to_jsonb(s.self), to_jsonb(i.self), ${changed.self}),
        (2, 'appraised', to_jsonb(s.appraised), to_jsonb(i.appraised), ${changed.appraised}),
        (3, 'notApplicable', to_jsonb(coalesce(s.not_applicable, false)), to_jsonb(i.na), ${changed.notApplicable}),
        (4, 'note', to_jsonb(s.note), to_jsonb(i.note), ${changed.note}),
        (5, 'evidence', s.evidence, i.evidence, ${changed.evidence}),
        (6, 'numerator', to_jsonb(s.numerator), to_jsonb(i.numerator), ${changed.numerator}),
        (7, 'denominator', to_jsonb(s.denominator), to_jsonb(i.denominator), ${changed.denominator})
      ) as f(ord, field, old, new, changed)
      where f.changed
      order by i.row_no, f.ord`
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
   * gives no value creates nothing.
   */
  private insertStatement(): RawBuilder<unknown> {
    return sql`
      insert into scores (period_code, unit_code, criterion_code, self, appraised, not_applicable, note, evidence,
        numerator, denominator)
      select ${this.period}, i.unit_code, i.criterion_code, i.self, i.appraised, coalesce(i.na, false), i.note, i.evidence,
        i.numerator, i.denominator
      from score_input i
      where ${givesValue}
      on conflict (period_code, unit_code, criterion_code) do nothing`
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

  audit(filter: { period: string; unit?: string; criterion?: string; before?: number; limit: number }) {
    let query = this.db
      .selectFrom('score_audit')
      .select(['id', 'at', 'client_id', 'client_role', 'unit_code', 'criterion_code', 'field', 'old', 'new', 'reason'])
      .where('period_code', '=', filter.period)
      .orderBy('id', 'desc')
      .limit(filter.limit)
    if (filter.unit !== undefined) query = query.where('unit_code', '=', filter.unit)
    if (filter.criterion !== undefined) query = query.where('criterion_code', '=', filter.criterion)
    if (filter.before !== undefined) query = query.where('id', '<', filter.before)
    return query.execute()
  }
}

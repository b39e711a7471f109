import type { PeriodStatus } from '../domain/period-status.js'
import type { Role } from '../domain/access.js'
import type { ColumnType, Generated } from 'kysely'

/** NUMERIC columns travel as decimal strings on both backends, never as binary floats. */
export type Decimal = ColumnType<string, string, string>
type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>

export interface UnitsTable {
  code: string
  name: string
  group_code: string
  parent_code: string | null
  rankable: boolean
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface ClientsTable {
  id: string
  name: string
  role: Role
  unit_code: string | null
  token_hash: string
  created_at: CreatedAt
  revoked_at: Date | null
}

export interface FrameworksTable {
  code: string
  name: string
  content: ColumnType<unknown, string, string>
  content_hash: string
  total_points: Decimal
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface PeriodsTable {
  code: string
  name: string
  year: number
  framework_code: string
  status: ColumnType<PeriodStatus, PeriodStatus | undefined, PeriodStatus>
  created_at: CreatedAt
  updated_at: UpdatedAt
}

export interface PeriodUnitsTable {
  period_code: string
  unit_code: string
}

export interface PeriodStatusHistoryTable {
  id: Generated<number>
  period_code: string
  at: CreatedAt
  client_id: string
  client_role: string
  from_status: PeriodStatus | null
  to_status: PeriodStatus
  reason: string | null
}

export interface ScoresTable {
  period_code: string
  unit_code: string
  criterion_code: string
  self: Decimal | null
  appraised: Decimal | null
  not_applicable: ColumnType<boolean, boolean | undefined, boolean>
  note: string | null
  evidence: ColumnType<string[] | null, string | null, string | null>
  /** Counts of a ratio leaf, given together (0 ≤ numerator ≤ denominator); int8, read as numbers. */
  numerator: number | null
  denominator: number | null
  /** The audit batch that created the score and the score's row in it (null: created before batches). */
  created_batch: number | null
  created_row: number | null
  updated_at: UpdatedAt
}

/** One score write that changed something (a part of 2^21 rows of it): the audit's who, when and why. */
export interface ScoreWriteBatchesTable {
  id: Generated<number>
  period_code: string
  /** `scores`, `indicators` (the PUT routes) or `import`; null for batches converted from the per-field audit. */
  kind: 'scores' | 'indicators' | 'import' | null
  client_id: string
  client_role: string
  reason: string | null
  at: CreatedAt
  /** The request's row number of the batch's row 0. */
  first_row: ColumnType<number, number | undefined, never>
  /** The counts of the batch's rows (null when converted). */
  rows: number | null
  created: number | null
  updated: number | null
  unchanged: number | null
}

/** One score a batch updated: `changes` maps each changed field to [old, new]. */
export interface ScoreChangesTable {
  period_code: string
  batch_id: number
  row_no: number
  unit_code: string
  criterion_code: string
  changes: ColumnType<Record<string, [unknown, unknown]>, string, never>
}

/**
 * A unit's totals in a period, kept by triggers on every write (migrations/0009_unit_totals.ts): what a
 * results read needs per unit, instead of every score.
 */
export interface UnitTotalsTable {
  period_code: string
  unit_code: string
  points: ColumnType<string, never, never>
  /** `position:points` per field with an applicable stored leaf, comma-separated in position order. */
  field_points: ColumnType<string, never, never>
  self_points: ColumnType<string, never, never>
  settled: ColumnType<number, never, never>
  not_applicable: ColumnType<string, never, never>
  ratio_counts: ColumnType<string, never, never>
}

export interface ResultSnapshotsTable {
  period_code: string
  number: number
  published_at: CreatedAt
  published_by: string
  framework_code: string
  hash: string
  body: string
}

export interface SurveyResponsesTable {
  period_code: string
  unit_code: string
  response_id: string
  answers: ColumnType<Record<string, number>, string, string>
  received_at: CreatedAt
}

export interface SurveyTalliesTable {
  period_code: string
  unit_code: string
  question_code: string
  level: number
  source: 'counts' | 'responses'
  answers: number
}

export interface Database {
  survey_responses: SurveyResponsesTable
  survey_tallies: SurveyTalliesTable
  result_snapshots: ResultSnapshotsTable
  scores: ScoresTable
  score_write_batches: ScoreWriteBatchesTable
  score_changes: ScoreChangesTable
  unit_totals: UnitTotalsTable
  units: UnitsTable
  clients: ClientsTable
  frameworks: FrameworksTable
  periods: PeriodsTable
  period_units: PeriodUnitsTable
  period_status_history: PeriodStatusHistoryTable
}

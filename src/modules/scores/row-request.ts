import type { ScoreRowInput } from '../../domain/score-rules.js'
import type { ProblemError } from '../../http/problems.js'

/** One row of a score write as read from the request: its unit, its fields, and what reading it found. */
export interface ScoreRowRequest {
  unit: string
  input: ScoreRowInput
  /** Problems found while reading the row (a CSV cell that is no number); the row is not written. */
  issues?: ProblemError[]
}

import type { FastifyBaseLogger } from 'fastify'
import { describeFailure } from '../db/unavailable.js'

/** How long a burst of 503 answers lasts at most before its summary is logged. */
export const DEFAULT_OUTAGE_WINDOW_MS = 60_000

/**
 * Logs an outage (many requests answered 503 because the database does not answer) as one warning
 * per burst rather than a line with a stack per request: the first 503 logs a warning with its cause,
 * the next ones only count, and one line says how many were not logged when the burst ends: when its
 * window is over, when the database is back, or when the app closes.
 */
export class OutageLog {
  private burst: { timer: NodeJS.Timeout; suppressed: number; started: number } | null = null

  constructor(
    private readonly log: FastifyBaseLogger,
    private readonly windowMs: number = DEFAULT_OUTAGE_WINDOW_MS,
  ) {}

  /** A 503 answered for `cause`; `log` is the request's logger (the warning carries its request id). */
  unavailable(log: FastifyBaseLogger, cause: unknown): void {
    if (this.burst) {
      this.burst.suppressed++
      return
    }
    const timer = setTimeout(() => this.end('window'), this.windowMs)
    timer.unref()
    this.burst = { timer, suppressed: 0, started: Date.now() }
    log.warn(
      { cause: describeFailure(cause), windowMs: this.windowMs },
      'answering 503 (unavailable): further 503 answers are counted, not logged, until the burst ends',
    )
  }

  /** The database answers again: the burst, if any, is over. */
  recovered(): void {
    this.end('recovered')
  }

  close(): void {
    this.end('closed')
  }

  private end(reason: 'window' | 'recovered' | 'closed'): void {
    const burst = this.burst
    if (!burst) return
    this.burst = null
    clearTimeout(burst.timer)
    if (burst.suppressed === 0) return
    this.log.info(
      { suppressed: burst.suppressed, durationMs: Date.now() - burst.started, reason },
      `the burst of 503 answers ended (${reason}): ${burst.suppressed} more were not logged`,
    )
  }
}

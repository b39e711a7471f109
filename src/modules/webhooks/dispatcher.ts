import { createHmac } from 'node:crypto'
import type { FastifyBaseLogger } from 'fastify'
import { sql, type Kysely } from 'kysely'
import type { ChangeFeed } from '../../db/change-feed.js'
import type { Database } from '../../db/schema.js'
import { describeFailure, isDatabaseUnavailable } from '../../db/unavailable.js'
import { withEventTables, type EventsDb } from '../events/tables.js'
import { resolvesPrivate } from './addresses.js'
import type { WebhookConfig } from './config.js'

const BATCH = 20

interface Claimed {
  id: number
  attempts: number
  url: string
  secret: string
  event: { id: number; type: string; at: Date; period_code: string | null; data: Record<string, unknown> }
}

/** Standard Webhooks signature: `v1,` + base64 HMAC-SHA256 of `{id}.{timestamp}.{body}`, keyed by the secret. */
export function sign(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64')
  return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`
}

/**
 * Delivers the pending webhook deliveries. Each round claims due rows with `FOR UPDATE SKIP LOCKED` and
 * leases them (`locked_until`) before sending, so several instances on one database send each delivery
 * once, and a delivery whose instance died is taken over when its lease ends. Everything lives in the
 * database, so deliveries resume after a restart. A change heard on the feed wakes it; else it polls.
 */
export class WebhookDispatcher {
  private readonly db: EventsDb
  private timer: NodeJS.Timeout | null = null
  private running: Promise<void> | null = null
  private again = false
  private stopped = true
  /** Rounds failed in a row because the database does not answer. */
  private unavailableRounds = 0

  constructor(
    db: Kysely<Database>,
    private readonly config: WebhookConfig,
    private readonly log: FastifyBaseLogger,
    changes: ChangeFeed,
  ) {
    this.db = withEventTables(db)
    changes.subscribe('results', () => this.wake())
  }

  start(): void {
    this.stopped = false
    this.wake()
  }

  async stop(): Promise<void> {
    this.stopped = true
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    await this.running
  }

  wake(): void {
    if (this.stopped) return
    if (this.running) {
      this.again = true
      return
    }
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.running = this.round().finally(() => {
      this.running = null
      this.schedule()
    })
  }

  private schedule(): void {
    if (this.stopped) return
    const delay = this.again ? 0 : this.config.pollMs
    this.again = false
    this.timer = setTimeout(() => this.wake(), delay)
    this.timer.unref()
  }

  private async round(): Promise<void> {
    try {
      const claimed = await this.claim()
      await Promise.all(claimed.map((d) => this.deliver(d)))
      if (claimed.length === BATCH) this.again = true
      if (this.unavailableRounds > 0) {
        this.log.info({ failedRounds: this.unavailableRounds }, 'webhook rounds succeed again')
        this.unavailableRounds = 0
      }
    } catch (error) {
      if (!isDatabaseUnavailable(error)) this.log.warn({ err: error }, 'webhook round failed')
      // While the database is down every round fails: one warning, without a stack, until one succeeds.
      else if (this.unavailableRounds++ === 0)
        this.log.warn(
          { cause: describeFailure(error) },
          'webhook rounds fail: the database does not answer; retried, and not logged again until one succeeds',
        )
    }
  }

  /** Leases the due deliveries no other instance holds, for the time an attempt may take. */
  private async claim(): Promise<Claimed[]> {
    const lease = this.config.timeoutMs + 30_000
    const { rows } = await sql<{ id: number; attempts: number; webhook_id: string; event_id: number }>`
      update webhook_deliveries
      set locked_until = now() + ${lease} * interval '1 millisecond', attempts = attempts + 1,
          last_attempt_at = now()
      where id in (
        select id from webhook_deliveries
        where status = 'pending' and next_attempt_at <= now() and (locked_until is null or locked_until <= now())
        order by id limit ${BATCH}
        for update skip locked)
      returning id, attempts, webhook_id, event_id`.execute(this.db)
    if (rows.length === 0) return []
    const details = await this.db
      .selectFrom('webhook_deliveries as d')
      .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
      .innerJoin('events as e', 'e.id', 'd.event_id')
      .select(['d.id', 'w.url', 'w.secret', 'e.id as eventId', 'e.type', 'e.at', 'e.period_code', 'e.data'])
      .where(
        'd.id',
        'in',
        rows.map((r) => r.id),
      )
      .execute()
    const attempts = new Map(rows.map((r) => [r.id, r.attempts]))
    return details.map((d) => ({
      id: d.id,
      attempts: attempts.get(d.id) ?? 1,
      url: d.url,
      secret: d.secret,
      event: { id: d.eventId, type: d.type, at: d.at, period_code: d.period_code, data: d.data },
    }))
  }

  private async deliver(delivery: Claimed): Promise<void> {
    const { event } = delivery
    const body = JSON.stringify({
      id: event.id,
      type: event.type,
      at: event.at.toISOString(),
      period: event.period_code,
      data: event.data,
    })
    const id = String(event.id)
    const timestamp = Math.floor(Date.now() / 1000)
    let outcome: { status: number | null; error: string | null }
    try {
      if (await resolvesPrivate(delivery.url, this.config.allowPrivate))
        throw new Error('resolves to a private address')
      const response = await fetch(delivery.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'cchc-index-webhooks',
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': sign(delivery.secret, id, timestamp, body),
        },
        body,
      })
      await response.body?.cancel()
      outcome = { status: response.status, error: response.ok ? null : `HTTP ${response.status}` }
    } catch (error) {
      outcome = { status: null, error: error instanceof Error ? error.message : String(error) }
    }
    await this.record(delivery, outcome)
  }

  private async record(delivery: Claimed, outcome: { status: number | null; error: string | null }): Promise<void> {
    const update = this.db.updateTable('webhook_deliveries').where('id', '=', delivery.id)
    const common = { locked_until: null, response_status: outcome.status, error: outcome.error }
    if (outcome.error === null) {
      await update.set({ ...common, status: 'delivered', delivered_at: new Date() }).execute()
      return
    }
    if (delivery.attempts >= this.config.maxAttempts) {
      await update.set({ ...common, status: 'failed' }).execute()
      return
    }
    const wait = this.config.retryBaseMs * 2 ** (delivery.attempts - 1)
    await update.set({ ...common, next_attempt_at: sql<Date>`now() + ${wait} * interval '1 millisecond'` }).execute()
  }
}

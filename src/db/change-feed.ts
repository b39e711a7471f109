import { randomUUID } from 'node:crypto'
import { sql, type Kysely } from 'kysely'
import pg from 'pg'
import { watchConnection } from './listen-watchdog.js'
import type { Database } from './schema.js'

/** Where other instances' changes are heard from. */
export type ChangeSource = { kind: 'postgres'; url: string; searchPath?: string } | { kind: 'none' }

/** What a change invalidates: the results of a period (or all, '*'), or the known client tokens. */
export type ChangeTopic = 'results' | 'clients'
export const EVERYTHING = '*'
export type Announce = (topic: ChangeTopic, key: string) => void
/** A change downstream systems hear of (`GET /v1/events`, webhooks), recorded in the write's transaction. */
export interface ChangeEvent {
  type: string
  period: string | null
  data: Record<string, unknown>
}
export type Emit = (event: ChangeEvent) => void
/** Writes what a transaction emitted and announced to the outbox, inside that transaction. */
export type EventRecorder = (
  trx: Kysely<Database>,
  emitted: ChangeEvent[],
  announced: Array<[ChangeTopic, string]>,
) => Promise<void>
type Listener = (key: string) => void

/**
 * The channel of the schema the service works in, computed by the server for the notifying transaction
 * and for the listening connection alike: `cchc_changes` in `public`, a name derived from the schema
 * otherwise. Deployments (or test files) sharing one database in separate schemas then hear only their
 * own changes, not each other's, which would empty their caches for nothing.
 */
const CHANNEL_SQL = `case when current_schema() = 'public' then 'cchc_changes'
  else 'cchc_changes_' || left(md5(current_schema()), 16) end`
const RECONNECT_MS = 1_000

/**
 * Tells caches what changed, on this instance and on every other one sharing the database. Writes run
 * through `transaction`: what they announce is sent with NOTIFY inside the transaction (so other
 * instances hear of it only if it commits) and applied here right after the commit, before the write
 * answers. While the LISTEN connection is down, `live` is false and caches must not be trusted.
 */
export class ChangeFeed {
  private readonly listeners: Record<ChangeTopic, Listener[]> = { results: [], clients: [] }
  private readonly origin = randomUUID()
  private client: pg.Client | null = null
  private reconnect: NodeJS.Timeout | null = null
  private closed = false
  private listening = false
  private unwatch: (() => void) | null = null
  /** Why the feed is not listening, while it is not (for /health/ready). */
  problem: string | null = 'not started'
  private recorder: EventRecorder | null = null
  private readonly listeningAgain: Array<() => void> = []

  /**
   * `postgres`: LISTEN on a connection of its own, reconnecting when it drops. `none`: nothing else
   * writes (a database that is never read, as when the OpenAPI document is generated).
   */
  constructor(
    private readonly source: ChangeSource = { kind: 'none' },
    private readonly options: { checkMs?: number } = {},
  ) {}

  get live(): boolean {
    return this.listening && !this.closed
  }

  subscribe(topic: ChangeTopic, listener: Listener): void {
    this.listeners[topic].push(listener)
  }

  /** Called each time the feed starts listening (at start, and again after it was down: the database answers). */
  onListening(listener: () => void): void {
    this.listeningAgain.push(listener)
  }

  async start(): Promise<void> {
    if (this.source.kind === 'postgres') await this.connect(this.source)
    else {
      this.listening = true
      this.problem = null
    }
  }

  /** Every transaction hands what it emitted and announced to `recorder` before it commits. */
  recordWith(recorder: EventRecorder): void {
    this.recorder = recorder
  }

  async transaction<T>(
    db: Kysely<Database>,
    fn: (trx: Kysely<Database>, announce: Announce, emit: Emit) => Promise<T>,
  ): Promise<T> {
    const announced = new Map<string, [ChangeTopic, string]>()
    const emitted: ChangeEvent[] = []
    const result = await db.transaction().execute(async (trx) => {
      const value = await fn(
        trx,
        (topic, key) => announced.set(`${topic}\u0000${key}`, [topic, key]),
        (event) => emitted.push(event),
      )
      await this.recorder?.(trx, emitted, [...announced.values()])
      for (const [topic, key] of announced.values()) {
        await sql`select pg_notify(${sql.raw(CHANNEL_SQL)}, ${JSON.stringify({ origin: this.origin, topic, key })})`.execute(
          trx,
        )
      }
      return value
    })
    for (const [topic, key] of announced.values()) this.emit(topic, key)
    return result
  }

  async close(): Promise<void> {
    this.closed = true
    this.unwatch?.()
    if (this.reconnect) clearTimeout(this.reconnect)
    const client = this.client
    this.client = null
    await client?.end().catch(() => {})
  }

  private emit(topic: ChangeTopic, key: string): void {
    for (const listener of this.listeners[topic]) listener(key)
  }

  private lost(): void {
    // Anything may change unheard while disconnected: drop every cached answer and stop trusting caches.
    this.listening = false
    this.emit('results', EVERYTHING)
    this.emit('clients', EVERYTHING)
  }

  private heard(payload: string): void {
    try {
      const { origin, topic, key } = JSON.parse(payload) as { origin: string; topic: ChangeTopic; key: string }
      // This instance applied its own changes at commit already.
      if (origin !== this.origin && topic in this.listeners) this.emit(topic, key)
    } catch {
      this.lost()
      this.listening = true
    }
  }

  private async connect(source: { url: string; searchPath?: string }): Promise<void> {
    if (this.closed) return
    const client = new pg.Client({
      connectionString: source.url,
      connectionTimeoutMillis: 5_000,
      keepAlive: true,
      // The schema of the pool's connections, so that the channel is theirs (CHANNEL_SQL).
      ...(source.searchPath ? { options: `-c search_path=${source.searchPath}` } : {}),
    })
    const retry = (why = 'the connection was lost') => {
      this.problem = why
      this.unwatch?.()
      this.unwatch = null
      if (this.client === client) this.client = null
      client.end().catch(() => {})
      this.lost()
      if (!this.closed && !this.reconnect) {
        this.reconnect = setTimeout(() => {
          this.reconnect = null
          void this.connect(source)
        }, RECONNECT_MS)
        this.reconnect.unref()
      }
    }
    client.on('error', (error) => retry(`the connection failed: ${error.message}`))
    client.on('end', () => {
      if (!this.closed) retry()
    })
    let channel: string | null = null
    client.on('notification', (message) => {
      if (message.channel === channel && message.payload) this.heard(message.payload)
    })
    try {
      await client.connect()
      const { rows } = await client.query<{ channel: string }>(`select ${CHANNEL_SQL} as channel`)
      channel = rows[0]?.channel ?? null
      if (!channel) throw new Error('no channel name')
      await client.query(`listen "${channel}"`)
      this.client = client
      // Changes made while not listening were not heard: start from empty caches.
      this.lost()
      this.listening = true
      this.problem = null
      for (const listener of this.listeningAgain) listener()
      this.unwatch = watchConnection(client, this.options.checkMs ?? 5_000, (why) => {
        // A stalled socket may never end by itself: drop it, and listen again on a new one.
        ;(client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy()
        retry(why)
      })
    } catch (error) {
      retry(`cannot listen: ${(error as Error).message}`)
    }
  }
}

/**
 * A cache that trusts its entries only while the feed is live, and never stores an answer computed
 * across an invalidation of its key (a read that began before a write committed).
 */
export class InvalidatedCache<V> {
  private readonly entries = new Map<string, V>()
  private readonly generations = new Map<string, number>()
  private generation = 0

  constructor(
    private readonly feed: ChangeFeed,
    topic: ChangeTopic,
    private readonly maxEntries = 10_000,
  ) {
    feed.subscribe(topic, (key) => this.invalidate(key))
  }

  private stamp(key: string): string {
    return `${this.generation}:${this.generations.get(key) ?? 0}`
  }

  invalidate(key: string): void {
    if (key === EVERYTHING) {
      this.generation++
      this.entries.clear()
      this.generations.clear()
    } else {
      this.generations.set(key, (this.generations.get(key) ?? 0) + 1)
      this.entries.delete(key)
    }
  }

  /** The entries held now (trusted or not). */
  values(): IterableIterator<V> {
    return this.entries.values()
  }

  /** The entry held for `key`, if the feed is live to keep it current; nothing is computed. */
  peek(key: string): V | undefined {
    return this.feed.live ? this.entries.get(key) : undefined
  }

  async get(key: string, compute: () => Promise<V>): Promise<V> {
    if (this.feed.live) {
      const hit = this.entries.get(key)
      if (hit !== undefined) return hit
    }
    const before = this.stamp(key)
    const value = await compute()
    if (value !== undefined && this.feed.live && this.stamp(key) === before) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value as string)
      this.entries.set(key, value)
    }
    return value
  }
}

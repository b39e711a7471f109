import type { ColumnType, Generated, Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

type CreatedAt = ColumnType<Date, Date | string | undefined, never>
type Json<T> = ColumnType<T, string, string>

/** The tables of migration 0006 (events outbox, webhooks, deliveries). */
export type EventTables = {
  events: {
    id: Generated<number>
    type: string
    at: CreatedAt
    period_code: string | null
    data: Json<Record<string, unknown>>
  }
  webhooks: {
    id: string
    url: string
    events: Json<string[] | null> | null
    secret: string
    created_at: CreatedAt
  }
  webhook_deliveries: {
    id: Generated<number>
    webhook_id: string
    event_id: number
    status: ColumnType<DeliveryStatus, DeliveryStatus | undefined, DeliveryStatus>
    attempts: ColumnType<number, number | undefined, number>
    next_attempt_at: ColumnType<Date, Date | string | undefined, Date | string>
    locked_until: Date | null
    last_attempt_at: Date | null
    response_status: number | null
    error: string | null
    delivered_at: Date | null
  }
}

export type DeliveryStatus = 'pending' | 'delivered' | 'failed'
export type EventsDb = Kysely<Database & EventTables>

/** The database as these modules see it: the shared schema plus their own tables. */
export const withEventTables = (db: Kysely<Database>): EventsDb => db.withTables<EventTables>()

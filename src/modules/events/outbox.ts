import { sql, type Kysely } from 'kysely'
import { EVERYTHING, type ChangeEvent, type ChangeTopic, type EventRecorder } from '../../db/change-feed.js'
import type { Database } from '../../db/schema.js'
import { withEventTables } from './tables.js'

export const EVENT_TYPES = [
  'period.created',
  'period.status_changed',
  'period.results_changed',
  'scores.imported',
] as const
export type EventType = (typeof EVENT_TYPES)[number]

/**
 * What every write transaction leaves in the outbox before it commits: the events it emitted, then one
 * `period.results_changed` for each period whose results it announced as changed. Each event gets a
 * pending delivery for every webhook listening for its type, in the same transaction, so an event is
 * never lost and never announces a change that was rolled back.
 */
export const recordEvents: EventRecorder = async (trx, emitted, announced) => {
  const events = [...emitted, ...resultsChanges(announced)]
  if (events.length === 0) return
  await insertEvents(trx, events)
}

function resultsChanges(announced: Array<[ChangeTopic, string]>): ChangeEvent[] {
  // '*' (a unit renamed or regrouped) names no period: it is not an event of any period.
  return announced
    .filter(([topic, key]) => topic === 'results' && key !== EVERYTHING)
    .map(([, period]) => ({ type: 'period.results_changed', period, data: {} }))
}

async function insertEvents(trx: Kysely<Database>, events: ChangeEvent[]): Promise<void> {
  const db = withEventTables(trx)
  const rows = await db
    .insertInto('events')
    .values(events.map((e) => ({ type: e.type, period_code: e.period, data: JSON.stringify(e.data) })))
    .returning(['id', 'type'])
    .execute()
  for (const row of rows) {
    await sql`
      insert into webhook_deliveries (webhook_id, event_id)
      select id, ${row.id} from webhooks
      where events is null or events @> ${JSON.stringify([row.type])}::jsonb`.execute(trx)
  }
}

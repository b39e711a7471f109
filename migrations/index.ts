import type { Migration } from 'kysely'
import * as m0001 from './0001_master_data.js'
import * as m0002 from './0002_scores.js'
import * as m0003 from './0003_result_snapshots.js'
import * as m0004 from './0004_survey.js'
import * as m0005 from './0005_drop_unread_framework_tables.js'
import * as m0006 from './0006_score_counts.js'
import * as m0007 from './0007_events_webhooks.js'
import * as m0008 from './0008_compact_score_audit.js'
import * as m0009 from './0009_unit_totals.js'
import * as m0010 from './0010_scores_unit_check.js'
import * as m0011 from './0011_scores_created_by_batch.js'

/**
 * Every migration, by name, in the order they apply. A static list rather than a folder scan, so the
 * same code runs from TypeScript sources under tap and from compiled JavaScript in the container.
 */
export const migrations: Record<string, Migration> = {
  '0001_master_data': m0001,
  '0002_scores': m0002,
  '0003_result_snapshots': m0003,
  '0004_survey': m0004,
  '0005_drop_unread_framework_tables': m0005,
  '0006_score_counts': m0006,
  '0007_events_webhooks': m0007,
  '0008_compact_score_audit': m0008,
  '0009_unit_totals': m0009,
  '0010_scores_unit_check': m0010,
  '0011_scores_created_by_batch': m0011,
}

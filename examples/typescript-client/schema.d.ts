// Generated from openapi/openapi.json by openapi-typescript (`npm run examples:types`): do not edit.
// `npm run check` fails while this file differs from what the OpenAPI document generates.

export interface paths {
  '/openapi.json': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The OpenAPI 3.1 document
     * @description Byte-for-byte the committed openapi/openapi.json.
     */
    get: operations['getOpenApi']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/metrics': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Prometheus metrics
     * @description The Prometheus text format: requests by method, route and status code (count and latency), problems answered by type and status (`http_problems_total`), rows imported by committed writes (`cchc_imported_rows_total`), the results cache (hits, misses, entries, bytes), the database pool (connections in use and idle, queries waiting), whether the change feed listens, the build (`cchc_build_info`) and the process (CPU, memory, event loop, garbage collection). Every metric, with its type and labels, is listed in the README (Metrics).
     */
    get: operations['getMetrics']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/health/live': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Liveness
     * @description Answers 200 while the process runs.
     */
    get: operations['getLiveness']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/health/ready': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Readiness
     * @description Answers 200 when the database answers a query within 2 s and the change feed listens; 503 (saying what is wrong) while shutting down, when the database does not answer, or when the change feed is down.
     */
    get: operations['getReadiness']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/clients': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List client systems
     * @description Revoked clients are listed with `revokedAt`. The bootstrap admin token is built in and not listed.
     *
     *     **Roles:** admin.
     *
     *     **Roles:** admin.
     */
    get: operations['listClients']
    put?: never
    /**
     * Create a client system and its token
     * @description The token is in this answer only; the service keeps its hash.
     *
     *     **Roles:** admin.
     */
    post: operations['createClient']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/clients/{client}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /**
     * Revoke a client token
     * @description The token stops working at once. Revoking twice is harmless.
     *
     *     **Roles:** admin.
     */
    delete: operations['revokeClient']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/me': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * The calling client
     * @description The id, name, role and unit of the token's client.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     */
    get: operations['getMe']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/units/{unit}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Read a unit
     * @description **Roles:** admin, appraiser, unit (its own unit only), reader.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     */
    get: operations['getUnit']
    /**
     * Create or replace a unit
     * @description Fields left out take their defaults (`parent` null, `rankable` true). `parent` must exist and may not make the unit its own ancestor.
     *
     *     **Roles:** admin.
     */
    put: operations['putUnit']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/units': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List units
     * @description Ordered by code, a page at a time. A `unit` token sees its own unit only.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     */
    get: operations['listUnits']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/frameworks/{framework}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Read a framework
     * @description The tree with `maxPoints` on every node (exact sums) and `totalPoints`. A `unit` token reads the frameworks of periods that list its unit.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     */
    get: operations['getFramework']
    /**
     * Create or replace a criteria framework
     * @description Identical content (compared after defaults are filled in) answers 200 and changes nothing. Different content replaces the framework while no period uses it, and answers 409 `framework-in-use` once one does: make a new code instead.
     *
     *     **Roles:** admin.
     */
    put: operations['putFramework']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/frameworks': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List frameworks
     * @description A `unit` token sees the frameworks of the periods that list its unit.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     */
    get: operations['listFrameworks']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/periods/{period}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Read a period
     * @description **Roles:** admin, appraiser, unit (its own unit only), reader.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     */
    get: operations['getPeriod']
    /**
     * Create or replace an assessment period
     * @description A new period starts `open`. `units` is the whole list: units may be added (and removed while they have no scores) until the period is published; the framework cannot change once a score exists.
     *
     *     **Roles:** admin.
     */
    put: operations['putPeriod']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/periods': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List periods
     * @description Ordered by code. A `unit` token sees the periods that list its unit.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     */
    get: operations['listPeriods']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/periods/{period}/status': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Move a period along open → appraisal → published
     * @description Forward one step at a time. Any move back (reopening) needs a `reason` (422 without one). Anything else, the same status included, is 409 `illegal-transition` with `allowed` listing the possible moves. Every change is recorded in the history.
     *
     *     **Roles:** admin.
     */
    post: operations['changePeriodStatus']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/periods/{period}/history': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Status history of a period
     * @description Every status change, oldest first: who, when, from, to, and why.
     *
     *     **Roles:** admin, appraiser, reader.
     *
     *     **Roles:** admin, appraiser, reader.
     */
    get: operations['getPeriodHistory']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/periods/{period}/units/{unit}/scores': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    /**
     * Write a unit's scores (merge)
     * @description Merges the given criteria into the unit's scores: fields left out keep their value, `null` clears one. All or nothing.
     *
     *     Who writes what: a `unit` token its own unit's `self`, `note`, `evidence`; `appraiser` `appraised` and `notApplicable`; `admin` all. By status: `open` accepts all, `appraisal` only `appraised` and `notApplicable` (409 `period-closed`), `published` nothing (409 `period-locked`). Only fields whose value would change are checked, so re-sending identical rows is harmless.
     *
     *     Send `If-Match` with the scorecard's ETag to be refused (412) when it changed meanwhile. Answers the new scorecard with its ETag.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only).
     */
    put: operations['putScores']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/periods/{period}/units/{unit}/scorecard': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * A unit's scorecard
     * @description Points, applicable maximum, PAR index, band and `provisional`, and the criteria tree with `maxPoints`, `points`, `index` on every node. Carries an `ETag`; `If-None-Match` answers 304 when unchanged. A `unit` token reads its own unit's.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only), reader.
     */
    get: operations['getScorecard']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/periods/{period}/audit': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Audit trail of score changes
     * @description Every change to a score field, newest first: who, when, unit, criterion, field, old → new, and the reason given. A score created by a write lists each field it was created with, from `null` (`notApplicable` from `false`).
     *
     *     Each write is stored once (who, when, why) with a row per score it updated, and the entries are expanded from it. A cursor given out by earlier versions (one id) is refused (400).
     *
     *     **Roles:** admin, appraiser, reader.
     *
     *     **Roles:** admin, appraiser, reader.
     */
    get: operations['listAudit']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/periods/{period}/units/{unit}/indicators': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    /**
     * Write the counts of a unit's ratio criteria (merge)
     * @description Merges the counts of the unit's ratio leaves (`method: "ratio"`): `numerator` and `denominator` are given together, whole numbers with 0 ≤ numerator ≤ denominator; `null` for both clears them; a criterion left out keeps its counts. A denominator of 0 makes the leaf not applicable to the unit. All or nothing.
     *
     *     Written by the unit (its own token), `appraiser` or `admin`, in `open` and `appraisal`; nobody once published (409 `period-locked`). Only counts that would change are checked, so re-sending identical rows is harmless. Counting, audit (fields `numerator`, `denominator`), `If-Match` (412) and the answer are those of `PUT …/scores`.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only).
     */
    put: operations['putIndicators']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/periods/{period}/scores/import': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Import scores of many units (JSON or CSV), all or nothing
     * @description JSON `{"rows":[{unit, criterion, self?, appraised?, notApplicable?, note?, numerator?, denominator?}]}` or `text/csv` with the header `unit,criterion,self,appraised,notApplicable,note,numerator,denominator` (columns in any order; `unit` and `criterion` required; `.` decimals; `notApplicable` true/false/1/0; an empty cell means "not given"; UTF-8 with or without BOM). `numerator` and `denominator` are the counts of a ratio leaf, given together, as in `PUT …/indicators`.
     *
     *     All or nothing in one transaction: any bad row answers 422 listing every bad row (`row` is 1-based over data rows, `pointer` is `/rows/{i}/…` 0-based) and nothing is written. The same role and status rules as the per-unit route apply to each row. `dryRun=true` validates and counts without writing.
     *
     *     **Roles:** admin, appraiser, unit (its own unit only).
     */
    post: operations['importScores']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/periods/{period}/units/{unit}/survey': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * A unit's satisfaction index
     * @description The overall index, each element's, each question's rate and valid answers, and the number of respondents. A `unit` token reads its own.
     *
     *     **Roles:** admin, appraiser, reader, unit (its own unit only).
     *
     *     **Roles:** admin, appraiser, reader, unit (its own unit only).
     */
    get: operations['getSurvey']
    /**
     * Replace a unit's aggregate survey counts
     * @description One count per answer level per question (lowest level first). Replaces the counts sent before; stored individual responses add up with them.
     *
     *     Written by `admin` and `appraiser` while the period is `open` or in `appraisal`; nothing changes once it is published (409 `period-locked`; re-sending what is stored is harmless). Any bad entry answers 422 with its pointer and nothing is written.
     *
     *     **Roles:** admin, appraiser.
     */
    put: operations['putSurveyCounts']
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/periods/{period}/units/{unit}/survey/responses': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    /**
     * Append individual survey responses
     * @description A response id already stored for the unit and period (or repeated in the batch) is skipped and reported in `duplicates`, so a retried batch never counts twice.
     *
     *     Written by `admin` and `appraiser` while the period is `open` or in `appraisal`; nothing changes once it is published (409 `period-locked`; re-sending what is stored is harmless). Any bad entry answers 422 with its pointer and nothing is written.
     *
     *     **Roles:** admin, appraiser.
     */
    post: operations['appendSurveyResponses']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/periods/{period}/results': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * PAR index, classification, rankings and statistics
     * @description Computed on request from the stored scores and survey results; once the period is published, the results frozen at publication (`snapshot`), the same bytes on every call. `?snapshot=n` reads an earlier publication in any status.
     *
     *     `rank` is over all rankable units of the period, `groupRank` within the unit's group; `?group=` filters the items and the statistics but never changes a rank.
     *
     *     Each item has `fields` (points, applicable maximum, index and rank per top-level criterion) and `selfAssessment` (points, index, gap); the document has per-field statistics and those of the gap. Publications made before these members existed keep their bytes, without them.
     *
     *     `?format=json|csv|xlsx|svg|html` (which wins over `Accept`) or `Accept` selects the representation: the annex table as CSV or print-ready XLSX (Vietnamese headers, a column per field, a statistics sheet), the ranking chart as SVG, or a printable HTML report. Every representation has a strong `ETag`; `If-None-Match` with it answers 304.
     *
     *     A `unit` token reads results of periods listing its unit once they are published.
     *
     *     **Roles:** admin, appraiser, reader, unit (its own unit only).
     *
     *     **Roles:** admin, appraiser, reader, unit (its own unit only).
     */
    get: operations['getResults']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/events': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * Changes, in order
     * @description Every change downstream systems care about, oldest first, each written in the transaction of the change itself (none is lost, none announces a rolled-back change): `period.created`, `period.status_changed` (publication and reopening included, with the reason), `period.results_changed` and `scores.imported`. Poll with the id of the last event seen as `after`, or register a webhook.
     *
     *     **Roles:** admin, reader.
     *
     *     **Roles:** admin, reader.
     */
    get: operations['listEvents']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/webhooks': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * List webhooks
     * @description Ordered by id; secrets are not shown.
     *
     *     **Roles:** admin.
     *
     *     **Roles:** admin.
     */
    get: operations['listWebhooks']
    put?: never
    /**
     * Register a webhook
     * @description Each event of the listed types is POSTed to `url` as `{"id","type","at","period","data"}`, signed per Standard Webhooks: `webhook-id` (the event id), `webhook-timestamp` (Unix seconds), `webhook-signature: v1,{base64 HMAC-SHA256 of "{id}.{timestamp}.{body}"}` keyed with the base64-decoded part of the secret after `whsec_`. A 2xx ends the delivery; otherwise it is retried after WEBHOOK_RETRY_BASE_MS, doubling, up to WEBHOOK_MAX_ATTEMPTS attempts. At least once: a receiver deduplicates by `webhook-id`.
     *
     *     **Roles:** admin.
     */
    post: operations['createWebhook']
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/webhooks/{webhook}': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    get?: never
    put?: never
    post?: never
    /**
     * Remove a webhook
     * @description Pending deliveries stop; the delivery log goes with it.
     *
     *     **Roles:** admin.
     */
    delete: operations['deleteWebhook']
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
  '/v1/webhooks/{webhook}/deliveries': {
    parameters: {
      query?: never
      header?: never
      path?: never
      cookie?: never
    }
    /**
     * A webhook's delivery log
     * @description One entry per event, newest first: its status, attempts and the last answer or error.
     *
     *     **Roles:** admin.
     *
     *     **Roles:** admin.
     */
    get: operations['listWebhookDeliveries']
    put?: never
    post?: never
    delete?: never
    options?: never
    head?: never
    patch?: never
    trace?: never
  }
}
export type webhooks = Record<string, never>
export interface components {
  schemas: {
    AuditEntry: {
      /** @description Unique; a newer entry has a larger id. The entries of one write share its `at`, client and reason, and list its rows last first */
      id: number
      /** Format: date-time */
      at: string
      client: {
        id: string
        role: string
      }
      unit: string
      criterion: string
      /** @description self, appraised, notApplicable, note, evidence, numerator or denominator */
      field: string
      old: number | string | boolean | string[] | null
      new: number | string | boolean | string[] | null
      reason: string | null
    }
    AuditPage: {
      items: components['schemas']['AuditEntry'][]
      /** @description The cursor of the next page (pass it as `cursor`), null on the last page */
      next: string | null
    }
    BadRequestProblem: {
      /** @enum {string} */
      type?: 'urn:cchc:problem:invalid-request' | 'urn:cchc:problem:malformed-json'
    } & components['schemas']['Problem']
    Band: {
      /** @description e.g. `excellent` */
      code: string
      /** @description e.g. "Xuất sắc" */
      label: string
      /** @description Lowest index of the band (inclusive); the lowest band has 0 */
      min: number
    }
    Client: {
      /** Format: uuid */
      id: string
      name: string
      role: components['schemas']['Role']
      unit: string | null
      /** Format: date-time */
      createdAt: string
      revokedAt: string | null
    }
    /**
     * @example {
     *       "name": "Phần mềm một cửa xã Quảng Lợi",
     *       "role": "unit",
     *       "unit": "xa-quang-loi"
     *     }
     */
    ClientInput: {
      /** @description What the client system is, e.g. "Cổng dịch vụ công tỉnh" */
      name: string
      role: components['schemas']['Role']
      unit?: string | null
    }
    ClientPage: {
      items: components['schemas']['Client'][]
      /** @description The cursor of the next page (pass it as `cursor`), null on the last page */
      next: string | null
    }
    ClientWithToken: {
      /** Format: uuid */
      id: string
      name: string
      role: components['schemas']['Role']
      unit: string | null
      /** Format: date-time */
      createdAt: string
      revokedAt: string | null
      /** @description The bearer token. Shown once: only its hash is stored. */
      token: string
    }
    ConflictProblem: {
      /** @enum {string} */
      type?:
        | 'urn:cchc:problem:conflict'
        | 'urn:cchc:problem:period-locked'
        | 'urn:cchc:problem:period-closed'
        | 'urn:cchc:problem:framework-in-use'
        | 'urn:cchc:problem:illegal-transition'
      /**
       * @description `illegal-transition`: the status the period is in
       * @enum {string}
       */
      current?: 'open' | 'appraisal' | 'published'
      /** @description `illegal-transition`: the moves the period can make */
      allowed?: ('open' | 'appraisal' | 'published')[]
      /**
       * @description `period-locked`, `period-closed`: the status of the period
       * @enum {string}
       */
      periodStatus?: 'open' | 'appraisal' | 'published'
      /** @description The fields the status does not accept */
      fields?: string[]
      /** @description `conflict`: the units holding data */
      units?: string[]
      /** @description The total number of places at fault, when more than the 1,000 listed in `errors` */
      errorCount?: number
    } & components['schemas']['Problem']
    CriterionInput: {
      /** @description Unique within the framework, e.g. `1.1` */
      code: string
      title: string
      /** @description Leaves only: > 0, at most two decimals, at most 10,000 */
      maxPoints?: number
      /** @description `appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey; `ratio`: points from two counts the unit submits, by its `ratio` rule */
      method?: 'appraisal' | 'survey' | 'ratio'
      surveyElement?: string | null
      /**
       * @description Ratio leaves only
       * @example {
       *       "label": "Hồ sơ giải quyết đúng hạn",
       *       "scoring": {
       *         "kind": "tiers",
       *         "tiers": [
       *           {
       *             "min": 100,
       *             "points": 1
       *           },
       *           {
       *             "min": 95,
       *             "points": 0.5
       *           }
       *         ]
       *       }
       *     }
       * @example {
       *       "label": "Thủ tục hành chính trực tuyến mức độ 3, 4",
       *       "scoring": {
       *         "kind": "proportional",
       *         "target": 75
       *       }
       *     }
       */
      ratio?: {
        /** @description What the rate measures, e.g. "Hồ sơ giải quyết đúng hạn" */
        label: string
        scoring:
          | {
              /** @enum {string} */
              kind: 'tiers'
              tiers: {
                /** @description The lowest rate earning the tier, from 0 to 100, distinct between tiers; a percentage, two decimals at most */
                min: number
                /** @description 0 to the leaf's maxPoints, two decimals at most */
                points: number
              }[]
            }
          | {
              /** @enum {string} */
              kind: 'proportional'
              /** @description Above 0, at most 100; a percentage, two decimals at most */
              target: number
            }
      }
      /** @description Inner nodes only; their maxPoints is the sum */
      children?: components['schemas']['CriterionInputLevel2'][]
    }
    CriterionInputLevel10: {
      /** @description Unique within the framework, e.g. `1.1` */
      code: string
      title: string
      /** @description Leaves only: > 0, at most two decimals, at most 10,000 */
      maxPoints?: number
      /** @description `appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey; `ratio`: points from two counts the unit submits, by its `ratio` rule */
      method?: 'appraisal' | 'survey' | 'ratio'
      surveyElement?: string | null
      /**
       * @description Ratio leaves only
       * @example {
       *       "label": "Hồ sơ giải quyết đúng hạn",
       *       "scoring": {
       *         "kind": "tiers",
       *         "tiers": [
       *           {
       *             "min": 100,
       *             "points": 1
       *           },
       *           {
       *             "min": 95,
       *             "points": 0.5
       *           }
       *         ]
       *       }
       *     }
       * @example {
       *       "label": "Thủ tục hành chính trực tuyến mức độ 3, 4",
       *       "scoring": {
       *         "kind": "proportional",
       *         "target": 75
       *       }
       *     }
       */
      ratio?: {
        /** @description What the rate measures, e.g. "Hồ sơ giải quyết đúng hạn" */
        label: string
        scoring:
          | {
              /** @enum {string} */
              kind: 'tiers'
              tiers: {
                /** @description The lowest rate earning the tier, from 0 to 100, distinct between tiers; a percentage, two decimals at most */
                min: number
                /** @description 0 to the leaf's maxPoints, two decimals at most */
                points: number
              }[]
            }
          | {
              /** @enum {string} */
              kind: 'proportional'
              /** @description Above 0, at most 100; a percentage, two decimals at most */
              target: number
            }
      }
      /** @description Criteria nest at most 10 levels */
      children?: unknown[]
    }
    CriterionInputLevel2: {
      /** @description Unique within the framework, e.g. `1.1` */
      code: string
      title: string
      /** @description Leaves only: > 0, at most two decimals, at most 10,000 */
      maxPoints?: number
      /** @description `appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey; `ratio`: points from two counts the unit submits, by its `ratio` rule */
      method?: 'appraisal' | 'survey' | 'ratio'
      surveyElement?: string | null
      /**
       * @description Ratio leaves only
       * @example {
       *       "label": "Hồ sơ giải quyết đúng hạn",
       *       "scoring": {
       *         "kind": "tiers",
       *         "tiers": [
       *           {
       *             "min": 100,
       *             "points": 1
       *           },
       *           {
       *             "min": 95,
       *             "points": 0.5
       *           }
       *         ]
       *       }
       *     }
       * @example {
       *       "label": "Thủ tục hành chính trực tuyến mức độ 3, 4",
       *       "scoring": {
       *         "kind": "proportional",
       *         "target": 75
       *       }
       *     }
       */
      ratio?: {
        /** @description What the rate measures, e.g. "Hồ sơ giải quyết đúng hạn" */
        label: string
        scoring:
          | {
              /** @enum {string} */
              kind: 'tiers'
              tiers: {
                /** @description The lowest rate earning the tier, from 0 to 100, distinct between tiers; a percentage, two decimals at most */
                min: number
                /** @description 0 to the leaf's maxPoints, two decimals at most */
                points: number
              }[]
            }
          | {
              /** @enum {string} */
              kind: 'proportional'
              /** @description Above 0, at most 100; a percentage, two decimals at most */
              target: number
            }
      }
      /** @description Inner nodes only; their maxPoints is the sum */
      children?: components['schemas']['CriterionInputLevel3'][]
    }
    CriterionInputLevel3: {
      /** @description Unique within the framework, e.g. `1.1` */
      code: string
      title: string
      /** @description Leaves only: > 0, at most two decimals, at most 10,000 */
      maxPoints?: number
      /** @description `appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey; `ratio`: points from two counts the unit submits, by its `ratio` rule */
      method?: 'appraisal' | 'survey' | 'ratio'
      surveyElement?: string | null
      /**
       * @description Ratio leaves only
       * @example {
       *       "label": "Hồ sơ giải quyết đúng hạn",
       *       "scoring": {
       *         "kind": "tiers",
       *         "tiers": [
       *           {
       *             "min": 100,
       *             "points": 1
       *           },
       *           {
       *             "min": 95,
       *             "points": 0.5
       *           }
       *         ]
       *       }
       *     }
       * @example {
       *       "label": "Thủ tục hành chính trực tuyến mức độ 3, 4",
       *       "scoring": {
       *         "kind": "proportional",
       *         "target": 75
       *       }
       *     }
       */
      ratio?: {
        /** @description What the rate measures, e.g. "Hồ sơ giải quyết đúng hạn" */
        label: string
        scoring:
          | {
              /** @enum {string} */
              kind: 'tiers'
              tiers: {
                /** @description The lowest rate earning the tier, from 0 to 100, distinct between tiers; a percentage, two decimals at most */
                min: number
                /** @description 0 to the leaf's maxPoints, two decimals at most */
                points: number
              }[]
            }
          | {
              /** @enum {string} */
              kind: 'proportional'
              /** @description Above 0, at most 100; a percentage, two decimals at most */
              target: number
            }
      }
      /** @description Inner nodes only; their maxPoints is the sum */
      children?: components['schemas']['CriterionInputLevel4'][]
    }
    CriterionInputLevel4: {
      /** @description Unique within the framework, e.g. `1.1` */
      code: string
      title: string
      /** @description Leaves only: > 0, at most two decimals, at most 10,000 */
      maxPoints?: number
      /** @description `appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey; `ratio`: points from two counts the unit submits, by its `ratio` rule */
      method?: 'appraisal' | 'survey' | 'ratio'
      surveyElement?: string | null
      /**
       * @description Ratio leaves only
       * @example {
       *       "label": "Hồ sơ giải quyết đúng hạn",
       *       "scoring": {
       *         "kind": "tiers",
       *         "tiers": [
       *           {
       *             "min": 100,
       *             "points": 1
       *           },
       *           {
       *             "min": 95,
       *             "points": 0.5
       *           }
       *         ]
       *       }
       *     }
       * @example {
       *       "label": "Thủ tục hành chính trực tuyến mức độ 3, 4",
       *       "scoring": {
       *         "kind": "proportional",
       *         "target": 75
       *       }
       *     }
       */
      ratio?: {
        /** @description What the rate measures, e.g. "Hồ sơ giải quyết đúng hạn" */
        label: string
        scoring:
          | {
              /** @enum {string} */
              kind: 'tiers'
              tiers: {
                /** @description The lowest rate earning the tier, from 0 to 100, distinct between tiers; a percentage, two decimals at most */
                min: number
                /** @description 0 to the leaf's maxPoints, two decimals at most */
                points: number
              }[]
            }
          | {
              /** @enum {string} */
              kind: 'proportional'
              /** @description Above 0, at most 100; a percentage, two decimals at most */
              target: number
            }
      }
      /** @description Inner nodes only; their maxPoints is the sum */
      children?: components['schemas']['CriterionInputLevel5'][]
    }
    CriterionInputLevel5: {
      /** @description Unique within the framework, e.g. `1.1` */
      code: string
      title: string
      /** @description Leaves only: > 0, at most two decimals, at most 10,000 */
      maxPoints?: number
      /** @description `appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey; `ratio`: points from two counts the unit submits, by its `ratio` rule */
      method?: 'appraisal' | 'survey' | 'ratio'
      surveyElement?: string | null
      /**
       * @description Ratio leaves only
       * @example {
       *       "label": "Hồ sơ giải quyết đúng hạn",
       *       "scoring": {
       *         "kind": "tiers",
       *         "tiers": [
       *           {
       *             "min": 100,
       *             "points": 1
       *           },
       *           {
       *             "min": 95,
       *             "points": 0.5
       *           }
       *         ]
       *       }
       *     }
       * @example {
       *       "label": "Thủ tục hành chính trực tuyến mức độ 3, 4",
       *       "scoring": {
       *         "kind": "proportional",
       *         "target": 75
       *       }
       *     }
       */
      ratio?: {
        /** @description What the rate measures, e.g. "Hồ sơ giải quyết đúng hạn" */
        label: string
        scoring:
          | {
              /** @enum {string} */
              kind: 'tiers'
              tiers: {
                /** @description The lowest rate earning the tier, from 0 to 100, distinct between tiers; a percentage, two decimals at most */
                min: number
                /** @description 0 to the leaf's maxPoints, two decimals at most */
                points: number
              }[]
            }
          | {
              /** @enum {string} */
              kind: 'proportional'
              /** @description Above 0, at most 100; a percentage, two decimals at most */
              target: number
            }
      }
      /** @description Inner nodes only; their maxPoints is the sum */
      children?: components['schemas']['CriterionInputLevel6'][]
    }
    CriterionInputLevel6: {
      /** @description Unique within the framework, e.g. `1.1` */
      code: string
      title: string
      /** @description Leaves only: > 0, at most two decimals, at most 10,000 */
      maxPoints?: number
      /** @description `appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey; `ratio`: points from two counts the unit submits, by its `ratio` rule */
      method?: 'appraisal' | 'survey' | 'ratio'
      surveyElement?: string | null
      /**
       * @description Ratio leaves only
       * @example {
       *       "label": "Hồ sơ giải quyết đúng hạn",
       *       "scoring": {
       *         "kind": "tiers",
       *         "tiers": [
       *           {
       *             "min": 100,
       *             "points": 1
       *           },
       *           {
       *             "min": 95,
       *             "points": 0.5
       *           }
       *         ]
       *       }
       *     }
       * @example {
       *       "label": "Thủ tục hành chính trực tuyến mức độ 3, 4",
       *       "scoring": {
       *         "kind": "proportional",
       *         "target": 75
       *       }
       *     }
       */
      ratio?: {
        /** @description What the rate measures, e.g. "Hồ sơ giải quyết đúng hạn" */
        label: string
        scoring:
          | {
              /** @enum {string} */
              kind: 'tiers'
              tiers: {
                /** @description The lowest rate earning the tier, from 0 to 100, distinct between tiers; a percentage, two decimals at most */
                min: number
                /** @description 0 to the leaf's maxPoints, two decimals at most */
                points: number
              }[]
            }
          | {
              /** @enum {string} */
              kind: 'proportional'
              /** @description Above 0, at most 100; a percentage, two decimals at most */
              target: number
            }
      }
      /** @description Inner nodes only; their maxPoints is the sum */
      children?: components['schemas']['CriterionInputLevel7'][]
    }
    CriterionInputLevel7: {
      /** @description Unique within the framework, e.g. `1.1` */
      code: string
      title: string
      /** @description Leaves only: > 0, at most two decimals, at most 10,000 */
      maxPoints?: number
      /** @description `appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey; `ratio`: points from two counts the unit submits, by its `ratio` rule */
      method?: 'appraisal' | 'survey' | 'ratio'
      surveyElement?: string | null
      /**
       * @description Ratio leaves only
       * @example {
       *       "label": "Hồ sơ giải quyết đúng hạn",
       *       "scoring": {
       *         "kind": "tiers",
       *         "tiers": [
       *           {
       *             "min": 100,
       *             "points": 1
       *           },
       *           {
       *             "min": 95,
       *             "points": 0.5
       *           }
       *         ]
       *       }
       *     }
       * @example {
       *       "label": "Thủ tục hành chính trực tuyến mức độ 3, 4",
       *       "scoring": {
       *         "kind": "proportional",
       *         "target": 75
       *       }
       *     }
       */
      ratio?: {
        /** @description What the rate measures, e.g. "Hồ sơ giải quyết đúng hạn" */
        label: string
        scoring:
          | {
              /** @enum {string} */
              kind: 'tiers'
              tiers: {
                /** @description The lowest rate earning the tier, from 0 to 100, distinct between tiers; a percentage, two decimals at most */
                min: number
                /** @description 0 to the leaf's maxPoints, two decimals at most */
                points: number
              }[]
            }
          | {
              /** @enum {string} */
              kind: 'proportional'
              /** @description Above 0, at most 100; a percentage, two decimals at most */
              target: number
            }
      }
      /** @description Inner nodes only; their maxPoints is the sum */
      children?: components['schemas']['CriterionInputLevel8'][]
    }
    CriterionInputLevel8: {
      /** @description Unique within the framework, e.g. `1.1` */
      code: string
      title: string
      /** @description Leaves only: > 0, at most two decimals, at most 10,000 */
      maxPoints?: number
      /** @description `appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey; `ratio`: points from two counts the unit submits, by its `ratio` rule */
      method?: 'appraisal' | 'survey' | 'ratio'
      surveyElement?: string | null
      /**
       * @description Ratio leaves only
       * @example {
       *       "label": "Hồ sơ giải quyết đúng hạn",
       *       "scoring": {
       *         "kind": "tiers",
       *         "tiers": [
       *           {
       *             "min": 100,
       *             "points": 1
       *           },
       *           {
       *             "min": 95,
       *             "points": 0.5
       *           }
       *         ]
       *       }
       *     }
       * @example {
       *       "label": "Thủ tục hành chính trực tuyến mức độ 3, 4",
       *       "scoring": {
       *         "kind": "proportional",
       *         "target": 75
       *       }
       *     }
       */
      ratio?: {
        /** @description What the rate measures, e.g. "Hồ sơ giải quyết đúng hạn" */
        label: string
        scoring:
          | {
              /** @enum {string} */
              kind: 'tiers'
              tiers: {
                /** @description The lowest rate earning the tier, from 0 to 100, distinct between tiers; a percentage, two decimals at most */
                min: number
                /** @description 0 to the leaf's maxPoints, two decimals at most */
                points: number
              }[]
            }
          | {
              /** @enum {string} */
              kind: 'proportional'
              /** @description Above 0, at most 100; a percentage, two decimals at most */
              target: number
            }
      }
      /** @description Inner nodes only; their maxPoints is the sum */
      children?: components['schemas']['CriterionInputLevel9'][]
    }
    CriterionInputLevel9: {
      /** @description Unique within the framework, e.g. `1.1` */
      code: string
      title: string
      /** @description Leaves only: > 0, at most two decimals, at most 10,000 */
      maxPoints?: number
      /** @description `appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey; `ratio`: points from two counts the unit submits, by its `ratio` rule */
      method?: 'appraisal' | 'survey' | 'ratio'
      surveyElement?: string | null
      /**
       * @description Ratio leaves only
       * @example {
       *       "label": "Hồ sơ giải quyết đúng hạn",
       *       "scoring": {
       *         "kind": "tiers",
       *         "tiers": [
       *           {
       *             "min": 100,
       *             "points": 1
       *           },
       *           {
       *             "min": 95,
       *             "points": 0.5
       *           }
       *         ]
       *       }
       *     }
       * @example {
       *       "label": "Thủ tục hành chính trực tuyến mức độ 3, 4",
       *       "scoring": {
       *         "kind": "proportional",
       *         "target": 75
       *       }
       *     }
       */
      ratio?: {
        /** @description What the rate measures, e.g. "Hồ sơ giải quyết đúng hạn" */
        label: string
        scoring:
          | {
              /** @enum {string} */
              kind: 'tiers'
              tiers: {
                /** @description The lowest rate earning the tier, from 0 to 100, distinct between tiers; a percentage, two decimals at most */
                min: number
                /** @description 0 to the leaf's maxPoints, two decimals at most */
                points: number
              }[]
            }
          | {
              /** @enum {string} */
              kind: 'proportional'
              /** @description Above 0, at most 100; a percentage, two decimals at most */
              target: number
            }
      }
      /** @description Inner nodes only; their maxPoints is the sum */
      children?: components['schemas']['CriterionInputLevel10'][]
    }
    CriterionNode: {
      code: string
      title: string
      /** @description A leaf's maximum, or the exact sum of the children's */
      maxPoints: number
      /** @description `appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey; `ratio`: points from two counts the unit submits, by its `ratio` rule */
      method?: 'appraisal' | 'survey' | 'ratio'
      surveyElement?: string | null
      /**
       * @description Ratio leaves only
       * @example {
       *       "label": "Hồ sơ giải quyết đúng hạn",
       *       "scoring": {
       *         "kind": "tiers",
       *         "tiers": [
       *           {
       *             "min": 100,
       *             "points": 1
       *           },
       *           {
       *             "min": 95,
       *             "points": 0.5
       *           }
       *         ]
       *       }
       *     }
       * @example {
       *       "label": "Thủ tục hành chính trực tuyến mức độ 3, 4",
       *       "scoring": {
       *         "kind": "proportional",
       *         "target": 75
       *       }
       *     }
       */
      ratio?: {
        /** @description What the rate measures, e.g. "Hồ sơ giải quyết đúng hạn" */
        label: string
        scoring:
          | {
              /** @enum {string} */
              kind: 'tiers'
              tiers: {
                /** @description The lowest rate earning the tier, from 0 to 100, distinct between tiers; a percentage, two decimals at most */
                min: number
                /** @description 0 to the leaf's maxPoints, two decimals at most */
                points: number
              }[]
            }
          | {
              /** @enum {string} */
              kind: 'proportional'
              /** @description Above 0, at most 100; a percentage, two decimals at most */
              target: number
            }
      }
      children?: components['schemas']['CriterionNode'][]
    }
    Delivery: {
      id: number
      /** @description The event id (also the `webhook-id` header) */
      event: number
      /** @description What happened */
      type: 'period.created' | 'period.status_changed' | 'period.results_changed' | 'scores.imported'
      status: 'pending' | 'delivered' | 'failed'
      attempts: number
      lastAttemptAt: string | null
      /** @description When a pending delivery is tried next */
      nextAttemptAt: string | null
      /** @description The receiver's last HTTP status */
      responseStatus: number | null
      error: string | null
      deliveredAt: string | null
    }
    DeliveryPage: {
      items: components['schemas']['Delivery'][]
      /** @description The cursor of the next page (pass it as `cursor`), null on the last page */
      next: string | null
    }
    Event: {
      /** @description Increasing: pass the last one seen as `after` */
      id: number
      /** @description What happened */
      type: 'period.created' | 'period.status_changed' | 'period.results_changed' | 'scores.imported'
      /** Format: date-time */
      at: string
      /** @description The period the event is about */
      period: string | null
      /** @description `period.created`: the period; `period.status_changed`: `{from, to, reason}`; `scores.imported`: `{rows, created, updated, unchanged}`; `period.results_changed`: `{}` */
      data: {
        [key: string]: unknown
      }
    }
    EventPage: {
      items: components['schemas']['Event'][]
      /** @description The `after` of the next page, null when this page reaches the latest event */
      next: number | null
    }
    ForbiddenProblem: {
      /** @enum {string} */
      type?: 'urn:cchc:problem:forbidden'
      /** @description The fields this role may not write */
      fields?: string[]
      /** @description The total number of places at fault, when more than the 1,000 listed in `errors` */
      errorCount?: number
    } & components['schemas']['Problem']
    Framework: {
      code: string
      name: string
      totalPoints: number
      bands: components['schemas']['Band'][]
      criteria: components['schemas']['CriterionNode'][]
      survey: components['schemas']['SurveyDefinition'] | null
    }
    /**
     * @example {
     *       "name": "Bộ chỉ số CCHC cấp xã 2018",
     *       "bands": [
     *         {
     *           "code": "excellent",
     *           "label": "Xuất sắc",
     *           "min": 90
     *         },
     *         {
     *           "code": "good",
     *           "label": "Tốt",
     *           "min": 80
     *         },
     *         {
     *           "code": "fair",
     *           "label": "Khá",
     *           "min": 70
     *         },
     *         {
     *           "code": "average",
     *           "label": "Trung bình",
     *           "min": 50
     *         },
     *         {
     *           "code": "weak",
     *           "label": "Yếu",
     *           "min": 0
     *         }
     *       ],
     *       "criteria": [
     *         {
     *           "code": "1",
     *           "title": "Công tác chỉ đạo, điều hành",
     *           "children": [
     *             {
     *               "code": "1.1",
     *               "title": "Kế hoạch CCHC",
     *               "maxPoints": 1.5
     *             },
     *             {
     *               "code": "1.2",
     *               "title": "Báo cáo CCHC",
     *               "maxPoints": 1
     *             }
     *           ]
     *         },
     *         {
     *           "code": "3",
     *           "title": "Cải cách thủ tục hành chính",
     *           "children": [
     *             {
     *               "code": "3.1",
     *               "title": "Tỷ lệ TTHC cung cấp trực tuyến mức độ 3, 4",
     *               "maxPoints": 1,
     *               "method": "ratio",
     *               "ratio": {
     *                 "label": "Thủ tục hành chính trực tuyến mức độ 3, 4",
     *                 "scoring": {
     *                   "kind": "proportional",
     *                   "target": 75
     *                 }
     *               }
     *             },
     *             {
     *               "code": "3.2",
     *               "title": "Tỷ lệ hồ sơ giải quyết đúng hạn",
     *               "maxPoints": 1,
     *               "method": "ratio",
     *               "ratio": {
     *                 "label": "Hồ sơ giải quyết đúng hạn",
     *                 "scoring": {
     *                   "kind": "tiers",
     *                   "tiers": [
     *                     {
     *                       "min": 100,
     *                       "points": 1
     *                     },
     *                     {
     *                       "min": 95,
     *                       "points": 0.5
     *                     }
     *                   ]
     *                 }
     *               }
     *             }
     *           ]
     *         },
     *         {
     *           "code": "8",
     *           "title": "Tác động của CCHC",
     *           "children": [
     *             {
     *               "code": "8.1",
     *               "title": "Hài lòng về tiếp cận dịch vụ",
     *               "maxPoints": 5,
     *               "method": "survey",
     *               "surveyElement": "access"
     *             }
     *           ]
     *         }
     *       ],
     *       "survey": {
     *         "levels": 5,
     *         "satisfiedFrom": 4,
     *         "elements": [
     *           {
     *             "code": "access",
     *             "title": "Tiếp cận dịch vụ",
     *             "questions": [
     *               {
     *                 "code": "A1",
     *                 "text": "Nơi ngồi chờ đủ chỗ"
     *               },
     *               {
     *                 "code": "A2",
     *                 "text": "Trang thiết bị đầy đủ"
     *               }
     *             ]
     *           }
     *         ]
     *       }
     *     }
     */
    FrameworkInput: {
      name: string
      /** @description Default: Xuất sắc ≥ 90, Tốt ≥ 80, Khá ≥ 70, Trung bình ≥ 50, Yếu ≥ 0 */
      bands?: components['schemas']['Band'][]
      criteria: components['schemas']['CriterionInput'][]
      survey?: components['schemas']['SurveyDefinition'] | null
    }
    FrameworkPage: {
      items: components['schemas']['FrameworkSummary'][]
      /** @description The cursor of the next page (pass it as `cursor`), null on the last page */
      next: string | null
    }
    FrameworkSummary: {
      code: string
      name: string
      totalPoints: number
    }
    HealthStatus: {
      /** @enum {string} */
      status: 'ok'
    }
    /**
     * @example {
     *       "rows": [
     *         {
     *           "unit": "xa-quang-loi",
     *           "criterion": "1.1",
     *           "appraised": 1.25
     *         },
     *         {
     *           "unit": "xa-quang-loi",
     *           "criterion": "1.2",
     *           "notApplicable": true
     *         },
     *         {
     *           "unit": "xa-quang-loi",
     *           "criterion": "3.2",
     *           "numerator": 950,
     *           "denominator": 1000
     *         }
     *       ]
     *     }
     */
    ImportInput: {
      rows: components['schemas']['ImportRow'][]
      /** @description Recorded with every audit entry of this write */
      reason?: string
    }
    ImportResult: {
      dryRun: boolean
      rows: number
      /** @description Rows (unit × criterion) with nothing stored before that give a value */
      created: number
      /** @description Rows of a stored score where some field changed (clearing included) */
      updated: number
      /** @description Rows where no field changed (a row giving no value creates nothing) */
      unchanged: number
    }
    ImportRow: {
      unit: string
      criterion: string
      self?: number | null
      appraised?: number | null
      notApplicable?: boolean | null
      note?: string | null
      numerator?: number | null
      denominator?: number | null
    }
    /**
     * @example {
     *       "id": "0b4ad3b2-6d0e-4f3b-9a55-2f1c8d7e9a10",
     *       "name": "Phần mềm một cửa",
     *       "role": "unit",
     *       "unit": "xa-phu-my"
     *     }
     */
    Me: {
      /** @description The client id (`bootstrap` for the CCHC_ADMIN_TOKEN admin) */
      id: string
      name: string
      role: components['schemas']['Role']
      /** @description The unit a `unit` token is bound to */
      unit: string | null
    }
    NotAcceptableProblem: {
      /** @enum {string} */
      type?: 'urn:cchc:problem:not-acceptable'
      /** @description The media types that can be produced */
      available?: string[]
    } & components['schemas']['Problem']
    NotFoundProblem: {
      /** @enum {string} */
      type?: 'urn:cchc:problem:not-found'
    } & components['schemas']['Problem']
    PayloadTooLargeProblem: {
      /** @enum {string} */
      type?: 'urn:cchc:problem:payload-too-large'
    } & components['schemas']['Problem']
    Period: {
      code: string
      name: string
      year: number
      framework: string
      /** @description `open`: self-assessment, appraisal and survey writes; `appraisal`: appraisal and survey writes; `published`: frozen */
      status: 'open' | 'appraisal' | 'published'
      /** @description Unit codes, in code order */
      units: string[]
    }
    /**
     * @example {
     *       "name": "Chỉ số CCHC năm 2018",
     *       "year": 2018,
     *       "framework": "xa-2018",
     *       "units": [
     *         "phong-noi-vu",
     *         "xa-quang-loi"
     *       ]
     *     }
     */
    PeriodInput: {
      /** @description e.g. "Chỉ số CCHC năm 2018" */
      name: string
      year: number
      /** @description The framework the units are scored against; fixed once a score exists */
      framework: string
      /** @description Every unit assessed in the period (each must exist) */
      units: string[]
    }
    PeriodPage: {
      items: components['schemas']['PeriodSummary'][]
      /** @description The cursor of the next page (pass it as `cursor`), null on the last page */
      next: string | null
    }
    PeriodSummary: {
      code: string
      name: string
      year: number
      framework: string
      /** @description `open`: self-assessment, appraisal and survey writes; `appraisal`: appraisal and survey writes; `published`: frozen */
      status: 'open' | 'appraisal' | 'published'
    }
    PreconditionFailedProblem: {
      /** @enum {string} */
      type?: 'urn:cchc:problem:precondition-failed'
    } & components['schemas']['Problem']
    /** @description RFC 9457 problem details */
    Problem: {
      /**
       * @description `urn:cchc:problem:{kind}`: what integrators switch on
       * @enum {string}
       */
      type:
        | 'urn:cchc:problem:invalid-request'
        | 'urn:cchc:problem:malformed-json'
        | 'urn:cchc:problem:unauthorized'
        | 'urn:cchc:problem:forbidden'
        | 'urn:cchc:problem:not-found'
        | 'urn:cchc:problem:method-not-allowed'
        | 'urn:cchc:problem:not-acceptable'
        | 'urn:cchc:problem:conflict'
        | 'urn:cchc:problem:period-locked'
        | 'urn:cchc:problem:period-closed'
        | 'urn:cchc:problem:framework-in-use'
        | 'urn:cchc:problem:illegal-transition'
        | 'urn:cchc:problem:precondition-failed'
        | 'urn:cchc:problem:payload-too-large'
        | 'urn:cchc:problem:uri-too-long'
        | 'urn:cchc:problem:unsupported-media-type'
        | 'urn:cchc:problem:rule-violated'
        | 'urn:cchc:problem:headers-too-large'
        | 'urn:cchc:problem:rate-limited'
        | 'urn:cchc:problem:internal'
        | 'urn:cchc:problem:unavailable'
      title: string
      status: number
      detail: string
      instance?: string
      errors?: components['schemas']['ProblemError'][]
    } & {
      [key: string]: unknown
    }
    ProblemError: {
      /** @description JSON Pointer into the request: `/body/...`-less pointer into the body (e.g. `/scores/3/self`), or `/query/...`, `/params/...`, `/headers/...` */
      pointer: string
      /** @description A stable machine-readable code for the rule broken (e.g. `required`, `type`, `additional-property`, `above-maximum`) */
      code: string
      message: string
      /** @description For imports: the 1-based data row */
      row?: number
    } & {
      [key: string]: unknown
    }
    RateLimitedProblem: {
      /** @enum {string} */
      type?: 'urn:cchc:problem:rate-limited'
    } & components['schemas']['Problem']
    Results: {
      period: {
        code: string
        name: string
        year: number
        status: string
      }
      group: string | null
      /** @description null when computed now; the publication when frozen */
      snapshot: {
        number: number
        /** Format: date-time */
        publishedAt: string
        hash: string
      } | null
      /** @description Over the listed units' published indexes; units without an index are left out */
      statistics: {
        count: number
        mean: number | null
        median: number | null
        /** @description Population standard deviation */
        stddev: number | null
        min: {
          value: number
          units: string[]
        } | null
        max: {
          value: number
          units: string[]
        } | null
        /** @description Units per band code, zero included */
        bands: {
          [key: string]: number
        }
      }
      /** @description The same statistics for the satisfaction index, over the listed units with survey results */
      satisfaction: {
        count: number
        mean: number | null
        median: number | null
        /** @description Population standard deviation */
        stddev: number | null
        min: {
          value: number
          units: string[]
        } | null
        max: {
          value: number
          units: string[]
        } | null
      } | null
      /** @description Lĩnh vực: per field, statistics over the listed units' field indexes. Absent from publications made before fields and the self-assessment gap were computed. */
      fields?: {
        code: string
        title: string
        /** @description The framework's maximum of the field */
        maxPoints: number
        statistics: {
          count: number
          mean: number | null
          median: number | null
          /** @description Population standard deviation */
          stddev: number | null
          min: {
            value: number
            units: string[]
          } | null
          max: {
            value: number
            units: string[]
          } | null
        }
      }[]
      /** @description Statistics over the listed units' self-assessment gaps. Absent from publications made before fields and the self-assessment gap were computed. */
      selfAssessmentGap?: {
        count: number
        mean: number | null
        median: number | null
        /** @description Population standard deviation */
        stddev: number | null
        min: {
          value: number
          units: string[]
        } | null
        max: {
          value: number
          units: string[]
        } | null
      }
      /** @description By rank, ties by unit code; unranked units after, units without an index last */
      items: {
        unit: {
          code: string
          name: string
          group: string
        }
        points: number
        maxPoints: number
        index: number | null
        band: {
          code: string
          label: string
        } | null
        /** @description Standard competition ranking (1, 2, 2, 4); null when not ranked */
        rank: {
          position: number
          of: number
          /** @description đồng hạng: shared with another unit */
          tied: boolean
        } | null
        /** @description Standard competition ranking (1, 2, 2, 4); null when not ranked */
        groupRank: {
          position: number
          of: number
          /** @description đồng hạng: shared with another unit */
          tied: boolean
        } | null
        satisfaction: {
          index: number
          /** @description Standard competition ranking (1, 2, 2, 4); null when not ranked */
          rank: {
            position: number
            of: number
            /** @description đồng hạng: shared with another unit */
            tied: boolean
          } | null
        } | null
        provisional: boolean
        /** @description Per field of the framework, in its order. Absent from publications made before fields and the self-assessment gap were computed. */
        fields?: {
          code: string
          points: number
          /** @description The applicable maximum of the field for this unit */
          maxPoints: number
          /** @description null when nothing in the field applies */
          index: number | null
          /** @description Standard competition ranking (1, 2, 2, 4); null when not ranked */
          rank: {
            position: number
            of: number
            /** @description đồng hạng: shared with another unit */
            tied: boolean
          } | null
        }[]
        /** @description Tự đánh giá. Absent from publications made before fields and the self-assessment gap were computed. */
        selfAssessment?: {
          /** @description Self-assessed scores of the applicable appraisal leaves, plus computed points */
          points: number
          index: number | null
          /** @description Published self index − published index */
          gap: number | null
        }
      }[]
    }
    /** @description admin: everything; appraiser: appraised scores and surveys; unit: its own unit's self-assessment; reader: read only */
    Role: 'admin' | 'appraiser' | 'unit' | 'reader'
    RuleViolatedProblem: {
      /** @enum {string} */
      type?: 'urn:cchc:problem:rule-violated'
      /** @description The total number of places at fault, when more than the 1,000 listed in `errors` */
      errorCount?: number
    } & components['schemas']['Problem']
    Satisfaction: {
      /** @description Mean of the element indexes; null without answers */
      index: number | null
      /** @description Stored responses + the largest per-question total of the aggregate counts */
      respondents: number
      elements: {
        code: string
        index: number | null
      }[]
      questions: {
        code: string
        /** @description Satisfied answers ÷ valid answers × 100 */
        rate: number | null
        valid: number
      }[]
    }
    Scorecard: {
      period: string
      unit: string
      points: number
      /** @description Sum of the maxima of the applicable leaves */
      maxPoints: number
      /** @description The PAR index, two decimals, half-up; null when no leaf applies */
      index: number | null
      band: {
        code: string
        label: string
      } | null
      /** @description true while an applicable appraisal leaf has no appraised score, or a survey leaf no survey result */
      provisional: boolean
      criteria: components['schemas']['ScorecardNode'][]
    }
    ScorecardNode: {
      code: string
      title: string
      /** @description The applicable maximum (0 for a not-applicable leaf) */
      maxPoints: number
      points: number
      /** @description points ÷ maxPoints × 100; null when nothing applies */
      index: number | null
      children?: components['schemas']['ScorecardNode'][]
      method?: 'appraisal' | 'survey' | 'ratio'
      self?: number | null
      appraised?: number | null
      /** @description Appraised, else self (provisional); for survey leaves maxPoints × satisfaction ÷ 100 (0 without survey results) */
      final?: number | null
      notApplicable?: boolean
      note?: string | null
      evidence?: string[] | null
      /** @description Ratio leaves: the counts */
      numerator?: number | null
      denominator?: number | null
      /** @description Ratio leaves: numerator ÷ denominator × 100, two decimals half-up; null without counts or when the denominator is 0 */
      rate?: number | null
      /** @description Ratio leaves: the rule's points for the exact rate (an appraised score overrides them in `final`); null without counts */
      computedPoints?: number | null
    }
    ScoreInput: {
      /** @description A leaf criterion of the period's framework scored by appraisal */
      criterion: string
      self?: number | null
      appraised?: number | null
      notApplicable?: boolean | null
      note?: string | null
      evidence?: string[] | null
    }
    /**
     * @example {
     *       "scores": [
     *         {
     *           "criterion": "1.1",
     *           "self": 1.5,
     *           "appraised": 1.25,
     *           "note": "Đã ban hành kế hoạch",
     *           "evidence": [
     *             "https://vanban.example.gov.vn/kh-01.pdf"
     *           ]
     *         },
     *         {
     *           "criterion": "1.2",
     *           "notApplicable": true
     *         }
     *       ]
     *     }
     */
    ScoresInput: {
      scores: components['schemas']['ScoreInput'][]
      /** @description Recorded with every audit entry of this write */
      reason?: string
    }
    ScoresResult: {
      summary: {
        /** @description Rows (unit × criterion) with nothing stored before that give a value */
        created: number
        /** @description Rows of a stored score where some field changed (clearing included) */
        updated: number
        /** @description Rows where no field changed (a row giving no value creates nothing) */
        unchanged: number
      }
      scorecard: components['schemas']['Scorecard']
    }
    /**
     * @example {
     *       "status": "appraisal"
     *     }
     * @example {
     *       "status": "open",
     *       "reason": "Hội đồng yêu cầu giải trình bổ sung"
     *     }
     */
    StatusChange: {
      /** @description `open`: self-assessment, appraisal and survey writes; `appraisal`: appraisal and survey writes; `published`: frozen */
      status: 'open' | 'appraisal' | 'published'
      /** @description Required for any move back (reopening) */
      reason?: string
    }
    StatusHistory: {
      items: components['schemas']['StatusHistoryEntry'][]
    }
    StatusHistoryEntry: {
      /** Format: date-time */
      at: string
      client: {
        id: string
        role: string
      }
      from: ('open' | 'appraisal' | 'published') | null
      /** @description `open`: self-assessment, appraisal and survey writes; `appraisal`: appraisal and survey writes; `published`: frozen */
      to: 'open' | 'appraisal' | 'published'
      reason: string | null
    }
    /**
     * @example {
     *       "questions": [
     *         {
     *           "code": "A1",
     *           "counts": [
     *             1,
     *             2,
     *             4,
     *             60,
     *             133
     *           ]
     *         },
     *         {
     *           "code": "A2",
     *           "counts": [
     *             0,
     *             3,
     *             4,
     *             70,
     *             123
     *           ]
     *         }
     *       ]
     *     }
     */
    SurveyCountsInput: {
      questions: {
        /** @description A question of the framework's survey */
        code: string
        /** @description Answers per level, lowest level first; one count per level */
        counts: number[]
      }[]
    }
    SurveyDefinition: {
      /** @description Answer levels, 1 (lowest) to `levels` */
      levels: number
      /** @description Answers at this level or above count as satisfied */
      satisfiedFrom: number
      elements: {
        code: string
        title: string
        questions: {
          /** @description Unique across the framework */
          code: string
          text: string
        }[]
      }[]
    }
    /**
     * @example {
     *       "responses": [
     *         {
     *           "id": "phieu-0001",
     *           "answers": {
     *             "A1": 5,
     *             "A2": 4
     *           }
     *         }
     *       ]
     *     }
     */
    SurveyResponsesInput: {
      /** @description Up to 10,000 responses a request, stored in one transaction */
      responses: {
        /** @description The questionnaire's id; one already stored for this unit and period is skipped */
        id: string
        /** @description Question code → answer level (1 to levels); a question left out is not answered; at most 1,000 */
        answers: {
          [key: string]: number
        }
      }[]
    }
    SurveyResponsesResult: {
      /** @description Responses stored by this request */
      accepted: number
      /** @description Ids skipped: already stored, or repeated in the batch */
      duplicates: string[]
      /** @description Mean of the element indexes; null without answers */
      index: number | null
      /** @description Stored responses + the largest per-question total of the aggregate counts */
      respondents: number
      elements: {
        code: string
        index: number | null
      }[]
      questions: {
        code: string
        /** @description Satisfied answers ÷ valid answers × 100 */
        rate: number | null
        valid: number
      }[]
    }
    UnauthorizedProblem: {
      /** @enum {string} */
      type?: 'urn:cchc:problem:unauthorized'
    } & components['schemas']['Problem']
    UnavailableProblem: {
      /** @enum {string} */
      type?: 'urn:cchc:problem:unavailable'
    } & components['schemas']['Problem']
    Unit: {
      code: string
      name: string
      group: string
      parent: string | null
      rankable: boolean
    }
    /**
     * @example {
     *       "name": "Phòng Nội vụ",
     *       "group": "phong",
     *       "parent": "huyen-phu-vang",
     *       "rankable": true
     *     }
     */
    UnitInput: {
      /** @description Vietnamese name, e.g. "UBND xã Quảng Lợi" */
      name: string
      /** @description Ranking group, e.g. `phong` (departments) or `xa` (communes) */
      group: string
      parent?: string | null
      /**
       * @description false: assessed but left out of every rank
       * @default true
       */
      rankable?: boolean
    }
    UnitPage: {
      items: components['schemas']['Unit'][]
      /** @description The cursor of the next page (pass it as `cursor`), null on the last page */
      next: string | null
    }
    UnsupportedMediaTypeProblem: {
      /** @enum {string} */
      type?: 'urn:cchc:problem:unsupported-media-type'
    } & components['schemas']['Problem']
    Webhook: {
      /** Format: uuid */
      id: string
      url: string
      /** @description null: every type */
      events: ('period.created' | 'period.status_changed' | 'period.results_changed' | 'scores.imported')[] | null
      /** Format: date-time */
      createdAt: string
    }
    /**
     * @example {
     *       "url": "https://hooks.example.vn/cchc",
     *       "events": [
     *         "period.status_changed"
     *       ]
     *     }
     */
    WebhookInput: {
      /** @description Where deliveries are POSTed (http or https) */
      url: string
      /** @description Left out: every type */
      events?: ('period.created' | 'period.status_changed' | 'period.results_changed' | 'scores.imported')[]
      /** @description `whsec_` + base64 of at least 16 bytes; generated (32 random bytes) when left out */
      secret?: string
    }
    WebhookPage: {
      items: components['schemas']['Webhook'][]
      /** @description The cursor of the next page (pass it as `cursor`), null on the last page */
      next: string | null
    }
    WebhookWithSecret: {
      /** Format: uuid */
      id: string
      url: string
      /** @description null: every type */
      events: ('period.created' | 'period.status_changed' | 'period.results_changed' | 'scores.imported')[] | null
      /** Format: date-time */
      createdAt: string
      /** @description Signs the deliveries; shown in this answer only */
      secret: string
    }
  }
  responses: never
  parameters: {
    /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
    RequestId: string
  }
  requestBodies: never
  headers: {
    /** @description The request's id: the caller's `x-request-id` when it is a plain token of up to 128 characters, else a new UUID; it is in the log line of the request */
    RequestId: string
    /** @description Requests this client may still make at once (sent only when RATE_LIMIT is set) */
    RateLimitRemaining: number
    /** @description Seconds to wait before retrying */
    RetryAfter: number
    /** @description `Bearer`, or `Bearer error="invalid_token"` */
    WWWAuthenticate: string
  }
  pathItems: never
}
export type $defs = Record<string, never>
export interface operations {
  getOpenApi: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description OpenAPI 3.1 document */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "openapi": "3.1.0",
           *       "info": {
           *         "title": "cchc-index",
           *         "version": "1.0.0"
           *       },
           *       "paths": {}
           *     }
           */
          'application/json': {
            [key: string]: unknown
          }
        }
      }
    }
  }
  getMetrics: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Prometheus text exposition format */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          /** @example http_requests_total{method="GET",route="/v1/units",status_code="200"} 42 */
          'text/plain': string
        }
      }
    }
  }
  getLiveness: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The process runs */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "status": "ok"
           *     }
           */
          'application/json': components['schemas']['HealthStatus']
        }
      }
    }
  }
  getReadiness: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The database answers */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "status": "ok"
           *     }
           */
          'application/json': components['schemas']['HealthStatus']
        }
      }
      /** @description The database does not answer (`unavailable`) */
      503: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnavailableProblem']
        }
      }
    }
  }
  listClients: {
    parameters: {
      query?: {
        /** @description Page size, 1 to 1000 */
        limit?: number
        /** @description The `next` value of the previous page */
        cursor?: string
      }
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description A page of clients */
      200: {
        headers: {
          /** @description RFC 8288 `<…>; rel="next"`: the URL of the next page, beside the body's `next` (absent on the last page) */
          Link?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "a5a7796b-c8f8-4b1b-b501-d4f160959967",
           *           "name": "Phần mềm một cửa xã Phú Mỹ",
           *           "role": "unit",
           *           "unit": "xa-phu-my",
           *           "createdAt": "2019-01-15T16:57:36.608Z",
           *           "revokedAt": null
           *         }
           *       ],
           *       "next": null
           *     }
           */
          'application/json': components['schemas']['ClientPage']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  createClient: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ClientInput']
      }
    }
    responses: {
      /** @description Created; `token` is shown this once */
      201: {
        headers: {
          /** @description The URL of the created resource */
          Location?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "id": "a5a7796b-c8f8-4b1b-b501-d4f160959967",
           *       "name": "Phần mềm một cửa xã Phú Mỹ",
           *       "role": "unit",
           *       "unit": "xa-phu-my",
           *       "createdAt": "2019-01-15T16:57:36.608Z",
           *       "revokedAt": null,
           *       "token": "cchc_PZb3GOw8H4GVhtyM5lw1H2IeYWIVVn2LOQ5LF0FDw2c"
           *     }
           */
          'application/json': components['schemas']['ClientWithToken']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description A domain rule is broken (`rule-violated`); `errors` lists every place at fault */
      422: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RuleViolatedProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  revokeClient: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Client id (a UUID) */
        client: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Revoked */
      204: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  getMe: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The calling client */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "id": "0b4ad3b2-6d0e-4f3b-9a55-2f1c8d7e9a10",
           *       "name": "Phần mềm một cửa",
           *       "role": "unit",
           *       "unit": "xa-phu-my"
           *     }
           */
          'application/json': components['schemas']['Me']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  getUnit: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Unit code */
        unit: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The unit */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "code": "phong-noi-vu",
           *       "name": "Phòng Nội vụ",
           *       "group": "phong",
           *       "parent": "huyen-phu-vang",
           *       "rankable": true
           *     }
           */
          'application/json': components['schemas']['Unit']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  putUnit: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Unit code */
        unit: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['UnitInput']
      }
    }
    responses: {
      /** @description Replaced */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "code": "phong-noi-vu",
           *       "name": "Phòng Nội vụ",
           *       "group": "phong",
           *       "parent": "huyen-phu-vang",
           *       "rankable": true
           *     }
           */
          'application/json': components['schemas']['Unit']
        }
      }
      /** @description Created */
      201: {
        headers: {
          /** @description The URL of the created resource */
          Location?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "code": "phong-noi-vu",
           *       "name": "Phòng Nội vụ",
           *       "group": "phong",
           *       "parent": "huyen-phu-vang",
           *       "rankable": true
           *     }
           */
          'application/json': components['schemas']['Unit']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description A domain rule is broken (`rule-violated`); `errors` lists every place at fault */
      422: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RuleViolatedProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  listUnits: {
    parameters: {
      query?: {
        /** @description Only units of this group */
        group?: string
        /** @description Only units directly under this one */
        parent?: string
        /** @description Page size, 1 to 1000 */
        limit?: number
        /** @description The `next` value of the previous page */
        cursor?: string
      }
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description A page of units */
      200: {
        headers: {
          /** @description RFC 8288 `<…>; rel="next"`: the URL of the next page, beside the body's `next` (absent on the last page) */
          Link?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "code": "huyen-phu-vang",
           *           "name": "UBND huyện Phú Vang",
           *           "group": "huyen",
           *           "parent": null,
           *           "rankable": true
           *         },
           *         {
           *           "code": "phong-noi-vu",
           *           "name": "Phòng Nội vụ",
           *           "group": "phong",
           *           "parent": "huyen-phu-vang",
           *           "rankable": true
           *         }
           *       ],
           *       "next": "WyJwaG9uZy1ub2ktdnUiXQ"
           *     }
           */
          'application/json': components['schemas']['UnitPage']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  getFramework: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Framework code */
        framework: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The framework */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "code": "xa-2018",
           *       "name": "Bộ chỉ số CCHC cấp xã 2018",
           *       "totalPoints": 10,
           *       "bands": [
           *         {
           *           "code": "excellent",
           *           "label": "Xuất sắc",
           *           "min": 90
           *         },
           *         {
           *           "code": "good",
           *           "label": "Tốt",
           *           "min": 80
           *         },
           *         {
           *           "code": "fair",
           *           "label": "Khá",
           *           "min": 70
           *         },
           *         {
           *           "code": "average",
           *           "label": "Trung bình",
           *           "min": 50
           *         },
           *         {
           *           "code": "weak",
           *           "label": "Yếu",
           *           "min": 0
           *         }
           *       ],
           *       "criteria": [
           *         {
           *           "code": "1",
           *           "title": "Công tác chỉ đạo, điều hành",
           *           "maxPoints": 2.5,
           *           "children": [
           *             {
           *               "code": "1.1",
           *               "title": "Kế hoạch CCHC",
           *               "maxPoints": 1.5,
           *               "method": "appraisal",
           *               "surveyElement": null
           *             },
           *             {
           *               "code": "1.2",
           *               "title": "Báo cáo CCHC",
           *               "maxPoints": 1,
           *               "method": "appraisal",
           *               "surveyElement": null
           *             }
           *           ]
           *         },
           *         {
           *           "code": "2",
           *           "title": "Xây dựng và thi hành văn bản QPPL",
           *           "maxPoints": 2.5,
           *           "children": [
           *             {
           *               "code": "2.1",
           *               "title": "Rà soát văn bản",
           *               "maxPoints": 2.5,
           *               "method": "appraisal",
           *               "surveyElement": null
           *             }
           *           ]
           *         },
           *         {
           *           "code": "8",
           *           "title": "Tác động của CCHC",
           *           "maxPoints": 5,
           *           "children": [
           *             {
           *               "code": "8.1",
           *               "title": "Hài lòng về tiếp cận dịch vụ",
           *               "maxPoints": 5,
           *               "method": "survey",
           *               "surveyElement": "access"
           *             }
           *           ]
           *         }
           *       ],
           *       "survey": {
           *         "levels": 5,
           *         "satisfiedFrom": 4,
           *         "elements": [
           *           {
           *             "code": "access",
           *             "title": "Tiếp cận dịch vụ",
           *             "questions": [
           *               {
           *                 "code": "A1",
           *                 "text": "Nơi ngồi chờ"
           *               },
           *               {
           *                 "code": "A2",
           *                 "text": "Trang thiết bị"
           *               }
           *             ]
           *           }
           *         ]
           *       }
           *     }
           */
          'application/json': components['schemas']['Framework']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  putFramework: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Framework code */
        framework: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['FrameworkInput']
      }
    }
    responses: {
      /** @description Replaced, or unchanged */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "code": "xa-2018",
           *       "name": "Bộ chỉ số CCHC cấp xã 2018",
           *       "totalPoints": 10,
           *       "bands": [
           *         {
           *           "code": "excellent",
           *           "label": "Xuất sắc",
           *           "min": 90
           *         },
           *         {
           *           "code": "good",
           *           "label": "Tốt",
           *           "min": 80
           *         },
           *         {
           *           "code": "fair",
           *           "label": "Khá",
           *           "min": 70
           *         },
           *         {
           *           "code": "average",
           *           "label": "Trung bình",
           *           "min": 50
           *         },
           *         {
           *           "code": "weak",
           *           "label": "Yếu",
           *           "min": 0
           *         }
           *       ],
           *       "criteria": [
           *         {
           *           "code": "1",
           *           "title": "Công tác chỉ đạo, điều hành",
           *           "maxPoints": 2.5,
           *           "children": [
           *             {
           *               "code": "1.1",
           *               "title": "Kế hoạch CCHC",
           *               "maxPoints": 1.5,
           *               "method": "appraisal",
           *               "surveyElement": null
           *             },
           *             {
           *               "code": "1.2",
           *               "title": "Báo cáo CCHC",
           *               "maxPoints": 1,
           *               "method": "appraisal",
           *               "surveyElement": null
           *             }
           *           ]
           *         },
           *         {
           *           "code": "2",
           *           "title": "Xây dựng và thi hành văn bản QPPL",
           *           "maxPoints": 2.5,
           *           "children": [
           *             {
           *               "code": "2.1",
           *               "title": "Rà soát văn bản",
           *               "maxPoints": 2.5,
           *               "method": "appraisal",
           *               "surveyElement": null
           *             }
           *           ]
           *         },
           *         {
           *           "code": "8",
           *           "title": "Tác động của CCHC",
           *           "maxPoints": 5,
           *           "children": [
           *             {
           *               "code": "8.1",
           *               "title": "Hài lòng về tiếp cận dịch vụ",
           *               "maxPoints": 5,
           *               "method": "survey",
           *               "surveyElement": "access"
           *             }
           *           ]
           *         }
           *       ],
           *       "survey": {
           *         "levels": 5,
           *         "satisfiedFrom": 4,
           *         "elements": [
           *           {
           *             "code": "access",
           *             "title": "Tiếp cận dịch vụ",
           *             "questions": [
           *               {
           *                 "code": "A1",
           *                 "text": "Nơi ngồi chờ"
           *               },
           *               {
           *                 "code": "A2",
           *                 "text": "Trang thiết bị"
           *               }
           *             ]
           *           }
           *         ]
           *       }
           *     }
           */
          'application/json': components['schemas']['Framework']
        }
      }
      /** @description Created */
      201: {
        headers: {
          /** @description The URL of the created resource */
          Location?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "code": "xa-2018",
           *       "name": "Bộ chỉ số CCHC cấp xã 2018",
           *       "totalPoints": 10,
           *       "bands": [
           *         {
           *           "code": "excellent",
           *           "label": "Xuất sắc",
           *           "min": 90
           *         },
           *         {
           *           "code": "good",
           *           "label": "Tốt",
           *           "min": 80
           *         },
           *         {
           *           "code": "fair",
           *           "label": "Khá",
           *           "min": 70
           *         },
           *         {
           *           "code": "average",
           *           "label": "Trung bình",
           *           "min": 50
           *         },
           *         {
           *           "code": "weak",
           *           "label": "Yếu",
           *           "min": 0
           *         }
           *       ],
           *       "criteria": [
           *         {
           *           "code": "1",
           *           "title": "Công tác chỉ đạo, điều hành",
           *           "maxPoints": 2.5,
           *           "children": [
           *             {
           *               "code": "1.1",
           *               "title": "Kế hoạch CCHC",
           *               "maxPoints": 1.5,
           *               "method": "appraisal",
           *               "surveyElement": null
           *             },
           *             {
           *               "code": "1.2",
           *               "title": "Báo cáo CCHC",
           *               "maxPoints": 1,
           *               "method": "appraisal",
           *               "surveyElement": null
           *             }
           *           ]
           *         },
           *         {
           *           "code": "2",
           *           "title": "Xây dựng và thi hành văn bản QPPL",
           *           "maxPoints": 2.5,
           *           "children": [
           *             {
           *               "code": "2.1",
           *               "title": "Rà soát văn bản",
           *               "maxPoints": 2.5,
           *               "method": "appraisal",
           *               "surveyElement": null
           *             }
           *           ]
           *         },
           *         {
           *           "code": "8",
           *           "title": "Tác động của CCHC",
           *           "maxPoints": 5,
           *           "children": [
           *             {
           *               "code": "8.1",
           *               "title": "Hài lòng về tiếp cận dịch vụ",
           *               "maxPoints": 5,
           *               "method": "survey",
           *               "surveyElement": "access"
           *             }
           *           ]
           *         }
           *       ],
           *       "survey": {
           *         "levels": 5,
           *         "satisfiedFrom": 4,
           *         "elements": [
           *           {
           *             "code": "access",
           *             "title": "Tiếp cận dịch vụ",
           *             "questions": [
           *               {
           *                 "code": "A1",
           *                 "text": "Nơi ngồi chờ"
           *               },
           *               {
           *                 "code": "A2",
           *                 "text": "Trang thiết bị"
           *               }
           *             ]
           *           }
           *         ]
           *       }
           *     }
           */
          'application/json': components['schemas']['Framework']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description The current state forbids it */
      409: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ConflictProblem']
        }
      }
      /** @description A domain rule is broken (`rule-violated`); `errors` lists every place at fault */
      422: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RuleViolatedProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  listFrameworks: {
    parameters: {
      query?: {
        /** @description Page size, 1 to 1000 */
        limit?: number
        /** @description The `next` value of the previous page */
        cursor?: string
      }
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description A page of frameworks */
      200: {
        headers: {
          /** @description RFC 8288 `<…>; rel="next"`: the URL of the next page, beside the body's `next` (absent on the last page) */
          Link?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "code": "xa-2018",
           *           "name": "Bộ chỉ số CCHC cấp xã 2018",
           *           "totalPoints": 10
           *         }
           *       ],
           *       "next": null
           *     }
           */
          'application/json': components['schemas']['FrameworkPage']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  getPeriod: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The period */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "code": "2018",
           *       "name": "Chỉ số CCHC năm 2018",
           *       "year": 2018,
           *       "framework": "xa-2018",
           *       "status": "published",
           *       "units": [
           *         "phong-noi-vu",
           *         "xa-phu-my"
           *       ]
           *     }
           */
          'application/json': components['schemas']['Period']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  putPeriod: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['PeriodInput']
      }
    }
    responses: {
      /** @description Replaced, or unchanged */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "code": "2018",
           *       "name": "Chỉ số CCHC năm 2018",
           *       "year": 2018,
           *       "framework": "xa-2018",
           *       "status": "published",
           *       "units": [
           *         "phong-noi-vu",
           *         "xa-phu-my"
           *       ]
           *     }
           */
          'application/json': components['schemas']['Period']
        }
      }
      /** @description Created */
      201: {
        headers: {
          /** @description The URL of the created resource */
          Location?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "code": "2018",
           *       "name": "Chỉ số CCHC năm 2018",
           *       "year": 2018,
           *       "framework": "xa-2018",
           *       "status": "published",
           *       "units": [
           *         "phong-noi-vu",
           *         "xa-phu-my"
           *       ]
           *     }
           */
          'application/json': components['schemas']['Period']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description The current state forbids it */
      409: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ConflictProblem']
        }
      }
      /** @description A domain rule is broken (`rule-violated`); `errors` lists every place at fault */
      422: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RuleViolatedProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  listPeriods: {
    parameters: {
      query?: {
        /** @description Only periods of this year */
        year?: number
        /** @description Page size, 1 to 1000 */
        limit?: number
        /** @description The `next` value of the previous page */
        cursor?: string
      }
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description A page of periods */
      200: {
        headers: {
          /** @description RFC 8288 `<…>; rel="next"`: the URL of the next page, beside the body's `next` (absent on the last page) */
          Link?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "code": "2018",
           *           "name": "Chỉ số CCHC năm 2018",
           *           "year": 2018,
           *           "framework": "xa-2018",
           *           "status": "open"
           *         }
           *       ],
           *       "next": null
           *     }
           */
          'application/json': components['schemas']['PeriodPage']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  changePeriodStatus: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['StatusChange']
      }
    }
    responses: {
      /** @description The period after the move */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "code": "2018",
           *       "name": "Chỉ số CCHC năm 2018",
           *       "year": 2018,
           *       "framework": "xa-2018",
           *       "status": "published",
           *       "units": [
           *         "phong-noi-vu",
           *         "xa-phu-my"
           *       ]
           *     }
           */
          'application/json': components['schemas']['Period']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description The current state forbids it */
      409: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ConflictProblem']
        }
      }
      /** @description A domain rule is broken (`rule-violated`); `errors` lists every place at fault */
      422: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RuleViolatedProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  getPeriodHistory: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The history */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "at": "2019-01-15T16:57:38.152Z",
           *           "client": {
           *             "id": "bootstrap",
           *             "role": "admin"
           *           },
           *           "from": null,
           *           "to": "open",
           *           "reason": null
           *         },
           *         {
           *           "at": "2019-01-15T16:57:39.943Z",
           *           "client": {
           *             "id": "bootstrap",
           *             "role": "admin"
           *           },
           *           "from": "open",
           *           "to": "appraisal",
           *           "reason": null
           *         },
           *         {
           *           "at": "2019-01-15T16:57:41.086Z",
           *           "client": {
           *             "id": "bootstrap",
           *             "role": "admin"
           *           },
           *           "from": "appraisal",
           *           "to": "published",
           *           "reason": null
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['StatusHistory']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  putScores: {
    parameters: {
      query?: never
      header?: {
        /** @description ETag(s) of the scorecard this write is based on (`*` matches any): 412 when none matches */
        'if-match'?: string
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
        /** @description Unit code (listed by the period) */
        unit: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ScoresInput']
      }
    }
    responses: {
      /** @description Written (or unchanged): counts and the unit's scorecard */
      200: {
        headers: {
          /** @description Strong entity tag of this representation: send it back in `If-None-Match` (reads) or `If-Match` (writes) */
          ETag?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "summary": {
           *         "created": 2,
           *         "updated": 0,
           *         "unchanged": 0
           *       },
           *       "scorecard": {
           *         "period": "2018",
           *         "unit": "xa-phu-my",
           *         "points": 2.5,
           *         "maxPoints": 10,
           *         "index": 25,
           *         "band": {
           *           "code": "weak",
           *           "label": "Yếu"
           *         },
           *         "provisional": true,
           *         "criteria": [
           *           {
           *             "code": "1",
           *             "title": "Công tác chỉ đạo, điều hành",
           *             "maxPoints": 2.5,
           *             "points": 2.5,
           *             "index": 100,
           *             "children": [
           *               {
           *                 "code": "1.1",
           *                 "title": "Kế hoạch CCHC",
           *                 "maxPoints": 1.5,
           *                 "points": 1.5,
           *                 "index": 100,
           *                 "method": "appraisal",
           *                 "self": 1.5,
           *                 "appraised": null,
           *                 "final": 1.5,
           *                 "notApplicable": false,
           *                 "note": "Đã ban hành kế hoạch",
           *                 "evidence": null
           *               },
           *               {
           *                 "code": "1.2",
           *                 "title": "Báo cáo CCHC",
           *                 "maxPoints": 1,
           *                 "points": 1,
           *                 "index": 100,
           *                 "method": "appraisal",
           *                 "self": 1,
           *                 "appraised": null,
           *                 "final": 1,
           *                 "notApplicable": false,
           *                 "note": null,
           *                 "evidence": null
           *               }
           *             ]
           *           },
           *           {
           *             "code": "2",
           *             "title": "Xây dựng và thi hành văn bản QPPL",
           *             "maxPoints": 2.5,
           *             "points": 0,
           *             "index": 0,
           *             "children": [
           *               {
           *                 "code": "2.1",
           *                 "title": "Rà soát văn bản",
           *                 "maxPoints": 2.5,
           *                 "points": 0,
           *                 "index": 0,
           *                 "method": "appraisal",
           *                 "self": null,
           *                 "appraised": null,
           *                 "final": null,
           *                 "notApplicable": false,
           *                 "note": null,
           *                 "evidence": null
           *               }
           *             ]
           *           },
           *           {
           *             "code": "8",
           *             "title": "Tác động của CCHC",
           *             "maxPoints": 5,
           *             "points": 0,
           *             "index": 0,
           *             "children": [
           *               {
           *                 "code": "8.1",
           *                 "title": "Hài lòng về tiếp cận dịch vụ",
           *                 "maxPoints": 5,
           *                 "points": 0,
           *                 "index": 0,
           *                 "method": "survey",
           *                 "self": null,
           *                 "appraised": null,
           *                 "final": 0,
           *                 "notApplicable": false,
           *                 "note": null,
           *                 "evidence": null
           *               }
           *             ]
           *           }
           *         ]
           *       }
           *     }
           */
          'application/json': components['schemas']['ScoresResult']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description The current state forbids it */
      409: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ConflictProblem']
        }
      }
      /** @description If-Match does not match (`precondition-failed`) */
      412: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          /** @description The current ETag of the resource */
          ETag?: string
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PreconditionFailedProblem']
        }
      }
      /** @description A domain rule is broken (`rule-violated`); `errors` lists every place at fault */
      422: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RuleViolatedProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  getScorecard: {
    parameters: {
      query?: never
      header?: {
        /** @description The `ETag` of the copy held: when it still matches, the answer is 304 without a body */
        'if-none-match'?: string
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
        /** @description Unit code (listed by the period) */
        unit: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The scorecard */
      200: {
        headers: {
          /** @description Strong entity tag of this representation: send it back in `If-None-Match` (reads) or `If-Match` (writes) */
          ETag?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "period": "2018",
           *       "unit": "xa-phu-my",
           *       "points": 8,
           *       "maxPoints": 10,
           *       "index": 80,
           *       "band": {
           *         "code": "good",
           *         "label": "Tốt"
           *       },
           *       "provisional": false,
           *       "criteria": [
           *         {
           *           "code": "1",
           *           "title": "Công tác chỉ đạo, điều hành",
           *           "maxPoints": 2.5,
           *           "points": 2.25,
           *           "index": 90,
           *           "children": [
           *             {
           *               "code": "1.1",
           *               "title": "Kế hoạch CCHC",
           *               "maxPoints": 1.5,
           *               "points": 1.5,
           *               "index": 100,
           *               "method": "appraisal",
           *               "self": 1.5,
           *               "appraised": 1.5,
           *               "final": 1.5,
           *               "notApplicable": false,
           *               "note": "Đã ban hành kế hoạch",
           *               "evidence": null
           *             },
           *             {
           *               "code": "1.2",
           *               "title": "Báo cáo CCHC",
           *               "maxPoints": 1,
           *               "points": 0.75,
           *               "index": 75,
           *               "method": "appraisal",
           *               "self": 1,
           *               "appraised": 0.75,
           *               "final": 0.75,
           *               "notApplicable": false,
           *               "note": null,
           *               "evidence": null
           *             }
           *           ]
           *         },
           *         {
           *           "code": "2",
           *           "title": "Xây dựng và thi hành văn bản QPPL",
           *           "maxPoints": 2.5,
           *           "points": 2,
           *           "index": 80,
           *           "children": [
           *             {
           *               "code": "2.1",
           *               "title": "Rà soát văn bản",
           *               "maxPoints": 2.5,
           *               "points": 2,
           *               "index": 80,
           *               "method": "appraisal",
           *               "self": null,
           *               "appraised": 2,
           *               "final": 2,
           *               "notApplicable": false,
           *               "note": null,
           *               "evidence": null
           *             }
           *           ]
           *         },
           *         {
           *           "code": "8",
           *           "title": "Tác động của CCHC",
           *           "maxPoints": 5,
           *           "points": 3.75,
           *           "index": 75,
           *           "children": [
           *             {
           *               "code": "8.1",
           *               "title": "Hài lòng về tiếp cận dịch vụ",
           *               "maxPoints": 5,
           *               "points": 3.75,
           *               "index": 75,
           *               "method": "survey",
           *               "self": null,
           *               "appraised": null,
           *               "final": 3.75,
           *               "notApplicable": false,
           *               "note": null,
           *               "evidence": null
           *             }
           *           ]
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['Scorecard']
        }
      }
      /** @description Not modified: the copy held is current */
      304: {
        headers: {
          /** @description Strong entity tag of this representation: send it back in `If-None-Match` (reads) or `If-Match` (writes) */
          ETag?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description A domain rule is broken (`rule-violated`); `errors` lists every place at fault */
      422: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RuleViolatedProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  listAudit: {
    parameters: {
      query?: {
        /** @description Only changes to this unit */
        unit?: string
        /** @description Only changes to this criterion */
        criterion?: string
        /** @description Page size, 1 to 1000 */
        limit?: number
        /** @description The `next` value of the previous page */
        cursor?: string
      }
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description A page of audit entries */
      200: {
        headers: {
          /** @description RFC 8288 `<…>; rel="next"`: the URL of the next page, beside the body's `next` (absent on the last page) */
          Link?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": 50331665,
           *           "at": "2019-01-15T16:57:40.432Z",
           *           "client": {
           *             "id": "bootstrap",
           *             "role": "admin"
           *           },
           *           "unit": "phong-noi-vu",
           *           "criterion": "2.1",
           *           "field": "appraised",
           *           "old": null,
           *           "new": 2.5,
           *           "reason": null
           *         },
           *         {
           *           "id": 50331657,
           *           "at": "2019-01-15T16:57:40.432Z",
           *           "client": {
           *             "id": "bootstrap",
           *             "role": "admin"
           *           },
           *           "unit": "phong-noi-vu",
           *           "criterion": "1.2",
           *           "field": "appraised",
           *           "old": null,
           *           "new": 1,
           *           "reason": null
           *         }
           *       ],
           *       "next": "WzMsOV0"
           *     }
           */
          'application/json': components['schemas']['AuditPage']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  putIndicators: {
    parameters: {
      query?: never
      header?: {
        /** @description ETag(s) of the scorecard this write is based on (`*` matches any): 412 when none matches */
        'if-match'?: string
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
        /** @description Unit code (listed by the period) */
        unit: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        /**
         * @example {
         *       "indicators": [
         *         {
         *           "criterion": "3.2",
         *           "numerator": 950,
         *           "denominator": 1000
         *         }
         *       ]
         *     }
         */
        'application/json': {
          indicators: {
            /** @description A leaf of the period's framework with method `ratio` */
            criterion: string
            numerator?: number | null
            denominator?: number | null
          }[]
          /** @description Recorded with every audit entry of this write */
          reason?: string
        }
      }
    }
    responses: {
      /** @description Written (or unchanged): counts and the unit's scorecard */
      200: {
        headers: {
          /** @description Strong entity tag of this representation: send it back in `If-None-Match` (reads) or `If-Match` (writes) */
          ETag?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "summary": {
           *         "created": 2,
           *         "updated": 0,
           *         "unchanged": 0
           *       },
           *       "scorecard": {
           *         "period": "2018",
           *         "unit": "xa-phu-my",
           *         "points": 2.5,
           *         "maxPoints": 10,
           *         "index": 25,
           *         "band": {
           *           "code": "weak",
           *           "label": "Yếu"
           *         },
           *         "provisional": true,
           *         "criteria": [
           *           {
           *             "code": "1",
           *             "title": "Công tác chỉ đạo, điều hành",
           *             "maxPoints": 2.5,
           *             "points": 2.5,
           *             "index": 100,
           *             "children": [
           *               {
           *                 "code": "1.1",
           *                 "title": "Kế hoạch CCHC",
           *                 "maxPoints": 1.5,
           *                 "points": 1.5,
           *                 "index": 100,
           *                 "method": "appraisal",
           *                 "self": 1.5,
           *                 "appraised": null,
           *                 "final": 1.5,
           *                 "notApplicable": false,
           *                 "note": "Đã ban hành kế hoạch",
           *                 "evidence": null
           *               },
           *               {
           *                 "code": "1.2",
           *                 "title": "Báo cáo CCHC",
           *                 "maxPoints": 1,
           *                 "points": 1,
           *                 "index": 100,
           *                 "method": "appraisal",
           *                 "self": 1,
           *                 "appraised": null,
           *                 "final": 1,
           *                 "notApplicable": false,
           *                 "note": null,
           *                 "evidence": null
           *               }
           *             ]
           *           },
           *           {
           *             "code": "2",
           *             "title": "Xây dựng và thi hành văn bản QPPL",
           *             "maxPoints": 2.5,
           *             "points": 0,
           *             "index": 0,
           *             "children": [
           *               {
           *                 "code": "2.1",
           *                 "title": "Rà soát văn bản",
           *                 "maxPoints": 2.5,
           *                 "points": 0,
           *                 "index": 0,
           *                 "method": "appraisal",
           *                 "self": null,
           *                 "appraised": null,
           *                 "final": null,
           *                 "notApplicable": false,
           *                 "note": null,
           *                 "evidence": null
           *               }
           *             ]
           *           },
           *           {
           *             "code": "8",
           *             "title": "Tác động của CCHC",
           *             "maxPoints": 5,
           *             "points": 0,
           *             "index": 0,
           *             "children": [
           *               {
           *                 "code": "8.1",
           *                 "title": "Hài lòng về tiếp cận dịch vụ",
           *                 "maxPoints": 5,
           *                 "points": 0,
           *                 "index": 0,
           *                 "method": "survey",
           *                 "self": null,
           *                 "appraised": null,
           *                 "final": 0,
           *                 "notApplicable": false,
           *                 "note": null,
           *                 "evidence": null
           *               }
           *             ]
           *           }
           *         ]
           *       }
           *     }
           */
          'application/json': components['schemas']['ScoresResult']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description The current state forbids it */
      409: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ConflictProblem']
        }
      }
      /** @description If-Match does not match (`precondition-failed`) */
      412: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          /** @description The current ETag of the resource */
          ETag?: string
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PreconditionFailedProblem']
        }
      }
      /** @description A domain rule is broken (`rule-violated`); `errors` lists every place at fault */
      422: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RuleViolatedProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  importScores: {
    parameters: {
      query?: {
        /** @description true: validate and count, write nothing */
        dryRun?: boolean
        /** @description Recorded with every audit entry of this write */
        reason?: string
      }
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['ImportInput']
        'text/csv': string
      }
    }
    responses: {
      /** @description Imported (or, with dryRun, would import) */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "dryRun": false,
           *       "rows": 2,
           *       "created": 2,
           *       "updated": 0,
           *       "unchanged": 0
           *     }
           */
          'application/json': components['schemas']['ImportResult']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description The current state forbids it */
      409: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ConflictProblem']
        }
      }
      /** @description The body is over the limit (`payload-too-large`) */
      413: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PayloadTooLargeProblem']
        }
      }
      /** @description Unsupported Content-Type (`unsupported-media-type`) */
      415: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnsupportedMediaTypeProblem']
        }
      }
      /** @description A domain rule is broken (`rule-violated`); `errors` lists every place at fault */
      422: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RuleViolatedProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  getSurvey: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
        /** @description Unit code (listed by the period) */
        unit: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The unit's satisfaction */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "index": 85,
           *       "respondents": 20,
           *       "elements": [
           *         {
           *           "code": "access",
           *           "index": 85
           *         }
           *       ],
           *       "questions": [
           *         {
           *           "code": "A1",
           *           "rate": 85,
           *           "valid": 20
           *         },
           *         {
           *           "code": "A2",
           *           "rate": 85,
           *           "valid": 20
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['Satisfaction']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  putSurveyCounts: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
        /** @description Unit code (listed by the period) */
        unit: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['SurveyCountsInput']
      }
    }
    responses: {
      /** @description The unit's satisfaction */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "index": 85,
           *       "respondents": 20,
           *       "elements": [
           *         {
           *           "code": "access",
           *           "index": 85
           *         }
           *       ],
           *       "questions": [
           *         {
           *           "code": "A1",
           *           "rate": 85,
           *           "valid": 20
           *         },
           *         {
           *           "code": "A2",
           *           "rate": 85,
           *           "valid": 20
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['Satisfaction']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description The current state forbids it */
      409: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ConflictProblem']
        }
      }
      /** @description A domain rule is broken (`rule-violated`); `errors` lists every place at fault */
      422: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RuleViolatedProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  appendSurveyResponses: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
        /** @description Unit code (listed by the period) */
        unit: string
      }
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['SurveyResponsesInput']
      }
    }
    responses: {
      /** @description What was stored, and the unit's satisfaction */
      200: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "accepted": 2,
           *       "duplicates": [],
           *       "index": 75,
           *       "respondents": 2,
           *       "elements": [
           *         {
           *           "code": "access",
           *           "index": 75
           *         }
           *       ],
           *       "questions": [
           *         {
           *           "code": "A1",
           *           "rate": 50,
           *           "valid": 2
           *         },
           *         {
           *           "code": "A2",
           *           "rate": 100,
           *           "valid": 2
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['SurveyResponsesResult']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description The current state forbids it */
      409: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ConflictProblem']
        }
      }
      /** @description The body is over the limit (`payload-too-large`) */
      413: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['PayloadTooLargeProblem']
        }
      }
      /** @description A domain rule is broken (`rule-violated`); `errors` lists every place at fault */
      422: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RuleViolatedProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  getResults: {
    parameters: {
      query?: {
        /** @description The representation; wins over `Accept` */
        format?: 'json' | 'csv' | 'xlsx' | 'svg' | 'html'
        /** @description Only this group's units and statistics; ranks are unchanged */
        group?: string
        /** @description An earlier publication, by number */
        snapshot?: number
      }
      header?: {
        /** @description The `ETag` of the copy held: when it still matches, the answer is 304 without a body */
        'if-none-match'?: string
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Period code */
        period: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description The results */
      200: {
        headers: {
          /** @description For CSV and XLSX: `attachment; filename="ket-qua-cchc_{period}[_{group}][_cong-bo-{n}].{csv|xlsx}"` */
          'Content-Disposition'?: string
          /** @description Strong entity tag of this representation: send it back in `If-None-Match` (reads) or `If-Match` (writes) */
          ETag?: string
          /** @description Live results: `no-store`; the current publication: `private, no-cache` (revalidate with the ETag); `?snapshot=n`: `private, max-age=31536000, immutable` */
          'Cache-Control'?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "period": {
           *         "code": "2018",
           *         "name": "Chỉ số CCHC năm 2018",
           *         "year": 2018,
           *         "status": "published"
           *       },
           *       "group": null,
           *       "snapshot": {
           *         "number": 1,
           *         "publishedAt": "2019-01-15T16:57:41.104Z",
           *         "hash": "sha256:e3b080fc80ab72a998bb6c9e1853a50c901c77af9e8deef63e04bd52caf74b15"
           *       },
           *       "statistics": {
           *         "count": 2,
           *         "mean": 85,
           *         "median": 85,
           *         "stddev": 5,
           *         "min": {
           *           "value": 80,
           *           "units": [
           *             "xa-phu-my"
           *           ]
           *         },
           *         "max": {
           *           "value": 90,
           *           "units": [
           *             "phong-noi-vu"
           *           ]
           *         },
           *         "bands": {
           *           "excellent": 1,
           *           "good": 1,
           *           "fair": 0,
           *           "average": 0,
           *           "weak": 0
           *         }
           *       },
           *       "satisfaction": {
           *         "count": 2,
           *         "mean": 80,
           *         "median": 80,
           *         "stddev": 5,
           *         "min": {
           *           "value": 75,
           *           "units": [
           *             "xa-phu-my"
           *           ]
           *         },
           *         "max": {
           *           "value": 85,
           *           "units": [
           *             "phong-noi-vu"
           *           ]
           *         }
           *       },
           *       "items": [
           *         {
           *           "unit": {
           *             "code": "phong-noi-vu",
           *             "name": "Phòng Nội vụ",
           *             "group": "phong"
           *           },
           *           "points": 9,
           *           "maxPoints": 10,
           *           "index": 90,
           *           "band": {
           *             "code": "excellent",
           *             "label": "Xuất sắc"
           *           },
           *           "rank": {
           *             "position": 1,
           *             "of": 2,
           *             "tied": false
           *           },
           *           "groupRank": {
           *             "position": 1,
           *             "of": 1,
           *             "tied": false
           *           },
           *           "satisfaction": {
           *             "index": 85,
           *             "rank": {
           *               "position": 1,
           *               "of": 2,
           *               "tied": false
           *             }
           *           },
           *           "provisional": false
           *         },
           *         {
           *           "unit": {
           *             "code": "xa-phu-my",
           *             "name": "UBND xã Phú Mỹ",
           *             "group": "xa"
           *           },
           *           "points": 8,
           *           "maxPoints": 10,
           *           "index": 80,
           *           "band": {
           *             "code": "good",
           *             "label": "Tốt"
           *           },
           *           "rank": {
           *             "position": 2,
           *             "of": 2,
           *             "tied": false
           *           },
           *           "groupRank": {
           *             "position": 1,
           *             "of": 1,
           *             "tied": false
           *           },
           *           "satisfaction": {
           *             "index": 75,
           *             "rank": {
           *               "position": 2,
           *               "of": 2,
           *               "tied": false
           *             }
           *           },
           *           "provisional": false
           *         }
           *       ]
           *     }
           */
          'application/json': components['schemas']['Results']
          'text/csv': string
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': string
          'image/svg+xml': string
          'text/html': string
        }
      }
      /** @description Not modified: the publication held is current */
      304: {
        headers: {
          /** @description Strong entity tag of this representation: send it back in `If-None-Match` (reads) or `If-Match` (writes) */
          ETag?: string
          /** @description Live results: `no-store`; the current publication: `private, no-cache` (revalidate with the ETag); `?snapshot=n`: `private, max-age=31536000, immutable` */
          'Cache-Control'?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description Not acceptable (`not-acceptable`) */
      406: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotAcceptableProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  listEvents: {
    parameters: {
      query?: {
        /** @description Only events after this id (exclusive) */
        after?: number
        /** @description Page size, 1 to 1000 */
        limit?: number
      }
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description A page of events */
      200: {
        headers: {
          /** @description RFC 8288 `<…>; rel="next"`: the URL of the next page, beside the body's `next` (absent on the last page) */
          Link?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": 42,
           *           "type": "period.status_changed",
           *           "at": "2019-01-15T09:30:00.000Z",
           *           "period": "2018",
           *           "data": {
           *             "from": "appraisal",
           *             "to": "published",
           *             "reason": null
           *           }
           *         }
           *       ],
           *       "next": null
           *     }
           */
          'application/json': components['schemas']['EventPage']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  listWebhooks: {
    parameters: {
      query?: {
        /** @description Page size, 1 to 1000 */
        limit?: number
        /** @description The `next` value of the previous page */
        cursor?: string
      }
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description A page of webhooks */
      200: {
        headers: {
          /** @description RFC 8288 `<…>; rel="next"`: the URL of the next page, beside the body's `next` (absent on the last page) */
          Link?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": "6f1c2a4e-8d3b-4f5a-9c7e-1b2d3e4f5a6b",
           *           "url": "https://hooks.example.vn/cchc",
           *           "events": [
           *             "period.status_changed"
           *           ],
           *           "createdAt": "2019-01-15T08:00:00.000Z"
           *         }
           *       ],
           *       "next": null
           *     }
           */
          'application/json': components['schemas']['WebhookPage']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  createWebhook: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path?: never
      cookie?: never
    }
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookInput']
      }
    }
    responses: {
      /** @description Registered; `secret` is shown this once */
      201: {
        headers: {
          /** @description The URL of the created resource */
          Location?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "id": "6f1c2a4e-8d3b-4f5a-9c7e-1b2d3e4f5a6b",
           *       "url": "https://hooks.example.vn/cchc",
           *       "events": [
           *         "period.status_changed"
           *       ],
           *       "createdAt": "2019-01-15T08:00:00.000Z",
           *       "secret": "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw9DqFnM1ZsDk="
           *     }
           */
          'application/json': components['schemas']['WebhookWithSecret']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description A domain rule is broken (`rule-violated`); `errors` lists every place at fault */
      422: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RuleViolatedProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  deleteWebhook: {
    parameters: {
      query?: never
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Webhook id */
        webhook: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description Removed */
      204: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content?: never
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
  listWebhookDeliveries: {
    parameters: {
      query?: {
        /** @description Page size, 1 to 1000 */
        limit?: number
        /** @description The `next` value of the previous page */
        cursor?: string
      }
      header?: {
        /** @description An id for this request (a plain token of up to 128 characters), answered back and logged */
        'x-request-id'?: components['parameters']['RequestId']
      }
      path: {
        /** @description Webhook id */
        webhook: string
      }
      cookie?: never
    }
    requestBody?: never
    responses: {
      /** @description A page of deliveries */
      200: {
        headers: {
          /** @description RFC 8288 `<…>; rel="next"`: the URL of the next page, beside the body's `next` (absent on the last page) */
          Link?: string
          'x-request-id': components['headers']['RequestId']
          'RateLimit-Remaining': components['headers']['RateLimitRemaining']
          [name: string]: unknown
        }
        content: {
          /**
           * @example {
           *       "items": [
           *         {
           *           "id": 7,
           *           "event": 42,
           *           "type": "period.status_changed",
           *           "status": "delivered",
           *           "attempts": 2,
           *           "lastAttemptAt": "2019-01-15T09:30:05.120Z",
           *           "nextAttemptAt": null,
           *           "responseStatus": 204,
           *           "error": null,
           *           "deliveredAt": "2019-01-15T09:30:05.180Z"
           *         }
           *       ],
           *       "next": null
           *     }
           */
          'application/json': components['schemas']['DeliveryPage']
        }
      }
      /** @description The request does not match the schema (`invalid-request`, `malformed-json`) */
      400: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['BadRequestProblem']
        }
      }
      /** @description No valid bearer token (`unauthorized`) */
      401: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'WWW-Authenticate': components['headers']['WWWAuthenticate']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['UnauthorizedProblem']
        }
      }
      /** @description The role may not do this (`forbidden`) */
      403: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['ForbiddenProblem']
        }
      }
      /** @description Not found (`not-found`) */
      404: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['NotFoundProblem']
        }
      }
      /** @description Rate limit reached (`rate-limited`) */
      429: {
        headers: {
          'x-request-id': components['headers']['RequestId']
          'Retry-After': components['headers']['RetryAfter']
          [name: string]: unknown
        }
        content: {
          'application/problem+json': components['schemas']['RateLimitedProblem']
        }
      }
    }
  }
}

import type { FastifyInstance, FastifyReply } from 'fastify'
import type { Identity } from '../../domain/access.js'
import type { ScoreRowInput } from '../../domain/score-rules.js'
import { ETAG } from '../../http/headers.js'
import { jsonResponse, problemResponses } from '../../http/responses.js'
import { scorecardEtag } from './scorecard.js'
import { ScoresResult } from './schemas.js'
import { writeScores } from './service.js'

/** The If-Match header of a unit's merge writes (`PUT …/scores`, `PUT …/indicators`). */
export const IfMatchHeaders = {
  type: 'object',
  properties: {
    'if-match': {
      type: 'string',
      description: 'ETag(s) of the scorecard this write is based on (`*` matches any): 412 when none matches',
    },
  },
} as const

/** What a unit's merge write answers: the counts and the scorecard with its ETag, or a problem. */
export const unitWriteResponses = () => ({
  200: jsonResponse("Written (or unchanged): counts and the unit's scorecard", ScoresResult, { ETag: ETAG }),
  ...problemResponses(400, 404, 409, 412, 422),
})

export interface UnitWrite {
  params: { period: string; unit: string }
  ifMatch: string | string[] | undefined
  identity: Identity
  rows: readonly ScoreRowInput[]
  reason: string | null
  /** The body member holding the rows, for the problems' pointers. */
  member: 'scores' | 'indicators'
}

/** One unit's merge write through the score write path, answered with its counts and scorecard. */
export async function answerUnitWrite(app: FastifyInstance, reply: FastifyReply, write: UnitWrite) {
  const { period, unit } = write.params
  const result = await writeScores(app.db, app.changes, {
    period,
    identity: write.identity,
    rows: write.rows.map((input) => ({ unit, input })),
    reason: write.reason,
    dryRun: false,
    scope: {
      kind: 'unit',
      unit,
      member: write.member,
      ...(typeof write.ifMatch === 'string' ? { ifMatch: write.ifMatch } : {}),
    },
  })
  app.metrics.importedRows(write.member, result.rows)
  const scorecard = result.scorecard!
  reply.header('etag', scorecardEtag(scorecard))
  return { summary: { created: result.created, updated: result.updated, unchanged: result.unchanged }, scorecard }
}

import { CompiledQuery, type Kysely } from 'kysely'
import { from as copyFrom } from 'pg-copy-streams'
import type { Database } from '../../db/schema.js'

/**
 * `COPY … FROM STDIN` on the connection of a Kysely database or transaction (pg-copy-streams).
 *
 * Kysely hands a compiled query's `sql` to pg's `client.query` as it is, and pg runs any object with a
 * `submit` method (a "submittable", as pg-copy-streams' stream is) in the connection's turn, returning
 * it. The stream is made awaitable, resolving as a query result once the server has completed the
 * COPY, so the statement runs on the transaction's own connection, in order with its other statements,
 * and a failure (a CopyFail or a server error) rejects like any statement's and aborts the transaction.
 */
export async function copyIn(db: Kysely<Database>, statement: string, data: string): Promise<number> {
  const stream = copyFrom(statement)
  const done = new Promise<{ command: string; rowCount: number; rows: [] }>((resolve, reject) => {
    stream.once('finish', () => resolve({ command: 'COPY', rowCount: stream.rowCount, rows: [] }))
    stream.once('error', reject)
  })
  const submittable = Object.assign(stream, { then: done.then.bind(done) })
  const executed = db.executeQuery(CompiledQuery.raw(submittable as unknown as string))
  stream.end(data)
  await executed
  return stream.rowCount
}

const ESCAPED = /[\\\t\n\r]/

/** One value in COPY's text format: `\N` for null; backslash, tab, newline and carriage return escaped. */
export function copyText(value: string | number | boolean | null): string {
  if (value === null) return '\\N'
  if (typeof value === 'boolean') return value ? 't' : 'f'
  if (typeof value === 'number') return String(value)
  // Most values (codes, decimals) have nothing to escape: testing first spares building a new string.
  if (!ESCAPED.test(value)) return value
  return value.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
}

/** One row in COPY's text format, ending with a newline. */
export const copyLine = (values: ReadonlyArray<string | number | boolean | null>): string =>
  `${values.map(copyText).join('\t')}\n`

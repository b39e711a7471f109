import { once } from 'node:events'
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
  const copy = openCopy(db, statement)
  await copy.write(data)
  return copy.end()
}

/** A `COPY … FROM STDIN` left open: its data is written as it is made, then it is ended (or aborted). */
export interface OpenCopy {
  /** Sends data; resolves once the stream may take more (backpressure), so memory stays bounded. */
  write(data: string | Buffer): Promise<void>
  /** Completes the COPY: resolves with its row count once the server has it all. */
  end(): Promise<number>
  /** Abandons the COPY (a CopyFail): the statement fails, and the connection is free for the rollback. */
  abort(error: Error): Promise<void>
}

/**
 * `COPY … FROM STDIN` as copyIn runs it, but fed a piece at a time: one statement for the rows of a
 * whole write, rather than one per chunk with its round trips. The connection runs nothing else until
 * the COPY is ended or aborted, so a caller that fails meanwhile must abort it before rolling back.
 */
export function openCopy(db: Kysely<Database>, statement: string): OpenCopy {
  const stream = copyFrom(statement)
  const done = new Promise<{ command: string; rowCount: number; rows: [] }>((resolve, reject) => {
    stream.once('finish', () => resolve({ command: 'COPY', rowCount: stream.rowCount, rows: [] }))
    stream.once('error', reject)
  })
  const submittable = Object.assign(stream, { then: done.then.bind(done) })
  const executed = db.executeQuery(CompiledQuery.raw(submittable as unknown as string))
  executed.catch(() => {}) // awaited by end() or abort()
  return {
    async write(data) {
      if (stream.write(data)) return
      await Promise.race([once(stream, 'drain'), executed])
    },
    async end() {
      stream.end()
      await executed
      return stream.rowCount
    },
    async abort(error) {
      stream.destroy(error)
      await executed.catch(() => {})
    },
  }
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

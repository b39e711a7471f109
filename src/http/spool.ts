import { randomBytes } from 'node:crypto'
import { createReadStream, createWriteStream, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { AppError } from './problems.js'

export interface SpoolOptions {
  /** Bytes past which the body is refused (413). */
  limit: number
  /** Aborted when the service shuts down: a body still arriving then answers 503. */
  signal?: AbortSignal | undefined
  /** Milliseconds the whole body may take to arrive (0: no limit); past it, 408. */
  timeoutMs: number
  /** When it closes (the response is done, or the client went away), the file is removed. */
  until: NodeJS.EventEmitter
}

function byteLimit(limit: number): Transform {
  let seen = 0
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      seen += chunk.length
      if (seen > limit)
        done(new AppError('payload-too-large', `The body is larger than this route accepts (${limit} bytes)`))
      else done(null, chunk)
    },
  })
}

/** 408, as the error handler answers a client error of its own status (a problem of type invalid-request). */
function tooSlow(timeoutMs: number): Error {
  return Object.assign(new Error(`The body did not arrive within ${timeoutMs} ms`), { statusCode: 408 })
}

/** A body received whole into a temporary file, removed once the response is done. */
export interface SpooledBody {
  /** A stream of the whole body, from its first byte; each call opens another (a reader may start again). */
  open(): Readable
}

/**
 * Receives a streamed body whole into a temporary file before anything touches the database, and
 * answers the means to read that file. A client that sends slowly then holds neither a database
 * connection nor a lock while it sends (REQUEST_TIMEOUT_MS bounds how long it may take), and memory
 * does not grow with the body.
 */
export async function spoolBody(body: Readable, options: SpoolOptions): Promise<SpooledBody> {
  const path = join(tmpdir(), `cchc-body-${process.pid}-${randomBytes(6).toString('hex')}`)
  const remove = () => rmSync(path, { force: true })
  options.until.once('close', remove)
  const late = new AbortController()
  const timer = options.timeoutMs > 0 ? setTimeout(() => late.abort(), options.timeoutMs) : undefined
  const signal = options.signal ? AbortSignal.any([options.signal, late.signal]) : late.signal
  try {
    await pipeline(body, byteLimit(options.limit), createWriteStream(path, { mode: 0o600 }), { signal })
  } catch (error) {
    remove()
    if (late.signal.aborted) throw tooSlow(options.timeoutMs)
    if (options.signal?.aborted)
      throw new AppError('unavailable', 'The service is shutting down; send the request again', {
        headers: { 'retry-after': '5' },
      })
    throw error
  } finally {
    clearTimeout(timer)
  }
  return { open: () => createReadStream(path) }
}

// Diagnostics only (BENCH_TRACE_SQL=1): preloaded into the service with `node --import`, it times every
// statement the pg driver sends and writes one JSON line per statement that took at least
// BENCH_TRACE_SQL_MS (default 20) to stderr: start and end (ms since the process started), duration,
// rows, and the head of the SQL. Gaps between the statements of one request are time spent in Node.
// Plain JavaScript on purpose: the service runs on plain node, without tsx.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const pg = require('pg')
const threshold = Number(process.env.BENCH_TRACE_SQL_MS ?? '20')
const original = pg.Client.prototype.query

pg.Client.prototype.query = function tracedQuery(...args) {
  const result = original.apply(this, args)
  if (!result || typeof result.then !== 'function') return result
  const first = args[0]
  const text =
    typeof first === 'string' ? first : first && typeof first.text === 'string' ? first.text : '(query object)'
  const start = performance.now()
  const report = (outcome, rows) => {
    const end = performance.now()
    if (end - start < threshold) return
    process.stderr.write(
      `${JSON.stringify({
        sqlTrace: true,
        startMs: Math.round(start),
        endMs: Math.round(end),
        ms: Math.round((end - start) * 10) / 10,
        outcome,
        rows,
        params: Array.isArray(args[1]) ? args[1].length : 0,
        paramChars: Array.isArray(args[1])
          ? args[1].reduce((n, p) => n + (typeof p === 'string' ? p.length : 0), 0)
          : 0,
        sql: text.replace(/\s+/g, ' ').trim().slice(0, 160),
      })}\n`,
    )
  }
  result.then(
    (r) => report('ok', r && typeof r.rowCount === 'number' ? r.rowCount : null),
    () => report('error', null),
  )
  return result
}

import type pg from 'pg'

/**
 * Watches a long-lived connection (the change feed's LISTEN) that otherwise only ever receives: a
 * round trip (`select 1`) every `intervalMs`, which must answer within `intervalMs` too (1 s at least).
 * A connection that stalled silently (a hung server, a network dropping packets) is reported with
 * `onStall`, once; TCP keepalive on the socket catches what lies between two checks. Answers a stop
 * function.
 */
export function watchConnection(client: pg.Client, intervalMs: number, onStall: (why: string) => void): () => void {
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  const stall = (why: string) => {
    if (stopped) return
    stopped = true
    onStall(why)
  }
  const check = () => {
    if (stopped) return
    const timeoutMs = Math.max(1_000, intervalMs)
    const deadline = setTimeout(() => stall(`no answer to a round trip within ${timeoutMs} ms`), timeoutMs)
    deadline.unref()
    client.query('select 1').then(
      () => {
        clearTimeout(deadline)
        schedule()
      },
      (error: unknown) => {
        clearTimeout(deadline)
        stall(`round trip failed: ${(error as Error).message}`)
      },
    )
  }
  const schedule = () => {
    if (stopped) return
    timer = setTimeout(check, intervalMs)
    timer.unref()
  }
  schedule()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}

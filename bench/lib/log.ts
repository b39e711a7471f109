/** Progress goes to stderr, so that stdout holds only the figures (JSON lines) and the summary. */
const started = Date.now()

export function log(message: string): void {
  const elapsed = ((Date.now() - started) / 1000).toFixed(1).padStart(6)
  process.stderr.write(`[bench ${elapsed}s] ${message}\n`)
}

/** Milliseconds since `start` (from performance.now()), as seconds with three decimals. */
export const secondsSince = (start: number): number => Math.round(performance.now() - start) / 1000

/** A positive number from the environment, or the fallback; anything else stops the run. */
export function envNumber(name: string, fallback: number): number {
  const raw = process.env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number (got ${JSON.stringify(raw)})`)
  return value
}

export const envFlag = (name: string): boolean => ['1', 'true', 'yes'].includes((process.env[name] ?? '').toLowerCase())

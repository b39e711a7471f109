/** Small summaries of repeated measurements, shared by the benchmarks. */

export const median = (values: readonly number[]): number => {
  if (values.length === 0) throw new Error('median of no value')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

export const max = (values: readonly number[]): number => values.reduce((a, b) => Math.max(a, b), -Infinity)
export const min = (values: readonly number[]): number => values.reduce((a, b) => Math.min(a, b), Infinity)

export const round2 = (x: number): number => Math.round(x * 100) / 100

/** Milliseconds as seconds, three decimals. */
export const seconds = (ms: number): number => Math.round(ms) / 1000

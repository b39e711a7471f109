import { readFileSync } from 'node:fs'

export interface ProcessMemory {
  /** Peak resident set size since the process started (VmHWM), in bytes. */
  peakRssBytes: number
  /** Resident set size now (VmRSS), in bytes. */
  rssBytes: number
}

/** Reads /proc/<pid>/status (Linux); null when the process is gone or /proc is not there. */
export function readProcessMemory(pid: number): ProcessMemory | null {
  let status: string
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return null
  }
  const kb = (field: string): number | null => {
    const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB$`, 'm').exec(status)
    return match ? Number(match[1]) * 1024 : null
  }
  const peak = kb('VmHWM')
  const rss = kb('VmRSS')
  return peak === null || rss === null ? null : { peakRssBytes: peak, rssBytes: rss }
}

/** Megabytes of 10^6 bytes, one decimal. */
export const megabytes = (bytes: number): number => Math.round(bytes / 100_000) / 10

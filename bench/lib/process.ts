import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { log } from './log.js'

/**
 * Child processes and clean-up for the benchmarks: every child started here is tracked and killed when
 * the bench process leaves (normal end, error, Ctrl-C, watchdog), and clean-up steps (stop a server,
 * drop a database) run in reverse order of registration, each bounded in time.
 */

const children = new Set<ChildProcess>()

export const isRunning = (child: ChildProcess): boolean => child.exitCode === null && child.signalCode === null

/** Starts a child process that is SIGKILLed at the latest when this process exits. */
export function spawnTracked(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  const child = spawn(command, args, options)
  children.add(child)
  child.once('exit', () => children.delete(child))
  child.once('error', () => children.delete(child))
  return child
}

/** The last resort, synchronous: 'exit' handlers cannot wait for anything. */
function killAllChildren(): void {
  for (const child of children) {
    if (isRunning(child)) child.kill('SIGKILL')
  }
}
process.on('exit', killAllChildren)

/** Resolves with the exit code (or signal name) once the child exits, or with null after `ms`. */
export function waitForExit(child: ChildProcess, ms: number): Promise<number | string | null> {
  if (!isRunning(child)) return Promise.resolve(child.exitCode ?? child.signalCode)
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit)
      resolve(null)
    }, ms)
    const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
      clearTimeout(timer)
      resolve(code ?? signal)
    }
    child.once('exit', onExit)
  })
}

/** SIGTERM, then SIGKILL after `graceMs`. Resolves with how the child ended. */
export async function terminate(child: ChildProcess, graceMs = 15_000): Promise<number | string | null> {
  if (!isRunning(child)) return child.exitCode ?? child.signalCode
  child.kill('SIGTERM')
  const ended = await waitForExit(child, graceMs)
  if (ended !== null) return ended
  log(`child ${child.pid} ignored SIGTERM for ${graceMs} ms: SIGKILL`)
  child.kill('SIGKILL')
  return waitForExit(child, 5_000)
}

export interface CommandResult {
  code: number | string | null
  output: string
}

/** Runs a command to its end (at most `timeoutMs`), collecting stdout and stderr together. */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs: number; env?: NodeJS.ProcessEnv },
): Promise<CommandResult> {
  const child = spawnTracked(command, args, {
    cwd: options.cwd,
    env: options.env ?? process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const collect = (chunk: Buffer): void => {
    output += chunk.toString('utf8')
    if (output.length > 200_000) output = output.slice(-100_000)
  }
  child.stdout?.on('data', collect)
  child.stderr?.on('data', collect)
  const failedToStart = new Promise<CommandResult>((resolve) =>
    child.once('error', (error) => resolve({ code: 'spawn-error', output: String(error) })),
  )
  const ended = waitForExit(child, options.timeoutMs).then(async (code) => {
    if (code !== null) return { code, output }
    await terminate(child, 5_000)
    return { code: 'timeout', output }
  })
  return Promise.race([ended, failedToStart])
}

type Cleanup = { name: string; fn: () => Promise<void> | void }
const cleanups: Cleanup[] = []

/** Registers a clean-up step; the returned function runs it now (once) and unregisters it. */
export function defer(name: string, fn: () => Promise<void> | void): () => Promise<void> {
  const entry: Cleanup = { name, fn }
  cleanups.push(entry)
  return async () => {
    const at = cleanups.indexOf(entry)
    if (at === -1) return
    cleanups.splice(at, 1)
    await runBounded(entry)
  }
}

const CLEANUP_TIMEOUT_MS = 30_000

async function runBounded(entry: Cleanup): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      Promise.resolve().then(entry.fn),
      new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${CLEANUP_TIMEOUT_MS} ms`)), CLEANUP_TIMEOUT_MS)
      }),
    ])
  } catch (error) {
    log(`clean-up "${entry.name}" failed: ${error instanceof Error ? error.message : String(error)}`)
  } finally {
    clearTimeout(timer)
  }
}

let cleaning: Promise<void> | null = null

/**
 * Runs every registered clean-up step, newest first, then kills any child left. One pass at a time: a
 * caller arriving meanwhile (a signal during the end of a benchmark) waits for the pass under way.
 */
export function cleanupAll(): Promise<void> {
  cleaning ??= (async () => {
    try {
      while (cleanups.length > 0) await runBounded(cleanups.pop()!)
      killAllChildren()
    } finally {
      cleaning = null
    }
  })()
  return cleaning
}

let exiting: { code: number; cleanup: Promise<void> } | null = null

/**
 * Cleans up, then exits: at the end of the run, on signals, on the watchdog. The first caller's exit
 * code wins, and a later caller waits for the clean-up already under way instead of cutting it short.
 */
export async function cleanupAndExit(code: number, reason: string): Promise<never> {
  if (exiting === null) {
    log(reason)
    exiting = { code, cleanup: cleanupAll() }
  }
  await exiting.cleanup
  process.exit(exiting.code)
}

/** True once a signal or the watchdog has asked the run to stop. */
export const stopping = (): boolean => exiting !== null

/** Ctrl-C, SIGTERM and a global time limit all end the run the same way: clean up, then exit. */
export function installExitHandlers(timeLimitSeconds: number): () => void {
  const onSigint = (): void => void cleanupAndExit(130, 'SIGINT: cleaning up')
  const onSigterm = (): void => void cleanupAndExit(143, 'SIGTERM: cleaning up')
  process.once('SIGINT', onSigint)
  process.once('SIGTERM', onSigterm)
  const watchdog = setTimeout(
    () => void cleanupAndExit(124, `the run exceeded BENCH_TIMEOUT_S=${timeLimitSeconds}: cleaning up`),
    timeLimitSeconds * 1000,
  )
  watchdog.unref()
  return () => {
    clearTimeout(watchdog)
    process.off('SIGINT', onSigint)
    process.off('SIGTERM', onSigterm)
  }
}

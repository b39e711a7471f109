import { readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs'
import { connect, createServer, type Server } from 'node:net'
import { join } from 'node:path'

/**
 * One service process per DATA_DIR. Two processes writing to one embedded cluster is how data was lost
 * with the former in-process database; with a PostgreSQL server the second one would also stop the
 * first one's server as an "orphan". So a process owns DATA_DIR before it touches the cluster.
 *
 * The lock is a listening Unix socket, not a pid file: the kernel frees it when its process dies, however
 * it dies (a SIGKILL leaves no stale lock to guess about, and a recycled pid cannot look like a live
 * owner). On Linux the socket is in the abstract namespace, named after the directory's device and inode
 * (so every path to the directory names the same lock, and nothing is left on disk); elsewhere it is a
 * socket file in DATA_DIR, removed when nobody answers on it. The owner answers a connection with its pid,
 * which the refusal names; `owner.pid` also records it for operators.
 */

export class DataDirInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly ownerPid: number | null,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another cchc-index process` +
        `${ownerPid === null ? '' : ` (pid ${ownerPid})`}: one process serves an embedded database; ` +
        'stop that one or give this one another DATA_DIR',
    )
  }
}

export interface OwnerLock {
  release(): Promise<void>
}

const OWNER_FILE = 'owner.pid'
const ASK_TIMEOUT_MS = 2_000

function lockAddress(dataDir: string): string {
  if (process.platform === 'linux') {
    const { dev, ino } = statSync(dataDir)
    return `\0cchc-index-owner:${dev}:${ino}`
  }
  return join(dataDir, 'owner.sock')
}

function listen(server: Server, address: string): Promise<NodeJS.ErrnoException | null> {
  return new Promise((resolve) => {
    const onError = (error: NodeJS.ErrnoException) => resolve(error)
    server.once('error', onError)
    server.listen(address, () => {
      server.off('error', onError)
      resolve(null)
    })
  })
}

/** Asks the owner for its pid; null when nobody answers (a socket file left by a dead process). */
function askOwner(address: string): Promise<{ answered: boolean; pid: number | null }> {
  return new Promise((resolve) => {
    let text = ''
    const socket = connect(address)
    const done = (answered: boolean) => {
      socket.destroy()
      const pid = Number.parseInt(text, 10)
      resolve({ answered, pid: Number.isSafeInteger(pid) && pid > 0 ? pid : null })
    }
    socket.setTimeout(ASK_TIMEOUT_MS, () => done(true))
    socket.on('data', (chunk) => (text += chunk.toString('utf8')))
    socket.on('end', () => done(true))
    socket.on('error', (error: NodeJS.ErrnoException) => done(error.code !== 'ECONNREFUSED' && error.code !== 'ENOENT'))
  })
}

function recordedOwner(dataDir: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(join(dataDir, OWNER_FILE), 'utf8'), 10)
    return Number.isSafeInteger(pid) && pid > 0 ? pid : null
  } catch {
    return null
  }
}

/**
 * Takes DATA_DIR (which must exist) for this process, or throws DataDirInUseError naming the owner's pid.
 * The lock does not keep the process alive; release() frees it (so does the process's death).
 */
export async function acquireOwnerLock(dataDir: string): Promise<OwnerLock> {
  const address = lockAddress(dataDir)
  const server = createServer((socket) => socket.end(String(process.pid)))
  let error = await listen(server, address)
  if (error?.code === 'EADDRINUSE') {
    const owner = await askOwner(address)
    if (owner.answered) throw new DataDirInUseError(dataDir, owner.pid ?? recordedOwner(dataDir))
    // Only a socket file can be left behind: its process died without removing it.
    rmSync(address, { force: true })
    error = await listen(server, address)
    if (error?.code === 'EADDRINUSE') throw new DataDirInUseError(dataDir, recordedOwner(dataDir))
  }
  if (error) throw error
  server.unref()
  writeFileSync(join(dataDir, OWNER_FILE), `${process.pid}\n`)
  return {
    release: async () => {
      if (recordedOwner(dataDir) === process.pid) {
        try {
          unlinkSync(join(dataDir, OWNER_FILE))
        } catch {
          // already gone
        }
      }
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

import { AppError } from './problems.js'
import { unstorableText } from './text.js'

/** A sort key of two numbers (the audit's batch and place in it). */
export type Pair = readonly [number, number]
type CursorKey = string | number | Pair

/**
 * Cursors are opaque to clients: the sort key of the last item of a page, base64url-encoded, so a page
 * boundary stays stable while rows are added.
 */
function encodeCursor(key: CursorKey): string {
  return Buffer.from(JSON.stringify(typeof key === 'object' ? key : [key]), 'utf8').toString('base64url')
}

/** The keys a list is sorted by: numeric ids (bigint columns), codes, UUIDs, and pairs of numbers. */
export type CursorKind = 'string' | 'number' | 'uuid' | 'pair'

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Only a key this service could have given out: a cursor goes into a query compared with the key column. */
function isKey(key: unknown, kind: CursorKind): boolean {
  if (kind === 'number') return Number.isSafeInteger(key) && (key as number) >= 0
  if (typeof key !== 'string' || key.length > 200 || unstorableText(key) !== null) return false
  return kind === 'uuid' ? uuid.test(key) : true
}

function decodeCursor<T extends CursorKey>(cursor: string | undefined, kind: CursorKind): T | undefined {
  if (cursor === undefined) return undefined
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    if (kind === 'pair') {
      if (Array.isArray(parsed) && parsed.length === 2 && parsed.every((n) => isKey(n, 'number')))
        return parsed as unknown as T
    } else if (Array.isArray(parsed) && parsed.length === 1 && isKey(parsed[0], kind)) return parsed[0] as T
  } catch {
    // falls through to the problem below
  }
  throw new AppError('invalid-request', 'The cursor is not one this service gave out', {
    errors: [{ pointer: '/query/cursor', code: 'cursor', message: 'is not a valid cursor' }],
  })
}

/** Splits a page fetched with limit + 1 rows into the items and the next cursor. */
export function page<T>(rows: T[], limit: number, key: (row: T) => CursorKey): { items: T[]; next: string | null } {
  const items = rows.slice(0, limit)
  const last = items[items.length - 1]
  return { items, next: rows.length > limit && last !== undefined ? encodeCursor(key(last)) : null }
}

type KeyKind<K> = K extends Pair ? 'pair' : K extends number ? 'number' : 'string' | 'uuid'

/** The rows a list fetches: after the cursor's key (when there is one), at most `limit`. */
export interface PageWindow<K> {
  after?: K
  limit: number
}

/**
 * One page of a keyset-paginated list: fetches `limit + 1` rows after the cursor's key (100 by default)
 * and answers the items with the next page's cursor.
 */
export async function listPage<T, K extends CursorKey>(
  query: { limit?: number; cursor?: string },
  keyKind: KeyKind<K>,
  fetch: (window: PageWindow<K>) => Promise<T[]>,
  key: (row: T) => K,
): Promise<{ items: T[]; next: string | null }> {
  const limit = query.limit ?? 100
  const after = decodeCursor<K>(query.cursor, keyKind)
  const rows = await fetch({ limit: limit + 1, ...(after !== undefined ? { after } : {}) })
  return page(rows, limit, key)
}

import type { ProblemError } from './problems.js'

/** How many places one problem lists (the same cap as score writes and imports, docs/api.md). */
export const MAX_LISTED_TEXT_ISSUES = 1000

const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1')

// In Unicode mode a surrogate pair is one code point: only a lone surrogate is of category Cs.
const loneSurrogate = /\p{Cs}/u

/**
 * Why a text cannot be stored, or null when it can: PostgreSQL text holds no NUL character, and a lone
 * UTF-16 surrogate is no Unicode character (JSON allows `\ud800`, UTF-8 and jsonb do not).
 */
export function unstorableText(text: string): string | null {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000)'
  if (loneSurrogate.test(text)) return 'contains a lone UTF-16 surrogate, which is no Unicode character'
  return null
}

/** The children of a JSON array or object, with their pointers; a key that cannot be stored is an issue. */
function childrenOf(item: object, pointer: string, issues: ProblemError[]): Array<[unknown, string]> {
  if (Array.isArray(item)) return item.map((child: unknown, i) => [child, `${pointer}/${i}`])
  return Object.entries(item as Record<string, unknown>).map(([key, child]) => {
    const at = `${pointer}/${escapeToken(key)}`
    const why = unstorableText(key)
    if (why) issues.push({ pointer: at, code: 'invalid-character', message: `its name ${why}` })
    return [child, at]
  })
}

/**
 * Every string of a parsed JSON value (keys included) that cannot be stored, as problem places under
 * `prefix`, in document order; at most MAX_LISTED_TEXT_ISSUES. Iterative, so no nesting depth can
 * overflow the stack.
 */
export function unstorableTextIssues(value: unknown, prefix = ''): ProblemError[] {
  const issues: ProblemError[] = []
  const stack: Array<[unknown, string]> = [[value, prefix]]
  while (stack.length > 0 && issues.length < MAX_LISTED_TEXT_ISSUES) {
    const [item, pointer] = stack.pop()!
    if (typeof item === 'string') {
      const why = unstorableText(item)
      if (why) issues.push({ pointer, code: 'invalid-character', message: why })
    } else if (item !== null && typeof item === 'object') {
      stack.push(...childrenOf(item, pointer, issues).reverse())
    }
  }
  return issues.slice(0, MAX_LISTED_TEXT_ISSUES)
}

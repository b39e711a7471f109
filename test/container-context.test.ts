// The image is built from a context that .dockerignore trims. A file the Dockerfile copies but the context
// leaves out fails `docker build` only where Docker runs, which CI does not: this test reads both files.
import { existsSync, readFileSync } from 'node:fs'
import t from 'tap'

const root = new URL('..', import.meta.url)
const read = (name: string) => readFileSync(new URL(name, root), 'utf8')

/** Docker's pattern syntax, enough for this file: `**`, `*`, `?`, and a leading `!` for an exception. */
function rules(dockerignore: string): Array<{ exclude: boolean; match: RegExp }> {
  return dockerignore
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exclude = !line.startsWith('!')
      const pattern = (exclude ? line : line.slice(1)).replace(/^\/+|\/+$/g, '')
      const source = pattern
        .split(/(\*\*\/?|\*|\?)/)
        .map((part) =>
          part.startsWith('**')
            ? '(?:.*/)?'
            : part === '*'
              ? '[^/]*'
              : part === '?'
                ? '[^/]'
                : part.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
        )
        .join('')
      return { exclude, match: new RegExp(`^${source}$`) }
    })
}

/** Excluded when the last rule matching the path, or one of its parent directories, excludes it. */
function excluded(path: string, list: ReturnType<typeof rules>): boolean {
  const parts = path.split('/')
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'))
  let out = false
  for (const rule of list) if (candidates.some((c) => rule.match.test(c))) out = rule.exclude
  return out
}

/** The sources of each `COPY` from the build context (not `--from` another stage). */
function copiedFromContext(dockerfile: string): string[] {
  return dockerfile
    .split('\n')
    .filter((line) => /^COPY\s/i.test(line) && !/--from=/i.test(line))
    .flatMap((line) => line.trim().split(/\s+/).slice(1, -1))
    .filter((arg) => !arg.startsWith('--'))
    .map((source) => source.replace(/^\.\//, '').replace(/\/$/, ''))
}

t.test(
  'every file the Dockerfile copies from the build context exists and is not left out by .dockerignore',
  async (t) => {
    const sources = copiedFromContext(read('Dockerfile'))
    const list = rules(read('.dockerignore'))
    t.ok(sources.length > 0, 'the Dockerfile copies from the context')
    for (const source of sources) {
      t.ok(existsSync(new URL(source, root)), `${source} exists`)
      t.notOk(excluded(source, list), `${source} is in the build context`)
    }
  },
)

t.test('.dockerignore leaves the tests, the benchmarks and the local data out of the build context', async (t) => {
  const list = rules(read('.dockerignore'))
  for (const path of [
    'test/foundation.test.ts',
    'bench/run.ts',
    'data/pg',
    'node_modules/pg',
    '.git/HEAD',
    'README.md',
  ])
    t.ok(excluded(path, list), `${path} is left out`)
})

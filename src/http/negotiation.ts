import { AppError } from './problems.js'

/**
 * The media type to answer with, from the Accept header and what the route can produce (the first is
 * the default). Quality values are honoured; `*\/*` and `type/*` match. None acceptable: 406.
 */
export function negotiate<T extends string>(accept: string | undefined, offered: readonly [T, ...T[]]): T {
  if (!accept || accept.trim() === '') return offered[0]
  const ranges = accept
    .split(',')
    .map((part, order) => {
      const [range = '', ...params] = part.trim().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { range: range.trim().toLowerCase(), q: q ? Number(q.slice(2)) : 1, order }
    })
    .filter((r) => r.range !== '' && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q || a.order - b.order)
  for (const { range } of ranges) {
    const match = offered.find(
      (type) => range === '*/*' || range === type || (range.endsWith('/*') && type.startsWith(range.slice(0, -1))),
    )
    if (match) return match
  }
  throw new AppError('not-acceptable', `This resource is available as ${offered.join(', ')}`, {
    extensions: { available: offered },
  })
}

/**
 * Response headers as the OpenAPI document declares them (`headers` of a response entry). Kept in one
 * place so every route that sends one describes it the same way.
 */
export const ETAG = {
  type: 'string',
  description:
    'Strong entity tag of this representation: send it back in `If-None-Match` (reads) or `If-Match` (writes)',
}
export const LOCATION = { type: 'string', format: 'uri-reference', description: 'The URL of the created resource' }
export const LINK_NEXT = {
  type: 'string',
  description:
    'RFC 8288 `<…>; rel="next"`: the URL of the next page, beside the body\'s `next` (absent on the last page)',
}
export const CONTENT_DISPOSITION = {
  type: 'string',
  description: 'For CSV and XLSX: `attachment; filename="ket-qua-cchc_{period}[_{group}][_cong-bo-{n}].{csv|xlsx}"`',
}
export const CACHE_CONTROL = {
  type: 'string',
  description:
    'Live results: `no-store`; the current publication: `private, no-cache` (revalidate with the ETag); `?snapshot=n`: `private, max-age=31536000, immutable`',
}

/** The `If-None-Match` request header of conditional reads. */
export const IF_NONE_MATCH = {
  type: 'string',
  description: 'The `ETag` of the copy held: when it still matches, the answer is 304 without a body',
}

/** RFC 8288 `Link` to the next page of a list, beside the body's `next`: the same URL with `cursor` set. */
export function nextPageLink(requestUrl: string, next: string): string {
  const url = new URL(requestUrl, 'http://localhost')
  url.searchParams.set('cursor', next)
  return `<${url.pathname}${url.search}>; rel="next"`
}

/** A page of a list, answered with its `Link: <…>; rel="next"` when there is a next page. */
export function linkedPage<P extends { next: string | null }>(
  request: { url: string },
  reply: { header(name: string, value: string): unknown },
  page: P,
): P {
  if (page.next !== null) reply.header('link', nextPageLink(request.url, page.next))
  return page
}

/** Whether `If-None-Match` (a list of entity tags, or `*`) matches the current strong ETag. */
export function noneMatchHits(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false
  return header.split(',').some((tag) => {
    const trimmed = tag.trim()
    return trimmed === '*' || trimmed === etag
  })
}

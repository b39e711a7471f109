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
  description: 'Published results: `public, max-age=…, must-revalidate`; live results: `no-cache`',
}

/** The `If-None-Match` request header of conditional reads. */
export const IF_NONE_MATCH = {
  type: 'string',
  description: 'The `ETag` of the copy held: when it still matches, the answer is 304 without a body',
}

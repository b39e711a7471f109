import { Type, type TSchema } from 'typebox'

/** Codes of units, frameworks, periods, criteria and questions (docs/api.md): case-sensitive, URL-safe. */
export const CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'

export const Code = (description?: string) =>
  Type.String({ pattern: CODE_PATTERN, ...(description ? { description } : {}) })

/** Any Unicode text with at least one visible character; stored NFC-normalised. */
export const Name = (description?: string) =>
  Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', ...(description ? { description } : {}) })

export const CodeParams = Type.Object({ code: Code() }, { additionalProperties: false })

/** Path parameters, named the same on every route: `{unit}`, `{framework}`, `{period}`, `{client}`. */
export const UnitParams = Type.Object({ unit: Code('Unit code') }, { additionalProperties: false })
export const FrameworkParams = Type.Object({ framework: Code('Framework code') }, { additionalProperties: false })
export const ClientParams = Type.Object(
  { client: Type.String({ format: 'uuid', description: 'Client id (a UUID)' }) },
  { additionalProperties: false },
)

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Page size, 1 to 1000' })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The `next` value of the previous page' })),
}

/** A page of a list: the items and the cursor of the next page (null on the last); `name` names it in the OpenAPI. */
export const Page = <T extends TSchema>(item: T, name?: string) =>
  Type.Object(
    {
      items: Type.Array(item),
      next: Type.Union([Type.String(), Type.Null()], {
        description: 'The cursor of the next page (pass it as `cursor`), null on the last page',
      }),
    },
    { additionalProperties: false, ...(name ? { $id: name } : {}) },
  )

/** Path parameters of the routes under a period, and under one unit of a period. */
export const PeriodParams = Type.Object({ period: Code('Period code') }, { additionalProperties: false })
export const UnitScoreParams = Type.Object(
  { period: Code('Period code'), unit: Code('Unit code (listed by the period)') },
  { additionalProperties: false },
)

export const Timestamp = Type.String({ format: 'date-time' })

export const nfc = (text: string): string => text.normalize('NFC')

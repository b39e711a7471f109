import { Type } from 'typebox'

/** Codes of units, frameworks, periods, criteria and questions (API.md): case-sensitive, URL-safe. */
export const CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'

export const Code = (description?: string) =>
  Type.String({ pattern: CODE_PATTERN, ...(description ? { description } : {}) })

/** Any Unicode text with at least one visible character; stored NFC-normalised. */
export const Name = (description?: string) =>
  Type.String({ minLength: 1, maxLength: 500, pattern: '\\S', ...(description ? { description } : {}) })

export const CodeParams = Type.Object({ code: Code() }, { additionalProperties: false })

export const PageQuery = {
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Page size, 1 to 1000' })),
  cursor: Type.Optional(Type.String({ maxLength: 200, description: 'The `next` value of the previous page' })),
}

export const Timestamp = Type.String({ format: 'date-time' })

export const nfc = (text: string): string => text.normalize('NFC')

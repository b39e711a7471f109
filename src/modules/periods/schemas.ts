import { Type } from 'typebox'
import { Code, Name, PageQuery, Timestamp, Page } from '../../http/schemas.js'

export const Status = Type.Union([Type.Literal('open'), Type.Literal('appraisal'), Type.Literal('published')], {
  description:
    '`open`: self-assessment, appraisal and survey writes; `appraisal`: appraisal and survey writes; `published`: frozen',
})

export const PeriodBody = Type.Object(
  {
    name: Name('e.g. "Chỉ số CCHC năm 2018"'),
    year: Type.Integer({ minimum: 1900, maximum: 2200 }),
    framework: Code('The framework the units are scored against; fixed once a score exists'),
    units: Type.Array(Code(), { maxItems: 100000, description: 'Every unit assessed in the period (each must exist)' }),
  },
  {
    $id: 'PeriodInput',
    additionalProperties: false,
    examples: [
      { name: 'Chỉ số CCHC năm 2018', year: 2018, framework: 'xa-2018', units: ['phong-noi-vu', 'xa-quang-loi'] },
    ],
  },
)

export const Period = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    year: Type.Integer(),
    framework: Type.String(),
    status: Status,
    units: Type.Array(Type.String(), { description: 'Unit codes, in code order' }),
  },
  { $id: 'Period', additionalProperties: false },
)

export const PeriodSummary = Type.Object(
  { code: Type.String(), name: Type.String(), year: Type.Integer(), framework: Type.String(), status: Status },
  { $id: 'PeriodSummary', additionalProperties: false },
)

export const PeriodList = Page(PeriodSummary, 'PeriodPage')

export const PeriodListQuery = Type.Object(
  {
    year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2200, description: 'Only periods of this year' })),
    ...PageQuery,
  },
  { additionalProperties: false },
)

export const StatusBody = Type.Object(
  {
    status: Status,
    reason: Type.Optional(
      Type.String({ minLength: 1, maxLength: 2000, description: 'Required for any move back (reopening)' }),
    ),
  },
  {
    $id: 'StatusChange',
    additionalProperties: false,
    examples: [{ status: 'appraisal' }, { status: 'open', reason: 'Hội đồng yêu cầu giải trình bổ sung' }],
  },
)

export const HistoryEntry = Type.Object(
  {
    at: Timestamp,
    client: Type.Object({ id: Type.String(), role: Type.String() }, { additionalProperties: false }),
    from: Type.Union([Status, Type.Null()]),
    to: Status,
    reason: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'StatusHistoryEntry', additionalProperties: false },
)

export const History = Type.Object(
  { items: Type.Array(HistoryEntry) },
  { $id: 'StatusHistory', additionalProperties: false },
)

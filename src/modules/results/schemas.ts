import { Type } from 'typebox'
import { Code } from '../../http/schemas.js'

const Rank = Type.Union(
  [
    Type.Object(
      {
        position: Type.Integer(),
        of: Type.Integer(),
        tied: Type.Boolean({ description: 'đồng hạng: shared with another unit' }),
      },
      { additionalProperties: false },
    ),
    Type.Null(),
  ],
  { description: 'Standard competition ranking (1, 2, 2, 4); null when not ranked' },
)

const Extreme = Type.Union([
  Type.Object({ value: Type.Number(), units: Type.Array(Type.String()) }, { additionalProperties: false }),
  Type.Null(),
])

const statistics = {
  count: Type.Integer(),
  mean: Type.Union([Type.Number(), Type.Null()]),
  median: Type.Union([Type.Number(), Type.Null()]),
  stddev: Type.Union([Type.Number(), Type.Null()], { description: 'Population standard deviation' }),
  min: Extreme,
  max: Extreme,
}

export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'svg', 'html'] as const
export type ReportFormat = (typeof REPORT_FORMATS)[number]

const Statistics = Type.Object(statistics, { additionalProperties: false })

const NEW_MEMBER = 'Absent from publications made before fields and the self-assessment gap were computed.'

const ItemField = Type.Object(
  {
    code: Type.String(),
    points: Type.Number(),
    maxPoints: Type.Number({ description: 'The applicable maximum of the field for this unit' }),
    index: Type.Union([Type.Number(), Type.Null()], { description: 'null when nothing in the field applies' }),
    rank: Rank,
  },
  { additionalProperties: false },
)

const SelfAssessment = Type.Object(
  {
    points: Type.Number({
      description: 'Self-assessed scores of the applicable appraisal leaves, plus computed points',
    }),
    index: Type.Union([Type.Number(), Type.Null()]),
    gap: Type.Union([Type.Number(), Type.Null()], { description: 'Published self index − published index' }),
  },
  { additionalProperties: false, description: `Tự đánh giá. ${NEW_MEMBER}` },
)

const DocumentField = Type.Object(
  {
    code: Type.String(),
    title: Type.String(),
    maxPoints: Type.Number({ description: "The framework's maximum of the field" }),
    statistics: Statistics,
  },
  { additionalProperties: false },
)

export const ResultsQuery = Type.Object(
  {
    format: Type.Optional(
      Type.Union(
        REPORT_FORMATS.map((f) => Type.Literal(f)),
        { description: 'The representation; wins over `Accept`' },
      ),
    ),
    group: Type.Optional(Code("Only this group's units and statistics; ranks are unchanged")),
    snapshot: Type.Optional(Type.Integer({ minimum: 1, description: 'An earlier publication, by number' })),
  },
  { additionalProperties: false },
)

export const ResultsSchema = Type.Object(
  {
    period: Type.Object(
      { code: Type.String(), name: Type.String(), year: Type.Integer(), status: Type.String() },
      { additionalProperties: false },
    ),
    group: Type.Union([Type.String(), Type.Null()]),
    snapshot: Type.Union(
      [
        Type.Object(
          { number: Type.Integer(), publishedAt: Type.String({ format: 'date-time' }), hash: Type.String() },
          { additionalProperties: false },
        ),
        Type.Null(),
      ],
      { description: 'null when computed now; the publication when frozen' },
    ),
    statistics: Type.Object(
      {
        ...statistics,
        bands: Type.Record(Type.String(), Type.Integer(), { description: 'Units per band code, zero included' }),
      },
      {
        additionalProperties: false,
        description: "Over the listed units' published indexes; units without an index are left out",
      },
    ),
    satisfaction: Type.Union([Statistics, Type.Null()], {
      description: 'The same statistics for the satisfaction index, over the listed units with survey results',
    }),
    fields: Type.Optional(
      Type.Array(DocumentField, {
        description: `Lĩnh vực: per field, statistics over the listed units' field indexes. ${NEW_MEMBER}`,
      }),
    ),
    selfAssessmentGap: Type.Optional(
      Type.Object(statistics, {
        additionalProperties: false,
        description: `Statistics over the listed units' self-assessment gaps. ${NEW_MEMBER}`,
      }),
    ),
    items: Type.Array(
      Type.Object(
        {
          unit: Type.Object(
            { code: Type.String(), name: Type.String(), group: Type.String() },
            { additionalProperties: false },
          ),
          points: Type.Number(),
          maxPoints: Type.Number(),
          index: Type.Union([Type.Number(), Type.Null()]),
          band: Type.Union([
            Type.Object({ code: Type.String(), label: Type.String() }, { additionalProperties: false }),
            Type.Null(),
          ]),
          rank: Rank,
          groupRank: Rank,
          satisfaction: Type.Union([
            Type.Object({ index: Type.Number(), rank: Rank }, { additionalProperties: false }),
            Type.Null(),
          ]),
          provisional: Type.Boolean(),
          fields: Type.Optional(
            Type.Array(ItemField, { description: `Per field of the framework, in its order. ${NEW_MEMBER}` }),
          ),
          selfAssessment: Type.Optional(SelfAssessment),
        },
        { additionalProperties: false },
      ),
      { description: 'By rank, ties by unit code; unranked units after, units without an index last' },
    ),
  },
  { $id: 'Results', additionalProperties: false },
)

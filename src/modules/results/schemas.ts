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

export const ResultsQuery = Type.Object(
  {
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
    satisfaction: Type.Union([Type.Object(statistics, { additionalProperties: false }), Type.Null()], {
      description: 'The same statistics for the satisfaction index, over the listed units with survey results',
    }),
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
        },
        { additionalProperties: false },
      ),
      { description: 'By rank, ties by unit code; unranked units after, units without an index last' },
    ),
  },
  { $id: 'Results', additionalProperties: false },
)

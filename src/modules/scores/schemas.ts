import { Type } from 'typebox'
import { Code, PageQuery, Timestamp, Page } from '../../http/schemas.js'

const Score = (description: string) =>
  Type.Optional(
    Type.Union([
      Type.Number({ description: `${description}: 0 to the criterion's maxPoints, at most two decimals` }),
      Type.Null(),
    ]),
  )

export const ScoreRow = Type.Object(
  {
    criterion: Code("A leaf criterion of the period's framework scored by appraisal"),
    self: Score("Self-assessed score (the unit's)"),
    appraised: Score("Appraised score (the appraisal council's)"),
    notApplicable: Type.Optional(
      Type.Union([Type.Boolean({ description: "true: the leaf leaves this unit's maximum" }), Type.Null()]),
    ),
    note: Type.Optional(Type.Union([Type.String({ description: 'At most 2,000 characters' }), Type.Null()])),
    evidence: Type.Optional(
      Type.Union([
        Type.Array(Type.String({ maxLength: 2000 }), { description: 'http(s) links; replaces the whole list' }),
        Type.Null(),
      ]),
    ),
  },
  { $id: 'ScoreInput', additionalProperties: false },
)

const Count = (description: string) =>
  Type.Optional(
    Type.Union([
      Type.Number({
        description: `${description}: a whole number, 0 ≤ numerator ≤ denominator; given with the other count, \`null\` for both clears them`,
      }),
      Type.Null(),
    ]),
  )

const Reason = Type.Optional(
  Type.String({ minLength: 1, maxLength: 2000, description: 'Recorded with every audit entry of this write' }),
)

export const ScoresBody = Type.Object(
  { scores: Type.Array(ScoreRow, { maxItems: 10000 }), reason: Reason },
  {
    $id: 'ScoresInput',
    additionalProperties: false,
    examples: [
      {
        scores: [
          {
            criterion: '1.1',
            self: 1.5,
            appraised: 1.25,
            note: 'Đã ban hành kế hoạch',
            evidence: ['https://vanban.example.gov.vn/kh-01.pdf'],
          },
          { criterion: '1.2', notApplicable: true },
        ],
      },
    ],
  },
)

export const ScorecardNodeSchema = Type.Object(
  {
    code: Type.String(),
    title: Type.String(),
    maxPoints: Type.Number({ description: 'The applicable maximum (0 for a not-applicable leaf)' }),
    points: Type.Number(),
    index: Type.Union([Type.Number(), Type.Null()], {
      description: 'points ÷ maxPoints × 100; null when nothing applies',
    }),
    children: Type.Optional(Type.Array(Type.Ref('ScorecardNode'))),
    method: Type.Optional(Type.Union([Type.Literal('appraisal'), Type.Literal('survey'), Type.Literal('ratio')])),
    self: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    appraised: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    final: Type.Optional(
      Type.Union([Type.Number(), Type.Null()], {
        description:
          'Appraised, else self (provisional); for survey leaves maxPoints × satisfaction ÷ 100 (0 without survey results)',
      }),
    ),
    notApplicable: Type.Optional(Type.Boolean()),
    note: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    evidence: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
    numerator: Type.Optional(Type.Union([Type.Integer(), Type.Null()], { description: 'Ratio leaves: the counts' })),
    denominator: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    rate: Type.Optional(
      Type.Union([Type.Number(), Type.Null()], {
        description:
          'Ratio leaves: numerator ÷ denominator × 100, two decimals half-up; null without counts or when the denominator is 0',
      }),
    ),
    computedPoints: Type.Optional(
      Type.Union([Type.Number(), Type.Null()], {
        description:
          "Ratio leaves: the rule's points for the exact rate (an appraised score overrides them in `final`); null without counts",
      }),
    ),
  },
  { $id: 'ScorecardNode', additionalProperties: false },
)

export const ScorecardSchema = Type.Object(
  {
    period: Type.String(),
    unit: Type.String(),
    points: Type.Number(),
    maxPoints: Type.Number({ description: 'Sum of the maxima of the applicable leaves' }),
    index: Type.Union([Type.Number(), Type.Null()], {
      description: 'The PAR index, two decimals, half-up; null when no leaf applies',
    }),
    band: Type.Union([
      Type.Object({ code: Type.String(), label: Type.String() }, { additionalProperties: false }),
      Type.Null(),
    ]),
    provisional: Type.Boolean({
      description: 'true while an applicable appraisal leaf has no appraised score, or a survey leaf no survey result',
    }),
    criteria: Type.Array(Type.Ref('ScorecardNode')),
  },
  { $id: 'Scorecard', additionalProperties: false },
)

export const Counts = {
  created: Type.Integer({ description: 'Rows (unit × criterion) with nothing stored before that give a value' }),
  updated: Type.Integer({ description: 'Rows of a stored score where some field changed (clearing included)' }),
  unchanged: Type.Integer({ description: 'Rows where no field changed (a row giving no value creates nothing)' }),
}

export const ScoresResult = Type.Object(
  { summary: Type.Object(Counts, { additionalProperties: false }), scorecard: ScorecardSchema },
  { $id: 'ScoresResult', additionalProperties: false },
)

export const IndicatorRow = Type.Object(
  {
    criterion: Code("A leaf of the period's framework with method `ratio`"),
    numerator: Count('The count of cases meeting the indicator (e.g. dossiers resolved on time)'),
    denominator: Count('The count of all cases (e.g. dossiers received); 0 makes the leaf not applicable'),
  },
  { additionalProperties: false },
)

export const IndicatorsBody = Type.Object(
  { indicators: Type.Array(IndicatorRow, { maxItems: 10000 }), reason: Reason },
  {
    additionalProperties: false,
    examples: [{ indicators: [{ criterion: '3.2', numerator: 950, denominator: 1000 }] }],
  },
)

export const ImportRow = Type.Object(
  {
    unit: Code(),
    criterion: Code(),
    self: Score('Self-assessed score'),
    appraised: Score('Appraised score'),
    notApplicable: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    note: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    numerator: Count('Ratio leaves: the count of cases meeting the indicator'),
    denominator: Count('Ratio leaves: the count of all cases'),
  },
  { $id: 'ImportRow', additionalProperties: false },
)

export const ImportBody = Type.Object(
  { rows: Type.Array(ImportRow, { maxItems: 2_000_000 }), reason: Reason },
  {
    $id: 'ImportInput',
    additionalProperties: false,
    examples: [
      {
        rows: [
          { unit: 'xa-quang-loi', criterion: '1.1', appraised: 1.25 },
          { unit: 'xa-quang-loi', criterion: '1.2', notApplicable: true },
          { unit: 'xa-quang-loi', criterion: '3.2', numerator: 950, denominator: 1000 },
        ],
      },
    ],
  },
)

export const ImportQuery = Type.Object(
  {
    dryRun: Type.Optional(Type.Boolean({ default: false, description: 'true: validate and count, write nothing' })),
    reason: Reason,
  },
  { additionalProperties: false },
)

export const ImportResult = Type.Object(
  { dryRun: Type.Boolean(), rows: Type.Integer(), ...Counts },
  { $id: 'ImportResult', additionalProperties: false },
)

export const AuditQuery = Type.Object(
  {
    unit: Type.Optional(Code('Only changes to this unit')),
    criterion: Type.Optional(Code('Only changes to this criterion')),
    ...PageQuery,
  },
  { additionalProperties: false },
)

const AuditValue = Type.Union([Type.Number(), Type.String(), Type.Boolean(), Type.Array(Type.String()), Type.Null()])

export const AuditEntry = Type.Object(
  {
    id: Type.Integer({
      description:
        'Unique; a newer entry has a larger id. The entries of one write share its `at`, client and reason, and list its rows last first',
    }),
    at: Timestamp,
    client: Type.Object({ id: Type.String(), role: Type.String() }, { additionalProperties: false }),
    unit: Type.String(),
    criterion: Type.String(),
    field: Type.String({
      description: 'self, appraised, notApplicable, note, evidence, numerator or denominator',
    }),
    old: AuditValue,
    new: AuditValue,
    reason: Type.Union([Type.String(), Type.Null()]),
  },
  { $id: 'AuditEntry', additionalProperties: false },
)

export const AuditPage = Page(AuditEntry, 'AuditPage')

import { Type } from 'typebox'
import type { FrameworkInput } from '../../domain/framework.js'
import { Code, Name, PageQuery, Page } from '../../http/schemas.js'

const Method = Type.Union([Type.Literal('appraisal'), Type.Literal('survey'), Type.Literal('ratio')], {
  description:
    '`appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey; `ratio`: points from two counts the unit submits, by its `ratio` rule',
})

const Percent = (description: string) =>
  Type.Number({ description: `${description}; a percentage, two decimals at most` })

/** How a ratio leaf scores the rate numerator ÷ denominator × 100, exact (never rounded before scoring). */
export const RatioRuleSchema = Type.Object(
  {
    label: Name('What the rate measures, e.g. "Hồ sơ giải quyết đúng hạn"'),
    scoring: Type.Union([
      Type.Object(
        {
          kind: Type.Literal('tiers'),
          tiers: Type.Array(
            Type.Object(
              {
                min: Percent('The lowest rate earning the tier, from 0 to 100, distinct between tiers'),
                points: Type.Number({ description: "0 to the leaf's maxPoints, two decimals at most" }),
              },
              { additionalProperties: false },
            ),
            { minItems: 1, maxItems: 100 },
          ),
        },
        {
          additionalProperties: false,
          description: 'The points of the highest tier whose `min` the exact rate reaches; below every tier, 0',
        },
      ),
      Type.Object(
        { kind: Type.Literal('proportional'), target: Percent('Above 0, at most 100') },
        { additionalProperties: false, description: 'maxPoints × min(rate ÷ target, 1), exact' },
      ),
    ]),
  },
  {
    additionalProperties: false,
    description: 'Ratio leaves only',
    examples: [
      {
        label: 'Hồ sơ giải quyết đúng hạn',
        scoring: {
          kind: 'tiers',
          tiers: [
            { min: 100, points: 1 },
            { min: 95, points: 0.5 },
          ],
        },
      },
      { label: 'Thủ tục hành chính trực tuyến mức độ 3, 4', scoring: { kind: 'proportional', target: 75 } },
    ],
  },
)

/** Criteria nest at most this deep in the schema itself (the domain allows fewer, MAX_DEPTH, and says so). */
export const CRITERION_SCHEMA_LEVELS = 10

/** A leaf's maximum: ample for any framework (they total 100), and far within numeric(12, 2). */
export const MAX_LEAF_POINTS = 10000

const criterionInputId = (level: number): string => (level === 1 ? 'CriterionInput' : `CriterionInputLevel${level}`)

const criterionInputLevel = (level: number) =>
  Type.Object(
    {
      code: Code('Unique within the framework, e.g. `1.1`'),
      title: Name(),
      maxPoints: Type.Optional(
        Type.Number({
          maximum: MAX_LEAF_POINTS,
          description: 'Leaves only: > 0, at most two decimals, at most 10,000',
        }),
      ),
      method: Type.Optional(Method),
      surveyElement: Type.Optional(
        Type.Union([
          Code('Survey leaves: the element whose index scores it; absent for the overall index'),
          Type.Null(),
        ]),
      ),
      ratio: Type.Optional(RatioRuleSchema),
      children: Type.Optional(
        level < CRITERION_SCHEMA_LEVELS
          ? Type.Array(Type.Ref(criterionInputId(level + 1)), {
              maxItems: 1000,
              description: 'Inner nodes only; their maxPoints is the sum',
            })
          : Type.Array(Type.Unknown(), { maxItems: 0, description: `Criteria nest at most ${level} levels` }),
      ),
    },
    { $id: criterionInputId(level), additionalProperties: false },
  )

/**
 * One schema per level, each referring to the next by $id, so that validation and the OpenAPI share one
 * definition and a body nested thousands of levels deep stops at the last level instead of recursing.
 */
export const CriterionInputSchemas = Array.from({ length: CRITERION_SCHEMA_LEVELS }, (_, i) =>
  criterionInputLevel(i + 1),
)
export const CriterionInputSchema = CriterionInputSchemas[0]!

export const CriterionNodeSchema = Type.Object(
  {
    code: Type.String(),
    title: Type.String(),
    maxPoints: Type.Number({ description: "A leaf's maximum, or the exact sum of the children's" }),
    method: Type.Optional(Method),
    surveyElement: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    ratio: Type.Optional(RatioRuleSchema),
    children: Type.Optional(Type.Array(Type.Ref('CriterionNode'))),
  },
  { $id: 'CriterionNode', additionalProperties: false },
)

export const BandSchema = Type.Object(
  {
    code: Code('e.g. `excellent`'),
    label: Name('e.g. "Xuất sắc"'),
    min: Type.Number({ description: 'Lowest index of the band (inclusive); the lowest band has 0' }),
  },
  { $id: 'Band', additionalProperties: false },
)

/** The framework's survey as sent and shown (the scoring needs only its codes: domain SurveyConfig). */
export const SurveyDefinition = Type.Object(
  {
    levels: Type.Integer({ minimum: 2, maximum: 10, description: 'Answer levels, 1 (lowest) to `levels`' }),
    satisfiedFrom: Type.Integer({
      minimum: 1,
      maximum: 10,
      description: 'Answers at this level or above count as satisfied',
    }),
    elements: Type.Array(
      Type.Object(
        {
          code: Code(),
          title: Name(),
          questions: Type.Array(
            Type.Object(
              { code: Code('Unique across the framework'), text: Type.String({ maxLength: 2000 }) },
              { additionalProperties: false },
            ),
            {
              minItems: 1,
              maxItems: 200,
            },
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 50 },
    ),
  },
  { $id: 'SurveyDefinition', additionalProperties: false },
)

const example = {
  name: 'Bộ chỉ số CCHC cấp xã 2018',
  bands: [
    { code: 'excellent', label: 'Xuất sắc', min: 90 },
    { code: 'good', label: 'Tốt', min: 80 },
    { code: 'fair', label: 'Khá', min: 70 },
    { code: 'average', label: 'Trung bình', min: 50 },
    { code: 'weak', label: 'Yếu', min: 0 },
  ],
  criteria: [
    {
      code: '1',
      title: 'Công tác chỉ đạo, điều hành',
      children: [
        { code: '1.1', title: 'Kế hoạch CCHC', maxPoints: 1.5 },
        { code: '1.2', title: 'Báo cáo CCHC', maxPoints: 1 },
      ],
    },
    {
      code: '3',
      title: 'Cải cách thủ tục hành chính',
      children: [
        {
          code: '3.1',
          title: 'Tỷ lệ TTHC cung cấp trực tuyến mức độ 3, 4',
          maxPoints: 1,
          method: 'ratio',
          ratio: { label: 'Thủ tục hành chính trực tuyến mức độ 3, 4', scoring: { kind: 'proportional', target: 75 } },
        },
        {
          code: '3.2',
          title: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
          maxPoints: 1,
          method: 'ratio',
          ratio: {
            label: 'Hồ sơ giải quyết đúng hạn',
            scoring: {
              kind: 'tiers',
              tiers: [
                { min: 100, points: 1 },
                { min: 95, points: 0.5 },
              ],
            },
          },
        },
      ],
    },
    {
      code: '8',
      title: 'Tác động của CCHC',
      children: [
        { code: '8.1', title: 'Hài lòng về tiếp cận dịch vụ', maxPoints: 5, method: 'survey', surveyElement: 'access' },
      ],
    },
  ],
  survey: {
    levels: 5,
    satisfiedFrom: 4,
    elements: [
      {
        code: 'access',
        title: 'Tiếp cận dịch vụ',
        questions: [
          { code: 'A1', text: 'Nơi ngồi chờ đủ chỗ' },
          { code: 'A2', text: 'Trang thiết bị đầy đủ' },
        ],
      },
    ],
  },
}

/** Typed as the domain's FrameworkInput: its recursive criteria are a $ref the compiler cannot follow. */
export const FrameworkBody = Type.Unsafe<FrameworkInput>(
  Type.Object(
    {
      name: Name(),
      bands: Type.Optional(
        Type.Array(BandSchema, {
          maxItems: 20,
          description: 'Default: Xuất sắc ≥ 90, Tốt ≥ 80, Khá ≥ 70, Trung bình ≥ 50, Yếu ≥ 0',
        }),
      ),
      criteria: Type.Array(Type.Ref('CriterionInput'), { maxItems: 1000 }),
      survey: Type.Optional(Type.Union([SurveyDefinition, Type.Null()])),
    },
    { $id: 'FrameworkInput', additionalProperties: false, examples: [example] },
  ),
)

export const Framework = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    totalPoints: Type.Number(),
    bands: Type.Array(BandSchema),
    criteria: Type.Array(Type.Ref('CriterionNode')),
    survey: Type.Union([SurveyDefinition, Type.Null()]),
  },
  { $id: 'Framework', additionalProperties: false },
)

export const FrameworkSummary = Type.Object(
  { code: Type.String(), name: Type.String(), totalPoints: Type.Number() },
  { $id: 'FrameworkSummary', additionalProperties: false },
)

export const FrameworkList = Page(FrameworkSummary, 'FrameworkPage')

export const FrameworkListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

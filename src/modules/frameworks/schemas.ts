import { Type } from 'typebox'
import type { FrameworkInput } from '../../domain/framework.js'
import { Code, Name, PageQuery, Page } from '../../http/schemas.js'

const Method = Type.Union([Type.Literal('appraisal'), Type.Literal('survey')], {
  description:
    '`appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey',
})

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
  { additionalProperties: false },
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
  { additionalProperties: false },
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
    { additionalProperties: false, examples: [example] },
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
  { additionalProperties: false },
)

export const FrameworkSummary = Type.Object(
  { code: Type.String(), name: Type.String(), totalPoints: Type.Number() },
  { additionalProperties: false },
)

export const FrameworkList = Page(FrameworkSummary)

export const FrameworkListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false })

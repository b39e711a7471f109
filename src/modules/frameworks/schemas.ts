import { Type } from 'typebox'
import type { FrameworkInput } from '../../domain/framework.js'
import { Code, Name, PageQuery, Page } from '../../http/schemas.js'

const Method = Type.Union([Type.Literal('appraisal'), Type.Literal('survey')], {
  description:
    '`appraisal` (default): scored by the unit, then the appraisal council; `survey`: points from the survey',
})

/** Recursive: registered by $id and referenced, so validation and the OpenAPI share one definition. */
export const CriterionInputSchema = Type.Object(
  {
    code: Code('Unique within the framework, e.g. `1.1`'),
    title: Name(),
    maxPoints: Type.Optional(Type.Number({ description: 'Leaves only: > 0, at most two decimals' })),
    method: Type.Optional(Method),
    surveyElement: Type.Optional(
      Type.Union([Code('Survey leaves: the element whose index scores it; absent for the overall index'), Type.Null()]),
    ),
    children: Type.Optional(
      Type.Array(Type.Ref('CriterionInput'), {
        maxItems: 1000,
        description: 'Inner nodes only; their maxPoints is the sum',
      }),
    ),
  },
  { $id: 'CriterionInput', additionalProperties: false },
)

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

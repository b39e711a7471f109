import { Type } from 'typebox'
import { Code } from '../../http/schemas.js'

/** Answers one question may count (per level, and all levels together): far within a 32-bit integer. */
export const MAX_ANSWERS_PER_QUESTION = 1_000_000_000

export const CountsBody = Type.Object(
  {
    questions: Type.Array(
      Type.Object(
        {
          code: Code("A question of the framework's survey"),
          counts: Type.Array(Type.Integer({ minimum: 0, maximum: MAX_ANSWERS_PER_QUESTION }), {
            maxItems: 10,
            description: 'Answers per level, lowest level first; one count per level',
          }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 1000 },
    ),
  },
  {
    $id: 'SurveyCountsInput',
    additionalProperties: false,
    examples: [
      {
        questions: [
          { code: 'A1', counts: [1, 2, 4, 60, 133] },
          { code: 'A2', counts: [0, 3, 4, 70, 123] },
        ],
      },
    ],
  },
)

/** Answers in one questionnaire: as many as the questions one `PUT …/survey` may carry. */
export const MAX_ANSWERS_PER_RESPONSE = 1000

export const ResponsesBody = Type.Object(
  {
    responses: Type.Array(
      Type.Object(
        {
          id: Type.String({
            minLength: 1,
            maxLength: 128,
            description: "The questionnaire's id; one already stored for this unit and period is skipped",
          }),
          answers: Type.Record(Type.String(), Type.Integer(), {
            maxProperties: MAX_ANSWERS_PER_RESPONSE,
            description:
              'Question code → answer level (1 to levels); a question left out is not answered; at most 1,000',
          }),
        },
        { additionalProperties: false },
      ),
      { maxItems: 10000, description: 'Up to 10,000 responses a request, stored in one transaction' },
    ),
  },
  {
    $id: 'SurveyResponsesInput',
    additionalProperties: false,
    examples: [{ responses: [{ id: 'phieu-0001', answers: { A1: 5, A2: 4 } }] }],
  },
)

const satisfaction = {
  index: Type.Union([Type.Number(), Type.Null()], { description: 'Mean of the element indexes; null without answers' }),
  respondents: Type.Integer({
    description: 'Stored responses + the largest per-question total of the aggregate counts',
  }),
  elements: Type.Array(
    Type.Object(
      { code: Type.String(), index: Type.Union([Type.Number(), Type.Null()]) },
      { additionalProperties: false },
    ),
  ),
  questions: Type.Array(
    Type.Object(
      {
        code: Type.String(),
        rate: Type.Union([Type.Number(), Type.Null()], { description: 'Satisfied answers ÷ valid answers × 100' }),
        valid: Type.Integer(),
      },
      { additionalProperties: false },
    ),
  ),
}

export const SatisfactionSchema = Type.Object(satisfaction, { $id: 'Satisfaction', additionalProperties: false })

export const ResponsesResult = Type.Object(
  {
    accepted: Type.Integer({ description: 'Responses stored by this request' }),
    duplicates: Type.Array(Type.String(), { description: 'Ids skipped: already stored, or repeated in the batch' }),
    ...satisfaction,
  },
  { $id: 'SurveyResponsesResult', additionalProperties: false },
)

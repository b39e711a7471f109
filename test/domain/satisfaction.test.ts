import t from 'tap'
import { hundredthsToString, roundHalfUp } from '../../src/domain/decimal.js'
import { type Ratio, ratio } from '../../src/domain/ratio.js'
import { type SurveyConfig, questionRate, satisfaction } from '../../src/domain/satisfaction.js'

const published = (r: Ratio | null) => (r === null ? null : hundredthsToString(roundHalfUp(r)))

t.test('the rate of a question counts levels 4 and 5 of 5 as satisfied', async (t) => {
  // 1 + 2 + 4 below "satisfied", 93 + 100 at or above it: 193 of 200.
  const { rate, valid } = questionRate([1, 2, 4, 93, 100], 4)
  t.equal(valid, 200)
  t.equal(published(rate), '96.50')
  t.equal(published(questionRate([0, 0, 10, 0, 0], 4).rate), '0.00', 'neutral answers are not satisfied')
  t.equal(published(questionRate([0, 0, 0, 10, 0], 4).rate), '100.00', 'level 4 alone is satisfied')
  t.equal(published(questionRate([0, 0, 10, 0, 0], 3).rate), '100.00', 'satisfiedFrom moves the threshold')
  t.equal(published(questionRate([1n, 0n, 0n, 2n, 0n], 4).rate), '66.67', 'bigint counts are accepted')
})

t.test('a question nobody answered has no rate', async (t) => {
  t.same(questionRate([0, 0, 0, 0, 0], 4), { rate: null, valid: 0 })
  t.same(questionRate([], 4), { rate: null, valid: 0 })
})

t.test('a count that is not a whole number ≥ 0 is refused', async (t) => {
  t.throws(() => questionRate([1, -1, 0, 0, 0], 4), RangeError)
  t.throws(() => questionRate([1.5, 0, 0, 0, 0], 4), RangeError)
  t.throws(() => questionRate([-1n], 1), RangeError)
})

const survey: SurveyConfig = {
  levels: 5,
  satisfiedFrom: 4,
  elements: [
    { code: 'access', questions: ['A1'] },
    { code: 'procedure', questions: ['B1', 'B2'] },
    { code: 'officer', questions: ['C1', 'C2'] },
    { code: 'result', questions: ['D1'] },
    { code: 'feedback', questions: ['E1'] },
  ],
}

t.test('element rates 96.50, 95.75, 96.25, 95.60, 96.00 give an overall index of 96.02', async (t) => {
  const counts = new Map<string, number[]>([
    ['A1', [1, 2, 4, 93, 100]], // 193/200 = 96.50
    ['B1', [3, 2, 4, 91, 100]], // 191/200 = 95.50 ┐ element 95.75
    ['B2', [0, 0, 1, 4, 20]], // 24/25 = 96.00    ┘
    ['C1', [1, 1, 1, 27, 50]], // 77/80 = 96.25; C2 has no answers and is left out
    ['C2', [0, 0, 0, 0, 0]],
    ['D1', [5, 3, 3, 100, 139]], // 239/250 = 95.60
    ['E1', [1, 0, 0, 4, 20]], // 24/25 = 96.00
    ['Z9', [100, 0, 0, 0, 0]], // not in the survey: ignored
  ])
  const result = satisfaction(survey, counts)
  t.same(
    result.elements.map((e) => [e.code, published(e.index)]),
    [
      ['access', '96.50'],
      ['procedure', '95.75'],
      ['officer', '96.25'],
      ['result', '95.60'],
      ['feedback', '96.00'],
    ],
  )
  t.equal(published(result.index), '96.02')
  t.same(
    result.questions.map((q) => [q.code, published(q.rate), q.valid]),
    [
      ['A1', '96.50', 200],
      ['B1', '95.50', 200],
      ['B2', '96.00', 25],
      ['C1', '96.25', 80],
      ['C2', null, 0],
      ['D1', '95.60', 250],
      ['E1', '96.00', 25],
    ],
  )
})

t.test('an element without answers is left out of the overall index', async (t) => {
  const result = satisfaction(
    survey,
    new Map([
      ['A1', [0, 0, 0, 1, 1]],
      ['D1', [1, 0, 0, 0, 1]],
    ]),
  )
  t.same(
    result.elements.map((e) => published(e.index)),
    ['100.00', null, null, '50.00', null],
  )
  t.equal(published(result.index), '75.00', 'not (100 + 50) / 5 = 30')
})

t.test('no answers at all: no index', async (t) => {
  const result = satisfaction(survey, new Map())
  t.equal(result.index, null)
  t.ok(result.elements.every((e) => e.index === null))
  t.ok(result.questions.every((q) => q.rate === null && q.valid === 0))
})

t.test('the index stays exact until output', async (t) => {
  // Element rates 3.125 (1 of 32) and 0: exactly 1.5625 → 1.56. Rounding the element first would give
  // (3.13 + 0) / 2 = 1.565 → 1.57.
  const config: SurveyConfig = {
    levels: 5,
    satisfiedFrom: 4,
    elements: [
      { code: 'a', questions: ['Q1'] },
      { code: 'b', questions: ['Q2'] },
    ],
  }
  const result = satisfaction(
    config,
    new Map([
      ['Q1', [31, 0, 0, 1, 0]],
      ['Q2', [1, 0, 0, 0, 0]],
    ]),
  )
  t.same(result.index, ratio(25n, 16n))
  t.equal(published(result.index), '1.56')
})

t.test('counts must have one entry per level', async (t) => {
  t.throws(() => satisfaction(survey, new Map([['A1', [1, 2, 3]]])), RangeError)
})

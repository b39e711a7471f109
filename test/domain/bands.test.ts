import t from 'tap'
import {
  type Band,
  DEFAULT_BANDS,
  bandProblemPointer,
  classifier,
  classify,
  validateBands,
} from '../../src/domain/bands.js'
import { parseHundredths } from '../../src/domain/decimal.js'

const bandOf = (index: string, bands: readonly Band[] = DEFAULT_BANDS) => classify(parseHundredths(index), bands).code

t.test('the default bands are the common table', async (t) => {
  t.same(
    DEFAULT_BANDS.map((b) => [b.code, b.label, b.min]),
    [
      ['excellent', 'Xuất sắc', 90],
      ['good', 'Tốt', 80],
      ['fair', 'Khá', 70],
      ['average', 'Trung bình', 50],
      ['weak', 'Yếu', 0],
    ],
  )
  t.same(validateBands(DEFAULT_BANDS), [])
  t.ok(
    Object.isFrozen(DEFAULT_BANDS) && Object.isFrozen(DEFAULT_BANDS[0]),
    'a caller cannot alter the defaults for everyone',
  )
})

t.test('indexes at and just below a boundary fall in the right band', async (t) => {
  t.equal(bandOf('100'), 'excellent')
  t.equal(bandOf('90.00'), 'excellent')
  t.equal(bandOf('89.99'), 'good')
  t.equal(bandOf('80'), 'good')
  t.equal(bandOf('79.99'), 'fair')
  t.equal(bandOf('70'), 'fair')
  t.equal(bandOf('50'), 'average')
  t.equal(bandOf('49.99'), 'weak')
  t.equal(bandOf('0'), 'weak')
})

t.test('custom bands with decimal minimums, in any order', async (t) => {
  const bands: Band[] = [
    { code: 'c', label: 'C', min: 0 },
    { code: 'a', label: 'A', min: 87.5 },
    { code: 'b', label: 'B', min: 72.25 },
  ]
  t.same(validateBands(bands), [])
  t.equal(bandOf('87.49', bands), 'b')
  t.equal(bandOf('87.5', bands), 'a')
  t.equal(bandOf('72.25', bands), 'b')
  t.equal(bandOf('72.24', bands), 'c')
})

t.test('an index no band holds is an error, not a silent guess', async (t) => {
  t.throws(() => classify(5000n, [{ code: 'x', label: 'X', min: 60 }]), RangeError)
  t.throws(() => classify(5000n, []), RangeError)
})

t.test('bad bands are reported all at once, each pointing at the field to fix', async (t) => {
  const problems = validateBands([
    { code: 'a', label: 'A', min: 90 },
    { code: 'a', label: 'A2', min: 80 },
    { code: 'b', label: 'B', min: 80 },
    { code: 'c', label: 'C', min: 120 },
    { code: 'd', label: 'D', min: -5 },
    { code: 'e', label: 'E', min: 70.125 },
    { code: 'f', label: 'F', min: 90.0 },
  ])
  t.same(
    problems.map((p) => [p.index, p.field, p.code]),
    [
      [1, 'code', 'duplicate-code'],
      [2, 'min', 'duplicate-min'],
      [3, 'min', 'min-out-of-range'],
      [4, 'min', 'min-out-of-range'],
      [5, 'min', 'min-too-precise'],
      [6, 'min', 'duplicate-min'],
      [-1, null, 'no-zero-band'],
    ],
  )
  for (const p of problems) t.type(p.message, 'string')
  t.equal(bandProblemPointer(problems[0]!), '/bands/1/code')
  t.equal(bandProblemPointer(problems[6]!), '/bands')
  t.equal(bandProblemPointer(problems[2]!, '/x/bands'), '/x/bands/3/min')
})

t.test('an empty band list and non-numbers are refused', async (t) => {
  t.same(
    validateBands([]).map((p) => p.code),
    ['bands-empty'],
  )
  const problems = validateBands([
    { code: '', label: 'none', min: 0 },
    { code: 'n', label: 'N', min: Number.NaN },
  ])
  t.same(
    problems.map((p) => [p.index, p.field, p.code]),
    [
      [0, 'code', 'code-empty'],
      [1, 'min', 'min-invalid'],
    ],
  )
})

t.test('a band may start at 100 and then holds only full marks', async (t) => {
  const bands: Band[] = [
    { code: 'perfect', label: 'P', min: 100 },
    { code: 'rest', label: 'R', min: 0 },
  ]
  t.same(validateBands(bands), [])
  t.equal(bandOf('100.00', bands), 'perfect')
  t.equal(bandOf('99.99', bands), 'rest')
})

t.test('a classifier reads the bands once and classifies numbers and bigints alike', async (t) => {
  const classifyIndex = classifier(DEFAULT_BANDS)
  t.same(
    [8999, 9000, 7999, 0, 10000, 4999].map((h) => classifyIndex(h).code),
    ['good', 'excellent', 'fair', 'weak', 'excellent', 'weak'],
  )
  t.equal(classifyIndex(8999n).code, 'good')
  const unordered: Band[] = [
    { code: 'low', label: 'Low', min: 0 },
    { code: 'high', label: 'High', min: 75.5 },
  ]
  t.equal(classifier(unordered)(7549).code, 'low')
  t.equal(classifier(unordered)(7550).code, 'high')
  t.throws(() => classifier([{ code: 'x', label: 'X', min: 10 }])(999), RangeError)
})

import t from 'tap'
import { itemFields, rankFields, scoreFields, summariseFields, type FieldSpec } from '../../src/domain/fields.js'
import { ExactSum } from '../../src/domain/hundredths.js'

const specs: FieldSpec[] = [
  { code: '1', title: 'Lĩnh vực 1', maxHundredths: 2000n },
  { code: '2', title: 'Lĩnh vực 2', maxHundredths: 1000n },
  { code: '3', title: 'Lĩnh vực 3', maxHundredths: 500n },
]
const maxima = specs.map((s) => Number(s.maxHundredths))

t.test('a field index is its points over its applicable maximum, rounded half-up once', async (t) => {
  // 17.74 of 20 is 88.70; 6.79 of 8 (2 points of field 2 not applicable) is 84.875 → 84.88.
  const scores = scoreFields(maxima, [1774, 679, 0], [0, 200, 0], [undefined, undefined, undefined])
  t.same(scores[0], { pointsHundredths: 1774, maxHundredths: 2000, index: 8870 })
  t.same(scores[1], { pointsHundredths: 679, maxHundredths: 800, index: 8488 })
  t.same(scores[2], { pointsHundredths: 0, maxHundredths: 500, index: 0 }, 'nothing earned is an index of 0')
})

t.test('a field where nothing applies has no index, and its points stay 0', async (t) => {
  const [, second] = scoreFields(maxima, [1000], [0, 1000], [])
  t.same(second, { pointsHundredths: 0, maxHundredths: 0, index: null })
})

t.test('computed points of a field count exactly in its index and are rounded once in its points', async (t) => {
  // 6.79 stored + 0.005 from a survey leaf = 6.795 of 8: points 6.80 (half-up), index 84.9375 → 84.94.
  const survey = new ExactSum()
  survey.addFraction(1n, 2n)
  const [, second] = scoreFields(maxima, [0, 679], [0, 200], [undefined, survey])
  t.same(second, { pointsHundredths: 680, maxHundredths: 800, index: 8494 })
})

t.test('fields are ranked 1, 2, 2, 4 each on its own, among rankable units with an index there', async (t) => {
  const units = [
    { rankable: true, fields: scoreFields(maxima, [1800, 900, 0], [0, 0, 500], []) },
    { rankable: true, fields: scoreFields(maxima, [1700, 900, 400], [0, 0, 0], []) },
    { rankable: false, fields: scoreFields(maxima, [2000, 1000, 500], [0, 0, 0], []) },
    { rankable: true, fields: scoreFields(maxima, [1700, 800, 300], [0, 0, 0], []) },
    { rankable: true, fields: scoreFields(maxima, [1600, 950, 500], [0, 0, 0], []) },
  ]
  const ranks = rankFields(
    units.map((u) => u.fields),
    units.map((u) => u.rankable),
    3,
  )
  const shown = ranks.map((field) => field.map((r) => r && `${r.position}/${r.of}${r.tied ? '=' : ''}`))
  t.same(shown[0], ['1/4', '2/4=', null, '2/4=', '4/4'])
  t.same(shown[1], ['2/4=', '2/4=', null, '4/4', '1/4'])
  t.same(shown[2], [null, '2/3', null, '3/3', '1/3'], 'a unit without the field index is not ranked on it')
})

t.test('a unit’s fields are answered in the framework’s order with JSON numbers and its ranks', async (t) => {
  const scores = scoreFields(maxima, [1774, 679, 0], [0, 200, 500], [])
  const ranks = rankFields([scores], [true], 3)
  t.same(itemFields(0, specs, scores, ranks), [
    { code: '1', points: 17.74, maxPoints: 20, index: 88.7, rank: { position: 1, of: 1, tied: false } },
    { code: '2', points: 6.79, maxPoints: 8, index: 84.88, rank: { position: 1, of: 1, tied: false } },
    { code: '3', points: 0, maxPoints: 0, index: null, rank: null },
  ])
})

t.test('field statistics read the published field indexes of the listed items', async (t) => {
  const fields = specs.map((s) => ({ code: s.code, title: s.title, maxPoints: Number(s.maxHundredths) / 100 }))
  const item = (code: string, indexes: Array<number | null>) => ({
    unit: { code },
    fields: indexes.map((index, k) => ({ code: specs[k]!.code, points: 0, maxPoints: 0, index, rank: null })),
  })
  const [first, , third] = summariseFields(fields, [item('a', [84.92, 1, null]), item('b', [84.93, 2, null])])
  t.same(first!.statistics, {
    count: 2,
    mean: 84.93,
    median: 84.93,
    stddev: 0.01,
    min: { value: 84.92, units: ['a'] },
    max: { value: 84.93, units: ['b'] },
  })
  t.equal(third!.statistics.count, 0)
  t.equal(third!.statistics.mean, null)
})

import t from 'tap'
import { DEFAULT_BANDS } from '../../src/domain/bands.js'
import { countBands, summarise } from '../../src/domain/statistics.js'

const values = (...hs: Array<number | null>) =>
  hs.map((h, i) => ({ code: `u${String(i).padStart(2, '0')}`, value: h === null ? null : BigInt(h) }))

t.test('no values: count 0, everything else null', async (t) => {
  t.same(summarise([]), { count: 0, mean: null, median: null, stddev: null, min: null, max: null })
  t.same(summarise(values(null, null)), { count: 0, mean: null, median: null, stddev: null, min: null, max: null })
})

t.test('one value is its own mean, median, minimum and maximum, with no spread', async (t) => {
  t.same(summarise([{ code: 'only', value: 8875n }]), {
    count: 1,
    mean: 88.75,
    median: 88.75,
    stddev: 0,
    min: { value: 88.75, units: ['only'] },
    max: { value: 88.75, units: ['only'] },
  })
})

t.test('a mean of exactly x.xx5 rounds up', async (t) => {
  t.equal(summarise(values(8492, 8493)).mean, 84.93, '(84.92 + 84.93) / 2 = 84.925')
  t.equal(summarise(values(8492, 8492, 8493)).mean, 84.92, '84.9233…')
  t.equal(summarise(values(1, 0, 0, 0)).mean, 0, '0.0025 rounds down')
})

t.test('median of an odd count is the middle value; of an even count the rounded mean of the middle two', async (t) => {
  t.equal(summarise(values(8000, 7583, 8875)).median, 80)
  t.equal(summarise(values(7583, 8875, 8000, 8542)).median, 82.71, '(80.00 + 85.42) / 2 = 82.71')
  t.equal(summarise(values(8492, 8493, 9000, 1000)).median, 84.93, '(84.92 + 84.93) / 2 = 84.925 → 84.93')
})

t.test('population standard deviation against hand-computed values', async (t) => {
  t.equal(summarise(values(200, 400, 400, 400, 500, 500, 700, 900)).stddev, 2, '2, 4, 4, 4, 5, 5, 7, 9 → 2.00')
  t.equal(summarise(values(100, 200, 300, 400)).stddev, 1.12, '√1.25 = 1.1180…')
  t.equal(summarise(values(0, 100, 200)).stddev, 0.82, '√(2/3) = 0.8164…')
  t.equal(summarise(values(8000, 8000, 8000)).stddev, 0)
})

t.test('a standard deviation at or next to a half-hundredth rounds exactly', async (t) => {
  // 70.00 and 70.05: σ = 0.025 exactly → 0.03. Math.sqrt on the float variance gives 0.0249999… → 0.02.
  t.equal(summarise(values(7000, 7005)).stddev, 0.03)
  t.equal(summarise(values(0, 1)).stddev, 0.01, 'σ = 0.005 exactly')
  // 70.00, 72.91, 73.20: variance 187922/9 hundredths², just under 144.5² = 187922.25/9, so
  // σ = 1.444999904… and must round down.
  t.equal(summarise(values(7000, 7291, 7320)).stddev, 1.44)
})

t.test('minimum and maximum name every unit holding them, sorted by code', async (t) => {
  const s = summarise([
    { code: 'xa-quang-loi', value: 7583n },
    { code: 'phong-noi-vu', value: 8875n },
    { code: 'phong-tu-phap', value: 8000n },
    { code: 'xa-an-binh', value: 7583n },
    { code: 'phong-giao-duc', value: 8875n },
  ])
  t.same(s.min, { value: 75.83, units: ['xa-an-binh', 'xa-quang-loi'] })
  t.same(s.max, { value: 88.75, units: ['phong-giao-duc', 'phong-noi-vu'] })
  t.equal(s.count, 5)
})

t.test('units without an index are left out of the statistics', async (t) => {
  const s = summarise([
    { code: 'a', value: 8000n },
    { code: 'all-na', value: null },
    { code: 'b', value: 9000n },
  ])
  t.equal(s.count, 2)
  t.equal(s.mean, 85)
  t.same(s.min, { value: 80, units: ['a'] })
})

t.test('band counts list every band, zero included, in the bands’ order', async (t) => {
  const counts = countBands([8875n, 8000n, 8999n, 7583n, 9000n, null], DEFAULT_BANDS)
  t.same(counts, { excellent: 1, good: 3, fair: 1, average: 0, weak: 0 })
  t.same(Object.keys(counts), ['excellent', 'good', 'fair', 'average', 'weak'])
  t.same(countBands([], DEFAULT_BANDS), { excellent: 0, good: 0, fair: 0, average: 0, weak: 0 })
})

t.test('a district report reads as its numbers say', async (t) => {
  // 21 good and 1 fair: "21/22 units good, 1 fair".
  const indexes = [...Array.from({ length: 21 }, (_, i) => 8100 + i * 37), 7583]
  const bands = countBands(indexes.map(BigInt), DEFAULT_BANDS)
  t.same(bands, { excellent: 0, good: 21, fair: 1, average: 0, weak: 0 })
  const s = summarise(values(...indexes))
  t.equal(s.count, 22)
  t.same(s.min, { value: 75.83, units: ['u21'] })
})

t.test('whole-hundredth numbers give the same statistics as bigints', async (t) => {
  const indexes = [8875, 8000, 8999, 7583, 9000, 8492, 8493, 0, 10000, 7583]
  const asNumbers = indexes.map((value, i) => ({ code: `u${i}`, value }))
  const asBigints = indexes.map((value, i) => ({ code: `u${i}`, value: BigInt(value) }))
  t.same(summarise(asNumbers), summarise(asBigints))
  t.same(summarise(asNumbers), {
    count: 10,
    mean: 77.03,
    median: 84.93,
    stddev: 26.59,
    min: { value: 0, units: ['u7'] },
    max: { value: 100, units: ['u8'] },
  })
  t.same(countBands(indexes, DEFAULT_BANDS), countBands(indexes.map(BigInt), DEFAULT_BANDS))
})

t.test('negative numbers (gaps) round half away from zero: mean of −0.25 and 0 is −0.13', async (t) => {
  const s = summarise([
    { code: 'a', value: -25 },
    { code: 'b', value: 0 },
  ])
  t.equal(s.mean, -0.13)
  t.equal(s.median, -0.13)
  t.same(s.min, { value: -0.25, units: ['a'] })
})

t.test('values too large for exact float sums are summed exactly all the same', async (t) => {
  const big = 2 ** 40
  const s = summarise([
    { code: 'a', value: big },
    { code: 'b', value: big + 1 },
    { code: 'c', value: big + 2 },
  ])
  t.equal(s.mean, (big + 1) / 100)
  t.equal(s.median, (big + 1) / 100)
  t.equal(s.stddev, 0.01, 'σ of three consecutive hundredths is 0.816… hundredths')
})

import t from 'tap'
import { DEFAULT_BANDS } from '../src/domain/bands.js'
import type { FieldSpec } from '../src/domain/fields.js'
import { computeResults, rankResults, type UnitTotals } from '../src/domain/results.js'
import { Utf8JsonWriter } from '../src/http/utf8-writer.js'
import type { ResultsDocument } from '../src/modules/results/document.js'
import { rankedResultsJson } from '../src/modules/results/results-json.js'
import { serialise } from '../src/modules/results/service.js'
import { FIELDS, NAMES, prng, randomUnits } from './helpers/random-results.js'

const written = (write: (out: Utf8JsonWriter) => void): string => {
  const out = new Utf8JsonWriter()
  write(out)
  return out.bytes().toString('utf8')
}

t.test('numbers are written as JSON.stringify writes them', async (t) => {
  const random = prng(1)
  const values = [0, -0, 0.01, -0.01, 0.1, 0.5, 1, 10, 100, 88.75, 84.93, -84.93, 99.99, 1e6 + 0.05]
  for (let i = 0; i < 20_000; i++) {
    const magnitude = 10 ** Math.floor(random() * 17) // up to 10^16 hundredths: past 2^31 and 2^53
    const h = Math.floor(random() * magnitude) * (random() < 0.2 ? -1 : 1)
    values.push(h / 100)
  }
  values.push(1 / 3, 2 ** 31 / 100, -(2 ** 31) / 100, 2 ** 53, 1.005, 1e21, 1e-7, 123.456)
  const wrong = values.filter((v) => written((out) => out.number(v)) !== JSON.stringify(v))
  t.same(wrong, [], 'every number as JSON.stringify prints it')
  t.equal(
    written((out) => out.number(Number.NaN)),
    'null',
    'NaN is null, as JSON.stringify writes it',
  )
  t.equal(
    written((out) => out.number(Number.POSITIVE_INFINITY)),
    'null',
  )
})

t.test('strings are escaped and encoded as JSON.stringify and Buffer.from do', async (t) => {
  for (const name of NAMES) {
    const out = new Utf8JsonWriter()
    out.string(name)
    t.same(out.bytes(), Buffer.from(JSON.stringify(name), 'utf8'), JSON.stringify(name))
  }
})

t.test('a document larger than a chunk comes out whole, in order', async (t) => {
  const out = new Utf8JsonWriter()
  const parts: string[] = []
  for (let i = 0; i < 300_000; i++) {
    const name = NAMES[i % NAMES.length]!
    out.raw(i === 0 ? '[' : ',')
    out.string(name)
    out.raw(',')
    out.number(i / 100)
    parts.push(`${JSON.stringify(name)},${JSON.stringify(i / 100)}`)
  }
  out.raw(']')
  const bytes = out.bytes()
  t.ok(bytes.length > 8 * 1024 * 1024, 'more than two of the largest chunks')
  t.ok(bytes.equals(Buffer.from(`[${parts.join(',')}]`, 'utf8')), 'the same bytes as one JSON.stringify')
})

t.test('a writer sized by expect gives the same bytes for a generous, an exact and a too small estimate', async (t) => {
  const text = JSON.stringify(Array.from({ length: 20_000 }, (_, i) => `${NAMES[i % NAMES.length]} ${i}`))
  const expected = Buffer.from(text, 'utf8')
  for (const [what, estimate] of [
    ['generous', expected.length * 2],
    ['exact', expected.length - 1],
    ['too small', Math.floor(expected.length / 10)],
  ] as const) {
    const out = new Utf8JsonWriter()
    out.raw('[')
    out.expect(estimate)
    out.json(text.slice(1))
    t.ok(out.bytes().equals(expected), what)
  }
})

const PERIOD = { code: 'ky-2024', name: 'Kỳ đánh giá "2024"', year: 2024, status: 'appraisal' as const }
const NO_COMPUTED_LEAVES = { survey: [], ratio: new Map() }

function liveDocument(units: UnitTotals[], fields: FieldSpec[], group: string | null): ResultsDocument {
  const results = computeResults(units, NO_COMPUTED_LEAVES, DEFAULT_BANDS, group, fields)
  return { period: PERIOD, group, snapshot: null, ...results }
}

t.test('the JSON written straight from ranked results is the JSON of the document made of them', async (t) => {
  const random = prng(4)
  for (let round = 0; round < 60; round++) {
    const fields = FIELDS.slice(0, round % 4)
    const units = randomUnits(random, round === 0 ? 0 : 1 + Math.floor(random() * 40), fields.length)
    for (const group of [null, 'xa', 'none']) {
      const ranked = rankResults(units, NO_COMPUTED_LEAVES, DEFAULT_BANDS, group, fields)
      const expected = Buffer.from(serialise(liveDocument(units, fields, group)), 'utf8')
      if (!rankedResultsJson({ period: PERIOD, group, snapshot: null }, ranked).equals(expected)) {
        t.fail(`round ${round}, group ${group}: the bytes differ`, { expected: expected.toString('utf8') })
        return
      }
    }
  }
  t.pass('60 rounds × 3 groups, 0 to 40 units, 0 to 3 fields')
})

t.test('large rounds, past the items an answer is sized from, come out as the JSON of their document', async (t) => {
  const random = prng(5)
  for (const [size, longNamesRankedLast] of [
    [65, false],
    [400, true],
    [2_000, false],
    [2_000, true],
  ] as const) {
    const units = randomUnits(random, size, 2).map((u, i) => {
      // Long names on the units listed last make the items after the sampled ones larger than estimated.
      if (!longNamesRankedLast) return u
      const last = i % 2 === 1
      return {
        ...u,
        rankable: true,
        maxHundredths: 1000,
        appraisalHundredths: last ? 0 : 1000,
        name: last ? `${u.name} ${'Ủy ban nhân dân '.repeat(20)}` : 'x',
      }
    })
    const ranked = rankResults(units, NO_COMPUTED_LEAVES, DEFAULT_BANDS, null, FIELDS.slice(0, 2))
    const expected = Buffer.from(serialise(liveDocument(units, FIELDS.slice(0, 2), null)), 'utf8')
    t.ok(
      rankedResultsJson({ period: PERIOD, group: null, snapshot: null }, ranked).equals(expected),
      `${size} units${longNamesRankedLast ? ', the longer items last' : ''}`,
    )
  }
})

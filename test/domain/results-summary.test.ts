import t from 'tap'
import { DEFAULT_BANDS } from '../../src/domain/bands.js'
import { documentFields } from '../../src/domain/fields.js'
import { computeResults, summariseItems } from '../../src/domain/results.js'
import { FIELDS, prng, randomUnits } from '../helpers/random-results.js'

// A live computation takes its statistics from the hundredths it ranks; a publication's `?group=` view
// takes them from the two-decimal values it answered. The two must give the same figures.
t.test('the statistics of a computation are those read back from its answered items', async (t) => {
  const random = prng(5)
  for (let round = 0; round < 80; round++) {
    const fields = FIELDS.slice(0, round % 4)
    const units = randomUnits(random, round === 0 ? 0 : 1 + Math.floor(random() * 40), fields.length)
    for (const group of [null, 'xa', 'phong', 'none']) {
      const { items, ...computed } = computeResults(
        units,
        { survey: [], ratio: new Map() },
        DEFAULT_BANDS,
        group,
        fields,
      )
      const readBack = summariseItems(items, DEFAULT_BANDS, documentFields(fields))
      if (JSON.stringify(computed) !== JSON.stringify(readBack)) {
        t.same(computed, readBack, `round ${round}, group ${group}`)
        return
      }
    }
  }
  t.pass('80 rounds × 4 groups, 0 to 40 units, 0 to 3 fields: the same statistics')
})

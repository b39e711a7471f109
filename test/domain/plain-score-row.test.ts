import t from 'tap'
import { checkScoreRow, plainScoreRow, type LeafInfo, type ScoreRowInput } from '../../src/domain/score-rules.js'

/**
 * plainScoreRow is checkScoreRow's shortcut for the rows most imports are made of: whenever it answers,
 * checkScoreRow accepts the row and writes the very same values; whenever the row breaks a rule, it
 * answers nothing (checkScoreRow then reports).
 */

const leaves: Array<LeafInfo | 'inner' | undefined> = [
  { maxHundredths: 250n, method: 'appraisal' },
  { maxHundredths: 1000n, method: 'appraisal' },
  { maxHundredths: 0n, method: 'appraisal' },
  { maxHundredths: 99999999999999n, method: 'appraisal' },
  { maxHundredths: 2n ** 60n, method: 'appraisal' },
  { maxHundredths: 500n, method: 'ratio' },
  { maxHundredths: 500n, method: 'survey' },
  'inner',
  undefined,
]
const points: Array<ScoreRowInput['self']> = [
  undefined,
  null,
  '0',
  '1',
  '1.5',
  '2.50',
  '2.51',
  '10',
  '10.00',
  '007.5',
  '-0',
  '-1',
  '1.555',
  ' 2 ',
  '1e1',
  '.5',
  '5.',
  '+1',
  '１',
  '123456789012345',
  '999999999999.99',
  '1.5.5',
  '1..',
  '0.05',
  '2.5 ',
  '\t1',
  0,
  1.1,
  2.5,
  2.505,
  -0,
  1e21,
  Number.NaN,
]
const notes: Array<ScoreRowInput['note']> = [
  undefined,
  null,
  '',
  'Ghi chú',
  'e\u0301',
  'x'.repeat(2000),
  'x'.repeat(2001),
]
const marks: Array<ScoreRowInput['notApplicable']> = [undefined, null, true, false]

/** Every combination of the values above, as a row. */
function rows(): ScoreRowInput[] {
  const all: ScoreRowInput[] = []
  const combos = points.flatMap((self) =>
    [undefined, '1.25', '3', null].flatMap((appraised) =>
      notes.flatMap((note) => marks.map((notApplicable) => ({ self, appraised, note, notApplicable }))),
    ),
  )
  for (const combo of combos) {
    const row: ScoreRowInput = { criterion: '1.1' }
    if (combo.self !== undefined) row.self = combo.self
    if (combo.appraised !== undefined) row.appraised = combo.appraised
    if (combo.note !== undefined) row.note = combo.note
    if (combo.notApplicable !== undefined) row.notApplicable = combo.notApplicable
    all.push(row)
  }
  return all
}

t.test('whenever plainScoreRow writes a row, checkScoreRow accepts it and writes the same', async (t) => {
  let plain = 0
  let checked = 0
  const mismatches: string[] = []
  for (const leaf of leaves)
    for (const row of rows()) {
      const issues: Array<{ pointer: string; code: string; message: string }> = []
      const write = checkScoreRow(row, leaf, '/rows/0', issues)
      const shortcut = plainScoreRow(row, leaf)
      checked++
      if (shortcut === null) continue
      plain++
      if (issues.length > 0 || JSON.stringify(write) !== JSON.stringify(shortcut))
        mismatches.push(
          JSON.stringify({ row, leaf: typeof leaf === 'object' ? leaf.method : leaf, shortcut, write, issues }),
        )
    }
  t.same(mismatches.slice(0, 5), [])
  t.ok(plain > checked / 10, `most plain rows take the shortcut (${plain} of ${checked})`)
})

t.test('rows with counts or evidence are left to checkScoreRow', async (t) => {
  const leaf: LeafInfo = { maxHundredths: 500n, method: 'appraisal' }
  t.equal(plainScoreRow({ criterion: '1.1', evidence: ['https://x.vn'] }, leaf), null)
  t.equal(plainScoreRow({ criterion: '1.1', numerator: 1, denominator: 2 }, leaf), null)
  t.same(plainScoreRow({ criterion: '1.1', self: '1.5' }, leaf)?.self, { set: true, value: '1.50' })
})

/** The pure pieces of the report files: number and date writing, escaping, neutralising, zip stamps. */
import t from 'tap'
import { summariseGaps, selfAssessment } from '../src/domain/self-assessment.js'
import { ZERO } from '../src/domain/decimal.js'
import {
  escapeMarkup,
  neutraliseCell,
  publicationLine,
  vietnameseDate,
  vietnameseDecimal,
} from '../src/modules/results/format.js'
import { setZipTimestamps } from '../src/modules/results/zip-time.js'

t.test('Vietnamese numbers: comma decimals, dot thousands, two places', async (t) => {
  t.equal(vietnameseDecimal(84.92), '84,92')
  t.equal(vietnameseDecimal(100), '100,00')
  t.equal(vietnameseDecimal(0.5), '0,50')
  t.equal(vietnameseDecimal(-0.13), '-0,13')
  t.equal(vietnameseDecimal(1868.24), '1.868,24')
})

t.test('dates in Vietnam time (UTC+7)', async (t) => {
  t.equal(vietnameseDate('2019-01-14T16:59:59Z'), '14/01/2019')
  t.equal(vietnameseDate('2019-01-14T17:00:00Z'), '15/01/2019', 'midnight in Hà Nội')
  t.equal(
    publicationLine({ number: 2, publishedAt: '2019-01-14T17:00:00Z', hash: 'sha256:0123456789abcdef0123' }),
    'Công bố lần 2, ngày 15/01/2019 (giờ Việt Nam), mã 0123456789ab',
  )
  t.equal(publicationLine(null), null)
})

t.test('markup escaping: every special character, and what XML cannot carry', async (t) => {
  t.equal(
    escapeMarkup(`<script>alert("x" & 'y')</script>`),
    '&lt;script&gt;alert(&quot;x&quot; &amp; &#39;y&#39;)&lt;/script&gt;',
  )
  t.equal(escapeMarkup('a\u0001b\tc\nd\uD800e'), 'a\uFFFDb\tc\nd\uFFFDe')
  t.equal(escapeMarkup('UBND xã Quảng Lợi 😀'), 'UBND xã Quảng Lợi 😀')
})

t.test('spreadsheet text cells that would be formulas get a leading apostrophe', async (t) => {
  for (const text of ['=HYPERLINK("x")', '+1', '-1+2', '@SUM(A1)']) t.equal(neutraliseCell(text), `'${text}`)
  for (const text of ['Phòng Nội vụ', '1+1', ' =x', '']) t.equal(neutraliseCell(text), text)
})

t.test('the self-assessment gap rounds only once, and a negative half away from zero', async (t) => {
  t.same(selfAssessment(7200n, ZERO, 10000n, 7583n), { points: 72, index: 72, gap: -3.83 })
  t.same(selfAssessment(0n, ZERO, 0n, null), { points: 0, index: null, gap: null })
  const gaps = [-25n, 0n].map((g, i) => ({
    unit: { code: `u${i}` },
    selfAssessment: { points: 0, index: 0, gap: Number(g) / 100 },
  }))
  t.match(summariseGaps(gaps), { count: 2, mean: -0.13, median: -0.13 }, '−0.125 → −0.13')
})

t.test('zip stamps: every entry dated as asked, nothing else changed', async (t) => {
  const { default: ExcelJS } = await import('exceljs')
  const make = async () => {
    const workbook = new ExcelJS.Workbook()
    workbook.created = workbook.modified = new Date(Date.UTC(2019, 0, 15))
    workbook.addWorksheet('a').getCell('A1').value = 'x'
    return Buffer.from(await workbook.xlsx.writeBuffer())
  }
  const a = await make()
  await new Promise((resolve) => setTimeout(resolve, 2100)) // past the 2-second resolution of zip times
  const b = await make()
  const date = new Date(Date.UTC(2019, 0, 15, 8, 30, 10))
  t.ok(setZipTimestamps(a, date).equals(setZipTimestamps(b, date)), 'the same bytes')
  const loaded = new ExcelJS.Workbook()
  await loaded.xlsx.load(a as never)
  t.equal(loaded.worksheets[0]!.getCell('A1').value, 'x', 'still a readable workbook')
})

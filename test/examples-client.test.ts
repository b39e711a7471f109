/**
 * The example client (examples/typescript-client/district-flow.ts) run against the service listening on
 * a port, with the sample district of examples/data. Expected figures were computed by hand from
 * examples/data/scores.csv (appraised scores; every leaf applies, the framework totals 100 points, so a
 * unit's index is the sum of its scores), with the correction the flow writes (xã Hòa Liên's 3.1: 21 → 24).
 */
import ExcelJS from 'exceljs'
import t from 'tap'
import { runDistrictFlow } from '../examples/typescript-client/district-flow.js'
import { ADMIN_TOKEN, build } from './helpers/build.js'

const UNIT_NAMES = [
  'Phòng Nội vụ',
  'Phòng Tư pháp',
  'Phòng Tài chính – Kế hoạch',
  'Văn phòng HĐND và UBND huyện',
  'UBND xã Hòa Bắc',
  'UBND xã Hòa Liên',
  'UBND xã Hòa Ninh',
  'UBND xã Hòa Phong',
]

const app = await build(t)
const baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
const lines: string[] = []
const flow = await runDistrictFlow({ baseUrl, token: ADMIN_TOKEN, log: (line) => lines.push(line) })

t.test('the JSON import creates the 48 self-assessed scores and the CSV import updates all 48', async (t) => {
  t.same(flow.imports.selfAssessment, { dryRun: false, rows: 48, created: 48, updated: 0, unchanged: 0 })
  t.same(flow.imports.appraisal, { dryRun: false, rows: 48, created: 0, updated: 48, unchanged: 0 })
})

t.test('the published ranking orders the 8 units by index, xã Hòa Liên second after its correction', async (t) => {
  t.equal(flow.results.period.status, 'published')
  t.equal(flow.results.snapshot?.number, 1)
  t.same(
    flow.results.items.map((i) => [i.rank?.position, i.unit.code, i.index, i.band?.label, i.provisional]),
    [
      [1, 'phong-noi-vu', 92.75, 'Xuất sắc', false],
      [2, 'xa-hoa-lien', 90, 'Xuất sắc', false],
      [3, 'van-phong-ubnd', 89.5, 'Tốt', false],
      [4, 'phong-tu-phap', 85.5, 'Tốt', false],
      [5, 'phong-tckh', 82.25, 'Tốt', false],
      [6, 'xa-hoa-phong', 79, 'Khá', false],
      [7, 'xa-hoa-ninh', 74.75, 'Khá', false],
      [8, 'xa-hoa-bac', 66.75, 'Trung bình', false],
    ],
  )
})

t.test(
  'the published statistics: mean 660.50 ÷ 8 = 82.56, median 83.88, 2 Xuất sắc, 3 Tốt, 2 Khá, 1 Trung bình',
  async (t) => {
    t.same(flow.results.statistics, {
      count: 8,
      mean: 82.56,
      median: 83.88,
      stddev: 8.21,
      min: { value: 66.75, units: ['xa-hoa-bac'] },
      max: { value: 92.75, units: ['phong-noi-vu'] },
      bands: { excellent: 2, good: 3, fair: 2, average: 1, weak: 0 },
    })
  },
)

t.test('the client prints the top 3 and the mean of the publication', async (t) => {
  const at = lines.indexOf('publication 1 of Chỉ số CCHC huyện Hòa Vang năm 2024 (ví dụ)')
  t.same(lines.slice(at + 1, at + 5), [
    '   1.  92.75  Phòng Nội vụ (Xuất sắc)',
    '   2.  90.00  UBND xã Hòa Liên (Xuất sắc)',
    '   3.  89.50  Văn phòng HĐND và UBND huyện (Tốt)',
    'mean 82.56 over 8 units; highest 92.75, lowest 66.75',
  ])
})

t.test("a write with the scorecard's ETag in If-Match succeeds and one with the stale ETag gets 412", async (t) => {
  t.equal(flow.ifMatch.indexBefore, 87)
  t.equal(flow.ifMatch.indexAfter, 90)
  t.match(flow.ifMatch.etag, /^"[^"]+"$/)
  t.not(flow.ifMatch.newEtag, flow.ifMatch.etag)
  t.same(flow.staleWrite, { status: 412, type: 'urn:cchc:problem:precondition-failed' })
})

t.test(
  'the CSV export is a text/csv attachment of the publication, with a byte-order mark, listing every unit by name',
  async (t) => {
    const { csv } = flow.exports
    t.equal(csv.contentType, 'text/csv; charset=utf-8')
    t.same([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf])
    t.equal(csv.fileName, 'ket-qua-cchc_hoa-vang-2024_cong-bo-1.csv')
    const text = new TextDecoder().decode(csv.bytes)
    const names = text
      .split('\r\n')
      .slice(1, -1)
      .map((row) => row.split(',')[1])
    t.same(names, [
      'Phòng Nội vụ',
      'UBND xã Hòa Liên',
      'Văn phòng HĐND và UBND huyện',
      'Phòng Tư pháp',
      'Phòng Tài chính – Kế hoạch',
      'UBND xã Hòa Phong',
      'UBND xã Hòa Ninh',
      'UBND xã Hòa Bắc',
    ])
  },
)

t.test('the XLSX export has the spreadsheet type, the publication file name and every unit by name', async (t) => {
  const { xlsx } = flow.exports
  t.equal(xlsx.contentType, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
  t.equal(xlsx.fileName, 'ket-qua-cchc_hoa-vang-2024_cong-bo-1.xlsx')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(Buffer.from(xlsx.bytes) as never)
  const names: unknown[] = []
  workbook.worksheets[0]!.eachRow((row) => names.push(row.getCell(2).value))
  t.same(names.filter((name) => typeof name === 'string' && UNIT_NAMES.includes(name)).sort(), [...UNIT_NAMES].sort())
})

/**
 * The report a round publishes (docs/api.md, "Report formats"; docs/domain.md, "Fields" and "The
 * self-assessment gap"): field indexes and ranks, the gap, and the CSV, XLSX, SVG and HTML files, on the
 * 22-unit district round. Expected figures were computed by hand (exact decimals, half-up).
 */
import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import { sql } from 'kysely'
import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedUnit } from './helpers/api.js'
import { district, seedDistrict } from './helpers/district.js'

type App = Awaited<ReturnType<typeof build>>
type Item = {
  unit: { code: string; name: string; group: string }
  fields: Array<{ code: string; points: number; maxPoints: number; index: number | null; rank: unknown }>
  selfAssessment: { points: number; index: number | null; gap: number | null }
}
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const results = (app: App, query = '', headers: Record<string, string> = {}) =>
  call(app, 'GET', `/v1/periods/2018/results${query}`, { headers })
const item = (body: { items: Item[] }, code: string) => body.items.find((i) => i.unit.code === code)!
const status = (app: App, s: string, reason?: string) =>
  call(app, 'POST', '/v1/periods/2018/status', { body: { status: s, ...(reason ? { reason } : {}) } })

/** The same statistics for fields 1 to 4 (each unit's first eight leaves hold equal scores). */
const FIELD_1_TO_4 = {
  all: {
    count: 22,
    mean: 84.91,
    median: 84.9,
    stddev: 2.41,
    min: { value: 75.8, units: ['xa-quang-loi'] },
    max: { value: 88.7, units: ['phong-noi-vu'] },
  },
  xa: {
    count: 10,
    mean: 84.07,
    median: 84.5,
    stddev: 3.07,
    min: { value: 75.8, units: ['xa-quang-loi'] },
    max: { value: 88.2, units: ['xa-vinh-ha'] },
  },
}
const FIELD_5 = {
  all: {
    count: 22,
    mean: 84.95,
    median: 84.98,
    stddev: 2.41,
    min: { value: 75.95, units: ['xa-quang-loi'] },
    max: { value: 88.95, units: ['phong-noi-vu'] },
  },
  xa: {
    count: 10,
    mean: 84.09,
    median: 84.5,
    stddev: 3.03,
    min: { value: 75.95, units: ['xa-quang-loi'] },
    max: { value: 88.25, units: ['xa-vinh-ha'] },
  },
}

t.test('fields: points, applicable maximum, index and rank per field; statistics per field', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  const body = (await results(app)).json()
  t.same(
    body.fields,
    [1, 2, 3, 4, 5].map((f) => ({
      code: String(f),
      title: `Lĩnh vực ${f}`,
      maxPoints: 20,
      statistics: f < 5 ? FIELD_1_TO_4.all : FIELD_5.all,
    })),
  )
  t.same(item(body, 'xa-quang-loi').fields, [
    { code: '1', points: 15.16, maxPoints: 20, index: 75.8, rank: { position: 22, of: 22, tied: false } },
    { code: '2', points: 15.16, maxPoints: 20, index: 75.8, rank: { position: 22, of: 22, tied: false } },
    { code: '3', points: 15.16, maxPoints: 20, index: 75.8, rank: { position: 22, of: 22, tied: false } },
    { code: '4', points: 15.16, maxPoints: 20, index: 75.8, rank: { position: 22, of: 22, tied: false } },
    { code: '5', points: 15.19, maxPoints: 20, index: 75.95, rank: { position: 22, of: 22, tied: false } },
  ])
  for (const code of ['phong-tu-phap', 'xa-phu-thuong'])
    t.same(
      item(body, code).fields.map((f) => [f.index, f.rank]),
      Array.from({ length: 5 }, () => [86.5, { position: 4, of: 22, tied: true }]),
      `${code}: 4/22 đồng hạng on every field`,
    )
  t.same(item(body, 'thanh-tra').fields[0]!.rank, { position: 6, of: 22, tied: false }, 'the next rank is skipped')

  const xa = (await results(app, '?group=xa')).json()
  t.same(
    xa.fields.map((f: { statistics: unknown }) => f.statistics),
    [FIELD_1_TO_4.xa, FIELD_1_TO_4.xa, FIELD_1_TO_4.xa, FIELD_1_TO_4.xa, FIELD_5.xa],
  )
  t.same(item(xa, 'xa-phu-thuong').fields[4]!.rank, { position: 4, of: 22, tied: true }, '?group= changes no rank')
})

t.test('not applicable leaves leave the field maximum; a field with nothing applicable has no index', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  await seedUnit(app, 'ban-qlda', { name: 'Ban Quản lý dự án', group: 'phong', rankable: false })
  await call(app, 'PUT', '/v1/periods/2018', {
    body: { name: 'Kỳ 2018', year: 2018, framework: 'huyen-2018', units: [...district.map((u) => u.code), 'ban-qlda'] },
  })
  const rows = [
    { unit: 'ban-qlda', criterion: '1.1', notApplicable: true },
    { unit: 'ban-qlda', criterion: '1.2', notApplicable: true },
    { unit: 'ban-qlda', criterion: '2.1', appraised: 9.5, self: 10 },
    { unit: 'ban-qlda', criterion: '2.2', notApplicable: true, self: 3 },
  ]
  t.equal((await call(app, 'POST', '/v1/periods/2018/scores/import', { body: { rows } })).statusCode, 200)
  const ban = item((await results(app)).json(), 'ban-qlda')
  t.same(ban.fields.slice(0, 3), [
    { code: '1', points: 0, maxPoints: 0, index: null, rank: null },
    { code: '2', points: 9.5, maxPoints: 10, index: 95, rank: null },
    { code: '3', points: 0, maxPoints: 20, index: 0, rank: null },
  ])
  // 10 of the self-assessed scores apply (2.2's 3 is not applicable), over the 70 applicable points.
  t.same(ban.selfAssessment, { points: 10, index: 14.29, gap: 0.72 })
})

t.test('the self-assessment gap: per unit and its statistics, negative halves away from zero', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  const body = (await results(app)).json()
  t.same(item(body, 'phong-noi-vu').selfAssessment, { points: 90, index: 90, gap: 1.25 })
  t.same(item(body, 'xa-quang-loi').selfAssessment, { points: 72, index: 72, gap: -3.83 }, 'missing 5.2 counts 0')
  t.same(item(body, 'phong-tu-phap').selfAssessment, { points: 86.5, index: 86.5, gap: 0 })
  t.same(body.selfAssessmentGap, {
    count: 22,
    mean: 0.43,
    median: 0.5,
    stddev: 1.14,
    min: { value: -3.83, units: ['xa-quang-loi'] },
    max: { value: 2, units: ['phong-quan-ly-do-thi', 'phong-van-hoa'] },
  })
  t.same(
    (await results(app, '?group=xa')).json().selfAssessmentGap,
    {
      count: 10,
      mean: -0.13, // −1.25 ÷ 10 = −0.125 exactly
      median: 0.13, // (0 + 0.25) ÷ 2 = 0.125
      stddev: 1.33,
      min: { value: -3.83, units: ['xa-quang-loi'] },
      max: { value: 1.5, units: ['xa-vinh-ha'] },
    },
    'the communes: a negative half rounds away from zero',
  )
  t.match((await results(app, '?group=phong')).json().selfAssessmentGap, { count: 12, mean: 0.89, median: 0.83 })
})

t.test('CSV and XLSX carry the field columns, the self-assessment points and Tạm tính', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  await call(app, 'PUT', '/v1/periods/2018/units/xa-phu-an/scores', {
    body: { scores: [{ criterion: '3.1', appraised: null }] },
  })
  const csv = await results(app, '?format=csv', { accept: 'application/json' })
  t.equal(csv.statusCode, 200, '?format= wins over Accept')
  t.match(csv.headers['content-type'], /^text\/csv/)
  const rows: string[][] = parse(csv.body, { bom: true })
  const header = rows[0]!
  t.same(header.slice(3, 9), [
    '1. Lĩnh vực 1',
    '2. Lĩnh vực 2',
    '3. Lĩnh vực 3',
    '4. Lĩnh vực 4',
    '5. Lĩnh vực 5',
    'Điểm tự đánh giá',
  ])
  t.equal(header[header.length - 1], 'Tạm tính')
  const phuAn = rows.find((r) => r[0] === 'xa-phu-an')!
  // 3.1 falls back to its self score (8.48 → 8.43): field 3 is 8.43 + 8.48 = 16.91, and the unit provisional.
  t.same(phuAn.slice(3, 9), ['16.96', '16.96', '16.91', '16.96', '16.96', '84.30'])
  t.equal(phuAn[phuAn.length - 1], 'x')
  t.equal(rows.find((r) => r[0] === 'phong-noi-vu')![header.length - 1], '')

  const xlsx = await results(app, '?format=xlsx')
  t.equal(xlsx.headers['content-type'], XLSX)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(xlsx.rawPayload as never)
  const sheet = workbook.worksheets[0]!
  let headerRow = 0
  sheet.eachRow((row, n) => {
    if (headerRow === 0 && row.getCell(1).value === 'Mã đơn vị') headerRow = n
  })
  t.same((sheet.getRow(headerRow).values as unknown[]).slice(4, 10), header.slice(3, 9))
  const xlsxRow = (code: string) => {
    let found: unknown[] = []
    sheet.eachRow((row) => {
      if (row.getCell(1).value === code) found = (row.values as unknown[]).slice(1)
    })
    return found
  }
  t.same(xlsxRow('xa-phu-an').slice(3, 9), [16.96, 16.96, 16.91, 16.96, 16.96, 84.3], 'numbers as numbers')
  t.equal(xlsxRow('xa-phu-an')[header.length - 1], 'x')
})

t.test('XLSX is print-ready, and the same publication gives the same bytes with an ETag', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  await status(app, 'appraisal')
  await status(app, 'published')
  const first = await results(app, '?format=xlsx')
  const second = await results(app, '?format=xlsx')
  t.ok(first.rawPayload.equals(second.rawPayload), 'byte for byte')
  t.match(first.headers.etag, /^"sha256:[0-9a-f]{64}"$/)
  t.equal(first.headers.etag, second.headers.etag)
  t.match(first.headers['content-disposition'], /ket-qua-cchc_2018_cong-bo-1\.xlsx/)
  const notModified = await results(app, '?format=xlsx', { 'if-none-match': first.headers.etag as string })
  t.equal(notModified.statusCode, 304)
  t.equal(notModified.body, '')

  const snapshot = (await results(app)).json().snapshot
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(first.rawPayload as never)
  const toSecond = (iso: string) => Math.floor(Date.parse(iso) / 1000) * 1000
  t.equal(workbook.created.getTime(), toSecond(snapshot.publishedAt), 'dated by the publication, not by the call')
  const [sheet, stats] = workbook.worksheets
  t.equal(sheet!.getCell('A1').value, 'Kết quả Chỉ số CCHC – Kỳ 2018')
  t.equal(sheet!.getCell('A2').value, 'Trạng thái: Đã công bố')
  const date = new Date(Date.parse(snapshot.publishedAt) + 7 * 3600_000)
  const dd = (n: number) => String(n).padStart(2, '0')
  t.equal(
    sheet!.getCell('A3').value,
    `Công bố lần 1, ngày ${dd(date.getUTCDate())}/${dd(date.getUTCMonth() + 1)}/${date.getUTCFullYear()} (giờ Việt Nam), mã ${snapshot.hash.slice(7, 19)}`,
  )
  t.equal(sheet!.getCell('A5').value, 'Mã đơn vị', 'the header after the title rows and a blank row')
  t.equal(sheet!.autoFilter, 'A5:R27', 'the header and the 22 rows, 18 columns')
  t.match(sheet!.views[0], { state: 'frozen', ySplit: 5 })
  t.match(sheet!.pageSetup, {
    orientation: 'landscape',
    paperSize: 9,
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '5:5',
  })
  t.equal(sheet!.getColumn(4).numFmt, '0.00', 'field points with two decimals')
  t.equal(sheet!.getColumn(12).numFmt, '0.00', 'the index with two decimals')
  t.ok((sheet!.getColumn(2).width ?? 0) >= 'Phòng Lao động - Thương binh và Xã hội'.length, 'the name column fits')
  const statRows = new Map<string, { value: unknown; numFmt: string | undefined }>()
  stats!.eachRow((row) =>
    statRows.set(row.getCell(1).text, { value: row.getCell(2).value, numFmt: row.getCell(2).numFmt }),
  )
  t.same(statRows.get('Chỉ số CCHC: trung bình'), { value: 84.92, numFmt: '0.00' })
  t.equal(statRows.get('Chỉ số CCHC: đơn vị cao nhất')!.value, 'Phòng Nội vụ')
  t.equal(statRows.get('Lĩnh vực 5. Lĩnh vực 5: trung bình')!.value, 84.95)
  t.equal(statRows.get('Chênh lệch tự đánh giá: thấp nhất')!.value, -3.83)
  t.equal(statRows.get('Chênh lệch tự đánh giá: đơn vị thấp nhất')!.value, 'UBND xã Quảng Lợi')

  const json = await results(app)
  t.equal(json.headers.etag, `"${snapshot.hash}"`, 'the frozen JSON is tagged by its hash')
  t.equal((await results(app, '', { 'if-none-match': `"${snapshot.hash}"` })).statusCode, 304)
  t.not((await results(app, '?format=csv')).headers.etag, json.headers.etag, 'each representation its own tag')
  t.equal((await results(app, '?format=xlsx&snapshot=1')).rawPayload.equals(first.rawPayload), true)
})

t.test('the SVG ranking chart and the printable HTML report', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  const svg = await results(app, '?format=svg')
  t.equal(svg.statusCode, 200)
  t.equal(svg.headers['content-type'], 'image/svg+xml; charset=utf-8')
  t.match(svg.headers['content-security-policy'], /default-src 'none'/)
  const text = svg.body
  t.ok(text.startsWith("<?xml version='1.0' encoding='UTF-8'?>\n<svg xmlns='http://www.w3.org/2000/svg'"))
  t.equal((text.match(/<rect x=/g) ?? []).length, 22, 'one bar per unit')
  t.match(text, /<title>Xếp hạng Chỉ số CCHC – Kỳ 2018<\/title>/)
  t.match(text, />1\. Phòng Nội vụ<\/text>/)
  t.match(text, />4= Phòng Tư pháp<\/text>/, 'a shared rank')
  t.match(text, />88,75<\/text>/, 'comma decimals')
  t.match(text, /Bình quân 84,92/)
  t.match(text, /Tốt ≥ 80/)
  t.notMatch(text, /88\.75/, 'no dot decimals in the chart')
  const order = district.map((u) => text.indexOf(` ${u.name}<`))
  t.ok(
    order.every((at) => at > 0),
    'every unit named',
  )
  t.ok(text.indexOf('Phòng Nội vụ') < text.indexOf('UBND xã Vinh Hà'), 'listing order')

  const html = await results(app, '', { accept: 'text/html' })
  t.equal(html.headers['content-type'], 'text/html; charset=utf-8')
  t.match(
    html.body,
    '21/22 đơn vị xếp loại Tốt, 1 đơn vị xếp loại Khá; bình quân 84,92; cao nhất 88,75; thấp nhất 75,83',
  )
  t.match(html.body, /@page \{ size: A4 landscape/)
  t.match(html.body, /thead \{ display: table-header-group/)
  t.notMatch(html.body, /<script|<link|src=|url\(|@import/, 'no script and no external request')
  t.notMatch(html.body.replace("xmlns='http://www.w3.org/2000/svg'", ''), /https?:/)
  for (const u of district) t.ok(html.body.includes(u.name), `${u.code} in the report`)
  t.match(html.body, /<td class='n'>88,75<\/td>/)
  t.equal(
    (await results(app, '?format=json', { accept: 'text/html' })).headers['content-type'],
    'application/json; charset=utf-8',
  )
})

t.test('names are text everywhere: escaped in HTML and SVG, neutralised in CSV and XLSX', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  await seedUnit(app, 'xa-quang-loi', { name: '<script>alert("x")</script> & Co', group: 'xa' })
  await seedUnit(app, 'xa-phu-an', { name: '=HYPERLINK("http://evil.example","bấm")', group: 'xa' })
  const html = (await results(app, '?format=html')).body
  t.notMatch(html, /<script>alert/)
  t.match(html, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co')
  const svg = (await results(app, '?format=svg')).body
  t.notMatch(svg, /<script>alert/)
  t.match(svg, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co')
  const rows: string[][] = parse((await results(app, '?format=csv')).body, { bom: true })
  t.equal(rows.find((r) => r[0] === 'xa-phu-an')![1], `'=HYPERLINK("http://evil.example","bấm")`)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load((await results(app, '?format=xlsx')).rawPayload as never)
  let name: unknown
  workbook.worksheets[0]!.eachRow((row) => {
    if (row.getCell(1).value === 'xa-phu-an') name = row.getCell(2).value
  })
  t.equal(name, `'=HYPERLINK("http://evil.example","bấm")`, 'a text cell, never a formula')
})

t.test('?format= : every value, an unknown one is 400, and it combines with ?snapshot= and ?group=', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  const bad = await results(app, '?format=pdf')
  t.equal(bad.statusCode, 400)
  t.match(bad.json(), { type: 'urn:cchc:problem:invalid-request' })
  await status(app, 'appraisal')
  await status(app, 'published')
  const types = { json: 'application/json', csv: 'text/csv', xlsx: XLSX, svg: 'image/svg+xml', html: 'text/html' }
  for (const [format, type] of Object.entries(types)) {
    const res = await results(app, `?format=${format}&snapshot=1&group=xa`)
    t.equal(res.statusCode, 200, format)
    t.ok(String(res.headers['content-type']).startsWith(type), `${format} is ${type}`)
    t.ok(res.headers.etag, `${format} has an ETag`)
  }
  t.match((await results(app, '?format=html&group=xa')).body, '9/10 đơn vị xếp loại Tốt, 1 đơn vị xếp loại Khá')
})

t.test('a publication made before fields keeps its bytes, and its files simply lack the new columns', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  await status(app, 'appraisal')
  await status(app, 'published')
  // What a publication of the earlier version stored: no fields, no self-assessment, no gap.
  const current = JSON.parse((await results(app)).body)
  const legacy = JSON.stringify({
    period: current.period,
    group: null,
    snapshot: current.snapshot,
    statistics: current.statistics,
    satisfaction: current.satisfaction,
    items: current.items.map(({ fields: _f, selfAssessment: _s, ...rest }: Record<string, unknown>) => rest),
  })
  await sql`update result_snapshots set body = ${legacy}`.execute(app.db)
  await status(app, 'appraisal', 'Rà soát lại')
  await status(app, 'published')
  const old = await results(app, '?snapshot=1')
  t.equal(old.body, legacy, 'the stored bytes, untouched')
  const group = (await results(app, '?snapshot=1&group=xa')).json()
  t.notOk('fields' in group, 'no fields under ?group= either')
  t.notOk('selfAssessmentGap' in group)
  t.equal(group.statistics.count, 10)
  const [header = []]: string[][] = parse((await results(app, '?snapshot=1&format=csv')).body, { bom: true })
  t.same(header.slice(0, 5), ['Mã đơn vị', 'Tên đơn vị', 'Nhóm', 'Điểm tự đánh giá', 'Điểm đạt'])
  t.equal((await results(app, '?snapshot=1&format=html')).statusCode, 200)
  const now = (await results(app)).json()
  t.equal(now.snapshot.number, 2)
  t.equal(now.fields.length, 5, 'a new publication freezes the new members')
  t.ok(now.items.every((i: Item) => i.fields.length === 5 && i.selfAssessment))
})

import ExcelJS from 'exceljs'
import { parse } from 'csv-parse/sync'
import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedClient, seedUnit } from './helpers/api.js'
import { district, seedDistrict } from './helpers/district.js'

type App = Awaited<ReturnType<typeof build>>
const results = (app: App, query = '', headers: Record<string, string> = {}) =>
  call(app, 'GET', `/v1/periods/2018/results${query}`, { headers })
const item = (body: { items: Array<{ unit: { code: string } }> }, code: string) =>
  body.items.find((i) => i.unit.code === code) as Record<string, unknown>

t.test('a 22-unit district: 21 Tốt + 1 Khá, mean 84.92, highest 88.75, lowest 75.83, a shared rank', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  const res = await results(app)
  t.equal(res.statusCode, 200)
  const body = res.json()
  t.same(body.period, { code: '2018', name: 'Kỳ 2018', year: 2018, status: 'open' })
  t.equal(body.group, null)
  t.equal(body.snapshot, null)
  t.same(body.statistics, {
    count: 22,
    mean: 84.92,
    median: 84.9,
    stddev: 2.41,
    min: { value: 75.83, units: ['xa-quang-loi'] },
    max: { value: 88.75, units: ['phong-noi-vu'] },
    bands: { excellent: 0, good: 21, fair: 1, average: 0, weak: 0 },
  })
  t.equal(body.satisfaction, null)
  t.equal(body.items.length, 22)
  t.same(body.items[0], {
    unit: { code: 'phong-noi-vu', name: 'Phòng Nội vụ', group: 'phong' },
    points: 88.75,
    maxPoints: 100,
    index: 88.75,
    band: { code: 'good', label: 'Tốt' },
    rank: { position: 1, of: 22, tied: false },
    groupRank: { position: 1, of: 12, tied: false },
    satisfaction: null,
    provisional: false,
    fields: [1, 2, 3, 4, 5].map((f) => ({
      code: String(f),
      points: f < 5 ? 17.74 : 17.79,
      maxPoints: 20,
      index: f < 5 ? 88.7 : 88.95,
      rank: { position: 1, of: 22, tied: false },
    })),
    selfAssessment: { points: 90, index: 90, gap: 1.25 },
  })
  t.same(
    body.items.map((i: { unit: { code: string } }) => i.unit.code).slice(0, 6),
    ['phong-noi-vu', 'xa-vinh-ha', 'phong-tai-chinh', 'phong-tu-phap', 'xa-phu-thuong', 'thanh-tra'],
    'by rank, the tie by code',
  )
  t.same(item(body, 'phong-tu-phap').rank, { position: 4, of: 22, tied: true })
  t.same(item(body, 'xa-phu-thuong').rank, { position: 4, of: 22, tied: true }, 'đồng hạng')
  t.same(item(body, 'thanh-tra').rank, { position: 6, of: 22, tied: false }, 'the next rank is skipped')
  t.same(item(body, 'phong-tu-phap').groupRank, { position: 3, of: 12, tied: false })
  t.same(item(body, 'xa-phu-thuong').groupRank, { position: 2, of: 10, tied: false })
  t.match(body.items[21], {
    unit: { code: 'xa-quang-loi' },
    index: 75.83,
    band: { code: 'fair', label: 'Khá' },
    rank: { position: 22, of: 22 },
    groupRank: { position: 10, of: 10 },
  })
  for (const u of district) t.equal(item(body, u.code).index, Number(u.index), `${u.code} index`)
})

t.test('?group= narrows items and statistics, never ranks', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  const phong = (await results(app, '?group=phong')).json()
  t.equal(phong.group, 'phong')
  t.equal(phong.items.length, 12)
  t.same(phong.statistics, {
    count: 12,
    mean: 85.63, // 85.625 exactly: half-up
    median: 85.5,
    stddev: 1.33,
    min: { value: 83.9, units: ['phong-quan-ly-do-thi'] },
    max: { value: 88.75, units: ['phong-noi-vu'] },
    bands: { excellent: 0, good: 12, fair: 0, average: 0, weak: 0 },
  })
  t.same(item(phong, 'phong-tu-phap').rank, { position: 4, of: 22, tied: true })
  const xa = (await results(app, '?group=xa')).json()
  t.match(xa.statistics, {
    count: 10,
    mean: 84.07,
    median: 84.5,
    stddev: 3.06,
    min: { value: 75.83 },
    max: { value: 88.21, units: ['xa-vinh-ha'] },
  })
  t.same((await results(app, '?group=none')).json().statistics, {
    count: 0,
    mean: null,
    median: null,
    stddev: null,
    min: null,
    max: null,
    bands: { excellent: 0, good: 0, fair: 0, average: 0, weak: 0 },
  })
})

t.test('CSV export: BOM, Vietnamese headers, two-decimal values, rank positions, CRLF', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  const res = await results(app, '', { accept: 'text/csv' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-type'], /^text\/csv/)
  t.match(res.headers['content-disposition'], /^attachment; filename="ket-qua-cchc_2018\.csv"$/)
  t.ok(res.body.startsWith('\uFEFF'), 'BOM')
  t.match(res.body, /\r\n/)
  const rows: string[][] = parse(res.body, { bom: true })
  t.same(rows[0], [
    'Mã đơn vị',
    'Tên đơn vị',
    'Nhóm',
    '1. Lĩnh vực 1',
    '2. Lĩnh vực 2',
    '3. Lĩnh vực 3',
    '4. Lĩnh vực 4',
    '5. Lĩnh vực 5',
    'Điểm tự đánh giá',
    'Điểm đạt',
    'Điểm tối đa',
    'Chỉ số (%)',
    'Xếp loại',
    'Xếp hạng',
    'Xếp hạng trong nhóm',
    'Chỉ số hài lòng (%)',
    'Xếp hạng hài lòng',
    'Tạm tính',
  ])
  const fieldsAndSelf = (row: string[] | undefined) => row!.slice(3, 9)
  t.same(fieldsAndSelf(rows[1]), ['17.74', '17.74', '17.74', '17.74', '17.79', '90.00'])
  t.same(
    fieldsAndSelf(rows[22]),
    ['15.16', '15.16', '15.16', '15.16', '15.19', '72.00'],
    'a missing self score counts 0',
  )
  const existing = (row: string[] | undefined) => [...row!.slice(0, 3), ...row!.slice(9)]
  t.same(existing(rows[1]), [
    'phong-noi-vu',
    'Phòng Nội vụ',
    'phong',
    '88.75',
    '100.00',
    '88.75',
    'Tốt',
    '1',
    '1',
    '',
    '',
    '',
  ])
  t.same(existing(rows[4]).slice(0, 9), [
    'phong-tu-phap',
    'Phòng Tư pháp',
    'phong',
    '86.50',
    '100.00',
    '86.50',
    'Tốt',
    '4',
    '3',
  ])
  t.same(existing(rows[22]).slice(0, 9), [
    'xa-quang-loi',
    'UBND xã Quảng Lợi',
    'xa',
    '75.83',
    '100.00',
    '75.83',
    'Khá',
    '22',
    '10',
  ])
  t.equal(rows.length, 23)
  const group = await results(app, '?group=xa', { accept: 'text/csv' })
  t.match(group.headers['content-disposition'], /ket-qua-cchc_2018_xa\.csv/)
})

t.test('XLSX export: the table with numbers as numbers, and a statistics sheet', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  const res = await results(app, '', { accept: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' })
  t.equal(res.statusCode, 200)
  t.match(res.headers['content-disposition'], /ket-qua-cchc_2018\.xlsx/)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(res.rawPayload as never)
  const [table, stats] = workbook.worksheets
  t.equal(table!.name, 'Kết quả')
  // Title rows come first; the table starts at its header row, and the field columns come before these.
  let header = 0
  table!.eachRow((row, n) => {
    if (header === 0 && row.getCell(1).value === 'Mã đơn vị') header = n
  })
  const existing = (n: number) => {
    const values = (table!.getRow(header + n).values as unknown[]).slice(1)
    return [...values.slice(0, 3), ...values.slice(9, 15)]
  }
  t.same(existing(0), [
    'Mã đơn vị',
    'Tên đơn vị',
    'Nhóm',
    'Điểm đạt',
    'Điểm tối đa',
    'Chỉ số (%)',
    'Xếp loại',
    'Xếp hạng',
    'Xếp hạng trong nhóm',
  ])
  t.same(existing(1), ['phong-noi-vu', 'Phòng Nội vụ', 'phong', 88.75, 100, 88.75, 'Tốt', 1, 1])
  t.equal(typeof table!.getRow(header + 22).getCell(12).value, 'number')
  t.equal(table!.getRow(header + 22).getCell(12).value, 75.83)
  t.equal(stats!.name, 'Thống kê')
  const statValues = new Map<string, unknown>()
  stats!.eachRow((row) => statValues.set(row.getCell(1).text, row.getCell(2).value))
  t.equal(statValues.get('Chỉ số CCHC: số đơn vị'), 22)
  t.equal(statValues.get('Chỉ số CCHC: trung bình'), 84.92)
  t.equal(statValues.get('Chỉ số CCHC: cao nhất'), 88.75)
  t.equal(statValues.get('Chỉ số CCHC: đơn vị thấp nhất'), 'UBND xã Quảng Lợi', 'holders by name')
  t.equal(statValues.get('Xếp loại Tốt'), 21)
  t.equal(statValues.get('Xếp loại Khá'), 1)
  t.equal(statValues.get('Xếp loại Xuất sắc'), 0)
})

t.test('content negotiation: JSON by default, 406 for what cannot be produced', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  const xml = await results(app, '', { accept: 'application/xml' })
  t.equal(xml.statusCode, 406)
  t.match(xml.json(), { type: 'urn:cchc:problem:not-acceptable' })
  t.equal(
    (await results(app, '', { accept: 'application/xml, */*;q=0.1' })).headers['content-type'],
    'application/json; charset=utf-8',
  )
  t.equal(
    (await results(app, '', { accept: 'text/html, */*;q=0.1' })).headers['content-type'],
    'text/html; charset=utf-8',
    'the printable report is a representation of its own',
  )
  t.match(
    (await results(app, '', { accept: 'application/json;q=0.5, text/csv' })).headers['content-type'],
    /^text\/csv/,
  )
})

t.test('publication freezes results; writes answer 409; reopen + publish makes snapshot 2', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  const status = (s: string, reason?: string) =>
    call(app, 'POST', '/v1/periods/2018/status', { body: { status: s, ...(reason ? { reason } : {}) } })
  await status('appraisal')
  t.equal((await status('published')).statusCode, 200)

  const first = await results(app)
  const second = await results(app)
  t.equal(first.body, second.body, 'byte for byte on every call')
  const frozen = first.json()
  t.match(frozen, { period: { status: 'published' }, snapshot: { number: 1, hash: /^sha256:[0-9a-f]{64}$/ } })
  t.ok(!Number.isNaN(Date.parse(frozen.snapshot.publishedAt)))

  const write = await call(app, 'PUT', '/v1/periods/2018/units/xa-quang-loi/scores', {
    body: { scores: [{ criterion: '1.1', appraised: 10 }] },
  })
  t.equal(write.statusCode, 409)
  t.match(write.json(), { type: 'urn:cchc:problem:period-locked' })

  await seedUnit(app, 'xa-quang-loi', { name: 'UBND xã Quảng Lợi (mới)', group: 'xa' })
  t.equal((await results(app)).body, first.body, 'renaming a unit does not touch the published results')
  t.same(
    (await results(app, '?group=xa'))
      .json()
      .items.map((i: { unit: { name: string } }) => i.unit.name)
      .includes('UBND xã Quảng Lợi'),
    true,
  )

  t.equal((await status('appraisal', 'Giải trình bổ sung của xã Quảng Lợi')).statusCode, 200)
  t.equal(
    (
      await call(app, 'PUT', '/v1/periods/2018/units/xa-quang-loi/scores', {
        body: { scores: [{ criterion: '1.1', appraised: 10 }] },
      })
    ).statusCode,
    200,
  )
  const live = (await results(app)).json()
  t.equal(live.snapshot, null, 'reopened: computed live')
  t.equal(item(live, 'xa-quang-loi').index, 78.25, '75.83 with 1.1 raised from 7.58 to 10')
  t.equal(
    item(live, 'xa-quang-loi').unit && (item(live, 'xa-quang-loi').unit as { name: string }).name,
    'UBND xã Quảng Lợi (mới)',
  )

  await status('published')
  const republished = (await results(app)).json()
  t.equal(republished.snapshot.number, 2)
  t.equal(item(republished, 'xa-quang-loi').index, 78.25)
  const old = await results(app, '?snapshot=1')
  t.equal(old.statusCode, 200)
  t.equal(old.body, first.body, 'the first publication stays readable, unchanged')
  t.equal((await results(app, '?snapshot=3')).statusCode, 404)
})

t.test(
  'a unit with every leaf not applicable: no index, listed last, in no rank or statistic; unrankable units count in statistics only',
  async (t) => {
    const app = await build(t)
    await seedDistrict(app)
    await seedUnit(app, 'ban-qlda', { name: 'Ban Quản lý dự án', group: 'phong', rankable: false })
    await seedUnit(app, 'xa-moi', { name: 'UBND xã Mới', group: 'xa' })
    await call(app, 'PUT', '/v1/periods/2018', {
      body: {
        name: 'Kỳ 2018',
        year: 2018,
        framework: 'huyen-2018',
        units: [...district.map((u) => u.code), 'ban-qlda', 'xa-moi'],
      },
    })
    const rows = ['1.1', '1.2', '2.1', '2.2', '3.1', '3.2', '4.1', '4.2', '5.1', '5.2']
    await call(app, 'POST', '/v1/periods/2018/scores/import', {
      body: {
        rows: [
          ...rows.map((criterion) => ({ unit: 'xa-moi', criterion, notApplicable: true })),
          ...rows.map((criterion) => ({ unit: 'ban-qlda', criterion, appraised: 9.5 })),
        ],
      },
    })
    const body = (await results(app)).json()
    t.equal(body.items.length, 24)
    t.match(body.items[23], {
      unit: { code: 'xa-moi' },
      index: null,
      band: null,
      rank: null,
      groupRank: null,
      maxPoints: 0,
      points: 0,
    })
    const ban = item(body, 'ban-qlda')
    t.match(ban, { index: 95, band: { code: 'excellent' }, rank: null, groupRank: null })
    t.equal(body.items.indexOf(ban), 22, 'unranked units after the ranked ones, before those without an index')
    t.same(item(body, 'phong-noi-vu').rank, { position: 1, of: 22, tied: false }, '95.00 is not ranked above it')
    t.match(body.statistics, {
      count: 23,
      max: { value: 95, units: ['ban-qlda'] },
      bands: { excellent: 1, good: 21, fair: 1 },
    })
  },
)

t.test('who reads results: a unit token once published', async (t) => {
  const app = await build(t)
  await seedDistrict(app)
  const unit = await seedClient(app, 'unit', 'xa-quang-loi')
  const reader = await seedClient(app, 'reader')
  t.equal((await call(app, 'GET', '/v1/periods/2018/results', { token: unit })).statusCode, 403)
  t.equal((await call(app, 'GET', '/v1/periods/2018/results', { token: reader })).statusCode, 200)
  await call(app, 'POST', '/v1/periods/2018/status', { body: { status: 'appraisal' } })
  await call(app, 'POST', '/v1/periods/2018/status', { body: { status: 'published' } })
  t.equal((await call(app, 'GET', '/v1/periods/2018/results', { token: unit })).statusCode, 200)
  t.equal((await call(app, 'GET', '/v1/periods/none/results')).statusCode, 404)
})

import t from 'tap'
import { build, ADMIN_TOKEN } from './helpers/build.js'
import { call, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

async function periodWithNames(app: Awaited<ReturnType<typeof build>>, names: string[]) {
  const codes = names.map((_, i) => `u${i}`)
  for (const [i, name] of names.entries()) await seedUnit(app, codes[i]!, { name })
  await seedFramework(app, 'f1')
  await seedPeriod(app, 'p1', 'f1', codes)
}

const dangerous = ["=cmd|' /C calc'!A0", '+1+2', '-2+3', '@SUM(A1)', '\t=1', '\r=1']

t.test('CSV export prefixes formula-like text cells with an apostrophe and quotes a bare CR', async (t) => {
  const app = await build(t)
  await periodWithNames(app, [...dangerous, 'Tên\rmới'])
  const res = await call(app, 'GET', '/v1/periods/p1/results', { headers: { accept: 'text/csv' } })
  t.equal(res.statusCode, 200)
  const lines = res.body.replace(/^\uFEFF/, '').split('\r\n')
  t.equal(lines.length, 1 + dangerous.length + 1 + 1, 'one line per unit, the header, and the final CRLF')
  for (const name of dangerous) {
    const cell = /[\r\n",]/.test(name) ? `"'${name.replace(/"/g, '""')}"` : `'${name}`
    t.ok(
      lines.some((l) => l.includes(`,${cell},`)),
      `${JSON.stringify(name)} neutralised`,
    )
  }
  t.ok(
    lines.some((l) => l.includes(',"Tên\rmới",')),
    'a name with a bare CR is quoted',
  )
  t.notOk(/,[=+@-]/.test(res.body.replace(/,-?\d/g, '')), 'no text cell starts a formula')
})

t.test('CSV export leaves numbers alone, negative ones too', async (t) => {
  const { toCsv } = await import('../src/modules/results/export.js')
  const csv = toCsv({
    period: { code: 'p', name: 'p', year: 2020, status: 'open' },
    group: null,
    snapshot: null,
    statistics: { count: 0, mean: null, median: null, stddev: null, max: null, min: null, bands: {} },
    satisfaction: null,
    items: [
      {
        unit: { code: 'u', name: '-x', group: 'g' },
        points: -1.5,
        maxPoints: 10,
        index: -15,
        band: null,
        rank: null,
        groupRank: null,
        rankable: true,
        provisional: false,
        satisfaction: null,
      },
    ],
  } as never)
  // Columns: code, name, group, self-assessment points (none here), points, maximum, index, …
  t.match(csv, /\r\nu,'-x,g,,-1\.50,10\.00,-15\.00,/)
})

t.test('XLSX export prefixes formula-like text cells too', async (t) => {
  const app = await build(t)
  await periodWithNames(app, ['=1+1', 'Bình thường'])
  const res = await call(app, 'GET', '/v1/periods/p1/results', { headers: { accept: XLSX } })
  t.equal(res.statusCode, 200)
  const { default: ExcelJS } = await import('exceljs')
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(res.rawPayload as never)
  // The table starts below the title rows, at its header row.
  const column = [...workbook.getWorksheet('Kết quả')!.getColumn(2).values]
  const names = column.slice(column.indexOf('Tên đơn vị') + 1).filter((v) => v !== undefined)
  t.same([...names].sort(), ["'=1+1", 'Bình thường'])
})

t.test('/docs sends a CSP without upgrade-insecure-requests', async (t) => {
  const app = await build(t)
  const res = await app.inject({ method: 'GET', url: '/docs/' })
  const csp = String(res.headers['content-security-policy'])
  t.match(csp, /default-src 'self'/)
  t.notMatch(csp, /upgrade-insecure-requests/)
})

t.test('/v1 answers carry nosniff and no-store, errors too', async (t) => {
  const app = await build(t)
  for (const res of [await call(app, 'GET', '/v1/units'), await call(app, 'GET', '/v1/units', { token: null })]) {
    t.equal(res.headers['x-content-type-options'], 'nosniff')
    t.equal(res.headers['cache-control'], 'no-store')
  }
})

t.test('the bearer scheme is accepted in any case', async (t) => {
  const app = await build(t)
  for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
    const res = await app.inject({
      method: 'GET',
      url: '/v1/units',
      headers: { authorization: `${scheme} ${ADMIN_TOKEN}` },
    })
    t.equal(res.statusCode, 200, scheme)
  }
})

t.test('a compressed request body is 415 problem+json', async (t) => {
  const app = await build(t)
  const { gzipSync } = await import('node:zlib')
  const res = await call(app, 'PUT', '/v1/units/u1', {
    body: gzipSync(JSON.stringify({ name: 'x', group: 'xa' })),
    headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
  })
  t.equal(res.statusCode, 415)
  t.match(res.headers['content-type'], /application\/problem\+json/)
  t.match(res.json(), { errors: [{ pointer: '/headers/content-encoding' }] })
  t.equal((await call(app, 'GET', '/v1/units/u1')).statusCode, 404)
})

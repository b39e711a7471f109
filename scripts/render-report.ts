/**
 * Renders the printable report and the ranking chart in a real browser (headless Chromium) and checks
 * what a person gets on paper:
 *
 * - the 22-unit district round of test/helpers/district.ts prints to exactly one A4 landscape page;
 * - a 3,300-unit province round (8 fields) paginates, the annex table's header repeated on every page;
 * - the PDF's text (pdftotext) holds the statistics sentence and every unit's name.
 *
 * It also takes PNG screenshots of the district report and chart, to look at. The service runs in this
 * process on a fresh database (TEST_DATABASE_URL's server when set, else an embedded PostgreSQL
 * server); nothing leaves the machine: the pages load from files, and the report itself requests nothing.
 *
 *   npx tsx scripts/render-report.ts [--out DIR] [--skip-province]
 *
 * Needs the Debian packages `chromium` and `poppler-utils` (pdfinfo, pdftotext). Exit code 1 when a
 * check fails, 2 when a tool is missing.
 */
import { execFileSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import type { FastifyInstance } from 'fastify'
import { buildApp } from '../src/app.js'
import { loadConfig } from '../src/config.js'
import { ChangeFeed } from '../src/db/change-feed.js'
import { openConfiguredDatabase, openDatabase, type DatabaseHandle } from '../src/db/database.js'
import { migrateToLatest } from '../src/db/migrator.js'
import { district, districtFramework, scoredRows } from '../test/helpers/district-data.js'
import { prng } from '../test/helpers/prng.js'

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium'
const TOKEN = 'render-report-admin-token-0123456789'
const PROVINCE_UNITS = { xa: 3_200, phong: 100 }
const PROVINCE_FIELDS = 8
const LEAVES_PER_FIELD = 2
const HEADLINE = '21/22 đơn vị xếp loại Tốt, 1 đơn vị xếp loại Khá; bình quân 84,92; cao nhất 88,75; thấp nhất 75,83'

interface Check {
  name: string
  pass: boolean
  detail?: unknown
}
const checks: Check[] = []
function check(name: string, pass: boolean, detail?: unknown): void {
  checks.push({ name, pass, ...(detail === undefined ? {} : { detail }) })
  process.stderr.write(`${pass ? 'ok  ' : 'FAIL'} ${name}${detail === undefined ? '' : ` ${JSON.stringify(detail)}`}\n`)
}

async function openService(): Promise<{ app: FastifyInstance; close: () => Promise<void> }> {
  const url = process.env.TEST_DATABASE_URL
  let handle: DatabaseHandle
  let schema: string | undefined
  if (url) {
    schema = `render_report_${process.pid}`
    const { default: pg } = await import('pg')
    const admin = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`create schema ${schema}`)
    await admin.end()
    handle = await openDatabase({ kind: 'postgres', url, searchPath: schema, poolSize: 5 })
    await migrateToLatest(handle.db, schema)
  } else {
    // Without a server given, an embedded PostgreSQL server in a temporary directory.
    handle = await openConfiguredDatabase({ databaseUrl: null, dataDir: 'memory://' })
    await migrateToLatest(handle.db)
  }
  const changes = new ChangeFeed(handle.changeSource)
  await changes.start()
  const config = { ...loadConfig({ CCHC_ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'silent' }) }
  const app = await buildApp({ config, db: handle.db, changes, logger: false })
  return {
    app,
    close: async () => {
      await app.close()
      await changes.close()
      await handle.close()
      if (url && schema) {
        const { default: pg } = await import('pg')
        const admin = new pg.Client({ connectionString: url })
        await admin.connect()
        await admin.query(`drop schema ${schema} cascade`)
        await admin.end()
      }
    },
  }
}

async function api(app: FastifyInstance, method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown) {
  const res = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${TOKEN}` },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  })
  if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body.slice(0, 500)}`)
  return res
}

async function seedDistrict(app: FastifyInstance): Promise<void> {
  await api(app, 'PUT', '/v1/frameworks/huyen-2018', districtFramework)
  for (const u of district) await api(app, 'PUT', `/v1/units/${u.code}`, { name: u.name, group: u.group })
  await api(app, 'PUT', '/v1/periods/2018', {
    name: 'Kỳ đánh giá năm 2018 – huyện Phú Vang',
    year: 2018,
    framework: 'huyen-2018',
    units: district.map((u) => u.code),
  })
  await api(app, 'POST', '/v1/periods/2018/scores/import', { rows: district.flatMap(scoredRows) })
}

function provinceUnits(): Array<{ code: string; name: string; group: string }> {
  const units = []
  for (let i = 1; i <= PROVINCE_UNITS.phong; i++)
    units.push({ code: `so-${i}`, name: `Sở, ban, ngành số ${i} tỉnh Thừa Thiên Huế`, group: 'so' })
  for (let i = 1; i <= PROVINCE_UNITS.xa; i++)
    units.push({ code: `xa-${i}`, name: `UBND xã Thuận Hòa số ${i}`, group: 'xa' })
  return units
}

async function seedProvince(app: FastifyInstance, units: ReadonlyArray<{ code: string; name: string; group: string }>) {
  const leafMax = 100 / (PROVINCE_FIELDS * LEAVES_PER_FIELD)
  const criteria = Array.from({ length: PROVINCE_FIELDS }, (_, f) => ({
    code: `${f + 1}`,
    title: `Lĩnh vực ${f + 1}`,
    children: Array.from({ length: LEAVES_PER_FIELD }, (_, l) => ({
      code: `${f + 1}.${l + 1}`,
      title: `Tiêu chí ${f + 1}.${l + 1}`,
      maxPoints: leafMax,
    })),
  }))
  await api(app, 'PUT', '/v1/frameworks/tinh-2024', { name: 'Bộ chỉ số CCHC cấp tỉnh 2024', criteria })
  for (const u of units) await api(app, 'PUT', `/v1/units/${u.code}`, { name: u.name, group: u.group })
  await api(app, 'PUT', '/v1/periods/2024', {
    name: 'Kỳ đánh giá năm 2024 – tỉnh Thừa Thiên Huế',
    year: 2024,
    framework: 'tinh-2024',
    units: units.map((u) => u.code),
  })
  const random = prng(20_240_601)
  const leaves = criteria.flatMap((c) => c.children.map((l) => l.code))
  const rows = units.flatMap((u) =>
    leaves.map((criterion) => {
      const appraised = Math.round((0.6 + 0.4 * random()) * leafMax * 100) / 100
      const self = Math.min(leafMax, Math.round((appraised + random() * 0.5) * 100) / 100)
      return { unit: u.code, criterion, appraised, self }
    }),
  )
  await api(app, 'POST', '/v1/periods/2024/scores/import', { rows })
}

function chromium(args: string[], userDataDir: string): void {
  execFileSync(
    CHROMIUM,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-extensions',
      '--no-pdf-header-footer',
      `--user-data-dir=${userDataDir}`,
      ...args,
    ],
    { stdio: ['ignore', 'ignore', 'pipe'], timeout: 300_000 },
  )
}

function pdfPages(pdf: string): { pages: number; landscapeA4: boolean; size: string } {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' })
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? NaN)
  const size = /^Page size:\s+(.*)$/m.exec(info)?.[1] ?? ''
  const [w, h] = (/([\d.]+) x ([\d.]+)/.exec(size) ?? []).slice(1).map(Number)
  // A4 landscape: 841.89 × 595.28 points.
  const landscapeA4 = Math.abs((w ?? 0) - 841.89) < 2 && Math.abs((h ?? 0) - 595.28) < 2
  return { pages, landscapeA4, size }
}

/** The text of the PDF (or of one page), NFC, every run of white space one space. */
function pdfText(pdf: string, page?: number): string {
  const range = page === undefined ? [] : ['-f', String(page), '-l', String(page)]
  const text = execFileSync('pdftotext', ['-raw', ...range, pdf, '-'], { encoding: 'utf8', maxBuffer: 1 << 28 })
  return flat(text)
}
const flat = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ')

async function fetchReport(app: FastifyInstance, period: string, format: 'html' | 'svg', out: string, name: string) {
  const res = await api(app, 'GET', `/v1/periods/${period}/results?format=${format}`)
  const file = join(out, name)
  writeFileSync(file, res.rawPayload)
  return { file, url: pathToFileURL(file).href, bytes: res.rawPayload.length, body: res.body }
}

async function renderDistrict(app: FastifyInstance, out: string, profile: string): Promise<void> {
  await seedDistrict(app)
  const html = await fetchReport(app, '2018', 'html', out, 'district.html')
  const svg = await fetchReport(app, '2018', 'svg', out, 'district.svg')
  const pdf = join(out, 'district.pdf')
  chromium([`--print-to-pdf=${pdf}`, html.url], profile)
  chromium(
    ['--window-size=1400,1600', '--hide-scrollbars', `--screenshot=${join(out, 'district.png')}`, html.url],
    profile,
  )
  chromium(
    ['--window-size=1100,600', '--hide-scrollbars', `--screenshot=${join(out, 'district-chart.png')}`, svg.url],
    profile,
  )
  const info = pdfPages(pdf)
  check('district: A4 landscape', info.landscapeA4, info.size)
  check('district: exactly one printed page', info.pages === 1, { pages: info.pages })
  const text = pdfText(pdf)
  check('district: the statistics sentence in the PDF', text.includes(HEADLINE))
  const missing = district.filter((u) => !text.includes(flat(u.name))).map((u) => u.name)
  check('district: every unit name in the PDF', missing.length === 0, missing.length ? { missing } : undefined)
}

async function renderProvince(app: FastifyInstance, out: string, profile: string): Promise<void> {
  const units = provinceUnits()
  let started = Date.now()
  await seedProvince(app, units)
  process.stderr.write(`province seeded in ${((Date.now() - started) / 1000).toFixed(1)} s\n`)
  const html = await fetchReport(app, '2024', 'html', out, 'province.html')
  await fetchReport(app, '2024', 'svg', out, 'province.svg')
  const pdf = join(out, 'province.pdf')
  started = Date.now()
  chromium([`--print-to-pdf=${pdf}`, html.url], profile)
  const printSeconds = (Date.now() - started) / 1000
  const info = pdfPages(pdf)
  check('province: A4 landscape', info.landscapeA4, info.size)
  check('province: paginates', info.pages > 1, { pages: info.pages, printSeconds, htmlBytes: html.bytes })
  const pages = Array.from({ length: info.pages }, (_, i) => pdfText(pdf, i + 1))
  const firstTablePage = pages.findIndex((p) => p.includes('Phụ lục'))
  const withoutHeader = pages
    .map((p, i) => ({ page: i + 1, text: p }))
    .filter(
      ({ page, text }) => page > firstTablePage + 1 && !(text.includes('Mã đơn vị') && text.includes('Tên đơn vị')),
    )
    .map(({ page }) => page)
  check('province: the annex header on every page of the table', firstTablePage >= 0 && withoutHeader.length === 0, {
    tablePages: info.pages - firstTablePage,
    withoutHeader: withoutHeader.slice(0, 10),
  })
  const all = pages.join(' ')
  const sentence = /\d+\/3300 đơn vị xếp loại [^;]+; bình quân [\d,]+; cao nhất [\d,]+; thấp nhất [\d,]+/.exec(all)
  check('province: the statistics sentence in the PDF', sentence !== null, sentence?.[0])
  const missing = units.filter((u) => !all.includes(`${u.name} `) && !all.endsWith(u.name)).map((u) => u.name)
  check('province: every unit name in the PDF', missing.length === 0, {
    missing: missing.slice(0, 10),
    count: missing.length,
  })
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const outAt = args.indexOf('--out')
  const out = resolve(outAt >= 0 ? args[outAt + 1]! : '.tap/report')
  for (const tool of [CHROMIUM, '/usr/bin/pdfinfo', '/usr/bin/pdftotext']) {
    if (!existsSync(tool)) {
      process.stderr.write(`${tool} is missing: apt-get install -y chromium poppler-utils\n`)
      process.exit(2)
    }
  }
  mkdirSync(out, { recursive: true })
  const profile = mkdtempSync(join(tmpdir(), 'render-report-chromium-'))
  const service = await openService()
  try {
    await renderDistrict(service.app, out, profile)
    if (!args.includes('--skip-province')) await renderProvince(service.app, out, profile)
  } finally {
    await service.close()
    rmSync(profile, { recursive: true, force: true })
  }
  const failed = checks.filter((c) => !c.pass)
  process.stdout.write(`${JSON.stringify({ out, checks, failed: failed.length })}\n`)
  process.exit(failed.length === 0 ? 0 : 1)
}

await main()

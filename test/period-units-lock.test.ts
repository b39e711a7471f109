// Scores carry no foreign key to period_units (migrations/0010_scores_unit_check.ts): what keeps a score
// from outliving its unit's place in the period is the lock protocol shown here. A removal of a unit
// from a period and a score write of that unit each lock the period row, in modes that conflict; the one
// that comes second waits, then sees what the first did.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, sep } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { fileURLToPath } from 'node:url'
import { Migrator, sql, type Kysely } from 'kysely'
import t from 'tap'
import { migrations } from '../migrations/index.js'
import { ChangeFeed } from '../src/db/change-feed.js'
import type { Database } from '../src/db/schema.js'
import type { Identity } from '../src/domain/access.js'
import { putPeriod } from '../src/modules/periods/service.js'
import { writeScores, type ScoreWriteRequest } from '../src/modules/scores/service.js'
import { ADMIN_TOKEN, build } from './helpers/build.js'
import { call, seedFramework, seedPeriod, seedUnit } from './helpers/api.js'
import { openTestDatabase } from './helpers/database.js'

type App = Awaited<ReturnType<typeof build>>

const admin: Identity = { id: 'bootstrap', role: 'admin', unit: null }
const SRC = fileURLToPath(new URL('../src/', import.meta.url))

async function setup(t: Parameters<typeof build>[0]): Promise<App> {
  const app = await build(t)
  await seedFramework(app, 'f1')
  for (const u of ['xa-a', 'xa-b']) await seedUnit(app, u)
  await seedPeriod(app, 'p', 'f1', ['xa-a', 'xa-b'])
  return app
}

const periodBody = (units: string[]) => ({ name: 'Kỳ p', year: 2018, framework: 'f1', units })

/**
 * A change feed whose transactions stop just before they commit (where the events are recorded) until
 * released: the transaction holds its locks meanwhile. `holding` gives its backend's pid. What such a
 * transaction emits is not recorded: these tests read no events.
 */
function heldFeed() {
  let release!: () => void
  const released = new Promise<void>((resolve) => (release = resolve))
  let report!: (pid: number) => void
  const holding = new Promise<number>((resolve) => (report = resolve))
  const feed = new ChangeFeed()
  feed.recordWith(async (trx) => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx)
    report(rows[0]!.pid)
    await released
  })
  return { feed, holding, release }
}

/** Whether some session comes to wait for a lock `pid` holds, within 5 s. */
async function blockedBy(db: Kysely<Database>, pid: number): Promise<boolean> {
  const deadline = Date.now() + 5_000
  while (Date.now() < deadline) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity where ${pid} = any(pg_blocking_pids(pid))`.execute(db)
    if (rows[0]!.n > 0) return true
    await sleep(20)
  }
  return false
}

/** Scores of a unit the period does not list, as [period, unit, count]. */
async function orphans(db: Kysely<Database>): Promise<Array<[string, string, number]>> {
  const { rows } = await sql<{ period_code: string; unit_code: string; n: number }>`
    select s.period_code, s.unit_code, count(*)::int as n from scores s
    where not exists (
      select 1 from period_units pu where pu.period_code = s.period_code and pu.unit_code = s.unit_code)
    group by s.period_code, s.unit_code order by 1, 2`.execute(db)
  return rows.map((r) => [r.period_code, r.unit_code, r.n])
}

const scoresOf = async (db: Kysely<Database>, unit: string) =>
  (await db.selectFrom('scores').select('criterion_code').where('unit_code', '=', unit).execute()).length

const hasUnitForeignKey = async (db: Kysely<Database>) => {
  const { rows } = await sql`select 1 from pg_constraint
    where conrelid = 'scores'::regclass and conname = 'scores_period_unit_fk'`.execute(db)
  return rows.length > 0
}

t.test('scores carry no foreign key to period_units: the locks alone are under test', async (t) => {
  const app = await setup(t)
  t.notOk(await hasUnitForeignKey(app.db))
})

t.test("a unit's score write waits for a removal of its unit, then answers 422 not-in-period", async (t) => {
  const app = await setup(t)
  const held = heldFeed()
  const removal = putPeriod(app.db, held.feed, 'p', periodBody(['xa-a']), admin)
  const pid = await held.holding
  const write = call(app, 'PUT', '/v1/periods/p/units/xa-b/scores', {
    body: { scores: [{ criterion: '1.1', self: 1 }] },
  })
  t.ok(await blockedBy(app.db, pid), 'the write waits for the removal')
  held.release()
  await removal
  const answer = await write
  t.equal(answer.statusCode, 422, answer.body)
  t.match(answer.json(), { type: 'urn:cchc:problem:rule-violated', errors: [{ code: 'not-in-period' }] })
  t.equal(await scoresOf(app.db, 'xa-b'), 0)
  t.same(await orphans(app.db), [])
})

t.test('an import naming a unit being removed waits for the removal, then answers 409 conflict', async (t) => {
  const app = await setup(t)
  const held = heldFeed()
  const removal = putPeriod(app.db, held.feed, 'p', periodBody(['xa-a']), admin)
  const pid = await held.holding
  const rows = [
    { unit: 'xa-a', criterion: '1.1', self: 1 },
    { unit: 'xa-b', criterion: '1.1', self: 1 },
  ]
  const write = call(app, 'POST', '/v1/periods/p/scores/import', { body: { rows } })
  t.ok(await blockedBy(app.db, pid), 'the import waits for the removal')
  held.release()
  await removal
  const answer = await write
  t.equal(answer.statusCode, 409, answer.body)
  t.match(answer.json(), { type: 'urn:cchc:problem:conflict', detail: /changed .* while the rows were read/ })
  t.equal((await scoresOf(app.db, 'xa-a')) + (await scoresOf(app.db, 'xa-b')), 0)
  t.same(await orphans(app.db), [])
})

/** A score write of `unit` through the service, held before its commit. */
function heldWrite(app: App, scope: ScoreWriteRequest['scope'], unit: string) {
  const held = heldFeed()
  const written = writeScores(app.db, held.feed, {
    period: 'p',
    identity: admin,
    rows: [{ unit, input: { criterion: '1.1', self: 1 } }],
    reason: null,
    dryRun: false,
    scope,
  })
  return { ...held, written }
}

for (const [name, scope] of [
  ['an import', { kind: 'import' }],
  ["a unit's score write", { kind: 'unit', unit: 'xa-b', member: 'scores' }],
] as const) {
  t.test(`a removal waits for ${name} of the unit, then answers 409 conflict naming it`, async (t) => {
    const app = await setup(t)
    const held = heldWrite(app, scope, 'xa-b')
    const pid = await held.holding
    const removal = call(app, 'PUT', '/v1/periods/p', { body: periodBody(['xa-a']) })
    t.ok(await blockedBy(app.db, pid), 'the removal waits for the write')
    held.release()
    t.match(await held.written, { created: 1 })
    const answer = await removal
    t.equal(answer.statusCode, 409, answer.body)
    t.match(answer.json(), { type: 'urn:cchc:problem:conflict', units: ['xa-b'] })
    t.same((await call(app, 'GET', '/v1/periods/p')).json().units, ['xa-a', 'xa-b'])
    t.equal(await scoresOf(app.db, 'xa-b'), 1)
    t.same(await orphans(app.db), [])
  })
}

/** Whether the session waiting on `pid` has made its staging table (it holds the new table exclusively). */
async function waiterHasStaged(db: Kysely<Database>, pid: number): Promise<boolean> {
  const { rows } = await sql<{ n: number }>`
    select count(*)::int as n from pg_locks l join pg_stat_activity a on a.pid = l.pid
    where ${pid} = any(pg_blocking_pids(a.pid)) and l.locktype = 'relation' and l.mode = 'AccessExclusiveLock'
      and l.granted`.execute(db)
  return rows[0]!.n > 0
}

t.test(
  'a CSV import into a period holding scores stages its rows before it waits for the period; a first import waits first',
  async (t) => {
    const app = await setup(t)
    const importCsv = (csv: string) =>
      app.inject({
        method: 'POST',
        url: '/v1/periods/p/scores/import',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'text/csv; charset=utf-8' },
        payload: csv,
      })
    const csv = 'unit,criterion,self\nxa-a,1.1,1\nxa-a,1.2,0.5\n'
    for (const [name, staged] of [
      ['a first import', false],
      ['an import into a period holding scores', true],
    ] as const) {
      // A unit's write, held before its commit, shares the period row: an import waits for it to lock it.
      const held = heldWrite(app, { kind: 'unit', unit: 'xa-b', member: 'scores' }, 'xa-b')
      const pid = await held.holding
      const answer = importCsv(csv)
      t.ok(await blockedBy(app.db, pid), `${name} waits for the unit's write`)
      t.equal(await waiterHasStaged(app.db, pid), staged, `${name}: staged before it waits: ${staged}`)
      held.release()
      await held.written
      t.equal((await answer).statusCode, 200)
    }
  },
)

t.test('an import and a removal of one of its units, started together: one wins, no orphan score', async (t) => {
  const app = await build(t)
  await seedFramework(app, 'f1')
  for (const u of ['xa-a', 'xa-b']) await seedUnit(app, u)
  const rows = ['xa-a', 'xa-b'].flatMap((unit) =>
    ['1.1', '1.2', '2.1'].map((criterion) => ({ unit, criterion, appraised: 1 })),
  )
  const outcomes = new Set<string>()
  for (let round = 0; round < 16; round++) {
    const period = `p${round}`
    await seedPeriod(app, period, 'f1', ['xa-a', 'xa-b'])
    // The removal starts up to 15 ms later, so that it lands in each step of the import in turn.
    const [imported, removed] = await Promise.all([
      call(app, 'POST', `/v1/periods/${period}/scores/import`, { body: { rows } }),
      sleep(round).then(() =>
        call(app, 'PUT', `/v1/periods/${period}`, { body: { ...periodBody(['xa-a']), name: period } }),
      ),
    ])
    const pair = `import ${imported.statusCode}, removal ${removed.statusCode}`
    outcomes.add(pair)
    t.ok(['import 200, removal 409', 'import 409, removal 200', 'import 422, removal 200'].includes(pair), pair)
  }
  t.same(await orphans(app.db), [])
  t.comment(`outcomes: ${[...outcomes].join('; ')}`)
})

/** Every .ts file under `dir`, with its path relative to src/. */
function sources(dir = SRC): Array<{ path: string; text: string }> {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sources(path)
    if (!entry.name.endsWith('.ts')) return []
    return [{ path: relative(SRC, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }]
  })
}

// Kysely calls and SQL text that remove rows of period_units, or the periods and units they hang on; and
// deletes and merges whose table is not written out, which could be any of them.
const REMOVALS = [
  /\b(?:deleteFrom|mergeInto)\(\s*[^'"`\s]/g,
  /\b(?:deleteFrom|mergeInto)\(\s*['"`](?:period_units|periods|units)\b/gi,
  /\bupdateTable\(\s*['"`]period_units\b/gi,
  /\b(?:delete\s+from|merge\s+into|truncate(?:\s+table)?)\s+(?:only\s+)?(?:period_units|periods|units)\b/gi,
  /\bupdate\s+(?:only\s+)?period_units\b/gi,
]

t.test(
  'the service removes units from periods in one statement, which only putPeriod calls, after it locks the period row',
  async (t) => {
    const files = sources()
    const found = files.flatMap(({ path, text }) =>
      REMOVALS.flatMap((pattern) => [...text.matchAll(pattern)].map((m) => `${path}: ${m[0]}`)),
    )
    t.same(found, ["modules/periods/repository.ts: deleteFrom('period_units"])

    const callers = files.flatMap(({ path, text }) => [...text.matchAll(/\.removeUnits\(/g)].map(() => path))
    t.same(callers, ['modules/periods/service.ts'])
    const service = files.find((f) => f.path === 'modules/periods/service.ts')!.text
    const from = service.slice(service.indexOf('export async function putPeriod('))
    const putPeriodText = from.slice(0, from.indexOf('\nexport ', 1))
    const locked = putPeriodText.indexOf('await periods.lock(code)')
    t.ok(locked >= 0 && locked < putPeriodText.indexOf('.removeUnits('), 'putPeriod locks the period row first')
  },
)

/** The text of `function name(` in `source`, up to the end of its body. */
const functionText = (source: string, name: string): string => {
  const from = source.slice(source.indexOf(`function ${name}(`))
  return from.slice(0, from.indexOf('\n}\n'))
}

t.test(
  'scores are written by the scores repository alone, called from writeScores only once the write holds its locks',
  async (t) => {
    const files = sources()
    const writes = files.flatMap(({ path, text }) =>
      [
        ...text.matchAll(
          /\b(?:insertInto|updateTable|mergeInto)\(\s*['"`]scores\b|\b(?:insert\s+into|update|merge\s+into|copy)\s+scores\b/gi,
        ),
      ].map((m) => `${path}: ${m[0]}`),
    )
    t.same(writes, [
      'modules/scores/repository.ts: copy scores',
      'modules/scores/repository.ts: update scores',
      'modules/scores/repository.ts: insert into scores',
    ])
    const callers = (call: RegExp) => files.flatMap(({ path, text }) => [...text.matchAll(call)].map(() => path))
    t.same(callers(/new ScoreWriter\(/g), ['modules/scores/service.ts'])
    t.same(callers(/\bopenScoresCopy\(/g), ['modules/scores/direct-import.ts', 'modules/scores/repository.ts'])
    t.same(callers(/\bimportDirectly\(/g), ['modules/scores/direct-import.ts', 'modules/scores/service.ts'])
    const service = files.find((f) => f.path === 'modules/scores/service.ts')!.text
    const writeScores = functionText(service, 'writeScores')
    const locked = writeScores.indexOf('await lockScope(')
    t.ok(
      locked >= 0 && locked < writeScores.indexOf('writeDirectly(') && locked < writeScores.indexOf('writeStaged('),
      'every write locks its scope before it writes',
    )
    const staged = functionText(service, 'writeStaged')
    const stagedLock = staged.indexOf('await lockImportedPeriod(')
    t.ok(stagedLock >= 0 && stagedLock < staged.indexOf('.apply('), 'a staged import locks the period before it writes')
    const direct = functionText(service, 'writeDirectly')
    const directLock = direct.indexOf('await lockImportedPeriod(')
    t.ok(
      directLock >= 0 && directLock < direct.indexOf('importDirectly('),
      'a direct import locks the period before it reads or writes a row',
    )
  },
)

t.test('no cascade, trigger or rule removes rows of period_units but the cascade from a deleted period', async (t) => {
  const app = await build(t)
  const { rows: actions } = await sql<{ relation: string; references: string; on_delete: string; on_update: string }>`
    select conrelid::regclass::text as relation, confrelid::regclass::text as references,
      confdeltype::text as on_delete, confupdtype::text as on_update
    from pg_constraint
    where contype = 'f' and conrelid in ('period_units'::regclass, 'periods'::regclass, 'units'::regclass)
      and (confdeltype not in ('a', 'r') or confupdtype not in ('a', 'r'))`.execute(app.db)
  t.same(actions, [{ relation: 'period_units', references: 'periods', on_delete: 'c', on_update: 'a' }])
  const { rows: triggers } = await sql`select tgname from pg_trigger
    where not tgisinternal and tgrelid in ('period_units'::regclass, 'periods'::regclass, 'units'::regclass)`.execute(
    app.db,
  )
  // The one trigger recomputes the period's unit totals when its framework changes (0009): it writes only unit_totals.
  t.same(triggers, [{ tgname: 'periods_totals_framework' }])
  const { rows: rules } = await sql`select rulename from pg_rules
    where schemaname = current_schema() and tablename in ('period_units', 'periods', 'units')`.execute(app.db)
  t.same(rules, [])
})

t.test('0010 dropped scores_period_unit_fk; its down restores the key, then up drops it again', async (t) => {
  const handle = await openTestDatabase()
  t.teardown(() => handle.close())
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db)
  const migrator = new Migrator({
    db: handle.db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: rows[0]!.schema,
  })
  t.notOk(await hasUnitForeignKey(handle.db))
  const down = await migrator.migrateTo('0009_unit_totals')
  t.error(down.error)
  t.match(down.results?.at(-1), { migrationName: '0010_scores_unit_check', direction: 'Down', status: 'Success' })
  const { rows: restored } = await sql<{ definition: string }>`
    select pg_get_constraintdef(oid) as definition from pg_constraint
    where conrelid = 'scores'::regclass and conname = 'scores_period_unit_fk'`.execute(handle.db)
  t.same(restored, [
    { definition: 'FOREIGN KEY (period_code, unit_code) REFERENCES period_units(period_code, unit_code)' },
  ])
  const up = await migrator.migrateToLatest()
  t.error(up.error)
  t.notOk(await hasUnitForeignKey(handle.db))
})

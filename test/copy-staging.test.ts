import { sql } from 'kysely'
import t from 'tap'
import { writeNothing, type ScoreRowWrite } from '../src/domain/score-rules.js'
import { copyIn, copyLine } from '../src/modules/scores/copy.js'
import { ScoreWriter } from '../src/modules/scores/repository.js'
import { build } from './helpers/build.js'

const write = (criterion: string, fields: Partial<ScoreRowWrite>): ScoreRowWrite => ({
  ...writeNothing(criterion),
  ...fields,
})

class Rollback extends Error {}

t.test('COPY staging keeps every value exactly: escapes, nulls, unset fields', async (t) => {
  const app = await build(t)
  const note = 'tab\there, newline\nthere, CR\r, backslash \\N \\ and "quotes", Tiếng Việt'
  const evidence = ['https://x.vn/a\tb', 'c:\\path', 'say "hi"\n']
  await app.db
    .transaction()
    .execute(async (trx) => {
      const writer = new ScoreWriter(trx, 'p')
      await writer.begin()
      await writer.add([
        {
          rowNo: 0,
          unit: 'u\\1',
          write: write('1.1', {
            self: { set: true, value: '1.50' },
            note: { set: true, value: note },
            evidence: { set: true, value: evidence },
            numerator: { set: true, value: 19 },
            denominator: { set: true, value: 20 },
          }),
        },
        { rowNo: 1, unit: 'u2', write: write('1.2', { note: { set: true, value: null } }) },
        { rowNo: 2, unit: 'u2', write: write('1.3', { notApplicable: { set: true, value: true } }) },
      ])
      const { rows } = await sql<Record<string, unknown>>`select * from score_input order by row_no`.execute(trx)
      t.match(rows[0], {
        row_no: 0,
        unit_code: 'u\\1',
        criterion_code: '1.1',
        self_set: true,
        self: '1.50',
        appraised_set: false,
        appraised: null,
        note_set: true,
        note,
        evidence_set: true,
        evidence,
        numerator: '19',
        denominator: '20',
      })
      t.match(rows[1], { note_set: true, note: null, self_set: false, na_set: false })
      t.match(rows[2], { na_set: true, na: true })
      throw new Rollback()
    })
    .catch((e: unknown) => {
      if (!(e instanceof Rollback)) throw e
    })
})

t.test('a COPY that fails aborts the transaction, and the connection serves the next one', async (t) => {
  const app = await build(t)
  await sql`create table copy_probe (n integer not null)`.execute(app.db)
  t.teardown(() => sql`drop table if exists copy_probe`.execute(app.db))
  await t.rejects(
    app.db.transaction().execute(async (trx) => {
      await copyIn(trx, 'copy copy_probe from stdin', copyLine([1]) + copyLine([2]))
      await copyIn(trx, 'copy copy_probe from stdin', copyLine([3]) + copyLine(['not a number']))
    }),
    /invalid input syntax for type integer/,
  )
  const count = async () =>
    Number((await sql<{ n: number }>`select count(*)::int as n from copy_probe`.execute(app.db)).rows[0]!.n)
  t.equal(await count(), 0, 'nothing of the transaction stays')
  const copied = await app.db.transaction().execute((trx) => copyIn(trx, 'copy copy_probe from stdin', copyLine([7])))
  t.equal(copied, 1)
  t.equal(await count(), 1)
})

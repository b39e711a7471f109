import { Readable } from 'node:stream'
import { parse } from 'csv-parse/sync'
import t from 'tap'
import { csvRecords } from '../src/modules/scores/csv.js'
import { AppError } from '../src/http/problems.js'
import { prng } from './helpers/prng.js'

/**
 * The import reads plain CSV text itself and hands anything else to csv-parse: whichever reads a body,
 * the records, and the error of a malformed one, are csv-parse's. Each body is compared with csv-parse
 * alone, read whole and in small chunks (a line or a UTF-8 character cut between two).
 */

type Outcome = { records: string[][] } | { error: string }

function expected(bytes: Buffer): Outcome {
  try {
    const records: string[][] = parse(bytes, { bom: true, skip_empty_lines: true })
    return { records }
  } catch (error) {
    return { error: `The CSV cannot be read: ${(error as Error).message}` }
  }
}

async function read(bytes: Buffer, chunk: number): Promise<Outcome> {
  const open = () =>
    Readable.from(
      Array.from({ length: Math.ceil(bytes.length / chunk) }, (_, i) => bytes.subarray(i * chunk, (i + 1) * chunk)),
    )
  const records: string[][] = []
  try {
    for await (const batch of csvRecords({ open }, 1 << 20)) records.push(...batch)
    return { records }
  } catch (error) {
    if (error instanceof AppError) return { error: error.message }
    throw error
  }
}

const BOM = '\ufeff'
const cases: Array<[string, string]> = [
  ['plain', 'unit,criterion,self\nxa-a,1.1,1.5\nxa-b,1.2,\n'],
  ['no final newline', 'unit,criterion,self\nxa-a,1.1,1.5'],
  ['BOM', `${BOM}unit,criterion\nxa-a,1.1\n`],
  ['BOM only', BOM],
  ['empty', ''],
  ['empty lines', '\n\nunit,criterion\n\nxa-a,1.1\n\n'],
  ['quoted fields', 'unit,criterion,note\nxa-a,1.1,"Báo cáo ""đầy đủ"", a, b"\n"xa-b","1.2",""\n'],
  ['quoted newline', 'unit,criterion,note\nxa-a,1.1,"two\nlines"\nxa-b,1.2,x\n'],
  ['CRLF', 'unit,criterion\r\nxa-a,1.1\r\nxa-b,1.2\r\n'],
  ['CR in a field', 'unit,criterion,note\nxa-a,1.1,a\rb\n'],
  ['quote not closed', 'unit,criterion\n"xa-a,1.1\n'],
  ['quote inside a field', 'unit,criterion,note\nxa-a,1.1,say "hi"\n'],
  ['text after a closing quote', 'unit,criterion,note\nxa-a,1.1,"a"b\n'],
  ['fewer fields', 'unit,criterion,self\nxa-a,1.1,1\nxa-b,1.2\nxa-c,1.3,1\n'],
  ['more fields', 'unit,criterion\nxa-a,1.1\nxa-b,1.2,3\n'],
  ['NUL', 'unit,criterion,note\nxa-a,1.1,a\u0000b\n'],
  ['trailing comma', 'unit,criterion,note\nxa-a,1.1,\n'],
  ['spaces around quotes', 'unit,criterion,note\nxa-a,1.1, "a"\n'],
]

t.test('fixed bodies: the same records or the same error as csv-parse', async (t) => {
  for (const [name, text] of cases) {
    const bytes = Buffer.from(text, 'utf8')
    for (const chunk of [1, 3, 7, 64 * 1024])
      t.same(await read(bytes, chunk), expected(bytes), `${name}, chunks of ${chunk}`)
  }
  const invalid = Buffer.concat([
    Buffer.from('unit,criterion,note\nxa-a,1.1,'),
    Buffer.from([0xe2, 0x82]),
    Buffer.from(',\n'),
  ])
  t.same(await read(invalid, 5), expected(invalid), 'bytes that are no UTF-8: as csv-parse reads them')
})

t.test('random bodies: the same records or the same error as csv-parse', async (t) => {
  const random = prng(12)
  const alphabet = ['a', 'b', ',', ',', '"', '""', '\n', '\n', '\r\n', '\r', ' ', 'ệ', '\u0000', '1.5']
  let plainAll = 0
  for (let n = 0; n < 3000; n++) {
    const width = 1 + Math.floor(random() * 3)
    const header = Array.from({ length: width }, (_, i) => `c${i}`).join(',')
    const body = Array.from(
      { length: Math.floor(random() * 30) },
      () => alphabet[Math.floor(random() * alphabet.length)],
    ).join('')
    const bytes = Buffer.from(`${random() < 0.1 ? BOM : ''}${header}\n${body}`, 'utf8')
    const want = expected(bytes)
    if (!('error' in want)) plainAll++
    const chunk = 1 + Math.floor(random() * 12)
    const got = await read(bytes, chunk)
    if (JSON.stringify(got) !== JSON.stringify(want)) {
      t.same(got, want, `body ${JSON.stringify(bytes.toString())}, chunks of ${chunk}`)
      return
    }
  }
  t.ok(plainAll > 100, 'many bodies are read whole')
})

import t from 'tap'
import { copyText } from '../src/modules/scores/copy.js'
import { CopyTextWriter } from '../src/modules/scores/copy-writer.js'

/** A small deterministic generator, so that a failure can be replayed. */
function prng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 32
  }
}

// What COPY text must escape, Vietnamese letters (two and three bytes in UTF-8), the edges of the UTF-8
// lengths, an emoji (a surrogate pair) and lone surrogates.
const POOL = [
  'a',
  'Z',
  '0',
  '.',
  ' ',
  '"',
  "'",
  ',',
  '\\',
  '\t',
  '\n',
  '\r',
  '\u0001',
  '\u007f',
  '\u0080',
  'ế',
  'ư',
  'Đ',
  '\u07ff',
  '\u0800',
  '\uffff',
  '😀',
  '\ud800',
  '\udfff',
  'N',
  '\\N',
]

function randomText(random: () => number): string {
  const length = Math.floor(random() * 12)
  let text = ''
  for (let i = 0; i < length; i++) text += POOL[Math.floor(random() * POOL.length)]
  return text
}

t.test('text and values are written as the bytes of copyText, across buffer growth and takes', async (t) => {
  const random = prng(20261201)
  const out = new CopyTextWriter()
  for (let round = 0; round < 40; round++) {
    const values: Array<string | number | boolean | null> = []
    // Some rounds write past the first buffer (256 KB), so that it grows mid-way.
    const count = round % 10 === 9 ? 60_000 : 200
    for (let i = 0; i < count; i++) {
      const pick = random()
      values.push(
        pick < 0.7 ? randomText(random) : pick < 0.8 ? null : pick < 0.9 ? random() < 0.5 : Math.floor(random() * 1e12),
      )
    }
    let expected = ''
    for (const value of values) {
      expected += `${copyText(value)}\t`
      out.value(value)
      out.raw('\t')
    }
    t.ok(out.take().equals(Buffer.from(expected)), `round ${round}: ${count} values`)
  }
  t.equal(out.take().length, 0, 'take leaves nothing behind')
})

t.test('counts are written as String writes them, beyond 2^31 too', async (t) => {
  const out = new CopyTextWriter()
  const counts = [0, 1, 9, 10, 99, 100, 2_097_151, 2 ** 31 - 1, 2 ** 31, 2 ** 40 + 3]
  for (const n of counts) {
    out.count(n)
    out.raw(',')
  }
  t.equal(out.take().toString('utf8'), `${counts.join(',')},`)
})

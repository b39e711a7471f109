import t from 'tap'
import {
  type Rank,
  compareForListing,
  competitionRanks,
  orderForListing,
  rankCompetition,
} from '../../src/domain/ranking.js'
import { prng } from '../helpers/prng.js'

type Item = { code: string; value: bigint | null; rankable: boolean }
const unit = (code: string, value: number | null, rankable = true): Item => ({
  code,
  value: value === null ? null : BigInt(value),
  rankable,
})
const shown = (ranks: Map<string, Rank>) =>
  Object.fromEntries([...ranks].map(([code, r]) => [code, `${r.position}/${r.of}${r.tied ? ' đồng hạng' : ''}`]))

t.test('a tie in the middle shares a rank and skips the next (1, 2, 2, 4)', async (t) => {
  const ranks = rankCompetition([unit('d', 7000), unit('b', 8000), unit('c', 8000), unit('a', 9000)])
  t.same(shown(ranks), { a: '1/4', b: '2/4 đồng hạng', c: '2/4 đồng hạng', d: '4/4' })
})

t.test('a tie at the top (1, 1, 3)', async (t) => {
  const ranks = rankCompetition([unit('x', 8875), unit('y', 8875), unit('z', 8000)])
  t.same(shown(ranks), { x: '1/3 đồng hạng', y: '1/3 đồng hạng', z: '3/3' })
})

t.test('a tie at the bottom (1, 2, 3, 3)', async (t) => {
  const ranks = rankCompetition([unit('a', 9000), unit('b', 8500), unit('c', 7583), unit('d', 7583)])
  t.same(shown(ranks), { a: '1/4', b: '2/4', c: '3/4 đồng hạng', d: '3/4 đồng hạng' })
})

t.test('values one hundredth apart do not tie', async (t) => {
  t.same(shown(rankCompetition([unit('a', 8999), unit('b', 9000)])), { b: '1/2', a: '2/2' })
})

t.test('one unit is first of one; no units give no ranks', async (t) => {
  t.same(rankCompetition([unit('only', 5000)]).get('only'), { position: 1, of: 1, tied: false })
  t.equal(rankCompetition([]).size, 0)
})

t.test('unrankable units and units without an index get no rank and do not count in "of"', async (t) => {
  const ranks = rankCompetition([
    unit('a', 9000),
    unit('special', 9500, false),
    unit('na', null),
    unit('b', 8000),
    unit('na-special', null, false),
  ])
  t.same(shown(ranks), { a: '1/2', b: '2/2' })
  t.notOk(ranks.has('special'))
  t.notOk(ranks.has('na'))
})

t.test('a code listed twice is a programming error', async (t) => {
  t.throws(() => rankCompetition([unit('a', 1), unit('a', 2)]), RangeError)
})

t.test('listing order: by rank then code, then unrankable by value, then no index by code', async (t) => {
  const items = [
    unit('na-b', null),
    unit('z', 8000),
    unit('special-low', 7000, false),
    unit('na-a', null, false),
    unit('b', 9000),
    unit('a', 9000),
    unit('special-high', 9900, false),
    unit('special-tie-b', 7000, false),
    unit('Z', 8000),
  ]
  const before = items.map((i) => i.code)
  t.same(
    orderForListing(items).map((i) => i.code),
    [
      'a',
      'b',
      'Z',
      'z', // ties by plain code order: "Z" (U+005A) before "z"
      'special-high',
      'special-low',
      'special-tie-b',
      'na-a',
      'na-b',
    ],
  )
  t.same(
    items.map((i) => i.code),
    before,
    'the input is not reordered',
  )
  t.same(
    [...items]
      .reverse()
      .sort(compareForListing)
      .map((i) => i.code),
    orderForListing(items).map((i) => i.code),
    'the order does not depend on the input order',
  )
})

t.test('listing order from numeric keys is the comparator order on 400 random lists', async (t) => {
  const random = prng(20261201)
  const pick = <T>(choices: readonly T[]): T => choices[Math.floor(random() * choices.length)]!
  let differing = 0
  for (let round = 0; round < 400; round++) {
    // Few distinct values make long runs of ties; wide ones (up to 2^53) force the comparator's path.
    const spread = pick([3, 50, 10_000, 2 ** 40, Number.MAX_SAFE_INTEGER])
    const size = Math.floor(random() * 60)
    const items = Array.from({ length: size }, (_, i) => ({
      code: `${pick(['a', 'B', 'z', 'xa-', 'xa-đ', 'Z'])}${Math.floor(random() * size * 2)}-${i % 3}`,
      value: random() < 0.15 ? null : Math.floor(random() * spread) - (random() < 0.2 ? Math.floor(spread / 2) : 0),
      rankable: random() < 0.85,
    }))
    const expected = [...items].sort(compareForListing)
    const listed = orderForListing(items)
    if (listed.length !== expected.length || listed.some((item, i) => item !== expected[i])) differing++
  }
  t.equal(differing, 0, 'no list comes out in another order')
})

t.test('equal codes and values keep their input order in the listing', async (t) => {
  const first = { code: 'a', value: 5, rankable: true }
  const second = { code: 'a', value: 5, rankable: true }
  t.same(orderForListing([first, second]), [first, second])
  t.equal(orderForListing([first, second])[0], first)
  t.equal(orderForListing([second, first])[0], second)
})

t.test('codes compare by code unit, not by locale', async (t) => {
  const items = [unit('xa-đông', 8000), unit('xa-dong', 8000), unit('xa-e', 8000)]
  // localeCompare would put "đ" next to "d"; plain comparison puts it after "e" (U+0111 > U+0065).
  t.same(
    orderForListing(items).map((i) => i.code),
    ['xa-dong', 'xa-e', 'xa-đông'],
  )
})

t.test('ranks by position: 1, 2, 2, 4 on whole-hundredth numbers, null for units not ranked', async (t) => {
  const ranks = competitionRanks([7000, 9000, null, 8000, 8000, 9500], [true, true, true, true, true, false])
  t.same(
    ranks.map((r) => r && `${r.position}/${r.of}${r.tied ? '=' : ''}`),
    ['4/4', '1/4', null, '2/4=', '2/4=', null],
  )
})

t.test('ranks by position are the same for numbers and bigints, and whatever the order of the input', async (t) => {
  const values = [8875, 8875, 7583, 9000, 7583, 7583, 0, 10000]
  const rankable = values.map((_, i) => i !== 3)
  const byNumber = competitionRanks(values, rankable)
  t.same(competitionRanks(values.map(BigInt), rankable), byNumber)
  const order = [7, 2, 5, 0, 3, 6, 1, 4]
  const shuffled = competitionRanks(
    order.map((i) => values[i]!),
    order.map((i) => rankable[i]!),
  )
  t.same(
    order.map((_, k) => shuffled[order.indexOf(k)]),
    byNumber,
  )
  t.same(byNumber[7], { position: 1, of: 7, tied: false })
  t.same(byNumber[2], { position: 4, of: 7, tied: true })
  t.same(byNumber[6], { position: 7, of: 7, tied: false })
})

t.test('no rankable value: every position is null', async (t) => {
  t.same(competitionRanks([null, 5000], [true, false]), [null, null])
  t.same(competitionRanks([], []), [])
})

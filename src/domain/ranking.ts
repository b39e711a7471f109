/**
 * Ranking (xếp hạng): standard competition ranking on the published index, and the listing order.
 * Values are whole hundredths (numbers, or bigint), so "equal" means equal as published: 88.75 and 88.75
 * tie. The values of one ranking are all numbers or all bigints.
 */

/** Shown as "position/of" (thứ 7/14), with "đồng hạng" when tied. */
export type Rank = { position: number; of: number; tied: boolean }

export type RankValue = number | bigint

export type RankCandidate = { code: string; value: RankValue | null; rankable: boolean }

/** Plain code-unit order, not locale order: the same on every machine, whatever ICU it has. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function descending(a: RankValue, b: RankValue): number {
  return a > b ? -1 : a < b ? 1 : 0
}

/**
 * 1, 2, 2, 4 by position: `ranks[i]` is the rank of `values[i]` among the values whose `rankable[i]` is
 * true and that are not null, highest first; null for the others. The ranks depend only on the values, so
 * the order of equal values does not matter.
 */
export function competitionRanks(
  values: ReadonlyArray<RankValue | null>,
  rankable: ReadonlyArray<boolean>,
): Array<Rank | null> {
  const byValue = ranksByValue(sortedDescending(values, rankable))
  return values.map((value, i) => (rankable[i] && value !== null ? byValue.get(value)! : null))
}

/**
 * The ranked values (rankable, not null), highest first; numbers through a typed array, whose sort is
 * numeric and needs no comparator.
 */
function sortedDescending(
  values: ReadonlyArray<RankValue | null>,
  rankable: ReadonlyArray<boolean>,
): ArrayLike<RankValue> {
  let count = 0
  let numbers = true
  for (let i = 0; i < values.length; i++) {
    const value = values[i] ?? null
    if (!rankable[i] || value === null) continue
    count++
    if (typeof value !== 'number') numbers = false
  }
  const ranked = numbers ? new Float64Array(count) : new Array<RankValue>(count)
  let at = 0
  for (let i = 0; i < values.length; i++) if (rankable[i] && values[i] !== null) ranked[at++] = values[i]!
  return numbers ? (ranked as Float64Array).sort().reverse() : (ranked as RankValue[]).sort(descending)
}

/** Each distinct value's rank in a list sorted highest first: the position of its first holder. */
function ranksByValue(sorted: ArrayLike<RankValue>): Map<RankValue, Rank> {
  const ranks = new Map<RankValue, Rank>()
  let start = 0
  while (start < sorted.length) {
    const value = sorted[start]!
    let end = start + 1
    while (end < sorted.length && sorted[end] === value) end++
    ranks.set(value, { position: start + 1, of: sorted.length, tied: end - start > 1 })
    start = end
  }
  return ranks
}

/**
 * 1, 2, 2, 4 over the rankable items that have a value, highest first. Items not ranked (not rankable,
 * or no index) are absent from the map. Codes must be unique: a rank is looked up by code.
 */
export function rankCompetition<T extends RankCandidate>(items: readonly T[]): Map<string, Rank> {
  const seen = new Set<string>()
  for (const item of items) {
    if (seen.has(item.code)) throw new RangeError(`Unit code "${item.code}" appears twice in one ranking`)
    seen.add(item.code)
  }
  const ranks = competitionRanks(
    items.map((i) => i.value),
    items.map((i) => i.rankable),
  )
  const byCode = new Map<string, Rank>()
  items.forEach((item, i) => {
    const rank = ranks[i]
    if (rank) byCode.set(item.code, rank)
  })
  return byCode
}

/** 0 ranked, 1 has a value but is not rankable, 2 has no value. */
function listingGroup(item: RankCandidate): number {
  if (item.value === null) return 2
  return item.rankable ? 0 : 1
}

/**
 * Comparator for the listing order: ranked items by rank (which is value descending) then code; then
 * unrankable items with a value, by value descending then code; then items without a value, by code.
 * Needs no ranks, so a filtered list (one group) sorts the same way as the whole.
 */
export function compareForListing(a: RankCandidate, b: RankCandidate): number {
  const group = listingGroup(a) - listingGroup(b)
  if (group !== 0) return group
  if (a.value !== null && b.value !== null) {
    const byValue = descending(a.value, b.value)
    if (byValue !== 0) return byValue
  }
  return compareCodes(a.code, b.code)
}

/**
 * A sorted copy in listing order; the input is left as it was. The same order as compareForListing
 * (test/domain/ranking.test.ts compares them on random lists). A province sorts 33,000 units after every
 * write, so the order is found without a comparator where it can be: one numeric key per item (listing
 * group, then value) sorted as a typed array, then each run of equal keys by code.
 */
export function orderForListing<T extends RankCandidate>(items: readonly T[]): T[] {
  return listingByKeys(items) ?? [...items].sort(compareForListing)
}

/**
 * The listing from numeric keys: (group × span + (highest − value)) × n + position, which sort as the
 * comparator does but for the codes of equal values. Null when a value is a bigint, or the keys would pass
 * 2^53 (a double would round them): then the comparator sorts.
 */
function listingByKeys<T extends RankCandidate>(items: readonly T[]): T[] | null {
  const n = items.length
  let lowest = Infinity
  let highest = -Infinity
  for (const item of items) {
    const value = item.value
    if (value === null) continue
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) return null
    if (value < lowest) lowest = value
    if (value > highest) highest = value
  }
  if (lowest === Infinity) lowest = highest = 0
  const span = highest - lowest + 1
  if (!(3 * span * n <= Number.MAX_SAFE_INTEGER)) return null
  const keys = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    const item = items[i]!
    const below = item.value === null ? 0 : highest - (item.value as number)
    keys[i] = (listingGroup(item) * span + below) * n + i
  }
  keys.sort()
  const listed = new Array<T>(n)
  for (let i = 0; i < n; i++) listed[i] = items[keys[i]! % n]!
  sortRunsByCode(listed, keys, n)
  return listed
}

/** Sorts by code, in place, each run of items whose keys agree but for the position (equal values). */
function sortRunsByCode<T extends RankCandidate>(listed: T[], keys: Float64Array, n: number): void {
  let start = 0
  while (start < listed.length) {
    // A key less its position: % is exact on doubles, where a division could round up to the next value.
    const value = keys[start]! - (keys[start]! % n)
    let end = start + 1
    while (end < listed.length && keys[end]! - (keys[end]! % n) === value) end++
    if (end - start > 1) {
      const run = listed.slice(start, end).sort((a, b) => compareCodes(a.code, b.code))
      for (let i = 0; i < run.length; i++) listed[start + i] = run[i]!
    }
    start = end
  }
}

/**
 * Ranking (xếp hạng): standard competition ranking on the published index, and the listing order.
 * Values are bigint hundredths, so "equal" means equal as published: 88.75 and 88.75 tie.
 */

/** Shown as "position/of" (thứ 7/14), with "đồng hạng" when tied. */
export type Rank = { position: number; of: number; tied: boolean }

export type RankCandidate = { code: string; value: bigint | null; rankable: boolean }

/** Plain code-unit order, not locale order: the same on every machine, whatever ICU it has. */
export function compareCodes(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

function isRanked<T extends RankCandidate>(item: T): item is T & { value: bigint } {
  return item.rankable && item.value !== null
}

function byValueDescending(a: { value: bigint }, b: { value: bigint }): number {
  return a.value > b.value ? -1 : a.value < b.value ? 1 : 0
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
  const ranked = items.filter(isRanked).sort(byValueDescending)
  const ranks = new Map<string, Rank>()
  let start = 0
  while (start < ranked.length) {
    const value = ranked[start]!.value
    let end = start + 1
    while (end < ranked.length && ranked[end]!.value === value) end++
    const rank: Rank = { position: start + 1, of: ranked.length, tied: end - start > 1 }
    for (let i = start; i < end; i++) ranks.set(ranked[i]!.code, { ...rank })
    start = end
  }
  return ranks
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
    const byValue = byValueDescending({ value: a.value }, { value: b.value })
    if (byValue !== 0) return byValue
  }
  return compareCodes(a.code, b.code)
}

/** A sorted copy in listing order; the input is left as it was. */
export function orderForListing<T extends RankCandidate>(items: readonly T[]): T[] {
  return [...items].sort(compareForListing)
}

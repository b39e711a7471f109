/** Classification (xếp loại): bands on the published two-decimal index, configured per framework. */
import { hasAtMostTwoDecimals, hundredthsToString, parseHundredths } from './decimal.js'

/** A band holds the indexes ≥ min and below the next higher band's min. */
export type Band = { code: string; label: string; min: number }

export const DEFAULT_BANDS: readonly Band[] = Object.freeze([
  Object.freeze({ code: 'excellent', label: 'Xuất sắc', min: 90 }),
  Object.freeze({ code: 'good', label: 'Tốt', min: 80 }),
  Object.freeze({ code: 'fair', label: 'Khá', min: 70 }),
  Object.freeze({ code: 'average', label: 'Trung bình', min: 50 }),
  Object.freeze({ code: 'weak', label: 'Yếu', min: 0 }),
])

/**
 * `index` is the offending band's position; -1 means the list as a whole (empty, or no band starting at 0),
 * with `field` null. `code` is a stable machine-readable problem code, `message` a sentence for people.
 */
export type BandProblem = { index: number; field: 'code' | 'min' | null; code: string; message: string }

const HUNDRED_PERCENT = 10000n // in hundredths

/** Every problem at once, so a user fixes the whole list in one go; [] means the bands are usable. */
export function validateBands(bands: readonly Band[]): BandProblem[] {
  if (bands.length === 0) {
    return [
      {
        index: -1,
        field: null,
        code: 'bands-empty',
        message: 'At least one band is required, the lowest starting at 0',
      },
    ]
  }
  const problems: BandProblem[] = []
  const codes = new Map<string, number>()
  const mins = new Map<bigint, number>()
  let startsAtZero = false
  bands.forEach((band, index) => {
    if (band.code === '') {
      problems.push({ index, field: 'code', code: 'code-empty', message: 'A band needs a code' })
    } else {
      const first = codes.get(band.code)
      if (first === undefined) codes.set(band.code, index)
      else
        problems.push({
          index,
          field: 'code',
          code: 'duplicate-code',
          message: `Band code "${band.code}" is already used by band ${first}`,
        })
    }
    if (typeof band.min !== 'number' || !Number.isFinite(band.min)) {
      problems.push({ index, field: 'min', code: 'min-invalid', message: 'A band minimum must be a number' })
      return
    }
    if (!hasAtMostTwoDecimals(band.min)) {
      problems.push({
        index,
        field: 'min',
        code: 'min-too-precise',
        message: `Band minimum ${band.min} has more than two decimals`,
      })
      return
    }
    const min = parseHundredths(band.min)
    if (min < 0n || min > HUNDRED_PERCENT) {
      problems.push({
        index,
        field: 'min',
        code: 'min-out-of-range',
        message: `Band minimum ${band.min} is outside 0 to 100`,
      })
    }
    if (min === 0n) startsAtZero = true
    const first = mins.get(min)
    if (first === undefined) mins.set(min, index)
    else
      problems.push({
        index,
        field: 'min',
        code: 'duplicate-min',
        message: `Band minimum ${band.min} is already the minimum of band ${first}`,
      })
  })
  if (!startsAtZero) {
    problems.push({
      index: -1,
      field: null,
      code: 'no-zero-band',
      message: 'The lowest band must start at 0, so that every index has a band',
    })
  }
  return problems
}

/** JSON Pointer of a problem inside the request, `base` being where the band list sits. */
export function bandProblemPointer(problem: BandProblem, base = '/bands'): string {
  if (problem.index < 0) return base
  return problem.field === null ? `${base}/${problem.index}` : `${base}/${problem.index}/${problem.field}`
}

/**
 * The band holding a published index, compared in exact hundredths (89.99 is below 90.00). Bands may be
 * in any order. Throws when no band holds the index, which validated bands (one starting at 0) rule out
 * for any index ≥ 0.
 */
export function classify(indexHundredths: bigint | number, bands: readonly Band[]): Band {
  return classifier(bands)(indexHundredths)
}

/** classify with the bands read once: for classifying every unit of a round. */
export function classifier(bands: readonly Band[]): (indexHundredths: bigint | number) => Band {
  // Highest minimum first: the first band whose minimum the index reaches holds it.
  const byMin = bands.map((band) => ({ band, min: Number(parseHundredths(band.min)) })).sort((a, b) => b.min - a.min)
  return (indexHundredths) => {
    const index = Number(indexHundredths)
    for (const { band, min } of byMin) if (min <= index) return band
    throw new RangeError(`No band holds the index ${hundredthsToString(BigInt(indexHundredths))}`)
  }
}

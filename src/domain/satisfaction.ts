/**
 * The satisfaction index (SIPAS): question rates from answer counts, element indexes as means of question
 * rates, the overall index as the mean of element indexes. Exact until the caller rounds for output.
 */
import { type Ratio, mean, ratio } from './ratio.js'

export type SurveyConfig = {
  /** Answer levels, lowest (very dissatisfied) first; 5 in the national method. */
  levels: number
  /** The lowest level counted as satisfied; 4 of 5 counts "satisfied" and "very satisfied". */
  satisfiedFrom: number
  elements: Array<{ code: string; questions: string[] }>
}

/** One count per answer level, lowest level first. */
export type AnswerCounts = readonly bigint[] | readonly number[]

export type QuestionRate = { rate: Ratio | null; valid: number }

export type Satisfaction = {
  index: Ratio | null
  elements: Array<{ code: string; index: Ratio | null }>
  questions: Array<{ code: string; rate: Ratio | null; valid: number }>
}

function toCount(count: bigint | number): bigint {
  if (typeof count === 'bigint') {
    if (count >= 0n) return count
  } else if (Number.isSafeInteger(count) && count >= 0) {
    return BigInt(count)
  }
  throw new RangeError(`An answer count must be a whole number ≥ 0, got ${String(count)}`)
}

/**
 * Answers at levels ≥ satisfiedFrom ÷ valid answers × 100. A question nobody answered has no rate (null),
 * rather than a rate of 0 that would drag its element down.
 */
export function questionRate(counts: AnswerCounts, satisfiedFrom: number): QuestionRate {
  const { satisfied, valid } = tallyOf(counts, satisfiedFrom)
  return { rate: valid === 0n ? null : ratio(satisfied * 100n, valid), valid: Number(valid) }
}

function tallyOf(counts: AnswerCounts, satisfiedFrom: number): { satisfied: bigint; valid: bigint } {
  let valid = 0n
  let satisfied = 0n
  counts.forEach((count: bigint | number, i: number) => {
    const c = toCount(count)
    valid += c
    if (i + 1 >= satisfiedFrom) satisfied += c
  })
  return { satisfied, valid }
}

/** Per question, what the index needs: answers at a satisfied level, and all valid answers. */
export type QuestionTally = { satisfied: bigint | number; valid: bigint | number }

/**
 * Questions and elements without answers are left out of the means above them; with no answers at all the
 * index is null. Tallies for questions the elements do not list are ignored; a listed question without a
 * tally has no answers. The form SQL aggregates to, so that large surveys are summed in the database.
 */
export function satisfactionFromTallies(
  elementsConfig: SurveyConfig['elements'],
  tallies: ReadonlyMap<string, QuestionTally>,
): Satisfaction {
  const questions: Satisfaction['questions'] = []
  const elements: Satisfaction['elements'] = []
  for (const element of elementsConfig) {
    const rates: Ratio[] = []
    for (const code of element.questions) {
      const t = tallies.get(code)
      const valid = t ? toCount(t.valid) : 0n
      const satisfied = t ? toCount(t.satisfied) : 0n
      if (satisfied > valid) throw new RangeError(`Question ${code} has more satisfied answers than answers`)
      const rate = valid === 0n ? null : ratio(satisfied * 100n, valid)
      questions.push({ code, rate, valid: Number(valid) })
      if (rate !== null) rates.push(rate)
    }
    elements.push({ code: element.code, index: mean(rates) })
  }
  const index = mean(elements.flatMap((e) => (e.index === null ? [] : [e.index])))
  return { index, elements, questions }
}

/** The same from answer counts per level. Throws when a count list does not have one entry per level. */
export function satisfaction(config: SurveyConfig, counts: ReadonlyMap<string, AnswerCounts>): Satisfaction {
  const tallies = new Map<string, QuestionTally>()
  for (const [code, answers] of counts) {
    if (answers.length !== 0 && answers.length !== config.levels) {
      throw new RangeError(`Question ${code} has ${answers.length} answer counts for ${config.levels} levels`)
    }
    tallies.set(code, tallyOf(answers, config.satisfiedFrom))
  }
  return satisfactionFromTallies(config.elements, tallies)
}

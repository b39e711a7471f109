/**
 * A period's live results as the bytes of their JSON answer, written straight from the ranked results.
 * The members come in the order of docs/api.md, which is the order in which the domain builds a document,
 * so the bytes are those of JSON.stringify of computeResults' document followed by Buffer.from
 * (test/results-json.test.ts compares them on random rounds); without the item objects, and without a
 * 30 MB string on the way for a 33,000-unit province.
 */
import type { Rank } from '../../domain/ranking.js'
import type { RankedResults, Scored } from '../../domain/results.js'
import type { SelfAssessment } from '../../domain/self-assessment.js'
import { Utf8JsonWriter } from '../../http/utf8-writer.js'
import { documentHead, type DocumentHeading, type DocumentItem, type ResultsDocument } from './document.js'

function rankJson(out: Utf8JsonWriter, rank: Rank | null): void {
  if (rank === null) {
    out.raw('null')
    return
  }
  out.raw('{"position":')
  out.number(rank.position)
  out.raw(',"of":')
  out.number(rank.of)
  out.raw(',"tied":')
  out.boolean(rank.tied)
  out.raw('}')
}

function selfAssessmentJson(out: Utf8JsonWriter, s: SelfAssessment): void {
  out.raw(',"selfAssessment":{"points":')
  out.number(s.points)
  out.raw(',"index":')
  out.nullable(s.index)
  out.raw(',"gap":')
  out.nullable(s.gap)
  out.raw('}')
}

function unitJson(out: Utf8JsonWriter, unit: { code: string; name: string; group: string }): void {
  out.raw('{"unit":{"code":')
  out.string(unit.code)
  out.raw(',"name":')
  out.string(unit.name)
  out.raw(',"group":')
  out.string(unit.group)
  out.raw('}')
}

function bandJson(out: Utf8JsonWriter, band: DocumentItem['band']): void {
  if (band === null) {
    out.raw('null')
    return
  }
  out.raw('{"code":')
  out.string(band.code)
  out.raw(',"label":')
  out.string(band.label)
  out.raw('}')
}

/** The members before the items; small: JSON.stringify writes them, without the closing brace. */
function headJson(out: Utf8JsonWriter, d: Omit<ResultsDocument, 'items'>): void {
  out.json(JSON.stringify(documentHead(d)).slice(0, -1))
  out.raw(',"items":[')
}

function scoredFieldsJson(out: Utf8JsonWriter, s: Scored, position: number, ranked: RankedResults): void {
  out.raw(',"fields":[')
  for (let k = 0; k < ranked.fields.length; k++) {
    const score = s.fields[k]!
    out.raw(k === 0 ? '{"code":' : ',{"code":')
    out.string(ranked.fields[k]!.code)
    out.raw(',"points":')
    out.hundredths(score.pointsHundredths)
    out.raw(',"maxPoints":')
    out.hundredths(score.maxHundredths)
    out.raw(',"index":')
    out.nullableHundredths(score.index)
    out.raw(',"rank":')
    rankJson(out, ranked.ranks.fields[k]?.[position] ?? null)
    out.raw('}')
  }
  out.raw(']')
}

function scoredSatisfactionJson(out: Utf8JsonWriter, s: Scored, position: number, ranked: RankedResults): void {
  if (s.satisfaction === null) {
    out.raw('null')
    return
  }
  out.raw('{"index":')
  out.hundredths(s.satisfaction)
  out.raw(',"rank":')
  rankJson(out, ranked.ranks.satisfaction[position] ?? null)
  out.raw('}')
}

/** The item computeResults would make of a scored unit, written from its hundredths. */
function scoredItemJson(out: Utf8JsonWriter, position: number, ranked: RankedResults): void {
  const s = ranked.scored[position]!
  unitJson(out, s.totals)
  out.raw(',"points":')
  out.hundredths(s.points)
  out.raw(',"maxPoints":')
  out.hundredths(s.totals.maxHundredths)
  out.raw(',"index":')
  out.nullableHundredths(s.index)
  out.raw(',"band":')
  bandJson(out, s.index === null ? null : ranked.bandOf(s.index))
  out.raw(',"rank":')
  rankJson(out, ranked.ranks.overall[position] ?? null)
  out.raw(',"groupRank":')
  rankJson(out, ranked.ranks.group[position] ?? null)
  out.raw(',"satisfaction":')
  scoredSatisfactionJson(out, s, position, ranked)
  out.raw(',"provisional":')
  out.boolean(s.provisional)
  scoredFieldsJson(out, s, position, ranked)
  selfAssessmentJson(out, s.selfAssessment)
  out.raw('}')
}

/** After this many items, the rest of a large answer is sized from them (Utf8JsonWriter.expect). */
const SAMPLED_ITEMS = 64

/** The bytes of the items still to come, from those of the first `written`, with an eighth to spare. */
const expectedBytes = (bytes: number, written: number, items: number): number =>
  Math.ceil((bytes / written) * (items - written) * 1.125) + 2

/**
 * The JSON of the document computeResults would give, written straight from the ranked results: the
 * same bytes as resultsJson of that document, without making its items (31 MB of objects for a
 * 33,000-unit province).
 */
export function rankedResultsJson(heading: DocumentHeading, ranked: RankedResults): Buffer {
  const out = new Utf8JsonWriter()
  headJson(out, { ...heading, ...ranked.summary })
  const itemsFrom = out.length
  for (let i = 0; i < ranked.listing.length; i++) {
    if (i === SAMPLED_ITEMS) out.expect(expectedBytes(out.length - itemsFrom, i, ranked.listing.length))
    if (i > 0) out.raw(',')
    scoredItemJson(out, ranked.listing[i]!, ranked)
  }
  out.raw(']}')
  return out.bytes()
}

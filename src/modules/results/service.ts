import { createHash } from 'node:crypto'
import type { Kysely } from 'kysely'
import { InvalidatedCache, type ChangeFeed } from '../../db/change-feed.js'
import type { Database } from '../../db/schema.js'
import type { Band } from '../../domain/bands.js'
import type { FrameworkContent } from '../../domain/framework.js'
import {
  computeResults,
  rankResults,
  summariseItems,
  type RankedResults,
  type UnitTotals,
} from '../../domain/results.js'
import { frameworkInputs, toUnitTotals } from './inputs.js'
import { toSvg } from './chart-svg.js'
import { toHtml } from './report-html.js'
import type { ReportFormat } from './schemas.js'
import { AppError } from '../../http/problems.js'
import { documentHead, type DocumentHeading, type ResultsDocument } from './document.js'
import { toCsv, toXlsx } from './export.js'
import { rankedResultsJson } from './results-json.js'
import type { Identity } from '../../domain/access.js'
import { PeriodsRepository, type PeriodRow } from '../periods/repository.js'
import { loadFramework } from '../frameworks/service.js'
import { ResultsRepository } from './repository.js'

/** Per unit: the satisfaction index and each element's, exact. Units without answers are absent. */
export type SatisfactionLoader = (
  db: Kysely<Database>,
  period: PeriodRow,
  framework: FrameworkContent,
) => Promise<Map<string, NonNullable<UnitTotals['satisfaction']>>>

const noSatisfaction: SatisfactionLoader = async () => new Map()

const periodView = (p: PeriodRow) => ({ code: p.code, name: p.name, year: p.year, status: p.status })

export type ResultsMediaType = ReportFormat

/** One answer as sent: the bytes, the heading of the document they were made from, and their ETag. */
export interface ResultsRepresentation {
  period: PeriodRow
  document: DocumentHeading
  body: Buffer
  etag: string
}

type Encoded = Promise<{ document: DocumentHeading; body: Buffer; etag: string }>

/** At most this many representations of one period are kept (media types × groups), least recently used out. */
export const MAX_ENCODED_PER_PERIOD = 64
/** And at most this many bytes of them. */
export const MAX_ENCODED_BYTES_PER_PERIOD = 64 * 1024 * 1024

/**
 * The representations of one period asked for so far, by media type and group, bounded in entries and
 * bytes: the least recently used go first.
 */
class EncodedCache {
  private readonly entries = new Map<string, { encoded: Encoded; bytes: number }>()
  private total = 0

  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.total }
  }

  get(key: string): Encoded | undefined {
    const entry = this.entries.get(key)
    if (!entry) return undefined
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.encoded
  }

  set(key: string, encoded: Encoded): void {
    const entry = { encoded, bytes: 0 }
    this.entries.set(key, entry)
    encoded.then(
      ({ body }) => {
        if (this.entries.get(key) !== entry) return
        entry.bytes = body.length
        this.total += body.length
        this.evict()
      },
      () => this.delete(key, entry),
    )
    this.evict()
  }

  private delete(key: string, entry: { bytes: number }): void {
    if (this.entries.get(key) !== entry) return
    this.entries.delete(key)
    this.total -= entry.bytes
  }

  private evict(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= MAX_ENCODED_PER_PERIOD && this.total <= MAX_ENCODED_BYTES_PER_PERIOD) return
      this.delete(key, entry)
    }
  }
}

/**
 * A period's results, and each representation asked of them so far (by group and media type). The results
 * are kept as the bytes of their JSON answer alone (a snapshot's stored text when frozen): a 33,000-unit
 * document held as objects takes twice its 15 MB of JSON, and the garbage collector lets the heap grow to
 * a multiple of what stays alive. Another representation is made from the bytes, parsed again, once.
 */
interface PeriodResults {
  period: PeriodRow
  heading: DocumentHeading
  /** The exact bytes of the unfiltered JSON answer, made once. */
  json: Buffer
  bands: readonly Band[]
  /** The groups of the period's units: only their representations are worth keeping. */
  groups: Set<string>
  encoded: EncodedCache
}

/** What the results cache holds and how often it answered (for metrics, read when they are scraped). */
export interface ResultsCacheStats {
  /** Reads answered with a representation already made. */
  hits: number
  /** Reads that computed or encoded their answer (`?snapshot=n` reads bypass the cache: not counted). */
  misses: number
  /** Representations held, over every cached period. */
  entries: number
  /** Their bytes. */
  bytes: number
}

export class ResultsService {
  /** Per period: its results, live or frozen, with their encodings. Dropped on every change to the period. */
  private readonly cache: InvalidatedCache<PeriodResults | undefined>
  private hits = 0
  private misses = 0

  constructor(
    changes: ChangeFeed,
    private readonly loadSatisfaction: SatisfactionLoader = noSatisfaction,
  ) {
    this.cache = new InvalidatedCache(changes, 'results', 1_000)
  }

  /** Results as the stored scores and survey answers give them now. */
  async live(
    db: Kysely<Database>,
    period: PeriodRow,
    group: string | null,
    known?: FrameworkContent,
  ): Promise<ResultsDocument> {
    const framework = known ?? (await loadFramework(db, period.framework))
    const { units, inputs } = await this.inputs(db, period, framework)
    const results = computeResults(units, inputs.computedLeaves, framework.bands, group, inputs.fields.fields)
    return { period: periodView(period), group, snapshot: null, ...results }
  }

  /** The live results of the whole period, ranked: what a cold read writes its JSON from. */
  private async ranked(db: Kysely<Database>, period: PeriodRow, framework: FrameworkContent): Promise<RankedResults> {
    const { units, inputs } = await this.inputs(db, period, framework)
    return rankResults(units, inputs.computedLeaves, framework.bands, null, inputs.fields.fields)
  }

  /** Each unit of the period with its maintained totals and satisfaction, as the domain takes them. */
  private async inputs(db: Kysely<Database>, period: PeriodRow, framework: FrameworkContent) {
    const inputs = frameworkInputs(framework)
    const [rows, satisfaction] = await Promise.all([
      new ResultsRepository(db).unitTotals(period.code),
      this.loadSatisfaction(db, period, framework),
    ])
    return { units: toUnitTotals(rows, inputs, satisfaction), inputs }
  }

  /**
   * Freezes the results at publication, inside the status change's transaction (writers are held off by
   * the period lock), as the exact text every later read answers.
   */
  async publish(trx: Kysely<Database>, period: PeriodRow, identity: Identity): Promise<void> {
    const repository = new ResultsRepository(trx)
    const published = { ...period, status: 'published' as const }
    const results = await this.live(trx, published, null)
    const number = await repository.nextSnapshotNumber(period.code)
    const publishedAt = new Date()
    const content = JSON.stringify({
      statistics: results.statistics,
      satisfaction: results.satisfaction,
      fields: results.fields,
      selfAssessmentGap: results.selfAssessmentGap,
      items: results.items,
    })
    const hash = `sha256:${createHash('sha256').update(content).digest('hex')}`
    const document: ResultsDocument = { ...results, snapshot: { number, publishedAt: publishedAt.toISOString(), hash } }
    await repository.saveSnapshot({
      period: period.code,
      number,
      publishedAt,
      publishedBy: identity.id,
      framework: period.framework,
      hash,
      body: serialise(document),
    })
  }

  /**
   * What GET …/results answers: the frozen text of a publication (the latest while published, or the one
   * asked for), or the live computation, as JSON, CSV or XLSX. A group filter reads the same items and
   * recomputes only the statistics, from the published values. Undefined when there is no such period.
   */
  async answer(
    db: Kysely<Database>,
    code: string,
    options: { group: string | null; snapshot?: number; type: ResultsMediaType },
  ): Promise<ResultsRepresentation | undefined> {
    const results =
      options.snapshot === undefined
        ? await this.cache.get(code, () => this.compute(db, code))
        : await this.compute(db, code, options.snapshot)
    if (!results) return undefined
    const key = `${options.type}:${options.group ?? ''}`
    let encoded = results.encoded.get(key)
    if (options.snapshot === undefined) {
      if (encoded) this.hits++
      else this.misses++
    }
    if (!encoded) {
      encoded = this.represent(results, options.group, options.type)
      // A group no unit has answers an empty listing, and is not kept: made-up groups fill no memory.
      if (options.group === null || results.groups.has(options.group)) results.encoded.set(key, encoded)
    }
    return { period: results.period, ...(await encoded) }
  }

  /**
   * The period as its cached results hold it: every change to the period (status, units, framework)
   * drops them, like a score write. A warm read then asks the database nothing.
   */
  cachedPeriod(code: string): PeriodRow | undefined {
    return this.cache.peek(code)?.period
  }

  /** How many representations of a period are kept, and their bytes (for tests and diagnostics). */
  async encodedSize(db: Kysely<Database>, code: string): Promise<{ entries: number; bytes: number } | undefined> {
    const results = await this.cache.get(code, () => this.compute(db, code))
    return results?.encoded.size
  }

  cacheStats(): ResultsCacheStats {
    let entries = 0
    let bytes = 0
    for (const results of this.cache.values()) {
      if (!results) continue
      const size = results.encoded.size
      entries += size.entries
      bytes += size.bytes
    }
    return { hits: this.hits, misses: this.misses, entries, bytes }
  }

  /** The bytes of one representation, with their heading and ETag. */
  private async represent(results: PeriodResults, group: string | null, type: ResultsMediaType): Encoded {
    const whole = group === null && type === 'json'
    if (whole) return { document: results.heading, body: results.json, etag: representationEtag(results, null) }
    const document = documentOf(results)
    const view = group === null ? document : this.forGroup(results, document, group)
    const body = await this.encode(results, view, type)
    return { document: headingOf(view), body, etag: representationEtag(results, body) }
  }

  private forGroup(results: PeriodResults, whole: ResultsDocument, group: string): ResultsDocument {
    const items = whole.items.filter((i) => i.unit.group === group)
    const { fields, selfAssessmentGap, ...summary } = summariseItems(items, results.bands, whole.fields ?? [])
    // A publication frozen before fields and the gap existed stays without them under ?group= too.
    return whole.fields
      ? { ...whole, group, ...summary, fields, selfAssessmentGap, items }
      : { ...whole, group, ...summary, items }
  }

  private async encode(results: PeriodResults, document: ResultsDocument, type: ResultsMediaType): Promise<Buffer> {
    if (type === 'csv') return Buffer.from(toCsv(document), 'utf8')
    if (type === 'xlsx') return toXlsx(document, results.bands)
    if (type === 'svg') return Buffer.from(toSvg(document, results.bands), 'utf8')
    if (type === 'html') return Buffer.from(toHtml(document, results.bands), 'utf8')
    // A view of the whole (one group): JSON.stringify keeps the member order of the document it was read
    // back from, live or frozen.
    return Buffer.from(serialise(document), 'utf8')
  }

  private async compute(
    db: Kysely<Database>,
    code: string,
    snapshotNumber?: number,
  ): Promise<PeriodResults | undefined> {
    const period = await new PeriodsRepository(db).find(code)
    if (!period) return undefined
    const framework = await loadFramework(db, period.framework)
    const { bands } = framework
    if (snapshotNumber === undefined && period.status !== 'published') {
      const ranked = await this.ranked(db, period, framework)
      const heading = { period: periodView(period), group: null, snapshot: null }
      const groups = new Set(ranked.scored.map((s) => s.totals.group))
      return periodResults(period, heading, rankedResultsJson(heading, ranked), groups, bands)
    }
    const snapshot = await new ResultsRepository(db).snapshot(period.code, snapshotNumber)
    if (!snapshot) {
      throw new AppError(
        'not-found',
        snapshotNumber === undefined
          ? `Period ${JSON.stringify(period.code)} has no publication`
          : `Period ${JSON.stringify(period.code)} has no publication number ${snapshotNumber}`,
      )
    }
    const whole = JSON.parse(snapshot.body) as ResultsDocument
    return periodResults(period, headingOf(whole), Buffer.from(snapshot.body, 'utf8'), groupsOf(whole), bands)
  }
}

/**
 * A strong ETag per representation: the publication's hash for its frozen JSON (the very bytes it was
 * made from; `body` null), otherwise a hash of the bytes sent.
 */
function representationEtag(results: PeriodResults, body: Buffer | null): string {
  const { snapshot } = results.heading
  if (body === null && snapshot) return `"${snapshot.hash}"`
  return `"sha256:${createHash('sha256')
    .update(body ?? results.json)
    .digest('hex')}"`
}

const headingOf = (d: ResultsDocument): DocumentHeading => ({ period: d.period, group: d.group, snapshot: d.snapshot })

/** The whole document, read back from the cached bytes: the same values the bytes were written from. */
const documentOf = (results: PeriodResults): ResultsDocument =>
  JSON.parse(results.json.toString('utf8')) as ResultsDocument

/**
 * One key order for live and frozen answers: the order of docs/api.md. The text a publication freezes;
 * a live answer's bytes are the same, written faster by rankedResultsJson.
 */
export function serialise(d: ResultsDocument): string {
  return JSON.stringify({ ...documentHead(d), items: d.items })
}

const groupsOf = (document: ResultsDocument): Set<string> => new Set(document.items.map((i) => i.unit.group))

/** A period's results as cached: the exact bytes of its JSON answer, and what is known without parsing them. */
function periodResults(
  period: PeriodRow,
  heading: DocumentHeading,
  json: Buffer,
  groups: Set<string>,
  bands: readonly Band[],
): PeriodResults {
  return { period, heading, json, bands, groups, encoded: new EncodedCache() }
}

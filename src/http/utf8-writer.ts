/**
 * JSON text written straight into UTF-8 bytes, for answers of many megabytes: a 33,000-unit results
 * document is 15 MB. JSON.stringify builds it as one string, two bytes per character as soon as a single
 * name has a Vietnamese letter, and Buffer.from then transcodes all of it. Here keys, punctuation, numbers
 * and strings are stored byte by byte (only a string with something to escape, or a surrogate, goes
 * through JSON.stringify); memory holds the bytes once, and little garbage is made on the way.
 *
 * What is written is exactly what JSON.stringify writes for the same values (tests compare the bytes).
 */

const FIRST_CHUNK = 64 * 1024
/** A chunk this full is handed out as it is by `bytes()`; an emptier one is copied to its exact length. */
const WELL_FILLED = 0.75
const LARGEST_CHUNK = 4 * 1024 * 1024

const QUOTE = 0x22
const BACKSLASH = 0x5c
const DOT = 0x2e
const MINUS = 0x2d
const DIGIT_0 = 0x30
const SPACE = 0x20
/** Code units from here on take two bytes in UTF-8, and from THREE_BYTES on three. */
const TWO_BYTES = 0x80
const THREE_BYTES = 0x800
const SURROGATES = 0xd800
const SURROGATES_END = 0xdfff

/**
 * Below this many hundredths, a two-decimal number's shortest round-trip form (what JSON.stringify
 * prints) is its integer part and its decimals, trailing zeros dropped: any other decimal of at most as
 * many digits lies at least 0.005 away, while doubles there are less than 10^-6 apart.
 */
const EXACT_HUNDREDTHS = 2 ** 31

/** Writes text known to be ASCII into `target` at `at`, a byte a character; returns where it ends. */
export function writeAscii(target: Buffer, at: number, text: string): number {
  let end = at
  for (let i = 0; i < text.length; i++) target[end++] = text.charCodeAt(i)
  return end
}

/**
 * Writes the decimal digits of a whole number 0 ≤ n < 2^31 (so `| 0` truncates it exactly) into `target`
 * at `at`, without String(); returns where they end.
 */
export function writeDigits(target: Buffer, at: number, n: number): number {
  if (n < 10) {
    target[at] = DIGIT_0 + n
    return at + 1
  }
  let length = 2
  for (let rest = (n / 100) | 0; rest > 0; rest = (rest / 10) | 0) length++
  const end = at + length
  let place = end
  let rest = n
  do {
    const next = (rest / 10) | 0
    target[--place] = DIGIT_0 + (rest - next * 10)
    rest = next
  } while (rest > 0)
  return end
}

export class Utf8JsonWriter {
  private readonly chunks: Buffer[] = []
  private chunk = Buffer.allocUnsafe(FIRST_CHUNK)
  private at = 0
  private total = 0

  /** Text known to be ASCII without anything to escape: keys, punctuation, literals. */
  raw(text: string): void {
    this.room(text.length)
    this.at = writeAscii(this.chunk, this.at, text)
  }

  /** A JSON string literal, escaped as JSON.stringify escapes it. */
  string(value: string): void {
    // Characters of the Basic Multilingual Plane (Vietnamese letters among them) are encoded here, one to
    // three bytes each; anything to escape (a quote, a backslash, a control character) or a surrogate (an
    // emoji, or a lone one, which JSON.stringify escapes) goes through JSON.stringify and the encoder.
    this.room(value.length * 3 + 2)
    const chunk = this.chunk
    const start = this.at
    let at = start
    chunk[at++] = QUOTE
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i)
      if (c >= SPACE && c < TWO_BYTES && c !== QUOTE && c !== BACKSLASH) chunk[at++] = c
      else if (c >= TWO_BYTES && c < THREE_BYTES) {
        chunk[at++] = 0xc0 | (c >> 6)
        chunk[at++] = 0x80 | (c & 0x3f)
      } else if (c >= THREE_BYTES && (c < SURROGATES || c > SURROGATES_END)) {
        chunk[at++] = 0xe0 | (c >> 12)
        chunk[at++] = 0x80 | ((c >> 6) & 0x3f)
        chunk[at++] = 0x80 | (c & 0x3f)
      } else {
        this.at = start
        this.json(JSON.stringify(value))
        return
      }
    }
    chunk[at++] = QUOTE
    this.at = at
  }

  /** JSON text made elsewhere (JSON.stringify of a small part of a large document), encoded as UTF-8. */
  json(text: string): void {
    this.room(text.length * 3)
    this.at += this.chunk.write(text, this.at, 'utf8')
  }

  /** A number as JSON.stringify prints it; two-decimal numbers (the published values) without String(). */
  number(value: number): void {
    const h = Math.round(value * 100)
    if (h / 100 !== value || h >= EXACT_HUNDREDTHS || h <= -EXACT_HUNDREDTHS)
      this.raw(Number.isFinite(value) ? String(value) : 'null')
    else this.twoDecimals(h)
  }

  /**
   * A whole number of hundredths as the two-decimal number it stands for (h ÷ 100, as JSON.stringify
   * prints it). Beyond 2^53 hundredths no double holds the value: that throws rather than rounds.
   */
  hundredths(h: number): void {
    if (h < EXACT_HUNDREDTHS && h > -EXACT_HUNDREDTHS) this.twoDecimals(h)
    else if (Number.isSafeInteger(h)) this.raw(String(h / 100))
    else throw new RangeError(`${h} hundredths cannot be published exactly`)
  }

  /** `null`, or the hundredths. */
  nullableHundredths(h: number | null): void {
    if (h === null) this.raw('null')
    else this.hundredths(h)
  }

  /** h ÷ 100 for a whole number of hundredths below 2^31 in magnitude. */
  private twoDecimals(h: number): void {
    this.room(16)
    let magnitude = h
    if (h < 0) {
      this.chunk[this.at++] = MINUS
      magnitude = -h
    }
    const whole = (magnitude / 100) | 0
    const cents = magnitude - whole * 100
    this.at = writeDigits(this.chunk, this.at, whole)
    if (cents === 0) return
    const tenths = (cents / 10) | 0
    this.chunk[this.at++] = DOT
    this.chunk[this.at++] = DIGIT_0 + tenths
    if (cents !== tenths * 10) this.chunk[this.at++] = DIGIT_0 + (cents - tenths * 10)
  }

  /** `null`, or the number. */
  nullable(value: number | null): void {
    if (value === null) this.raw('null')
    else this.number(value)
  }

  boolean(value: boolean): void {
    this.raw(value ? 'true' : 'false')
  }

  /** How many bytes are written so far. */
  get length(): number {
    return this.total + this.at
  }

  /**
   * Sizes the writing for about `more` bytes still to come: one chunk with room for them, the bytes so
   * far copied in, so that `bytes()` can hand that chunk out rather than copy every chunk into a new
   * buffer (a 15 MB answer made 20 MB of chunks, then 15 MB more). Pages of the chunk never written to
   * are never touched, so they take no memory. An estimate too small costs only the usual chunks.
   */
  expect(more: number): void {
    if (this.chunks.length > 0 || this.at + more <= this.chunk.length) return
    const chunk = Buffer.allocUnsafe(this.at + more)
    this.chunk.copy(chunk, 0, 0, this.at)
    this.chunk = chunk
  }

  /**
   * The bytes written, in one buffer: the one chunk written to, when they fill most of it (see expect);
   * otherwise a buffer of their exact length, so that a small answer kept in a cache holds no spare room.
   */
  bytes(): Buffer {
    if (this.chunks.length === 0 && this.at >= this.chunk.length * WELL_FILLED) return this.chunk.subarray(0, this.at)
    if (this.at > 0) this.chunks.push(this.chunk.subarray(0, this.at))
    this.total += this.at
    this.at = 0
    return Buffer.concat(this.chunks, this.total)
  }

  /** Makes room for `most` more bytes: keeps the bytes so far and starts a larger chunk when needed. */
  private room(most: number): void {
    if (this.at + most <= this.chunk.length) return
    if (this.at > 0) this.chunks.push(this.chunk.subarray(0, this.at))
    this.total += this.at
    this.chunk = Buffer.allocUnsafe(Math.max(most, Math.min(LARGEST_CHUNK, this.chunk.length * 2)))
    this.at = 0
  }
}

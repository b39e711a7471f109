/**
 * Random inputs of the results computation, seeded: units with ties, unrankable ones, empty maxima,
 * satisfaction or none, names that need escaping in JSON (and Vietnamese letters).
 */
import type { FieldSpec } from '../../src/domain/fields.js'
import { ratio } from '../../src/domain/ratio.js'
import type { UnitTotals } from '../../src/domain/results.js'

export { prng } from './prng.js'

export const NAMES = [
  'UBND xã Quảng Lợi',
  'Phòng Tư pháp',
  '<script>alert(1)</script>',
  '=HYPERLINK("http://x")',
  'back\\slash "quoted"',
  'line\nbreak\ttab\u0000nul\u001f',
  'emoji 🏛️ and a lone \ud800 surrogate',
  'DEL \u007f and NBSP \u00a0',
  'edges of the UTF-8 lengths \u0080\u07ff\u0800\ud7ff\ue000\uffff',
  '',
]

export const FIELDS: FieldSpec[] = [
  { code: '1', title: 'Công tác chỉ đạo, điều hành', maxHundredths: 1000n },
  { code: '2', title: 'Cải cách "thể chế"', maxHundredths: 500n },
  { code: '3', title: 'TTHC', maxHundredths: 0n },
]

/** Units with ties, unrankable ones, empty maxima, satisfaction or none, names that need escaping. */
export function randomUnits(random: () => number, count: number, fields: number): UnitTotals[] {
  const pick = (n: number) => Math.floor(random() * n)
  return Array.from({ length: count }, (_, i) => {
    const max = random() < 0.1 ? 0 : 1000 + pick(3) * 250
    return {
      code: `unit-${pick(count * 2)}-${i}`,
      name: NAMES[pick(NAMES.length)]!,
      group: ['xa', 'phong', 'nhóm "đặc biệt"'][pick(3)]!,
      rankable: random() < 0.85,
      appraisalHundredths: pick(4) * 250 + (random() < 0.5 ? pick(max + 1) : 0),
      maxHundredths: max,
      missingAppraisals: random() < 0.2 ? 1 : 0,
      satisfaction:
        random() < 0.5 ? null : { index: random() < 0.2 ? null : ratio(BigInt(pick(10_001)), 3n), elements: new Map() },
      ratioCounts: [],
      selfHundredths: pick(max + 1),
      fieldPoints: Array.from({ length: fields }, () => pick(4) * 125),
      fieldNotApplicable: Array.from({ length: fields }, () => (random() < 0.2 ? 250 : 0)),
    }
  })
}

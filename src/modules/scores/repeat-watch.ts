/** Beyond these, RepeatWatch stops watching and the database looks for repeats: its memory stays small. */
const WATCHED_UNITS = 20_000
const WATCHED_CRITERIA = 5_000

/**
 * Proves, as the rows are staged, that no row names the unit and criterion of an earlier one, when the
 * rows come grouped by unit (as a template or an export lists them): then the database need not group
 * the staged rows to look for repeats. It keeps the units seen and the current unit's criteria; a unit
 * coming back after another, or a criterion repeated, ends the proof (the database then finds and
 * reports the repeats, exactly as without it).
 */
export class RepeatWatch {
  private unit: string | null = null
  private readonly units = new Set<string>()
  private readonly criteria = new Set<string>()
  /** True while no row can repeat an earlier one. */
  none = true

  see(unit: string, criterion: string): void {
    if (!this.none) return
    if (unit !== this.unit) {
      this.none = !this.units.has(unit) && this.units.size < WATCHED_UNITS
      this.units.add(unit)
      this.unit = unit
      this.criteria.clear()
    }
    this.none &&= !this.criteria.has(criterion) && this.criteria.size < WATCHED_CRITERIA
    this.criteria.add(criterion)
  }
}

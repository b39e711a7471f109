/**
 * Figures: each one is printed as a JSON line on stdout the moment it is measured, and the run ends
 * with a readable summary (also on stdout; progress goes to stderr). A figure may carry a target
 * (`<=` or `>=` a value) and is then marked pass or fail.
 */

export interface Target {
  op: '<=' | '>='
  value: number
}

export interface FigureInput {
  /** Stable machine name, e.g. `import_wall_s`. */
  name: string
  /** What a reader sees in the summary. */
  label: string
  value: number
  unit: string
  target?: Target
  /** Anything else worth keeping with the figure (counts, the response, the phases). */
  detail?: Record<string, unknown>
}

export interface Figure extends FigureInput {
  bench: string
  pass: boolean | null
}

export class Report {
  readonly figures: Figure[] = []
  readonly notes: Array<{ bench: string; text: string }> = []

  constructor(readonly runId: string) {}

  /** Writes a JSON line of another kind (the run's context, a benchmark's setup). */
  line(type: string, fields: Record<string, unknown>): void {
    process.stdout.write(`${JSON.stringify({ type, run: this.runId, ...fields })}\n`)
  }

  add(bench: string, input: FigureInput): Figure {
    const pass = input.target
      ? input.target.op === '<='
        ? input.value <= input.target.value
        : input.value >= input.target.value
      : null
    const figure: Figure = { bench, ...input, pass }
    this.figures.push(figure)
    const { detail, ...rest } = figure
    this.line('figure', { ...rest, ...(detail ? { detail } : {}) })
    return figure
  }

  note(bench: string, text: string): void {
    this.notes.push({ bench, text })
    this.line('note', { bench, text })
  }

  get failedTargets(): Figure[] {
    return this.figures.filter((f) => f.pass === false)
  }

  summary(): string {
    const rows = this.figures.map((f) => [
      f.bench,
      f.label,
      `${formatNumber(f.value)} ${f.unit}`,
      f.target ? `${f.target.op} ${formatNumber(f.target.value)} ${f.unit}` : '',
      f.pass === null ? '' : f.pass ? 'PASS' : 'FAIL',
    ])
    const header = ['bench', 'figure', 'value', 'target', '']
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    const format = (cells: string[]): string =>
      cells
        .map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
        .join('  ')
        .trimEnd()
    const lines = [
      `Benchmark run ${this.runId}`,
      format(header),
      format(widths.map((w) => '-'.repeat(w))),
      ...rows.map(format),
    ]
    for (const note of this.notes) lines.push(`note (${note.bench}): ${note.text}`)
    return `${lines.join('\n')}\n`
  }
}

const formatNumber = (n: number): string =>
  Number.isInteger(n) ? n.toLocaleString('en-US') : n.toLocaleString('en-US', { maximumFractionDigits: 3 })

/** What a benchmark gets from the runner. */
export interface BenchContext {
  report: Report
  /** Shorthand for report.add(this benchmark's name, …). */
  figure(input: FigureInput): Figure
  note(text: string): void
}

export interface Benchmark {
  name: string
  description: string
  run(context: BenchContext): Promise<void>
}

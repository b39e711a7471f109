import { createHash } from 'node:crypto'
import { bandProblemPointer, DEFAULT_BANDS, validateBands, type Band } from './bands.js'
import { hasAtMostTwoDecimals, hundredthsToNumber, parseHundredths } from './decimal.js'
import { ratioRuleIssues, type RatioRule } from './indicators.js'

/** How a leaf earns its points (docs/domain.md, "Points of a leaf"). */
export type LeafMethod = 'appraisal' | 'survey' | 'ratio'

/** A framework as an integrator sends it (docs/api.md). */
export interface CriterionInput {
  code: string
  title: string
  maxPoints?: number
  method?: LeafMethod
  surveyElement?: string | null
  /** Ratio leaves only: how the counts score. */
  ratio?: RatioRule
  children?: CriterionInput[]
}

export interface SurveyInput {
  levels: number
  satisfiedFrom: number
  elements: Array<{ code: string; title: string; questions: Array<{ code: string; text: string }> }>
}

export interface FrameworkInput {
  name: string
  bands?: Band[]
  criteria: CriterionInput[]
  survey?: SurveyInput | null
}

/**
 * The stored form: defaults filled in, text NFC-normalised; identical content means identical JSON. Only
 * a ratio leaf carries `ratio`, so the content (and hash) of frameworks without one is as it was.
 */
export type Criterion =
  | { code: string; title: string; children: Criterion[] }
  | {
      code: string
      title: string
      maxPoints: number
      method: LeafMethod
      surveyElement: string | null
      ratio?: RatioRule
    }

export interface FrameworkContent {
  name: string
  bands: Band[]
  criteria: Criterion[]
  survey: SurveyInput | null
}

export interface FrameworkIssue {
  pointer: string
  code: string
  message: string
}

/** Deeper trees than field → criterion → sub-criterion → … are a mistake in the input, not a framework. */
export const MAX_DEPTH = 6

export type Leaf = Extract<Criterion, { maxPoints: number }>
export const isLeaf = (c: Criterion): c is Leaf => !('children' in c)

const issue = (pointer: string, code: string, message: string): FrameworkIssue => ({ pointer, code, message })

/** The survey configuration: satisfiedFrom within the levels, element and question codes unique. */
function surveyIssues(survey: SurveyInput, elements: Set<string>): FrameworkIssue[] {
  const issues: FrameworkIssue[] = []
  if (survey.satisfiedFrom < 1 || survey.satisfiedFrom > survey.levels) {
    issues.push(issue('/survey/satisfiedFrom', 'out-of-range', `must be from 1 to levels (${survey.levels})`))
  }
  const questions = new Set<string>()
  survey.elements.forEach((element, i) => {
    if (elements.has(element.code))
      issues.push(issue(`/survey/elements/${i}/code`, 'duplicate', `element ${element.code} appears twice`))
    elements.add(element.code)
    element.questions.forEach((q, j) => {
      if (questions.has(q.code)) {
        const at = `/survey/elements/${i}/questions/${j}/code`
        issues.push(issue(at, 'duplicate', `question ${q.code} appears twice in the framework`))
      }
      questions.add(q.code)
    })
  })
  return issues
}

/** A node with children: no maximum or method of its own, at least one child, not too deep. */
function innerNodeIssues(node: CriterionInput & { children: CriterionInput[] }, at: string, depth: number) {
  const issues: FrameworkIssue[] = []
  if (node.maxPoints !== undefined)
    issues.push(
      issue(`${at}/maxPoints`, 'inner-node-max', 'a node with children has no maxPoints of its own: it is their sum'),
    )
  if (node.method !== undefined)
    issues.push(issue(`${at}/method`, 'inner-node-method', 'only leaves have a scoring method'))
  if (node.surveyElement !== undefined)
    issues.push(issue(`${at}/surveyElement`, 'inner-node-method', 'only leaves are scored by survey'))
  if (node.ratio !== undefined)
    issues.push(issue(`${at}/ratio`, 'inner-node-method', 'only leaves are scored by ratio'))
  if (node.children.length === 0)
    issues.push(issue(`${at}/children`, 'empty', 'must hold at least one criterion, or be left out for a leaf'))
  if (depth >= MAX_DEPTH) issues.push(issue(`${at}/children`, 'too-deep', `criteria nest at most ${MAX_DEPTH} levels`))
  return issues
}

function maxPointsIssues(maxPoints: number | undefined, at: string): FrameworkIssue[] {
  if (maxPoints === undefined) return [issue(`${at}/maxPoints`, 'required', 'a leaf needs maxPoints')]
  if (!hasAtMostTwoDecimals(maxPoints))
    return [issue(`${at}/maxPoints`, 'too-many-decimals', 'has more than two decimals')]
  if (maxPoints <= 0) return [issue(`${at}/maxPoints`, 'not-positive', 'must be greater than 0')]
  return []
}

/** A ratio leaf needs its rule, valid against its maximum; any other leaf has none. */
function ratioIssues(node: CriterionInput, at: string): FrameworkIssue[] {
  if (node.method !== 'ratio') {
    return node.ratio !== undefined
      ? [issue(`${at}/ratio`, 'not-ratio', 'only a leaf with method ratio has a ratio rule')]
      : []
  }
  if (node.ratio === undefined) return [issue(`${at}/ratio`, 'required', 'a ratio leaf needs its ratio rule')]
  const valid = node.maxPoints !== undefined && maxPointsIssues(node.maxPoints, at).length === 0
  return ratioRuleIssues(node.ratio, valid ? parseHundredths(node.maxPoints!) : null, `${at}/ratio`)
}

/** How a leaf is scored: a survey leaf needs the survey configuration and names a known element. */
function methodIssues(node: CriterionInput, at: string, survey: SurveyInput | null, elements: Set<string>) {
  if (node.method !== 'survey') {
    return node.surveyElement != null
      ? [issue(`${at}/surveyElement`, 'not-survey', 'only a leaf with method survey names a survey element')]
      : []
  }
  if (!survey) return [issue(`${at}/method`, 'no-survey', "a survey leaf needs the framework's survey configuration")]
  if (node.surveyElement != null && !elements.has(node.surveyElement))
    return [issue(`${at}/surveyElement`, 'unknown-element', `no survey element ${node.surveyElement}`)]
  return []
}

/**
 * Checks every domain rule of a framework (docs/domain.md, "The framework") and lists each place at
 * fault; an empty list means the framework is valid.
 */
export function validateFramework(input: FrameworkInput): FrameworkIssue[] {
  const elements = new Set<string>()
  const issues: FrameworkIssue[] = input.survey ? surveyIssues(input.survey, elements) : []
  if (input.bands) {
    for (const b of validateBands(input.bands)) issues.push(issue(bandProblemPointer(b), b.code, b.message))
  }
  if (input.criteria.length === 0) issues.push(issue('/criteria', 'empty', 'must hold at least one criterion'))

  const codes = new Set<string>()
  const walk = (nodes: CriterionInput[], base: string, depth: number): void => {
    nodes.forEach((node, i) => {
      const at = `${base}/${i}`
      if (codes.has(node.code)) issues.push(issue(`${at}/code`, 'duplicate', `criterion ${node.code} appears twice`))
      codes.add(node.code)
      if (node.children === undefined) {
        issues.push(
          ...maxPointsIssues(node.maxPoints, at),
          ...methodIssues(node, at, input.survey ?? null, elements),
          ...ratioIssues(node, at),
        )
        return
      }
      issues.push(...innerNodeIssues({ ...node, children: node.children }, at, depth))
      if (depth < MAX_DEPTH) walk(node.children, `${at}/children`, depth + 1)
    })
  }
  walk(input.criteria, '/criteria', 1)
  return issues
}

/** Fills in the defaults (bands, method) and normalises text, so equal content compares equal. */
export function normaliseFramework(input: FrameworkInput): FrameworkContent {
  const nfc = (s: string) => s.normalize('NFC')
  const criterion = (c: CriterionInput): Criterion =>
    c.children !== undefined
      ? { code: c.code, title: nfc(c.title), children: c.children.map(criterion) }
      : {
          code: c.code,
          title: nfc(c.title),
          maxPoints: c.maxPoints!,
          method: c.method ?? 'appraisal',
          surveyElement: c.method === 'survey' ? (c.surveyElement ?? null) : null,
          ...(c.method === 'ratio' && c.ratio ? { ratio: normaliseRatioRule(c.ratio) } : {}),
        }
  return {
    name: nfc(input.name),
    bands: (input.bands ?? DEFAULT_BANDS).map((b) => ({ code: b.code, label: nfc(b.label), min: b.min })),
    criteria: input.criteria.map(criterion),
    survey: input.survey
      ? {
          levels: input.survey.levels,
          satisfiedFrom: input.survey.satisfiedFrom,
          elements: input.survey.elements.map((e) => ({
            code: e.code,
            title: nfc(e.title),
            questions: e.questions.map((q) => ({ code: q.code, text: nfc(q.text) })),
          })),
        }
      : null,
  }
}

/** The rule as stored: the label NFC-normalised, only the members of its kind, tiers in the order given. */
function normaliseRatioRule(rule: RatioRule): RatioRule {
  const { scoring } = rule
  return {
    label: rule.label.normalize('NFC'),
    scoring:
      scoring.kind === 'tiers'
        ? { kind: 'tiers', tiers: scoring.tiers.map((t) => ({ min: t.min, points: t.points })) }
        : { kind: 'proportional', target: scoring.target },
  }
}

export const contentHash = (content: FrameworkContent): string =>
  createHash('sha256').update(JSON.stringify(content)).digest('hex')

/** Maximum points of a node in hundredths: a leaf's own, an inner node's the exact sum of its leaves. */
export function maxHundredths(c: Criterion): bigint {
  return isLeaf(c) ? parseHundredths(c.maxPoints) : c.children.reduce((sum, child) => sum + maxHundredths(child), 0n)
}

export const totalHundredths = (content: FrameworkContent): bigint =>
  content.criteria.reduce((sum, c) => sum + maxHundredths(c), 0n)

/** The tree as GET answers it: `maxPoints` on every node. */
export type CriterionView =
  | { code: string; title: string; maxPoints: number; children: CriterionView[] }
  | {
      code: string
      title: string
      maxPoints: number
      method: LeafMethod
      surveyElement: string | null
      ratio?: RatioRule
    }

export function criterionView(c: Criterion): CriterionView {
  const maxPoints = hundredthsToNumber(maxHundredths(c))
  if (!isLeaf(c)) return { code: c.code, title: c.title, maxPoints, children: c.children.map(criterionView) }
  const view: CriterionView = {
    code: c.code,
    title: c.title,
    maxPoints,
    method: c.method,
    surveyElement: c.surveyElement,
  }
  return c.ratio ? { ...view, ratio: c.ratio } : view
}

import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import {
  contentHash,
  normaliseFramework,
  totalHundredths,
  validateFramework,
  type FrameworkContent,
  type FrameworkInput,
} from '../../domain/framework.js'
import { AppError, ruleViolated } from '../../http/problems.js'
import { FrameworksRepository } from './repository.js'

/** total_points is numeric(12, 2). */
const MAX_TOTAL_HUNDREDTHS = 999_999_999_999n

export type PutOutcome = 'created' | 'replaced' | 'unchanged'

/**
 * Creates or replaces a framework. Identical content (after defaults) is harmless; different content is
 * refused once a period uses the framework, because published results must stay recomputable with it.
 */
export async function putFramework(db: Kysely<Database>, code: string, input: FrameworkInput): Promise<PutOutcome> {
  const issues = validateFramework(input)
  if (issues.length > 0) throw ruleViolated(`The framework breaks ${issues.length} rule(s)`, issues)
  const content = normaliseFramework(input)
  if (totalHundredths(content) > MAX_TOTAL_HUNDREDTHS)
    throw ruleViolated('The framework totals more points than can be stored', [
      {
        pointer: '/criteria',
        code: 'above-maximum',
        message: 'the leaves add up to more than 9,999,999,999.99 points',
      },
    ])
  const hash = contentHash(content)

  return db.transaction().execute(async (trx) => {
    const frameworks = new FrameworksRepository(trx)
    await frameworks.serialise(code)
    const existing = await frameworks.lock(code)
    if (existing?.contentHash === hash) return 'unchanged'
    if (existing && (await frameworks.inUse(code))) {
      throw new AppError(
        'framework-in-use',
        `Framework ${JSON.stringify(code)} is used by a period; make a new framework code for new content`,
      )
    }
    await frameworks.save(code, content, hash, totalHundredths(content), existing !== undefined)
    return existing ? 'replaced' : 'created'
  })
}

/** The framework a period is scored against; a period always has one (foreign key). */
export async function loadFramework(db: Kysely<Database>, code: string): Promise<FrameworkContent> {
  const framework = await new FrameworksRepository(db).find(code)
  if (!framework) throw new Error(`period framework ${code} is missing`)
  return framework.content
}

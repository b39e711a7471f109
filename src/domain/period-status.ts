/** The lifecycle of an assessment round (docs/domain.md, "The yearly round"). */
export type PeriodStatus = 'open' | 'appraisal' | 'published'

const order: PeriodStatus[] = ['open', 'appraisal', 'published']

export type TransitionCheck =
  | { ok: true; direction: 'forward' | 'back' }
  | { ok: false; problem: 'illegal'; allowed: PeriodStatus[] }
  | { ok: false; problem: 'reason-required' }

/** The statuses a period may move to from `from`: one step forward, or back to any earlier one. */
export function allowedMoves(from: PeriodStatus): PeriodStatus[] {
  const at = order.indexOf(from)
  return [...order.slice(0, at), ...order.slice(at + 1, at + 2)]
}

/**
 * Forward one step at a time; any move back (reopening) needs a reason, because docs/domain.md requires a
 * trace of who reopened a round and why. Everything else, the same status included, is illegal.
 */
export function checkTransition(
  from: PeriodStatus,
  to: PeriodStatus,
  reason: string | null | undefined,
): TransitionCheck {
  const allowed = allowedMoves(from)
  if (!allowed.includes(to)) return { ok: false, problem: 'illegal', allowed }
  const direction = order.indexOf(to) > order.indexOf(from) ? 'forward' : 'back'
  if (direction === 'back' && !(reason && reason.trim())) return { ok: false, problem: 'reason-required' }
  return { ok: true, direction }
}

/**
 * Webhook settings, read from the environment where the app is built (to be folded into src/config.ts):
 * - WEBHOOK_RETRY_BASE_MS (5000): the wait before the first retry, doubling after each failure;
 * - WEBHOOK_MAX_ATTEMPTS (10): attempts before a delivery is given up (`failed`);
 * - WEBHOOK_TIMEOUT_MS (10000): how long a receiver has to answer;
 * - WEBHOOK_POLL_MS (1000): how often due deliveries are looked for (a change on any instance wakes it too);
 * - WEBHOOK_ALLOW_PRIVATE (false): allow loopback and private addresses as webhook URLs.
 */
export interface WebhookConfig {
  retryBaseMs: number
  maxAttempts: number
  timeoutMs: number
  pollMs: number
  allowPrivate: boolean
}

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name]
  if (raw === undefined || raw === '') return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, not ${raw}`)
  return value
}

function flag(env: NodeJS.ProcessEnv, name: string): boolean {
  const raw = env[name]
  if (raw === undefined || raw === '' || raw === 'false') return false
  if (raw === 'true') return true
  throw new Error(`${name} must be true or false, not ${raw}`)
}

export function webhookConfig(env: NodeJS.ProcessEnv = process.env): WebhookConfig {
  return {
    retryBaseMs: integer(env, 'WEBHOOK_RETRY_BASE_MS', 5000, 1),
    maxAttempts: integer(env, 'WEBHOOK_MAX_ATTEMPTS', 10, 1),
    timeoutMs: integer(env, 'WEBHOOK_TIMEOUT_MS', 10_000, 1),
    pollMs: integer(env, 'WEBHOOK_POLL_MS', 1000, 10),
    allowPrivate: flag(env, 'WEBHOOK_ALLOW_PRIVATE'),
  }
}

import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { AppError } from '../http/problems.js'

interface Bucket {
  tokens: number
  at: number
}

const MAX_BUCKETS = 100_000

/**
 * A token bucket per client (per instance): `rate` requests a second on average, bursts of `burst`.
 * Runs after authentication, so it counts only known clients; over the limit: 429 with Retry-After.
 */
export const rateLimitPlugin = fp(async function rateLimit(
  app: FastifyInstance,
  options: { rate: number; burst: number },
) {
  if (options.rate <= 0) return
  const burst = options.burst > 0 ? options.burst : options.rate * 10
  const buckets = new Map<string, Bucket>()
  app.addHook('onRequest', async (request, reply) => {
    if (!request.routeOptions.config.access || !request.identity) return
    const now = performance.now()
    const key = request.identity.id
    const bucket = buckets.get(key) ?? { tokens: burst, at: now }
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * options.rate)
    bucket.at = now
    if (buckets.size >= MAX_BUCKETS && !buckets.has(key)) buckets.delete(buckets.keys().next().value as string)
    buckets.set(key, bucket)
    if (bucket.tokens < 1) {
      const wait = Math.ceil((1 - bucket.tokens) / options.rate)
      throw new AppError(
        'rate-limited',
        `This client may make ${options.rate} requests a second (bursts of ${burst}); retry in ${wait} s`,
        { headers: { 'retry-after': String(wait) } },
      )
    }
    bucket.tokens -= 1
    reply.header('ratelimit-remaining', String(Math.floor(bucket.tokens)))
  })
})

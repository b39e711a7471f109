import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { Counter, Histogram, Registry } from 'prom-client'
import { routeLabel } from './request-log.js'

/**
 * Prometheus metrics: request count and latency by method, route pattern and status. Each app owns its
 * registry, so several instances in one process (tests) never share counters.
 */
export const metricsPlugin = fp(async function metrics(app: FastifyInstance) {
  const registry = new Registry()
  const labelNames = ['method', 'route', 'status_code'] as const
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests answered',
    labelNames,
    registers: [registry],
  })
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to answer an HTTP request',
    labelNames,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  })

  app.addHook('onResponse', (request, reply, done) => {
    const labels = { method: request.method, route: routeLabel(request), status_code: String(reply.statusCode) }
    requests.inc(labels)
    duration.observe(labels, reply.elapsedTime / 1000)
    done()
  })

  app.get(
    '/metrics',
    {
      schema: {
        operationId: 'getMetrics',
        tags: ['operations'],
        summary: 'Prometheus metrics',
        description:
          'Request counts and latency histograms by method, route and status code, in the Prometheus text format.',
        produces: ['text/plain'],
        response: {
          200: {
            description: 'Prometheus text exposition format',
            content: {
              'text/plain': {
                schema: { type: 'string' },
                example: 'http_requests_total{method="GET",route="/v1/units",status_code="200"} 42\n',
              },
            },
          },
        },
      },
    },
    async (_request, reply) => {
      reply.type(registry.contentType)
      return registry.metrics()
    },
  )
})

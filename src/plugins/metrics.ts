import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { PoolStats } from '../db/database.js'
import { routeLabel } from './request-log.js'

/** What a committed write counts in `cchc_imported_rows_total`. */
export type ImportKind = 'scores' | 'indicators' | 'survey'
const IMPORT_KINDS: readonly ImportKind[] = ['scores', 'indicators', 'survey']

/** The results cache's figures, read when metrics are scraped. */
export interface CacheFigures {
  hits: number
  misses: number
  entries: number
  bytes: number
}

/** What the metrics read from the rest of the service at scrape time (handed over by src/app.ts). */
export interface MetricsSources {
  /** The database pool; absent when the app does not own one (no pool gauges then). */
  pool?: () => PoolStats
  /** Whether the change feed listens (caches are trusted only then). */
  changeFeedLive: () => boolean
  resultsCache: () => CacheFigures
}

/** What routes and the error handling count, besides what the request hook counts by itself. */
export interface ServiceMetrics {
  /** Rows a committed write accepted (never a dry run, never a rolled-back write). */
  importedRows(kind: ImportKind, rows: number): void
  /** A committed score import, by how it was written (direct: a first import written as it was read). */
  scoreImport(path: 'direct' | 'staged'): void
  /**
   * A problem answered where the request hooks never see it: refused before routing, or by Node's HTTP
   * parser before there was a request. Counted in `http_problems_total` only.
   */
  problemBeforeRouting(problemType: string, status: number): void
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: ServiceMetrics
  }
}

/**
 * The package's version, from the nearest package.json named cchc-index above this module: two levels up
 * from src/plugins, three from dist/src/plugins, one from the bundle dist/server.js.
 */
function packageVersion(): string {
  for (const path of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(path, import.meta.url), 'utf8')) as {
        name?: string
        version?: string
      }
      if (manifest.name === 'cchc-index' && manifest.version) return manifest.version
    } catch {
      // not there: the next candidate
    }
  }
  return 'unknown'
}

let processRegistry: Registry | undefined

/**
 * The process's own metrics (CPU, memory, event loop, garbage collection, handles): one registry per
 * process, shared by every app in it, so that a second app neither registers them twice nor starts a
 * second set of observers.
 */
function processMetrics(): Registry {
  if (!processRegistry) {
    processRegistry = new Registry()
    collectDefaultMetrics({ register: processRegistry })
  }
  return processRegistry
}

/** Gauges and counters whose values are read from `sources` when the metrics are scraped. */
function scrapedMetrics(registry: Registry, sources: MetricsSources): void {
  const registers = [registry]
  new Gauge({
    name: 'cchc_build_info',
    help: 'The running version of cchc-index and of Node.js; always 1',
    labelNames: ['version', 'node'],
    registers,
  }).set({ version: packageVersion(), node: process.version }, 1)

  const { pool } = sources
  if (pool) {
    new Gauge({
      name: 'cchc_db_pool_connections',
      help: 'Open database connections of the pool, in use or idle',
      labelNames: ['state'],
      registers,
      collect() {
        const now = pool()
        this.set({ state: 'in_use' }, now.total - now.idle)
        this.set({ state: 'idle' }, now.idle)
      },
    })
    new Gauge({
      name: 'cchc_db_pool_waiting',
      help: 'Queries waiting for a free database connection',
      registers,
      collect() {
        this.set(pool().waiting)
      },
    })
    new Gauge({
      name: 'cchc_db_pool_max',
      help: 'The most database connections the pool opens',
      registers,
      collect() {
        this.set(pool().max)
      },
    })
  }

  new Gauge({
    name: 'cchc_change_feed_healthy',
    help: 'Whether the change feed listens (1) or not (0: caches are not trusted, /health/ready answers 503)',
    registers,
    collect() {
      this.set(sources.changeFeedLive() ? 1 : 0)
    },
  })

  // The cache counts in plain numbers on the request path; the counters catch up with them at scrape time.
  const seen = { hits: 0, misses: 0 }
  const cacheCounter = (name: 'hits' | 'misses', help: string) =>
    new Counter({
      name: `cchc_results_cache_${name}_total`,
      help,
      registers,
      collect() {
        const now = sources.resultsCache()[name]
        this.inc(now - seen[name])
        seen[name] = now
      },
    })
  cacheCounter('hits', 'Results reads answered from the cache')
  cacheCounter('misses', 'Results reads that computed or encoded their answer (snapshot reads are not counted)')
  new Gauge({
    name: 'cchc_results_cache_entries',
    help: 'Results representations held in the cache, over every period',
    registers,
    collect() {
      this.set(sources.resultsCache().entries)
    },
  })
  new Gauge({
    name: 'cchc_results_cache_bytes',
    help: 'Bytes of the results representations held in the cache',
    registers,
    collect() {
      this.set(sources.resultsCache().bytes)
    },
  })
}

const METRICS_DESCRIPTION = [
  'The Prometheus text format: requests by method, route and status code (count and latency),',
  'problems answered by type and status (`http_problems_total`), rows imported by committed writes',
  '(`cchc_imported_rows_total`), the results cache (hits, misses, entries, bytes), the database pool',
  '(connections in use and idle, queries waiting), whether the change feed listens, the build',
  '(`cchc_build_info`) and the process (CPU, memory, event loop, garbage collection).',
].join(' ')

/**
 * Prometheus metrics. Each app owns its registry, so several instances in one process (tests) never
 * share counters; the process metrics are the process's, shared. The request path only counts: every
 * gauge is read from its source when the metrics are scraped.
 */
export const metricsPlugin = fp(async function metrics(app: FastifyInstance, sources: MetricsSources) {
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
  const problems = new Counter({
    name: 'http_problems_total',
    help: 'Problems (application/problem+json answers) by type and status',
    labelNames: ['type', 'status'],
    registers: [registry],
  })
  const imported = new Counter({
    name: 'cchc_imported_rows_total',
    help: 'Rows accepted by committed writes: score and indicator rows, survey responses stored',
    labelNames: ['kind'],
    registers: [registry],
  })
  for (const kind of IMPORT_KINDS) imported.inc({ kind }, 0)
  const scoreImports = new Counter({
    name: 'cchc_score_imports_total',
    help: 'Committed score imports, by path: direct (a first import written as it was read) or staged',
    labelNames: ['path'],
    registers: [registry],
  })
  for (const path of ['direct', 'staged']) scoreImports.inc({ path }, 0)
  scrapedMetrics(registry, sources)
  const shared = processMetrics()

  app.decorate('metrics', {
    importedRows(kind, rows) {
      if (rows > 0) imported.inc({ kind }, rows)
    },
    scoreImport(path) {
      scoreImports.inc({ path })
    },
    problemBeforeRouting(problemType, status) {
      problems.inc({ type: problemType, status: String(status) })
    },
  } satisfies ServiceMetrics)

  app.addHook('onResponse', (request, reply, done) => {
    const status = String(reply.statusCode)
    const labels = { method: request.method, route: routeLabel(request), status_code: status }
    requests.inc(labels)
    duration.observe(labels, reply.elapsedTime / 1000)
    if (reply.problemType) problems.inc({ type: reply.problemType, status })
    done()
  })

  app.get(
    '/metrics',
    {
      schema: {
        operationId: 'getMetrics',
        tags: ['operations'],
        summary: 'Prometheus metrics',
        description: `${METRICS_DESCRIPTION} Every metric, with its type and labels, is listed in the README (Metrics).`,
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
      const [ofProcess, ofApp] = await Promise.all([shared.metrics(), registry.metrics()])
      return ofProcess + ofApp
    },
  )
})

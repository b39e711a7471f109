import { Type, type Static } from 'typebox'
import { Value } from 'typebox/value'

const LogLevel = Type.Union(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'].map((l) => Type.Literal(l)))

/** The service's whole configuration, as read from the environment (see README, Configuration). */
export const ConfigSchema = Type.Object({
  port: Type.Integer({ minimum: 0, maximum: 65535 }),
  host: Type.String({ minLength: 1 }),
  databaseUrl: Type.Union([Type.String({ pattern: '^postgres(ql)?://' }), Type.Null()]),
  dataDir: Type.String({ minLength: 1 }),
  adminToken: Type.Union([Type.String({ minLength: 16 }), Type.Null()]),
  logLevel: LogLevel,
  bodyLimit: Type.Integer({ minimum: 1024 }),
  importBodyLimit: Type.Integer({ minimum: 1024 }),
  rateLimit: Type.Integer({ minimum: 0 }),
  rateLimitBurst: Type.Integer({ minimum: 0 }),
  requestTimeoutMs: Type.Integer({ minimum: 0 }),
  keepAliveTimeoutMs: Type.Integer({ minimum: 0 }),
  dbConnectTimeoutMs: Type.Integer({ minimum: 0 }),
  dbQueryTimeoutMs: Type.Integer({ minimum: 0 }),
  dbStatementTimeoutMs: Type.Integer({ minimum: 0 }),
  dbLockTimeoutMs: Type.Integer({ minimum: 0 }),
  listenCheckMs: Type.Integer({ minimum: 100 }),
  shutdownGraceMs: Type.Integer({ minimum: 0 }),
})
export type Config = Static<typeof ConfigSchema>

export class ConfigError extends Error {}

/** Each setting with the variable it comes from, its default, and what a valid value looks like. */
const variables = {
  port: { name: 'PORT', fallback: '3000', kind: 'integer', expect: 'an integer from 0 to 65535' },
  host: { name: 'HOST', fallback: '127.0.0.1', kind: 'string', expect: 'a host name or address' },
  databaseUrl: {
    name: 'DATABASE_URL',
    fallback: null,
    kind: 'string',
    expect: 'a postgres:// or postgresql:// URL',
    secret: 'password',
  },
  dataDir: { name: 'DATA_DIR', fallback: './data', kind: 'string', expect: 'a directory path or memory://' },
  adminToken: {
    name: 'CCHC_ADMIN_TOKEN',
    fallback: null,
    kind: 'string',
    expect: 'at least 16 characters',
    secret: 'whole',
  },
  logLevel: {
    name: 'LOG_LEVEL',
    fallback: 'info',
    kind: 'string',
    expect: 'one of fatal, error, warn, info, debug, trace, silent',
  },
  bodyLimit: { name: 'BODY_LIMIT', fallback: String(1024 * 1024), kind: 'integer', expect: 'a number of bytes ≥ 1024' },
  importBodyLimit: {
    name: 'IMPORT_BODY_LIMIT',
    fallback: String(50 * 1024 * 1024),
    kind: 'integer',
    expect: 'a number of bytes ≥ 1024',
  },
  rateLimit: {
    name: 'RATE_LIMIT',
    fallback: '0',
    kind: 'integer',
    expect: 'requests per second per client, 0 for no limit',
  },
  rateLimitBurst: {
    name: 'RATE_LIMIT_BURST',
    fallback: '0',
    kind: 'integer',
    expect: "a number of requests (0: ten seconds' worth of RATE_LIMIT)",
  },
  requestTimeoutMs: {
    name: 'REQUEST_TIMEOUT_MS',
    fallback: '120000',
    kind: 'integer',
    expect: 'milliseconds to receive a whole request, body included (0: no limit)',
  },
  keepAliveTimeoutMs: {
    name: 'KEEP_ALIVE_TIMEOUT_MS',
    fallback: '72000',
    kind: 'integer',
    expect: 'milliseconds an idle keep-alive connection is kept',
  },
  dbConnectTimeoutMs: {
    name: 'DB_CONNECT_TIMEOUT_MS',
    fallback: '5000',
    kind: 'integer',
    expect: 'milliseconds to get a database connection (0: no limit)',
  },
  dbQueryTimeoutMs: {
    name: 'DB_QUERY_TIMEOUT_MS',
    fallback: '35000',
    kind: 'integer',
    expect: "milliseconds to wait for a query's answer (0: no limit)",
  },
  dbStatementTimeoutMs: {
    name: 'DB_STATEMENT_TIMEOUT_MS',
    fallback: '30000',
    kind: 'integer',
    expect: 'milliseconds a statement may run (PostgreSQL statement_timeout; 0: no limit)',
  },
  dbLockTimeoutMs: {
    name: 'DB_LOCK_TIMEOUT_MS',
    fallback: '10000',
    kind: 'integer',
    expect: 'milliseconds a statement may wait for a lock (PostgreSQL lock_timeout; 0: no limit)',
  },
  listenCheckMs: {
    name: 'LISTEN_CHECK_MS',
    fallback: '5000',
    kind: 'integer',
    expect: 'milliseconds between round trips on the change-feed connection (≥ 100)',
  },
  shutdownGraceMs: {
    name: 'SHUTDOWN_GRACE_MS',
    fallback: '10000',
    kind: 'integer',
    expect: 'milliseconds in-flight requests may take after SIGTERM',
  },
} as const satisfies Record<
  keyof Config,
  {
    name: string
    fallback: string | null
    kind: 'integer' | 'string'
    expect: string
    /** A value that is or may hold a secret: `whole` is never shown, `password` is shown masked. */
    secret?: 'whole' | 'password'
  }
>

/** A URL with its password (and a `password` query parameter) replaced by ***; null when it is no URL. */
function maskedUrl(raw: string): string | null {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return null
  }
  // Without a host, the parser may have read the credentials as something else (a path): show nothing.
  if (url.hostname === '') return null
  if (url.password !== '') url.password = '***'
  if (url.searchParams.has('password')) url.searchParams.set('password', '***')
  return url.toString()
}

/** How a rejected value appears in the error: as given, masked, or not at all (never a secret). */
function rejected(secret: 'whole' | 'password' | undefined, given: string): string {
  if (secret === 'whole') return `got ${given.length} characters; the value is not shown`
  if (secret === 'password') {
    const masked = maskedUrl(given)
    return masked === null ? 'the value is not shown, as it may hold a password' : `got ${JSON.stringify(masked)}`
  }
  return `got ${JSON.stringify(given)}`
}

function parseValue(kind: 'integer' | 'string', raw: string): unknown {
  if (kind === 'string') return raw
  return /^\d+$/.test(raw) ? Number(raw) : raw
}

/**
 * Reads and validates the configuration. Throws a ConfigError whose message is one line naming the
 * variable at fault, so an operator sees exactly what to fix. A secret is never in the message: a
 * rejected CCHC_ADMIN_TOKEN is not shown, and a rejected DATABASE_URL is shown with its password masked.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config: Record<string, unknown> = {}
  for (const [key, spec] of Object.entries(variables)) {
    const raw = env[spec.name]
    const given = raw === undefined || raw === '' ? spec.fallback : raw
    const value = given === null ? null : parseValue(spec.kind, given)
    const property = ConfigSchema.properties[key as keyof Config]
    if (!Value.Check(property, value)) {
      const secret = 'secret' in spec ? spec.secret : undefined
      throw new ConfigError(
        `Invalid configuration: ${spec.name} must be ${spec.expect} (${rejected(secret, String(given))})`,
      )
    }
    config[key] = value
  }
  return config as Config
}

/** The database timeouts of a configuration, as src/db/database.ts takes them. */
export function databaseTimeouts(config: Config) {
  return {
    connectMs: config.dbConnectTimeoutMs,
    queryMs: config.dbQueryTimeoutMs,
    statementMs: config.dbStatementTimeoutMs,
    lockMs: config.dbLockTimeoutMs,
  }
}

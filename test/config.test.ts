import t, { type Test } from 'tap'
import { ConfigError, loadConfig } from '../src/config.js'

t.test('defaults follow the documented table', async (t) => {
  t.same(loadConfig({}), {
    port: 3000,
    host: '127.0.0.1',
    databaseUrl: null,
    dataDir: './data',
    adminToken: null,
    logLevel: 'info',
    bodyLimit: 1048576,
    importBodyLimit: 52428800,
    rateLimit: 0,
    rateLimitBurst: 0,
    requestTimeoutMs: 120000,
    keepAliveTimeoutMs: 72000,
    dbConnectTimeoutMs: 5000,
    dbQueryTimeoutMs: 35000,
    dbStatementTimeoutMs: 30000,
    dbLockTimeoutMs: 10000,
    listenCheckMs: 5000,
    shutdownGraceMs: 10000,
  })
})

t.test('values are read from the environment', async (t) => {
  const config = loadConfig({
    PORT: '8080',
    HOST: '0.0.0.0',
    DATABASE_URL: 'postgres://u:p@db:5432/cchc',
    LOG_LEVEL: 'warn',
    DATA_DIR: 'memory://',
  })
  t.match(config, {
    port: 8080,
    host: '0.0.0.0',
    databaseUrl: 'postgres://u:p@db:5432/cchc',
    logLevel: 'warn',
    dataDir: 'memory://',
  })
})

t.test('a bad value stops with one line naming the variable', async (t) => {
  const cases: Array<[Record<string, string>, RegExp]> = [
    [{ PORT: 'abc' }, /^Invalid configuration: PORT must be an integer from 0 to 65535 \(got "abc"\)$/],
    [{ PORT: '70000' }, /^Invalid configuration: PORT /],
    [{ LOG_LEVEL: 'loud' }, /^Invalid configuration: LOG_LEVEL /],
    [{ DATABASE_URL: 'mysql://x' }, /^Invalid configuration: DATABASE_URL /],
    [{ CCHC_ADMIN_TOKEN: 'short' }, /^Invalid configuration: CCHC_ADMIN_TOKEN /],
    [{ BODY_LIMIT: '-1' }, /^Invalid configuration: BODY_LIMIT /],
  ]
  for (const [env, message] of cases) {
    t.throws(() => loadConfig(env), { name: 'Error', message }, JSON.stringify(env))
    try {
      loadConfig(env)
    } catch (error) {
      t.ok(error instanceof ConfigError)
      t.notMatch(String((error as Error).message), /\n/)
    }
  }
})

/** The message of the ConfigError loadConfig throws for `env`; fails the test when it does not throw one. */
function configError(t: Test, env: Record<string, string>): string {
  try {
    loadConfig(env)
  } catch (error) {
    t.ok(error instanceof ConfigError, `${Object.keys(env).join(', ')} rejected with a ConfigError`)
    return String((error as Error).message)
  }
  t.fail(`${Object.keys(env).join(', ')} was accepted`)
  return ''
}

t.test('a token is never echoed in the configuration error', async (t) => {
  t.throws(() => loadConfig({ CCHC_ADMIN_TOKEN: 'abc' }))
  const secret = 'Xq7-secret'
  const message = configError(t, { CCHC_ADMIN_TOKEN: secret })
  t.match(message, /^Invalid configuration: CCHC_ADMIN_TOKEN must be at least 16 characters \(/, 'names the variable')
  t.notMatch(message, /\n/, 'one line')
  t.equal(message.includes(secret), false, 'the rejected token is not in the message')
  t.equal(message.includes('Xq7'), false, 'nor any part of it')
})

t.test('a DATABASE_URL password is never echoed in the configuration error', async (t) => {
  const password = 'pw-s3cret-42'
  const masked = configError(t, { DATABASE_URL: `mysql://cchc:${password}@db:5432/cchc` })
  t.match(masked, /^Invalid configuration: DATABASE_URL must be a postgres:\/\/ or postgresql:\/\/ URL /)
  t.equal(masked.includes(password), false, 'the password is not in the message')
  t.match(masked, 'mysql://cchc:***@db:5432/cchc', 'the URL is shown with its password masked')

  const query = configError(t, { DATABASE_URL: `mysql://db/cchc?user=cchc&password=${password}` })
  t.match(query, /^Invalid configuration: DATABASE_URL /)
  t.equal(query.includes(password), false, 'a password given as a query parameter is masked too')

  const unparsable = configError(t, { DATABASE_URL: `cchc:${password}@db:5432/cchc` })
  t.match(unparsable, /^Invalid configuration: DATABASE_URL /)
  t.equal(unparsable.includes(password), false, 'a value that is no URL is not shown at all')
})

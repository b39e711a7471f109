import t from 'tap'
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

t.test('a token is never echoed in the configuration error', async (t) => {
  t.throws(() => loadConfig({ CCHC_ADMIN_TOKEN: 'abc' }))
})

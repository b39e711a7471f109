import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedClient, seedUnit } from './helpers/api.js'

t.test('GET /v1/me names the calling client', async (t) => {
  const app = await build(t)
  const boot = await call(app, 'GET', '/v1/me')
  t.equal(boot.statusCode, 200)
  t.same(boot.json(), { id: 'bootstrap', name: 'bootstrap admin', role: 'admin', unit: null })

  await seedUnit(app, 'xa-phu-my')
  const token = await seedClient(app, 'unit', 'xa-phu-my')
  const me = await call(app, 'GET', '/v1/me', { token })
  t.equal(me.statusCode, 200)
  t.match(me.json(), { name: 'client unit', role: 'unit', unit: 'xa-phu-my' })
  t.match(me.json().id, /^[0-9a-f-]{36}$/)

  t.equal((await call(app, 'GET', '/v1/me', { token: null })).statusCode, 401)
})

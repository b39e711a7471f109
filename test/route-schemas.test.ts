// Route schemas compile on first use or in the background after listen (src/http/compilers.ts), so a schema
// that cannot compile would otherwise surface only at its route's first request.
import t from 'tap'
import { ADMIN_TOKEN, build } from './helpers/build.js'

t.test('every route schema (validators and serializers) compiles', async (t) => {
  const app = await build(t)
  await app.ready()
  t.doesNotThrow(() => app.schemaCompilers.compileAll())
  const { compiled, registered } = app.schemaCompilers.counts()
  t.ok(registered > 0, 'the routes registered schemas')
  t.equal(compiled, registered)
})

t.test('a listening server compiles its route schemas without waiting for requests', async (t) => {
  const app = await build(t)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const deadline = Date.now() + 30_000
  while (app.schemaCompilers.counts().compiled < app.schemaCompilers.counts().registered && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20))
  const { compiled, registered } = app.schemaCompilers.counts()
  t.equal(compiled, registered)
})

t.test('a body rejected by a schema compiled on first use names the field at fault', async (t) => {
  const app = await build(t)
  const res = await app.inject({
    method: 'PUT',
    url: '/v1/units/xa-a',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    payload: { name: 'Xã A', group: 'commune', colour: 'blue' },
  })
  t.equal(res.statusCode, 400)
  t.match(res.json(), { errors: [{ pointer: '/colour' }] })
})

import t from 'tap'
import { build } from './helpers/build.js'
import { call, seedClient, seedUnit } from './helpers/api.js'

t.test('PUT creates (201) then replaces (200); names are stored NFC-normalised', async (t) => {
  const app = await build(t)
  const decomposed = 'UBND xa\u0303 Quang Lo\u031b\u0323i' // "xã", "Lợi" written with combining marks
  const created = await call(app, 'PUT', '/v1/units/xa-quang-loi', { body: { name: decomposed, group: 'xa' } })
  t.equal(created.statusCode, 201)
  t.same(created.json(), {
    code: 'xa-quang-loi',
    name: 'UBND xã Quang Lợi'.normalize('NFC'),
    group: 'xa',
    parent: null,
    rankable: true,
  })
  t.equal(created.json().name, decomposed.normalize('NFC'))

  const replaced = await call(app, 'PUT', '/v1/units/xa-quang-loi', {
    body: { name: 'UBND xã Quảng Lợi', group: 'xa', rankable: false },
  })
  t.equal(replaced.statusCode, 200)
  t.equal(replaced.json().rankable, false)
  const read = await call(app, 'GET', '/v1/units/xa-quang-loi')
  t.same(read.json(), { code: 'xa-quang-loi', name: 'UBND xã Quảng Lợi', group: 'xa', parent: null, rankable: false })
})

t.test('codes and bodies are validated: 400 with pointers', async (t) => {
  const app = await build(t)
  const badCode = await call(app, 'PUT', '/v1/units/-bad', { body: { name: 'x', group: 'xa' } })
  t.equal(badCode.statusCode, 400)
  t.match(badCode.json(), { errors: [{ pointer: '/params/unit' }] })
  const blank = await call(app, 'PUT', '/v1/units/u1', { body: { name: '   ', group: 'xa' } })
  t.equal(blank.statusCode, 400)
  t.match(blank.json(), { errors: [{ pointer: '/name' }] })
  const extra = await call(app, 'PUT', '/v1/units/u1', { body: { name: 'x', group: 'xa', colour: 'red' } })
  t.equal(extra.statusCode, 400)
  t.match(extra.json(), { errors: [{ pointer: '/colour', code: 'additional-property' }] })
  t.equal((await call(app, 'GET', '/v1/units/u1')).statusCode, 404, 'nothing was written')
})

t.test('parent must exist and may not make a cycle', async (t) => {
  const app = await build(t)
  const orphan = await call(app, 'PUT', '/v1/units/phong-noi-vu', {
    body: { name: 'Phòng Nội vụ', group: 'phong', parent: 'huyen-x' },
  })
  t.equal(orphan.statusCode, 422)
  t.match(orphan.json(), {
    type: 'urn:cchc:problem:rule-violated',
    errors: [{ pointer: '/parent', code: 'unknown-unit' }],
  })

  await seedUnit(app, 'tinh', { group: 'tinh' })
  await seedUnit(app, 'huyen', { group: 'huyen', parent: 'tinh' })
  await seedUnit(app, 'xa', { group: 'xa', parent: 'huyen' })
  const self = await call(app, 'PUT', '/v1/units/xa', { body: { name: 'x', group: 'xa', parent: 'xa' } })
  t.equal(self.statusCode, 422)
  t.match(self.json(), { errors: [{ pointer: '/parent', code: 'cycle' }] })
  const loop = await call(app, 'PUT', '/v1/units/tinh', { body: { name: 'x', group: 'tinh', parent: 'xa' } })
  t.equal(loop.statusCode, 422, 'tỉnh under its own xã would be its own ancestor')
  t.match(loop.json(), { errors: [{ pointer: '/parent', code: 'cycle' }] })
  t.equal((await call(app, 'GET', '/v1/units/tinh')).json().parent, null, 'nothing changed')
})

t.test('list: filters by group and parent, pages with a cursor, limit up to 1000', async (t) => {
  const app = await build(t)
  await seedUnit(app, 'huyen', { group: 'huyen' })
  for (const code of ['phong-a', 'phong-b', 'phong-c']) await seedUnit(app, code, { group: 'phong', parent: 'huyen' })
  for (const code of ['xa-a', 'xa-b']) await seedUnit(app, code, { group: 'xa' })

  const phong = (await call(app, 'GET', '/v1/units?group=phong')).json()
  t.same(
    phong.items.map((u: { code: string }) => u.code),
    ['phong-a', 'phong-b', 'phong-c'],
  )
  t.equal(phong.next, null)
  const children = (await call(app, 'GET', '/v1/units?parent=huyen')).json()
  t.equal(children.items.length, 3)

  const first = (await call(app, 'GET', '/v1/units?limit=2')).json()
  t.same(
    first.items.map((u: { code: string }) => u.code),
    ['huyen', 'phong-a'],
  )
  t.type(first.next, 'string')
  const second = (await call(app, 'GET', `/v1/units?limit=2&cursor=${first.next}`)).json()
  t.same(
    second.items.map((u: { code: string }) => u.code),
    ['phong-b', 'phong-c'],
  )
  const third = (await call(app, 'GET', `/v1/units?limit=2&cursor=${second.next}`)).json()
  t.same(
    third.items.map((u: { code: string }) => u.code),
    ['xa-a', 'xa-b'],
  )
  t.equal(third.next, null)

  const tooMany = await call(app, 'GET', '/v1/units?limit=1001')
  t.equal(tooMany.statusCode, 400)
  t.match(tooMany.json(), { errors: [{ pointer: '/query/limit' }] })
  const badCursor = await call(app, 'GET', '/v1/units?cursor=garbage')
  t.equal(badCursor.statusCode, 400)
  t.match(badCursor.json(), { errors: [{ pointer: '/query/cursor' }] })
  const unknownParam = await call(app, 'GET', '/v1/units?colour=red')
  t.equal(unknownParam.statusCode, 400)
  t.match(unknownParam.json(), { errors: [{ pointer: '/query/colour' }] })
})

t.test('a unit token reads its own unit only', async (t) => {
  const app = await build(t)
  await seedUnit(app, 'xa-a')
  await seedUnit(app, 'xa-b')
  const token = await seedClient(app, 'unit', 'xa-a')
  t.equal((await call(app, 'GET', '/v1/units/xa-a', { token })).statusCode, 200)
  const other = await call(app, 'GET', '/v1/units/xa-b', { token })
  t.equal(other.statusCode, 403)
  t.match(other.json(), { type: 'urn:cchc:problem:forbidden' })
  t.equal((await call(app, 'GET', '/v1/units/xa-zzz', { token })).statusCode, 404, '404 comes before the unit check')
  t.same(
    (await call(app, 'GET', '/v1/units', { token })).json().items.map((u: { code: string }) => u.code),
    ['xa-a'],
  )
  t.equal((await call(app, 'PUT', '/v1/units/xa-a', { token, body: { name: 'x', group: 'xa' } })).statusCode, 403)
})

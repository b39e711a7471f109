import { connect } from 'node:net'
import { Writable } from 'node:stream'
import t from 'tap'
import { buildApp } from '../src/app.js'
import { ChangeFeed } from '../src/db/change-feed.js'
import { testConfig } from './helpers/build.js'
import { sharedTestDatabase } from './helpers/database.js'
import { scrape, valueOf } from './helpers/observe.js'

type TestContext = { teardown(fn: () => unknown): void }

/** The app with its log lines collected, listening on 127.0.0.1. */
async function listening(t: TestContext) {
  const handle = await sharedTestDatabase()
  const changes = new ChangeFeed(handle.changeSource)
  await changes.start()
  const lines: Array<Record<string, unknown>> = []
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>)
      done()
    },
  })
  const app = await buildApp({ config: testConfig(), db: handle.db, changes, logger: { level: 'info', stream } })
  const problemsCounted = async (type: string, status: number) =>
    valueOf(await scrape(app), 'http_problems_total', { type: `urn:cchc:problem:${type}`, status: String(status) })
  await app.listen({ host: '127.0.0.1', port: 0 })
  t.teardown(async () => {
    await app.close()
    await changes.close()
  })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  return { app, lines, port, problemsCounted }
}

/** Sends raw bytes and reads the whole answer. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(request))
    let answer = ''
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString('utf8')))
    socket.on('end', () => resolve(answer))
    socket.on('error', reject)
  })
}

const problemOf = (answer: string) =>
  JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>

t.test('invalid percent-encoding in a path is a 400 problem with a request id, a log line and a count', async (t) => {
  const { app, lines, problemsCounted } = await listening(t)
  const res = await app.inject({ method: 'GET', url: '/v1/units/%E0%A4%A', headers: { 'x-request-id': 'bad-url-1' } })
  t.equal(res.statusCode, 400)
  t.match(res.headers['content-type'], /application\/problem\+json/)
  t.match(res.json(), { type: 'urn:cchc:problem:invalid-request', errors: [{ code: 'bad-url' }] })
  t.equal(res.headers['x-request-id'], 'bad-url-1')
  t.ok(lines.some((l) => l.reqId === 'bad-url-1' && l.status === 400))
  t.equal(await problemsCounted('invalid-request', 400), 1)
})

t.test('an over-long path parameter is a 414 problem that does not echo the path, counted once', async (t) => {
  const { app, lines, problemsCounted } = await listening(t)
  const long = 'a'.repeat(5000)
  const res = await app.inject({ method: 'GET', url: `/v1/units/${long}` })
  t.equal(res.statusCode, 414)
  t.match(res.headers['content-type'], /application\/problem\+json/)
  t.equal(res.json().type, 'urn:cchc:problem:uri-too-long')
  t.ok(res.body.length < 1000, 'the path is not echoed')
  t.ok(typeof res.headers['x-request-id'] === 'string')
  t.ok(lines.some((l) => l.reqId === res.headers['x-request-id'] && l.status === 414))
  t.equal(await problemsCounted('uri-too-long', 414), 1)
})

t.test('an over-long URL that matches no route is a 414 problem that does not echo it', async (t) => {
  const { app } = await listening(t)
  const res = await app.inject({ method: 'GET', url: `/${'b/'.repeat(2500)}` })
  t.equal(res.statusCode, 414)
  t.match(res.headers['content-type'], /application\/problem\+json/)
  t.ok(res.body.length < 1000)
  const notFound = await app.inject({ method: 'GET', url: `/${'c'.repeat(1000)}` })
  t.equal(notFound.statusCode, 404)
  t.ok(notFound.body.length < 1000, 'a 404 quotes at most a part of the path')
})

t.test('headers too large are a 431 problem with a request id, a log line and a count', async (t) => {
  const { port, lines, problemsCounted } = await listening(t)
  const answer = await raw(port, `GET /health HTTP/1.1\r\nHost: x\r\nX-Big: ${'x'.repeat(20000)}\r\n\r\n`)
  t.match(answer, /^HTTP\/1\.1 431 /)
  t.match(answer, /content-type: application\/problem\+json/i)
  const id = /x-request-id: (\S+)/i.exec(answer)?.[1]
  t.ok(id)
  t.match(problemOf(answer), { type: 'urn:cchc:problem:headers-too-large', status: 431 })
  t.ok(lines.some((l) => l.reqId === id && l.status === 431))
  t.equal(await problemsCounted('headers-too-large', 431), 1)
})

t.test('an unreadable request is a 400 problem with a request id and a count', async (t) => {
  const { port, problemsCounted } = await listening(t)
  const answer = await raw(port, 'NOT AN HTTP REQUEST\r\n\r\n')
  t.match(answer, /^HTTP\/1\.1 400 /)
  t.match(answer, /content-type: application\/problem\+json/i)
  t.match(answer, /x-request-id: \S+/i)
  t.match(problemOf(answer), { type: 'urn:cchc:problem:invalid-request', status: 400 })
  t.equal(await problemsCounted('invalid-request', 400), 1)
})

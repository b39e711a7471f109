/**
 * The machine baseline's server: one hello-world route (and, when asked, a route answering a given
 * payload), fastify with its logger off, on 127.0.0.1 and a port the OS picks. Writes {"port":n} on
 * stdout once listening; leaves on SIGTERM, or when its parent goes away (stdin closes), so it never
 * outlives the bench run.
 */
import Fastify from 'fastify'
import { readFileSync } from 'node:fs'

const app = Fastify({ logger: false })
app.get('/', async () => ({ hello: 'world' }))

// The payload-matched baseline: the same bytes as a route of the service, sent as a string the way the
// service sends its cached answers, from a file named by the bench (BENCH_HELLO_PAYLOAD_FILE).
const payloadFile = process.env.BENCH_HELLO_PAYLOAD_FILE
if (payloadFile) {
  const payload = readFileSync(payloadFile, 'utf8')
  const type = process.env.BENCH_HELLO_PAYLOAD_TYPE || 'application/json; charset=utf-8'
  app.get('/payload', async (_request, reply) => reply.type(type).send(payload))
}

const close = async (): Promise<void> => {
  await app.close()
  process.exit(0)
}
process.once('SIGTERM', () => void close())
process.once('SIGINT', () => void close())
process.stdin.on('end', () => void close())
process.stdin.on('error', () => void close())
process.stdin.resume()

await app.listen({ host: '127.0.0.1', port: 0 })
const address = app.server.address()
process.stdout.write(
  `${JSON.stringify({ port: typeof address === 'object' && address !== null ? address.port : null })}\n`,
)

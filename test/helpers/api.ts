import type { FastifyInstance, InjectOptions } from 'fastify'
import { ADMIN_TOKEN } from './build.js'

type Method = 'GET' | 'PUT' | 'POST' | 'DELETE'

/** inject() with a bearer token; `token: null` sends none. */
export function call(
  app: FastifyInstance,
  method: Method,
  url: string,
  options: { token?: string | null | undefined; body?: unknown; headers?: Record<string, string> } = {},
) {
  const token = options.token === undefined ? ADMIN_TOKEN : options.token
  const request: InjectOptions = {
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...options.headers },
  }
  if (options.body !== undefined) request.payload = options.body as NonNullable<InjectOptions['payload']>
  return app.inject(request)
}

/** A small framework in the shape of the framework example in docs/api.md: 1.1 (1.5) + 1.2 (1) + 2.1 (2.5) + 8.1 survey (5). */
export const smallFramework = {
  name: 'Bộ chỉ số CCHC cấp xã 2018',
  criteria: [
    {
      code: '1',
      title: 'Công tác chỉ đạo, điều hành',
      children: [
        { code: '1.1', title: 'Kế hoạch CCHC', maxPoints: 1.5 },
        { code: '1.2', title: 'Báo cáo CCHC', maxPoints: 1 },
      ],
    },
    {
      code: '2',
      title: 'Xây dựng và thi hành văn bản QPPL',
      children: [{ code: '2.1', title: 'Rà soát văn bản', maxPoints: 2.5 }],
    },
    {
      code: '8',
      title: 'Tác động của CCHC',
      children: [
        { code: '8.1', title: 'Hài lòng về tiếp cận dịch vụ', maxPoints: 5, method: 'survey', surveyElement: 'access' },
      ],
    },
  ],
  survey: {
    levels: 5,
    satisfiedFrom: 4,
    elements: [
      {
        code: 'access',
        title: 'Tiếp cận dịch vụ',
        questions: [
          { code: 'A1', text: 'Nơi ngồi chờ' },
          { code: 'A2', text: 'Trang thiết bị' },
        ],
      },
    ],
  },
}

export async function seedUnit(app: FastifyInstance, code: string, body: Record<string, unknown> = {}) {
  const res = await call(app, 'PUT', `/v1/units/${code}`, { body: { name: `Đơn vị ${code}`, group: 'xa', ...body } })
  if (res.statusCode >= 300) throw new Error(`seedUnit ${code}: ${res.statusCode} ${res.body}`)
  return res.json()
}

export async function seedFramework(app: FastifyInstance, code: string, body: unknown = smallFramework) {
  const res = await call(app, 'PUT', `/v1/frameworks/${code}`, { body })
  if (res.statusCode >= 300) throw new Error(`seedFramework ${code}: ${res.statusCode} ${res.body}`)
  return res.json()
}

export async function seedPeriod(app: FastifyInstance, code: string, framework: string, units: string[], year = 2018) {
  const res = await call(app, 'PUT', `/v1/periods/${code}`, { body: { name: `Kỳ ${code}`, year, framework, units } })
  if (res.statusCode >= 300) throw new Error(`seedPeriod ${code}: ${res.statusCode} ${res.body}`)
  return res.json()
}

export async function seedClient(app: FastifyInstance, role: string, unit?: string): Promise<string> {
  const res = await call(app, 'POST', '/v1/clients', {
    body: { name: `client ${role}`, role, ...(unit ? { unit } : {}) },
  })
  if (res.statusCode !== 201) throw new Error(`seedClient ${role}: ${res.statusCode} ${res.body}`)
  return res.json().token
}

/** The framework `f1` (smallFramework), the units, and period `period` (2018) assessing them all. */
export async function seedRound(app: FastifyInstance, units: string[], period = 'p') {
  await seedFramework(app, 'f1')
  for (const u of units) await seedUnit(app, u)
  await seedPeriod(app, period, 'f1', units)
}

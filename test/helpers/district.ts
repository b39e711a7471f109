import type { FastifyInstance } from 'fastify'
import { call, seedPeriod, seedUnit, seedFramework } from './api.js'
import { district, districtFramework, scoredRows } from './district-data.js'

export * from './district-data.js'

export async function seedDistrict(
  app: FastifyInstance,
  period = '2018',
  framework: unknown = districtFramework,
): Promise<void> {
  await seedFramework(app, 'huyen-2018', framework)
  for (const u of district) await seedUnit(app, u.code, { name: u.name, group: u.group })
  await seedPeriod(
    app,
    period,
    'huyen-2018',
    district.map((u) => u.code),
  )
  const res = await call(app, 'POST', `/v1/periods/${period}/scores/import`, {
    body: { rows: district.flatMap(scoredRows) },
  })
  if (res.statusCode !== 200) throw new Error(`seedDistrict import: ${res.statusCode} ${res.body}`)
}

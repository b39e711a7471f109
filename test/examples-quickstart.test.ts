/**
 * examples/quickstart.sh (bash and curl) run against the service listening on a port, with the sample
 * district of examples/data; the ranking and mean are those computed by hand in
 * test/examples-client.test.ts. Skipped where curl is not installed (.ci/run installs it).
 */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import t from 'tap'
import { ADMIN_TOKEN, build } from './helpers/build.js'

const SCRIPT = fileURLToPath(new URL('../examples/quickstart.sh', import.meta.url))
const hasCurl = spawnSync('curl', ['--version']).status === 0

function run(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      'bash',
      [SCRIPT],
      { env: { PATH: process.env.PATH ?? '', ...env } },
      (error, stdout, stderr) =>
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr }),
    )
    child.stdin?.end()
  })
}

t.test(
  'quickstart.sh exits 0, prints the published ranking, the mean and the 412 of a stale If-Match, and saves both exports',
  { skip: hasCurl ? false : 'curl is not installed' },
  async (t) => {
    const app = await build(t)
    const url = await app.listen({ host: '127.0.0.1', port: 0 })
    const out = t.testdir()
    const { code, stdout, stderr } = await run({ CCHC_URL: url, CCHC_TOKEN: ADMIN_TOKEN, CCHC_OUT: out })
    t.equal(code, 0, stderr)
    const ranking = stdout.slice(stdout.indexOf('published ranking:\n')).split('\n').slice(1, 9)
    t.same(ranking, [
      '   1.  92.75  Phòng Nội vụ (Xuất sắc)',
      '   2.  90.00  UBND xã Hòa Liên (Xuất sắc)',
      '   3.  89.50  Văn phòng HĐND và UBND huyện (Tốt)',
      '   4.  85.50  Phòng Tư pháp (Tốt)',
      '   5.  82.25  Phòng Tài chính – Kế hoạch (Tốt)',
      '   6.  79.00  UBND xã Hòa Phong (Khá)',
      '   7.  74.75  UBND xã Hòa Ninh (Khá)',
      '   8.  66.75  UBND xã Hòa Bắc (Trung bình)',
    ])
    t.match(stdout, /^mean 82\.56 over 8 units$/m)
    t.match(stdout, /^stale If-Match: 412 urn:cchc:problem:precondition-failed$/m)
    t.ok(existsSync(`${out}/ket-qua-cchc_hoa-vang-2024_cong-bo-1.csv`))
    t.ok(existsSync(`${out}/ket-qua-cchc_hoa-vang-2024_cong-bo-1.xlsx`))
  },
)

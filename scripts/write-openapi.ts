// `npm run openapi`: regenerates openapi/openapi.json from the route schemas.
// `npm run openapi:check` (part of `npm run check`): fails when the committed file differs from the code.
import { readFileSync, writeFileSync } from 'node:fs'
import { generateOpenApi } from '../src/openapi.js'

const target = new URL('../openapi/openapi.json', import.meta.url)
const generated = await generateOpenApi()
if (process.argv.includes('--check')) {
  if (readFileSync(target, 'utf8') !== generated) {
    process.stderr.write(`${target.pathname} differs from the route schemas: run \`npm run openapi\` and commit it\n`)
    process.exit(1)
  }
} else {
  writeFileSync(target, generated)
  process.stdout.write(`wrote ${target.pathname}\n`)
}

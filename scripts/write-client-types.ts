// `npm run examples:types`: regenerates examples/typescript-client/schema.d.ts from openapi/openapi.json
// with openapi-typescript (formatted with the project's Prettier settings, so `npm run format` leaves it
// alone). `npm run examples:types:check` (part of `npm run check`): fails when the committed file differs.
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import openapiTS, { astToString } from 'openapi-typescript'
import prettier from 'prettier'

const source = new URL('../openapi/openapi.json', import.meta.url)
const target = new URL('../examples/typescript-client/schema.d.ts', import.meta.url)

const HEADER = [
  '// Generated from openapi/openapi.json by openapi-typescript (`npm run examples:types`): do not edit.',
  '// `npm run check` fails while this file differs from what the OpenAPI document generates.',
  '',
  '',
].join('\n')

async function generate(): Promise<string> {
  // defaultNonNullable: false keeps a property with a default optional in request bodies
  // (UnitInput.rankable defaults to true: a client need not send it).
  const ast = await openapiTS(source, { defaultNonNullable: false, silent: true })
  const path = fileURLToPath(target)
  const options = await prettier.resolveConfig(path)
  return prettier.format(HEADER + astToString(ast), { ...options, filepath: path })
}

const generated = await generate()
if (process.argv.includes('--check')) {
  let committed = ''
  try {
    committed = readFileSync(target, 'utf8')
  } catch {
    // a missing file differs
  }
  if (committed !== generated) {
    process.stderr.write(
      `${target.pathname} differs from openapi/openapi.json: run \`npm run examples:types\` and commit it\n`,
    )
    process.exit(1)
  }
} else {
  writeFileSync(target, generated)
  process.stdout.write(`wrote ${target.pathname}\n`)
}

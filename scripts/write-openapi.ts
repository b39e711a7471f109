// `npm run openapi`: regenerates openapi/openapi.json from the route schemas.
import { writeFileSync } from 'node:fs'
import { generateOpenApi } from '../src/openapi.js'

const target = new URL('../openapi/openapi.json', import.meta.url)
writeFileSync(target, await generateOpenApi())
process.stdout.write(`wrote ${target.pathname}\n`)

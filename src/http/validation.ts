import AjvCompiler from '@fastify/ajv-compiler'
import type { FastifyServerOptions } from 'fastify'

const strictOptions = {
  // Unknown fields are an error the caller must see, never silently dropped.
  removeAdditional: false,
  allErrors: true,
  useDefaults: true,
} as const

/**
 * Bodies are JSON and must carry JSON types: "1.5" is not a score. Query strings, path parameters and
 * headers are text on the wire, so they alone are coerced to the types their schemas declare.
 */
export function validatorCompilers(): NonNullable<FastifyServerOptions['schemaController']> {
  const bodies = AjvCompiler()
  const texts = AjvCompiler()
  return {
    compilersFactory: {
      buildValidator(externalSchemas, ajvOptions) {
        const plugins = (ajvOptions as { plugins?: unknown[] } | undefined)?.plugins ?? []
        const body = bodies(externalSchemas, {
          customOptions: { ...strictOptions, coerceTypes: false },
          plugins,
        } as never)
        const text = texts(externalSchemas, {
          customOptions: { ...strictOptions, coerceTypes: 'array' },
          plugins,
        } as never)
        return (route) => (route.httpPart === 'body' ? body(route) : text(route))
      },
    },
  }
}

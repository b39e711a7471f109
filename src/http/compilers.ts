import AjvCompiler from '@fastify/ajv-compiler'
import SerializerSelector from '@fastify/fast-json-stringify-compiler'
import type { FastifyServerOptions } from 'fastify'

const strictOptions = {
  // Unknown fields are an error the caller must see, never silently dropped.
  removeAdditional: false,
  allErrors: true,
  useDefaults: true,
} as const

type SchemaController = NonNullable<FastifyServerOptions['schemaController']>
type CompilersFactory = NonNullable<SchemaController['compilersFactory']>
type Validate = ((data: unknown) => unknown) & { errors?: unknown }
type Serialize = (data: unknown) => string

export interface SchemaCompilers {
  schemaController: SchemaController
  /**
   * Compiles what no request has needed yet, one schema per turn of the event loop; stops when told.
   * A schema that cannot compile is reported and left to fail its first request (compileAll throws it).
   */
  warmUp(onError: (error: unknown) => void): { stop(): void }
  /** Compiles everything now: a schema that cannot compile throws here (the tests call it). */
  compileAll(): void
  /** Distinct schemas compiled so far, and registered in all. */
  counts(): { compiled: number; registered: number }
}

interface Entry<F> {
  compiled?: F
  compile: () => F
}

/**
 * Fastify asks for a validator and a serializer for every route, status code and HEAD twin (over 300
 * here), from some 60 distinct schemas (every route answers the same problem shapes), and compiling them
 * all was most of the time to ready. So equal schemas, against the same shared schemas ($id), share one
 * function; and each is compiled on first use, or by warmUp() after the server listens — the framework
 * body alone takes a quarter of a second, which a restart need not wait for.
 */
class SchemaCache {
  readonly entries = new Map<string, Entry<Validate> | Entry<Serialize>>()

  validator(key: string, compile: () => Validate): Validate {
    const entry = this.entry(key, compile)
    const validate: Validate = (data) => {
      entry.compiled ??= entry.compile()
      const valid = entry.compiled(data)
      // Fastify reads the errors from the function it was given.
      validate.errors = entry.compiled.errors
      return valid
    }
    return validate
  }

  serializer(key: string, compile: () => Serialize): Serialize {
    const entry = this.entry(key, compile)
    return (data) => (entry.compiled ??= entry.compile())(data)
  }

  compileAll(): void {
    for (const entry of this.entries.values()) entry.compiled ??= entry.compile()
  }

  private entry<F>(key: string, compile: () => F): Entry<F> {
    let entry = this.entries.get(key) as Entry<F> | undefined
    if (!entry) {
      entry = { compile }
      this.entries.set(key, entry as Entry<Validate> | Entry<Serialize>)
    }
    return entry
  }
}

const keyOf = (kind: string, externalSchemas: unknown, schema: unknown): string =>
  `${kind}\n${Object.keys(externalSchemas ?? {})
    .sort()
    .join(' ')}\n${JSON.stringify(schema)}`

/**
 * Bodies are JSON and must carry JSON types: "1.5" is not a score. Query strings, path parameters and
 * headers are text on the wire, so they alone are coerced to the types their schemas declare.
 * One instance per application: its caches live as long as the application.
 */
export function schemaCompilers(): SchemaCompilers {
  const bodies = AjvCompiler()
  const texts = AjvCompiler()
  const serializers = SerializerSelector()
  const cache = new SchemaCache()
  const compilersFactory: CompilersFactory = {
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
      return (route) => {
        const compile = route.httpPart === 'body' ? body : text
        const kind = route.httpPart === 'body' ? 'body' : 'text'
        const validate = cache.validator(keyOf(kind, externalSchemas, route.schema), () => compile(route) as Validate)
        // Typed as Ajv's function, whose other members Fastify never reads: it calls it and reads errors.
        return validate as ReturnType<typeof compile>
      }
    },
    buildSerializer(externalSchemas, serializerOptions) {
      const compile = serializers(externalSchemas, serializerOptions)
      return (route) => cache.serializer(keyOf('reply', externalSchemas, route.schema), () => compile(route))
    },
  }
  return {
    schemaController: { compilersFactory },
    compileAll: () => cache.compileAll(),
    counts: () => {
      const all = [...cache.entries.values()]
      return { compiled: all.filter((entry) => entry.compiled).length, registered: all.length }
    },
    warmUp(onError) {
      const pending = [...cache.entries.values()]
      let timer: NodeJS.Immediate | undefined
      const next = (): void => {
        const entry = pending.pop()
        if (!entry) return
        try {
          entry.compiled ??= entry.compile()
        } catch (error) {
          onError(error)
        }
        timer = setImmediate(next)
      }
      timer = setImmediate(next)
      return { stop: () => clearImmediate(timer) }
    },
  }
}

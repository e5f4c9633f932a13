/**
 * Fastify's route schema compilers, shared by every app this process builds. An app compiles each
 * route's validators (ajv) and response serializers (fast-json-stringify) when it starts, about
 * half a second of CPU for ours; a process that builds several apps (the tests build one per test,
 * on its own SQLite file) now compiles each schema once. A compiled function is found by the
 * schema's text and the compiler's options, so two different schemas never share one.
 */
import { AjvCompiler } from '@fastify/ajv-compiler';
import { SerializerSelector } from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Factories = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;
type Compile = (route: { schema: unknown }) => unknown;
type Factory = (...options: unknown[]) => Compile;

/** factory (options) → compiler (route schema) → compiled function, each found by its text */
function shared(factory: Factory): Factory {
  const compilers = new Map<string, Compile>();
  return (...options) => {
    let withFunctions = false;
    const key = JSON.stringify(options, (_, value: unknown) => (typeof value === 'function' ? (withFunctions = true) : value));
    // options holding functions (ajv plugins) cannot be compared by their text: nothing shared
    if (withFunctions) return factory(...options);
    let compiler = compilers.get(key);
    if (!compiler) {
      const compile = factory(...options);
      const compiled = new Map<string, unknown>();
      compiler = (route) => {
        const text = JSON.stringify(route.schema);
        if (!compiled.has(text)) compiled.set(text, compile(route));
        return compiled.get(text);
      };
      compilers.set(key, compiler);
    }
    return compiler;
  };
}

export const compilersFactory = {
  buildValidator: shared(AjvCompiler() as unknown as Factory),
  buildSerializer: shared(SerializerSelector() as unknown as Factory),
} as unknown as Factories;

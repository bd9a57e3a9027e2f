// Fastify serializer compiler for the routes' zod response schemas. The schema is turned into JSON Schema
// (z.toJSONSchema) and compiled with fast-json-stringify, which writes the keys in the schema's order and
// drops undeclared ones, several times faster than zod's encode followed by JSON.stringify. Only the
// shapes our serializers use are translated (objects, arrays, strings, numbers, booleans, nullable
// primitives); any other schema keeps fastify-type-provider-zod's serializer, as before. `verify` (tests) runs both and fails on any byte of
// difference, so every payload the test suite produces proves the two agree.
import fastJson from 'fast-json-stringify';
import type { FastifySerializerCompiler } from 'fastify';
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

const PRIMITIVES = new Set(['string', 'integer', 'number', 'boolean', 'null']);

/** A schema fast-json-stringify reproduces byte for byte, or null when the zod path must stay. */
export function toFastSchema(schema: unknown): JsonSchema | null {
  if (typeof schema !== 'object' || schema === null) return null;
  const source = schema as JsonSchema;
  const { type } = source;
  if (type === 'object') {
    if (source.additionalProperties !== false || typeof source.properties !== 'object' || source.properties === null) return null;
    // fast-json-stringify writes optional keys after the required ones: only all-required objects keep their order.
    const required = Array.isArray(source.required) ? source.required : [];
    if (Object.keys(source.properties).some((key) => !required.includes(key))) return null;
    const properties: JsonSchema = {};
    for (const [key, value] of Object.entries(source.properties as JsonSchema)) {
      const converted = toFastSchema(value);
      if (!converted) return null;
      properties[key] = converted;
    }
    return { type, properties, required, additionalProperties: false };
  }
  if (type === 'array') {
    const items = toFastSchema(source.items);
    return items && !('prefixItems' in source) ? { type, items } : null;
  }
  if (typeof type === 'string' && PRIMITIVES.has(type)) return { type };
  // A nullable primitive: ["string", "null"].
  if (Array.isArray(type) && type.length === 2 && type.includes('null') && type.every((t) => typeof t === 'string' && PRIMITIVES.has(t))) {
    return { type };
  }
  return null;
}

/** The fast-json-stringify serializer for a zod schema, or null when the schema keeps the zod path. */
export function fastSerializer(schema: unknown): ((data: unknown) => string) | null {
  if (!(schema instanceof z.ZodType)) return null;
  let jsonSchema: unknown;
  try {
    jsonSchema = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'throw' });
  } catch {
    return null;
  }
  const fast = toFastSchema(jsonSchema);
  return fast ? (fastJson(fast) as (data: unknown) => string) : null;
}

export function createSerializerCompiler({ verify = false }: { verify?: boolean } = {}): FastifySerializerCompiler<z.ZodType> {
  return (route) => {
    const { schema, method, url } = route;
    const slow = zodSerializerCompiler(route) as (data: unknown) => string;
    const fast = fastSerializer(schema);
    if (!fast) return slow;
    if (!verify) return fast;
    return (data: unknown) => {
      const bytes = fast(data);
      const expected = slow(data);
      if (bytes !== expected) throw new Error(`fast serializer of ${method} ${url} differs from zod:\n${bytes}\n${expected}`);
      return bytes;
    };
  };
}

// The fast serializer writes exactly the bytes of JSON.stringify(zod encode) for every response schema,
// with hostile strings, nulls, numbers at the edges and undeclared keys; schemas it cannot translate keep
// the zod serializer; in verify mode a difference fails loudly.
import { serializerCompiler as zodSerializerCompiler } from 'fastify-type-provider-zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createSerializerCompiler, fastSerializer } from '../../src/http/serializer.js';
import { departmentSchema } from '../../src/serializers/department.js';
import { responseSchema } from '../../src/serializers/response.js';
import { joinedTicketSchema, ticketSchema } from '../../src/serializers/ticket.js';
import { registeredUserSchema, userSchema } from '../../src/serializers/user.js';

const route = (schema: z.ZodType) => ({ schema, method: 'GET', url: '/test', httpStatus: '200' });
const fast = (schema: z.ZodType) => createSerializerCompiler()(route(schema)) as (data: unknown) => string;
const reference = (schema: z.ZodType) => (data: unknown) => JSON.stringify(z.encode(schema, data as never));

const STRINGS = [
  '',
  'plain',
  'say "hi"',
  'back\\slash',
  'tab\tnew\nline\r\n',
  '\u0000\u0001\u001f\u007f',
  'ünïcödé and 日本語',
  'emoji 🎫 ticket',
  'lone \ud800 high',
  'lone \udfff low',
  '</script><script>alert(1)</script>',
  'x'.repeat(41),
  'x'.repeat(42),
  `${'y'.repeat(60)}"`,
  'z'.repeat(5000),
  `${'q'.repeat(6000)}\n`,
  '\u2028\u2029',
];
const INTEGERS = [0, -0, 1, -1, 42, 2 ** 31, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];

/** A value of the schema's shape: strings and integers cycle through the hostile lists; nullables alternate. */
function sample(schema: z.ZodType, seed: number): unknown {
  const def = (schema as z.ZodType & { def: { type: string } }).def;
  switch (def.type) {
    case 'object': {
      const shape = (schema as z.ZodObject).shape as Record<string, z.ZodType>;
      return Object.fromEntries(Object.entries(shape).map(([key, value], index) => [key, sample(value, seed + index)]));
    }
    case 'array':
      return Array.from({ length: seed % 4 }, (_, i) => sample((schema as z.ZodArray<z.ZodType>).element, seed + i));
    case 'nullable':
      return seed % 2 === 0 ? null : sample((schema as z.ZodNullable<z.ZodType>).unwrap(), seed);
    case 'string':
      return STRINGS[seed % STRINGS.length];
    case 'number':
      return INTEGERS[seed % INTEGERS.length];
    case 'literal':
      return (schema as z.ZodLiteral).value;
    default:
      throw new Error(`no sample for ${def.type}`);
  }
}

const SCHEMAS: Record<string, z.ZodType> = {
  user: z.object({ user: userSchema }),
  registered: z.object({ user: registeredUserSchema }),
  login: z.object({ user: userSchema, token: z.string(), token_type: z.literal('Bearer'), expires_in: z.number().int() }),
  ticket: z.object({ id: ticketSchema }),
  tickets: z.object({ tickets: z.array(ticketSchema) }),
  joined: z.object({ tickets: joinedTicketSchema }),
  responses: z.object({ responses: z.array(responseSchema) }),
  response: z.object({ id: responseSchema }),
  departments: z.object({ departments: z.array(departmentSchema) }),
  assigned: z.object({ user: z.literal(true) }),
  closed: z.object({ id: z.number().int() }),
};

describe('fast serializer', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(`${name}: is translated, and byte-identical to JSON.stringify of zod's encode over hostile values`, () => {
      expect(fastSerializer(schema)).not.toBeNull();
      const serialize = fast(schema);
      const expected = reference(schema);
      for (let seed = 0; seed < 60; seed++) {
        const data = sample(schema, seed);
        expect(serialize(data)).toBe(expected(data));
      }
    });
  }

  it('keeps the schema key order and drops undeclared keys, like zod', () => {
    const schema = z.object({ b: z.string(), a: z.number().int(), c: z.string().nullable() });
    const data = { a: 1, password: 'secret', c: null, b: 'x', extra: { deep: true } };
    expect(fast(schema)(data)).toBe('{"b":"x","a":1,"c":null}');
    expect(fast(schema)(data)).toBe(reference(schema)(data));
  });

  it('keeps the zod path for objects with optional keys (fast-json-stringify would move them last)', () => {
    const schema = z.object({ a: z.string().optional(), b: z.string() });
    expect(fastSerializer(schema)).toBeNull();
    expect(fast(schema)({ b: 'x' })).toBe('{"b":"x"}');
    expect(fast(schema)({ a: 'y', b: 'x' })).toBe('{"a":"y","b":"x"}');
  });

  it('fails, as zod does, when a required key is missing', () => {
    const schema = z.object({ a: z.string(), b: z.string() });
    expect(() => fast(schema)({ a: 'x' })).toThrow();
  });

  it('keeps the zod serializer for shapes it does not translate', () => {
    const untranslated = [
      z.object({ a: z.union([z.string(), z.number()]) }),
      z.object({ a: z.record(z.string(), z.string()) }),
      z.object({ a: z.string() }).loose(),
      z.object({ a: z.tuple([z.string(), z.number()]) }),
      z.object({ a: z.number().transform(String) }),
    ];
    for (const schema of untranslated) {
      expect(fastSerializer(schema)).toBeNull();
      const data = schema === untranslated[2] ? { a: 'x', kept: 1 } : sample(z.object({ a: z.string() }), 1);
      const ours = fast(schema);
      const theirs = zodSerializerCompiler(route(schema)) as (value: unknown) => string;
      const run = (serialize: (value: unknown) => string) => {
        try {
          return serialize(data);
        } catch (error) {
          return `threw ${(error as Error).name}`;
        }
      };
      expect(run(ours)).toBe(run(theirs));
    }
  });

  it('in verify mode throws when the fast bytes would differ from zod', () => {
    const schema = z.object({ a: z.string() });
    const verifying = createSerializerCompiler({ verify: true })(route(schema)) as (data: unknown) => string;
    expect(verifying({ a: 'fine' })).toBe('{"a":"fine"}');
    // fast-json-stringify would coerce the number to "5"; zod refuses it.
    expect(() => verifying({ a: 5 })).toThrow();
  });
});

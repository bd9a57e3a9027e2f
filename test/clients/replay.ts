// Replays a client-generation fixture (test/fixtures/clients/*.json) against the app: builds each request
// the way that generation's PHP code does (auth header style, http_build_query or json_encode body), then
// checks the status, every field the client reads (with its type) and, where given, the whole payload.
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { basicAuth, MODEL_DATE, PLAIN_DATE } from '../helpers.js';

export type AuthStyle = 'basic' | 'bearer' | 'x-admin' | 'bearer+x-admin-email' | 'customer-jwt' | 'none';
export type BodyEncoding = 'form' | 'json' | 'none';

export type FixtureRequest = {
  name: string;
  method: 'GET' | 'POST';
  /** The path exactly as the client builds it (a base URL ending in `/` gives `//api/...`). */
  path: string;
  auth?: AuthStyle;
  encoding?: BodyEncoding;
  body?: Record<string, unknown> | null;
  expect: {
    status: number;
    /** Every field the client reads: a path such as `user.id` or `tickets[*].rating`, and its type. */
    reads: Record<string, string>;
    /** The whole payload, with `<model-date>`, `<plain-date>`, `<hash20>`, `<jwt>` and `{{var}}` tokens. */
    body?: unknown;
  };
  /** Values to remember for later requests: variable name -> path in the answer. */
  save?: Record<string, string>;
};

export type Fixture = {
  generation: number;
  title: string;
  description: string;
  baseUrl: string;
  auth: AuthStyle;
  /** Headers the client sends on every request, exactly as written in its curl options. */
  headers: Record<string, string>;
  encoding: BodyEncoding;
  requests: FixtureRequest[];
};

export type Vars = Record<string, string | number>;
export type Credentials = { email: string; token: string };

export function loadFixture(path: string): Fixture {
  return JSON.parse(readFileSync(path, 'utf8')) as Fixture;
}

/** PHP's urlencode(): RFC 1738, spaces as `+`, everything but [A-Za-z0-9_.-] percent-encoded. */
function phpUrlencode(value: string): string {
  return encodeURIComponent(value)
    .replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/** PHP's http_build_query(): nulls and empty arrays vanish, booleans become 1/0, nesting becomes key[sub]. */
export function httpBuildQuery(data: Record<string, unknown>, prefix?: string): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const name = prefix === undefined ? key : `${prefix}[${key}]`;
    if (value === null || value === undefined) continue;
    if (typeof value === 'object') {
      const nested = httpBuildQuery(value as Record<string, unknown>, name);
      if (nested !== '') parts.push(nested);
    } else {
      const scalar = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
      parts.push(`${phpUrlencode(name)}=${phpUrlencode(scalar)}`);
    }
  }
  return parts.join('&');
}

/** PHP's json_encode() with default flags: `/` escaped, non-ASCII as \uXXXX. */
export function phpJsonEncode(data: unknown): string {
  return JSON.stringify(data)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** `{{name}}` alone keeps the variable's type; `{{name|string}}` or `{{name}}` inside text gives a string. */
export function substitute(value: unknown, vars: Vars): unknown {
  if (typeof value === 'string') {
    const whole = /^\{\{(\w+)(\|string)?\}\}$/.exec(value);
    if (whole) {
      const found = lookupVar(vars, whole[1]!);
      return whole[2] ? String(found) : found;
    }
    return value.replace(/\{\{(\w+)(?:\|string)?\}\}/g, (_m, name: string) => String(lookupVar(vars, name)));
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, vars));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, substitute(item, vars)]));
  }
  return value;
}

function lookupVar(vars: Vars, name: string): string | number {
  if (!(name in vars)) throw new Error(`fixture uses {{${name}}} before saving it`);
  return vars[name]!;
}

function authHeaders(style: AuthStyle, staff: Credentials, vars: Vars): Record<string, string> {
  switch (style) {
    case 'basic':
      return basicAuth(staff.email, staff.token);
    case 'bearer':
      return { Authorization: `Bearer ${staff.token}` };
    case 'x-admin':
      return { 'X-Admin-Email': staff.email, 'X-API-Token': staff.token };
    case 'bearer+x-admin-email':
      return { Authorization: `Bearer ${staff.token}`, 'X-Admin-Email': staff.email };
    case 'customer-jwt':
      return { Authorization: `Bearer ${lookupVar(vars, 'jwt')}` };
    case 'none':
      return {};
  }
}

export function buildRequest(fixture: Fixture, request: FixtureRequest, staff: Credentials, vars: Vars) {
  const encoding = request.encoding ?? (request.method === 'GET' ? 'none' : fixture.encoding);
  const body = request.body ? (substitute(request.body, vars) as Record<string, unknown>) : null;
  const payload = encoding === 'none' || !body ? '' : encoding === 'form' ? httpBuildQuery(body) : phpJsonEncode(body);
  return {
    method: request.method,
    url: substitute(request.path, vars) as string,
    headers: { ...fixture.headers, ...authHeaders(request.auth ?? fixture.auth, staff, vars) },
    payload,
  };
}

/** Values at a path: `a.b`, `a[0].b`, `a[*].b` (every element of a non-empty array). */
export function valuesAt(root: unknown, path: string): unknown[] {
  let current: unknown[] = [root];
  for (const segment of path.split('.')) {
    const match = /^([^[\]]+)((?:\[(?:\d+|\*)\])*)$/.exec(segment);
    if (!match) throw new Error(`bad path ${path}`);
    // A marker for a missing list stays as it is, so the failure names the list rather than its field.
    current = current.map((value) => (typeof value === 'symbol' ? value : (value as Record<string, unknown> | null)?.[match[1]!]));
    for (const index of match[2]!.match(/\[(\d+|\*)\]/g) ?? []) {
      const inner = index.slice(1, -1);
      current = current.flatMap((value) => {
        if (typeof value === 'symbol') return [value];
        if (!Array.isArray(value)) return [Symbol.for('not-an-array')];
        if (inner === '*') return value.length === 0 ? [Symbol.for('empty-array')] : value;
        return [value[Number(inner)]];
      });
    }
  }
  return current;
}

const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const TYPE_CHECKS: Record<string, (value: unknown) => boolean> = {
  int: (v) => Number.isInteger(v),
  string: (v) => typeof v === 'string',
  'string|null': (v) => v === null || typeof v === 'string',
  'int-string': (v) => typeof v === 'string' && /^\d+$/.test(v),
  'rating-string': (v) => typeof v === 'string' && /^[0-5]$/.test(v),
  'model-date': (v) => typeof v === 'string' && MODEL_DATE.test(v),
  'model-date|null': (v) => v === null || (typeof v === 'string' && MODEL_DATE.test(v)),
  'plain-date': (v) => typeof v === 'string' && PLAIN_DATE.test(v),
  'plain-date|null': (v) => v === null || (typeof v === 'string' && PLAIN_DATE.test(v)),
  hash20: (v) => typeof v === 'string' && /^[A-Za-z0-9]{20}$/.test(v),
  jwt: (v) => typeof v === 'string' && JWT.test(v),
  true: (v) => v === true,
  false: (v) => v === false,
  array: (v) => Array.isArray(v),
};

/** Every field the client reads is present with its type; answers the failures, one line each. */
export function checkReads(body: unknown, reads: Record<string, string>): string[] {
  const failures: string[] = [];
  for (const [path, type] of Object.entries(reads)) {
    const check = TYPE_CHECKS[type];
    if (!check) throw new Error(`unknown type ${type} for ${path}`);
    for (const value of valuesAt(body, path)) {
      if (!check(value)) failures.push(`${path}: expected ${type}, got ${typeof value === 'symbol' ? value.description : JSON.stringify(value)}`);
    }
  }
  return failures;
}

const TOKENS: Record<string, RegExp> = {
  '<model-date>': MODEL_DATE,
  '<plain-date>': PLAIN_DATE,
  '<hash20>': /^[A-Za-z0-9]{20}$/,
  '<jwt>': JWT,
};

/** The template as a vitest expectation: tokens become matchers, `{{var}}` the saved value. */
export function expectedFrom(template: unknown, vars: Vars): unknown {
  if (typeof template === 'string') {
    if (template in TOKENS) return expect.stringMatching(TOKENS[template]!);
    return substitute(template, vars);
  }
  if (Array.isArray(template)) return template.map((item) => expectedFrom(item, vars));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, item]) => [key, expectedFrom(item, vars)]));
  }
  return template;
}

/** Key order matters to the contract: every object's keys in the template's order. */
export function keyOrderMismatches(actual: unknown, template: unknown, at = '$'): string[] {
  if (Array.isArray(template) && Array.isArray(actual)) {
    return template.flatMap((item, i) => keyOrderMismatches(actual[i], item, `${at}[${i}]`));
  }
  if (template !== null && typeof template === 'object' && actual !== null && typeof actual === 'object') {
    const own = Object.keys(actual).join(',');
    const wanted = Object.keys(template).join(',');
    const here = own === wanted ? [] : [`${at}: keys ${own} instead of ${wanted}`];
    return here.concat(Object.keys(template).flatMap((key) => keyOrderMismatches((actual as never)[key], (template as never)[key], `${at}.${key}`)));
  }
  return [];
}

export async function inject(app: FastifyInstance, built: ReturnType<typeof buildRequest>) {
  const response = await app.inject(built);
  let body: unknown;
  try {
    body = response.json();
  } catch {
    body = Symbol.for('not JSON');
  }
  return { status: response.statusCode, headers: response.headers, body, raw: response.body };
}

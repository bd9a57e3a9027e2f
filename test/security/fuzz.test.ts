// Promise 6, fuzzing: random and hostile bodies, headers and path values at every route the app serves
// (read from the app, so new routes are fuzzed without being listed), as staff, as a read-only token,
// as customers A and B, and without valid credentials. Whatever arrives: never a 5xx, always JSON,
// never another customer's data (or an internal note) in a customer's answer, and nothing written by a
// rejected request, nor by a read-only token at all.
import fc from 'fast-check';
import qs from 'qs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/api-tokens.js';
import { call, createTestApp, createTicket, snapshot } from '../helpers.js';
import { fillPath, listRoutes, type RouteInfo } from './routes.js';
import { withoutLastUsed } from './support.js';

// Routes that write get more runs: their requests go deeper (services, transactions).
const RUNS = { POST: 150, other: 40 };

const ctx = await createTestApp({ RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0', LOGIN_MAX_FAILURES: '100000' });
afterAll(() => ctx.close());

// Distinctive text that only its owner (and staff) may ever be shown. The fuzzer cannot produce these.
const SECRET = {
  aSubject: 'Qz8aSubjectOfCustomerA',
  aReply: 'Qz8aReplyOfCustomerA',
  aNote: 'Qz8aInternalNoteAboutA',
  bSubject: 'Wv3bSubjectOfCustomerB',
  bReply: 'Wv3bReplyOfCustomerB',
  bNote: 'Wv3bInternalNoteAboutB',
  guestSubject: 'Jx5guestSubject',
  guestEmail: 'jx5guest@example.org',
};
const ticketA = createTicket(ctx.repos, ctx.customerA.id, { subject: SECRET.aSubject });
const ticketB = createTicket(ctx.repos, ctx.customerB.id, { subject: SECRET.bSubject });
const guestTicket = createTicket(ctx.repos, null, { subject: SECRET.guestSubject, publicEmail: SECRET.guestEmail, publicName: 'Jx5 Guest', departmentId: 1 });
for (const [ticket, owner, reply, note] of [
  [ticketA, ctx.customerA.id, SECRET.aReply, SECRET.aNote],
  [ticketB, ctx.customerB.id, SECRET.bReply, SECRET.bNote],
] as const) {
  ctx.repos.responses.create({ ticketNumber: ticket.id, userId: owner, content: reply, organize: 'ticket', isNote: 0, employeeResponse: 0, ipAddress: '192.0.2.1' });
  ctx.repos.responses.create({ ticketNumber: ticket.id, userId: ctx.staff.id, content: note, organize: 'ticket', isNote: 1, employeeResponse: 1, ipAddress: '192.0.2.1' });
}
const readOnlyToken = createTokenService(ctx.repos.apiTokens).issue(ctx.staff.id, 'read only', ['read']).plainText;

/** What each caller must never see. */
const FORBIDDEN_FOR = {
  customerA: [ctx.customerB.email, SECRET.bSubject, SECRET.bReply, SECRET.bNote, SECRET.aNote, SECRET.guestSubject, SECRET.guestEmail],
  customerB: [ctx.customerA.email, SECRET.aSubject, SECRET.aReply, SECRET.aNote, SECRET.bNote, SECRET.guestSubject, SECRET.guestEmail],
  anonymous: [ctx.customerA.email, ctx.customerB.email, ...Object.values(SECRET)],
} as const;

type Caller = 'staff' | 'readOnly' | 'customerA' | 'customerB' | 'anonymous';
const CALLERS: Record<Caller, () => Record<string, string>> = {
  staff: () => ctx.staff.basic,
  readOnly: () => ({ authorization: `Bearer ${readOnlyToken}` }),
  customerA: () => ctx.customerA.bearer,
  customerB: () => ctx.customerB.bearer,
  anonymous: () => ({}),
};

// ---- arbitraries ------------------------------------------------------------------------------

const KEY_IDS = [ctx.customerA.id, ctx.customerB.id, ctx.staff.id, ticketA.id, ticketB.id, guestTicket.id, 0];
const IDS = [...KEY_IDS, -1, 2 ** 31, 2 ** 53, 2 ** 63];
const keyId = fc.constantFrom(...KEY_IDS);
const HOSTILE_STRINGS = [
  '', ' ', '0', '-1', '1.5', '1e3', '0x10', ' 7 ', '007', '9007199254740993', '99999999999999999999999', 'NaN', 'Infinity',
  'null', 'true', 'false', '[]', '{}', "' OR 1=1 --", '"; DROP TABLE tickets; --', '../../etc/passwd', '%00', '\u0000',
  '__proto__', 'constructor', 'prototype', '<script>alert(1)</script>', '\u202eevil', '\ud800', '\uffff', '😀'.repeat(200),
  'a'.repeat(70_000), 'blesta', 'WHMCS', 'critical', 'normal', 'emergency', 'support', 'sales', 'closed', 'a@b.co',
  ctx.customerA.email, ctx.customerB.email.toUpperCase(), ...IDS.map(String),
];
const FIELDS = [
  'id', 'client_id', 'customer_id', 'user_id', 'ticaga_id', 'ticket_id', 'ticket_number', 'subject', 'message', 'content',
  'priority', 'status', 'department_id', 'department_slug', 'cc', 'assigned', 'ip_address', 'public_name', 'public_email',
  'organize', 'billing_id', 'billing_system', 'custom_fields', 'is_note', 'employee_response', 'email', 'password', 'name',
  'company', 'biography', 'account_manager', 'rating', 'external_id', '__proto__', 'constructor',
];

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'binary-ascii', maxLength: 30 }),
  fc.constantFrom(...HOSTILE_STRINGS),
);
const scalar = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constantFrom(...IDS));
const value = fc.oneof(
  // Ids of real records, mostly, so that one caller keeps asking for another's records.
  { weight: 4, arbitrary: fc.oneof(keyId, keyId.map(String)) },
  { weight: 4, arbitrary: scalar },
  { weight: 1, arbitrary: fc.array(scalar, { maxLength: 3 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 8 })), scalar, { maxKeys: 3 }) },
);
const fields = fc.dictionary(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...FIELDS) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }), value, { maxKeys: 8 });

// A body that would pass validation on most routes (objects ignore fields they do not know), so that
// requests reach the services and repositories; then a few fields are dropped or made hostile.
let uniqueEmails = 0;
const printable = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((t) => t.trim() !== '');
const plausible = fc
  .record({
    customer_id: keyId,
    ticaga_id: keyId,
    id: keyId,
    ticket_id: keyId,
    ticket_number: keyId,
    subject: fc.oneof(fc.constantFrom('Printer on fire', 'Invoice question', 'a'), printable),
    message: fc.oneof(fc.constant('It stopped working.\nPlease help.'), printable),
    content: fc.oneof(fc.constant('Any news?'), printable),
    department_id: fc.constantFrom(1, 2, 3, '2'),
    priority: fc.constantFrom('low', 'medium', 'high', 'emergency', 'critical', 'normal', 'none'),
    is_note: fc.constantFrom(0, 1, '0', '1', 'true'),
    employee_response: fc.constantFrom(0, 1, '1'),
    public_email: fc.constant('guest@example.org'),
    email: fc.oneof(fc.constant(ctx.customerA.email), fc.constant(ctx.customerB.email), fc.constant('').map(() => `new${++uniqueEmails}@example.org`)),
    password: fc.constantFrom(ctx.customerA.password, 'wrong password', 'secret123'),
    name: fc.constantFrom('Pat Example', 'x'),
    billing_id: fc.constantFrom('12', 34),
    billing_system: fc.constantFrom('blesta', 'WHMCS', 'clientexec'),
    rating: fc.integer({ min: -1, max: 6 }),
  })
  .chain((template) =>
    fc.tuple(fc.subarray(Object.keys(template), { maxLength: 2 }), fc.dictionary(fc.constantFrom(...FIELDS), value, { maxKeys: 2 })).map(([dropped, overrides]) => {
      const chosen: Record<string, unknown> = { ...template, ...overrides };
      for (const field of dropped) delete chosen[field];
      return chosen;
    }),
  );

const CONTENT_TYPES = ['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/json; charset=utf-16', 'nonsense'];
const RAW_BODIES = ['{', '[1,2', '{"a":', 'a[b][c][d][e][f][g][h]=1', 'a[]=1&a[]=2&a[5000]=3', '%', '%%zz', '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', 'x'.repeat(5000), '\u0000\u0001', '[]', 'null', '123'];

type Body = { payload?: string; contentType?: string };
const body: fc.Arbitrary<Body> = fc.oneof(
  { weight: 3, arbitrary: plausible.map((f) => ({ payload: JSON.stringify(f), contentType: 'application/json' })) },
  { weight: 2, arbitrary: plausible.map((f) => ({ payload: qs.stringify(f), contentType: 'application/x-www-form-urlencoded' })) },
  fields.map((f) => ({ payload: JSON.stringify(f), contentType: 'application/json' })),
  fields.map((f) => ({ payload: qs.stringify(f), contentType: 'application/x-www-form-urlencoded' })),
  // PHP's http_build_query behind a JSON content type.
  fields.map((f) => ({ payload: qs.stringify(f), contentType: 'application/json' })),
  fc.record({ payload: fc.oneof(fc.constantFrom(...RAW_BODIES), fc.string({ unit: 'binary', maxLength: 60 })), contentType: fc.option(fc.constantFrom(...CONTENT_TYPES), { nil: undefined }) }),
  fc.constant({}),
);

const headerValue = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('Basic', 'Bearer ', 'Basic Og==', 'Bearer a.b.c', `Bearer ${'x'.repeat(400)}`, '1|abc', '127.0.0.1, 10.0.0.1'));
const extraHeaders = fc.dictionary(
  fc.constantFrom('accept', 'x-forwarded-for', 'x-admin-email', 'x-api-token', 'content-encoding', 'x-http-method-override', 'accept-language', 'origin', 'authorization'),
  headerValue,
  { maxKeys: 3 },
);

/** Percent-encodes a path segment; a lone surrogate becomes the invalid UTF-8 it would be on the wire. */
const encodeSegment = (segment: string) => {
  try {
    return encodeURIComponent(segment);
  } catch {
    return '%ED%A0%80';
  }
};

const pathValue = fc.oneof(
  { weight: 6, arbitrary: keyId.map(String) },
  fc.constantFrom(...IDS.map(String)),
  text.map(encodeSegment),
  fc.constantFrom('..', '%2e%2e', '%2F', '1%2F2', '@', '1@2', '%00', '-1', '+1', '1.0', '01', '%20' + ctx.customerB.id),
);

type Attempt = { caller: Caller; path: Record<string, string>; body: Body; headers: Record<string, string>; dropCredentials: boolean };
const attempt = (route: RouteInfo): fc.Arbitrary<Attempt> =>
  fc.record({
    caller: fc.oneof(
      { weight: 3, arbitrary: fc.constant<Caller>('staff') },
      { weight: 2, arbitrary: fc.constant<Caller>('readOnly') },
      { weight: 3, arbitrary: fc.constant<Caller>('customerA') },
      { weight: 2, arbitrary: fc.constant<Caller>('customerB') },
      { weight: 1, arbitrary: fc.constant<Caller>('anonymous') },
    ),
    path: fc.record(Object.fromEntries(route.params.map((name) => [name, pathValue]))) as fc.Arbitrary<Record<string, string>>,
    body: body,
    headers: extraHeaders,
    dropCredentials: fc.boolean(),
  });

// ---- invariants -------------------------------------------------------------------------------

/** Answers a rejected request may leave behind: a record of the refused credentials or failed login. */
const REJECTION_ENTRIES = ['auth.failed', 'login.failed'];

async function check(route: RouteInfo, a: Attempt) {
  const before = snapshot(ctx.db);
  // Hostile headers may replace the caller's own credentials; "dropCredentials" keeps theirs on top.
  const headers = a.dropCredentials ? { ...CALLERS[a.caller](), ...a.headers } : { ...a.headers, ...CALLERS[a.caller]() };
  if (a.body.contentType) headers['content-type'] = a.body.contentType;
  const url = fillPath(route.url, a.path);
  const answer = await ctx.app.inject({ method: route.method as 'GET', url, headers, payload: route.method === 'GET' || route.method === 'HEAD' ? undefined : a.body.payload });
  const where = `${route.method} ${url} as ${a.caller}: ${answer.statusCode} ${answer.body.slice(0, 300)}`;

  expect(answer.statusCode, where).toBeLessThan(500);
  // The API docs page serves HTML, scripts and YAML when it succeeds; every other answer is JSON.
  const docsAsset = route.url.startsWith('/docs') && answer.statusCode < 400;
  if (route.method !== 'HEAD' && !docsAsset) {
    expect(answer.headers['content-type'], where).toMatch(/^application\/json/);
    expect(() => JSON.parse(answer.body), where).not.toThrow();
  }
  // Hostile headers can only take a caller's identity away, never lend another one, so a caller's
  // list holds whatever happened to its credentials.
  const forbidden = a.caller === 'customerA' || a.caller === 'customerB' || a.caller === 'anonymous' ? FORBIDDEN_FOR[a.caller] : [];
  for (const secret of forbidden) expect(answer.body.includes(secret), `${where} leaked ${secret}`).toBe(false);

  const after = snapshot(ctx.db);
  // A customer never changes (or adds to) the other customer's records, nor guests', whatever the answer.
  if (a.caller === 'customerA' || a.caller === 'customerB') {
    const others = [a.caller === 'customerA' ? ctx.customerB.id : ctx.customerA.id, null];
    expect(recordsOf(after, others), `${where} touched another's records`).toEqual(recordsOf(before, others));
  }

  const succeeded = answer.statusCode >= 200 && answer.statusCode < 300;
  if (!succeeded || a.caller === 'readOnly') {
    const { audit_log: auditBefore, ...restBefore } = withoutLastUsed(before);
    const { audit_log: auditAfter, ...restAfter } = withoutLastUsed(after);
    expect(restAfter, `${where} changed data`).toEqual(restBefore);
    expect(auditAfter.slice(0, auditBefore.length)).toEqual(auditBefore);
    for (const entry of auditAfter.slice(auditBefore.length) as { action: string }[]) {
      expect(REJECTION_ENTRIES, `${where} recorded ${entry.action}`).toContain(entry.action);
    }
  }
}

type Rows = Record<string, Record<string, unknown>[]>;

/** The user rows, tickets and responses belonging to the given customers (null = guest tickets). */
function recordsOf(tables: Record<string, unknown[]>, owners: (number | null)[]) {
  const { users, tickets, responses } = tables as Rows;
  const ownedTickets = tickets.filter((ticket) => owners.includes(ticket.user_id as number | null));
  const ticketIds = new Set(ownedTickets.map((ticket) => ticket.id));
  return {
    users: users.filter((user) => owners.includes(user.id as number)),
    tickets: ownedTickets,
    responses: responses.filter((response) => ticketIds.has(response.ticket_number)),
  };
}

const routes = listRoutes(ctx.app);

describe('fuzzing every route', () => {
  it('found the routes to fuzz', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
    expect(routes).toEqual(expect.arrayContaining([
      expect.objectContaining({ method: 'POST', url: '/api/tickets/create' }),
      expect.objectContaining({ method: 'GET', url: '/api/tickets/get/:id/:ticket_id', params: ['id', 'ticket_id'] }),
      expect.objectContaining({ method: 'HEAD', url: '/health' }),
    ]));
  });

  it.each(routes.map((route) => [`${route.method} ${route.url}`, route] as const))('%s', async (_name, route) => {
    await fc.assert(fc.asyncProperty(attempt(route), (a) => check(route, a)), { numRuns: route.method === 'POST' ? RUNS.POST : RUNS.other });
  });

  // The random runs above mostly ask for real ids; this sweep asks for every combination of them, so
  // that a missing ownership check cannot hide behind chance.
  it.each(routes.map((route) => [`${route.method} ${route.url}`, route] as const))('as customers, %s never hands over another\'s records', async (_name, route) => {
    const pathCombos = route.params.reduce<Record<string, string>[]>(
      (combos, name) => combos.flatMap((combo) => KEY_IDS.map((id) => ({ ...combo, [name]: String(id) }))),
      [{}],
    );
    const customerFields = ['customer_id', 'user_id', 'id', 'client_id', 'ticaga_id'];
    const ticketFields = ['ticket_id', 'ticket_number'];
    const claims = [
      [ctx.customerB.id, ticketB.id],
      [ctx.customerA.id, ticketB.id],
      [ctx.customerB.id, ticketA.id],
      [ctx.customerA.id, guestTicket.id],
      [0, guestTicket.id],
    ];
    const bodies = route.method === 'POST' ? claims : [[0, 0]];
    for (const caller of ['customerA', 'customerB'] as const) {
      for (const path of pathCombos) {
        for (const [customer, ticket] of bodies) {
          const fields = Object.fromEntries([
            ...customerFields.map((field) => [field, caller === 'customerB' && customer === ctx.customerB.id ? ctx.customerA.id : customer]),
            ...ticketFields.map((field) => [field, caller === 'customerB' && ticket === ticketB.id ? ticketA.id : ticket]),
            ['subject', 'Probe'], ['message', 'Probe'], ['content', 'Probe'], ['department_id', 2], ['rating', 5],
          ]);
          await check(route, { caller, path, body: { payload: JSON.stringify(fields), contentType: 'application/json' }, headers: {}, dropCredentials: false });
        }
      }
    }
  });

  it('answers unknown paths with the contract 404', async () => {
    const segment = fc.oneof(fc.constantFrom('api', 'tickets', 'get', 'customers', '..', '%2e'), text.map(encodeSegment));
    await fc.assert(
      fc.asyncProperty(fc.array(segment, { minLength: 1, maxLength: 6 }), fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'), async (segments, method) => {
        const url = `/${segments.join('/')}`;
        const answer = await call(ctx.app, { method: method as 'GET', url, headers: ctx.staff.basic });
        expect(answer.status, url).toBeLessThan(500);
        // Either the contract's unknown-route answer or, where the path happened to match a route, a documented one.
        if (answer.status === 404 && !('error' in answer.body)) expect(answer.body, url).toEqual({ message: 'Not Found.' });
      }),
      { numRuns: 150 },
    );
  });
});

// Hostile values field by field on every write route: wrong types, huge strings, JSON null, numeric oddities,
// control characters. Each gets the exact Laravel 422 and writes nothing. SQL-ish and unicode text that is
// valid is stored and returned verbatim.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { call, createTicket, snapshot, type TestContext } from '../helpers.js';
import { createSettledTestApp } from '../support/app.js';
import { expectInvalid } from '../support/wire.js';

// One app per table: every request below is rejected, and snapshot(db) proves it.
let ctx: TestContext;
let ticketId: number;
async function setUp() {
  ctx = await createSettledTestApp();
  ticketId = createTicket(ctx.repos, ctx.customerA.id).id;
}

const label = (field: string) => field.replace(/_/g, ' ');
const msg = {
  required: (f: string) => `The ${label(f)} field is required.`,
  string: (f: string) => `The ${label(f)} field must be a string.`,
  integer: (f: string) => `The ${label(f)} field must be an integer.`,
  atLeast0: (f: string) => `The ${label(f)} field must be at least 0.`,
  max: (f: string, n: number) => `The ${label(f)} field must not be greater than ${n} characters.`,
  control: (f: string) => `The ${label(f)} field must not contain control characters.`,
  email: (f: string) => `The ${label(f)} field must be a valid email address.`,
  choice: (f: string) => `The selected ${label(f)} is invalid.`,
  flag: (f: string) => `The ${label(f)} field must be true or false.`,
  ip: (f: string) => `The ${label(f)} field must be a valid IP address.`,
  array: (f: string) => `The ${label(f)} field must be an array.`,
};

type Case = [field: string, value: unknown, message: string];

const NOT_INTEGERS = ['abc', '1e3', '1.5', '99999999999999999999', '0x10', ' 1 2 ', 1.5, true, [1], { id: 1 }, '１２'];
function integerCases(field: string, required: boolean): Case[] {
  return [
    ...NOT_INTEGERS.map((value): Case => [field, value, msg.integer(field)]),
    [field, '-1', msg.atLeast0(field)],
    [field, -1, msg.atLeast0(field)],
    ...(required ? ([[field, null, msg.required(field)], [field, '', msg.required(field)], [field, '   ', msg.required(field)]] as Case[]) : []),
  ];
}

function textCases(field: string, { max, multiline = false, required = false }: { max: number; multiline?: boolean; required?: boolean }): Case[] {
  const cases: Case[] = [
    [field, ['x'], msg.string(field)],
    [field, { x: 'y' }, msg.string(field)],
    [field, true, msg.string(field)],
    [field, 12, msg.string(field)],
    [field, 'x'.repeat(max + 1), msg.max(field, max)],
    [field, 'a\u0000b', msg.control(field)],
    [field, 'a\u001bb', msg.control(field)],
    [field, 'a\u007fb', msg.control(field)],
  ];
  if (!multiline) cases.push([field, 'a\nb', msg.control(field)], [field, 'a\rb', msg.control(field)]);
  if (required) cases.push([field, null, msg.required(field)], [field, '  \n ', msg.required(field)]);
  return cases;
}

type Table = { url: string; base: () => Record<string, unknown>; cases: Case[] };

const TABLES: Record<string, Table> = {
  'tickets/create': {
    url: '/api/tickets/create',
    base: () => ({ customer_id: ctx.customerA.id, subject: 's', message: 'm', department_id: 2 }),
    cases: [
      ...textCases('subject', { max: 255, required: true }),
      ...textCases('message', { max: 65535, multiline: true, required: true }),
      ...integerCases('customer_id', false),
      ...integerCases('department_id', false),
      ...integerCases('assigned', false),
      ...textCases('cc', { max: 1000 }),
      ...textCases('organize', { max: 50 }),
      ...textCases('public_name', { max: 255 }),
      ['priority', ['high'], msg.choice('priority')],
      ['priority', 3, msg.choice('priority')],
      ['priority', 'highest', msg.choice('priority')],
      ['department_slug', ['support'], msg.string('department_slug')],
      ['public_email', ['a@example.com'], msg.email('public_email')],
      ['public_email', 'a@', msg.email('public_email')],
      ['ip_address', ['1.2.3.4'], msg.ip('ip_address')],
      ['ip_address', '1.2.3.4; DROP TABLE tickets', msg.ip('ip_address')],
      ['billing_id', ['1'], msg.string('billing_id')],
      ['billing_id', 'x'.repeat(256), msg.max('billing_id', 255)],
      ['custom_fields', 'domain=x', msg.array('custom_fields')],
      ['custom_fields', ['x'], msg.array('custom_fields')],
      ['custom_fields', { nested: { deep: 1 } }, msg.array('custom_fields')],
      ['custom_fields', 7, msg.array('custom_fields')],
    ],
  },
  'tickets/close': {
    url: '/api/tickets/close',
    base: () => ({ customer_id: ctx.customerA.id, ticket_id: ticketId }),
    cases: [...integerCases('customer_id', true), ...integerCases('ticket_id', true)],
  },
  'responses/create': {
    url: '/api/responses/create',
    base: () => ({ ticket_number: ticketId, content: 'Hi', employee_response: 1 }),
    cases: [
      ...integerCases('ticket_number', true),
      ...textCases('content', { max: 65535, multiline: true }),
      ...integerCases('user_id', false),
      ...integerCases('customer_id', false),
      ...textCases('organize', { max: 50 }),
      ['is_note', 'yes', msg.flag('is_note')],
      ['is_note', 2, msg.flag('is_note')],
      ['is_note', [1], msg.flag('is_note')],
      ['employee_response', -1, msg.flag('employee_response')],
      ['employee_response', { a: 1 }, msg.flag('employee_response')],
      ['ip_address', '::gg', msg.ip('ip_address')],
      ['content', null, msg.required('content')],
      ['content', '', msg.required('content')],
    ],
  },
  'customers/assign': {
    url: '/api/customers/assign',
    base: () => ({ ticaga_id: ctx.customerA.id, billing_id: 5, billing_system: 'blesta' }),
    cases: [
      ...integerCases('ticaga_id', true),
      ['billing_id', [5], msg.string('billing_id')],
      ['billing_id', { id: 5 }, msg.string('billing_id')],
      ['billing_id', true, msg.string('billing_id')],
      ['billing_id', -5, msg.string('billing_id')],
      ['billing_id', 1.5, msg.string('billing_id')],
      ['billing_id', 'x'.repeat(256), msg.max('billing_id', 255)],
      ['billing_id', null, msg.required('billing_id')],
      ['billing_system', ['blesta'], msg.choice('billing_system')],
      ['billing_system', "blesta' OR '1'='1", msg.choice('billing_system')],
      ['billing_system', null, msg.required('billing_system')],
    ],
  },
  register: {
    url: '/api/register',
    base: () => ({ name: 'New Person', email: 'new@example.com', password: 'secret123' }),
    cases: [
      ...textCases('name', { max: 255, required: true }),
      ...textCases('company', { max: 255 }),
      ...textCases('biography', { max: 65535, multiline: true }),
      ['email', ['new@example.com'], msg.email('email')],
      ['email', 'new@example.com\nBcc: x@example.com', msg.email('email')],
      ['email', "x'; DROP TABLE users;--@example.com", msg.email('email')],
      ['email', null, msg.required('email')],
      ['password', 12345678, msg.string('password')],
      ['password', ['secret123'], msg.string('password')],
      ['password', 'x'.repeat(256), msg.max('password', 255)],
      ['password', 'short', 'The password field must be at least 8 characters.'],
      ['billing_system', 'paypal', msg.choice('billing_system')],
      ['account_manager', [1], msg.string('account_manager')],
    ],
  },
  login: {
    url: '/api/login',
    base: () => ({ email: ctx.customerA.email, password: ctx.customerA.password }),
    cases: [
      ['email', { email: 'x' }, msg.email('email')],
      ['email', 'not an email', msg.email('email')],
      ['email', null, msg.required('email')],
      ['password', null, msg.required('password')],
      ['password', 123, msg.string('password')],
      ['password', { $ne: null }, msg.string('password')],
    ],
  },
};

describe.each(Object.entries(TABLES))('POST %s, field by field', (_name, table) => {
  beforeAll(setUp);
  afterAll(() => ctx.close());

  it.each(table.cases.map((c) => [c[0], JSON.stringify(c[1])?.slice(0, 40) ?? 'undefined', c] as const))('%s = %s', async (_f, _v, [field, value, message]) => {
    const before = snapshot(ctx.db);
    const answer = await call(ctx.app, { method: 'POST', url: table.url, headers: ctx.staff.basic, payload: { ...table.base(), [field]: value } });
    expectInvalid(answer, { [field]: [message] });
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

describe('the valid base requests succeed (so each rejection above is the field’s doing)', () => {
  beforeAll(setUp);
  afterAll(() => ctx.close());

  it.each(Object.entries(TABLES))('POST %s', async (_name, table) => {
    const answer = await call(ctx.app, { method: 'POST', url: table.url, headers: ctx.staff.basic, payload: table.base() });
    expect(answer.status).toBe(200);
  });
});

describe('valid but unusual text is stored and returned verbatim', () => {
  beforeEach(setUp);
  afterEach(() => ctx.close());

  const strange = [
    "Robert'); DROP TABLE tickets;--",
    '1 OR 1=1; SELECT * FROM users',
    'Zoë’s café ☕ — 日本語 — עברית — 😀👍🏽 — e\u0301',
    '<script>alert(1)</script>',
    '%00%27 \\x00 \\" ${process.env}',
    'tab\tinside',
  ];

  it.each(strange)('%s', async (text) => {
    const created = await call(ctx.app, {
      method: 'POST',
      url: '/api/tickets/create',
      headers: ctx.staff.basic,
      payload: { customer_id: ctx.customerA.id, subject: text, message: `${text}\n${text}`, department_id: 2, organize: text.slice(0, 50) },
    });
    expect(created.status).toBe(200);
    const id = created.body.id.id;
    const read = await call(ctx.app, { method: 'GET', url: `/api/tickets/get/${ctx.customerA.id}/${id}`, headers: ctx.staff.basic });
    expect(read.body.tickets).toMatchObject({ subject: text, message: `${text}\n${text}`, organize: text.slice(0, 50) });
    const reply = await call(ctx.app, { method: 'POST', url: '/api/responses/create', headers: ctx.staff.basic, payload: { ticket_number: id, content: text } });
    expect(reply.body.id.content).toBe(text);
    const counts = ctx.db.$client.prepare('select (select count(*) from users) u, (select count(*) from tickets) t, (select count(*) from departments) d').get();
    expect(counts).toEqual({ u: 3, t: 2, d: 3 });
  });
});

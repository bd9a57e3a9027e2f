// Promise 4, limits on input: a body-size limit (413), a length limit on every text field (422 in
// Laravel's wording), email syntax, and no control characters (other than newline and tab in the
// multi-line fields; tab alone in single-line ones). Nothing is written when a limit is hit.
import { afterEach, describe, expect, it } from 'vitest';
import { call, createTestApp, createTicket, snapshot, type TestContext } from '../helpers.js';
import { withoutLastUsed } from './support.js';

let ctx: TestContext;
afterEach(() => ctx.close());

let emails = 0;
const uniqueEmail = () => `person${++emails}@example.org`;
const label = (field: string) => field.replace(/_/g, ' ');
const tooLong = (field: string, max: number) => `The ${label(field)} field must not be greater than ${max} characters.`;

/** A valid email address exactly `length` characters long. */
const emailOfLength = (length: number) => `${'a'.repeat(length - '@example.com'.length)}@example.com`;
/** A valid cc list exactly `length` characters long: 16-character addresses, the last one padded. */
const ccOfLength = (length: number) => {
  const count = Math.floor((length + 1) / 17);
  const addresses = Array.from({ length: count }, (_, i) => `u${String(i).padStart(3, '0')}@example.com`);
  const padding = length - (17 * count - 1);
  addresses[count - 1] = `${'x'.repeat(padding)}${addresses[count - 1]}`;
  return addresses.join(',');
};

type Case = {
  url: string;
  as: 'staff' | 'customerA';
  body: () => Record<string, unknown>;
  field: string;
  max: number;
  value?: (length: number) => string;
  /** The status a value at the limit gets: 200, or 422 when the value is long enough but names nothing. */
  atLimit?: number;
};

function cases(ticketId: () => number): Case[] {
  const ticket = (extra: Record<string, unknown> = {}) => () => ({ customer_id: ctx.customerA.id, subject: 'S', message: 'M', department_id: 2, ...extra });
  const guestTicket = () => ({ customer_id: 0, subject: 'S', message: 'M', department_id: 1, public_email: 'guest@example.org' });
  const register = () => ({ name: 'New Person', email: uniqueEmail(), password: 'secret123' });
  const response = () => ({ ticket_number: ticketId(), employee_response: 1, content: 'x' });
  const login = () => ({ email: ctx.customerA.email, password: 'x' });
  const text = (length: number) => 'x'.repeat(length);
  return [
    { url: '/api/tickets/create', as: 'staff', body: ticket(), field: 'subject', max: 255 },
    { url: '/api/tickets/create', as: 'customerA', body: ticket(), field: 'message', max: 65535 },
    { url: '/api/tickets/create', as: 'staff', body: guestTicket, field: 'public_name', max: 255 },
    { url: '/api/tickets/create', as: 'staff', body: guestTicket, field: 'public_email', max: 255, value: emailOfLength },
    { url: '/api/tickets/create', as: 'staff', body: ticket({ department_id: undefined }), field: 'department_slug', max: 255, atLimit: 422 },
    { url: '/api/tickets/create', as: 'staff', body: ticket(), field: 'cc', max: 1000, value: ccOfLength },
    { url: '/api/tickets/create', as: 'staff', body: ticket(), field: 'organize', max: 50 },
    { url: '/api/tickets/create', as: 'staff', body: ticket(), field: 'billing_system', max: 50 },
    { url: '/api/tickets/create', as: 'staff', body: ticket(), field: 'billing_id', max: 255 },
    { url: '/api/register', as: 'staff', body: register, field: 'name', max: 255 },
    { url: '/api/register', as: 'staff', body: register, field: 'email', max: 255, value: emailOfLength },
    { url: '/api/register', as: 'staff', body: register, field: 'password', max: 255 },
    { url: '/api/register', as: 'staff', body: register, field: 'company', max: 255 },
    { url: '/api/register', as: 'staff', body: register, field: 'biography', max: 65535 },
    { url: '/api/register', as: 'staff', body: register, field: 'billing_id', max: 255 },
    { url: '/api/register', as: 'staff', body: register, field: 'account_manager', max: 255 },
    { url: '/api/responses/create', as: 'staff', body: response, field: 'content', max: 65535 },
    { url: '/api/responses/create', as: 'staff', body: () => ({ ...response(), content: undefined }), field: 'message', max: 65535 },
    { url: '/api/responses/create', as: 'staff', body: response, field: 'organize', max: 50 },
    { url: '/api/login', as: 'staff', body: login, field: 'email', max: 255, value: emailOfLength, atLimit: 422 },
    { url: '/api/login', as: 'staff', body: login, field: 'password', max: 255, atLimit: 422 },
    { url: '/api/customers/assign', as: 'staff', body: () => ({ ticaga_id: ctx.customerA.id, billing_system: 'blesta' }), field: 'billing_id', max: 255 },
  ].map((c) => ({ value: text, ...c }) as Case);
}

const headersFor = (as: Case['as']) => (as === 'staff' ? ctx.staff.basic : ctx.customerA.bearer);

describe('text lengths', () => {
  it('accepts every text field at its limit and refuses one character more, writing nothing', async () => {
    ctx = await createTestApp({ RATE_LIMIT_PER_MINUTE: '0' });
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    for (const c of cases(() => ticket.id)) {
      const atLimit = c.value!(c.max);
      expect(atLimit.length, c.field).toBe(c.max);
      const accepted = await call(ctx.app, { method: 'POST', url: c.url, headers: headersFor(c.as), payload: { ...c.body(), [c.field]: atLimit } });
      expect({ field: c.field, status: accepted.status }).toEqual({ field: c.field, status: c.atLimit ?? 200 });
      expect(accepted.body.errors?.[c.field] ?? [], c.field).not.toContain(tooLong(c.field, c.max));

      const before = snapshot(ctx.db);
      const refused = await call(ctx.app, { method: 'POST', url: c.url, headers: headersFor(c.as), payload: { ...c.body(), [c.field]: c.value!(c.max + 1) } });
      const message = tooLong(c.field, c.max);
      expect({ url: c.url, field: c.field, status: refused.status, body: refused.body }).toEqual({
        url: c.url,
        field: c.field,
        status: 422,
        body: { message, errors: { [c.field]: [message] } },
      });
      expect(snapshot(ctx.db)).toEqual(before);
    }
  });

  it('accepts the largest documented fields end to end', async () => {
    ctx = await createTestApp();
    const subject = 's'.repeat(255);
    const message = 'm'.repeat(65535);
    const answer = await call(ctx.app, { method: 'POST', url: '/api/tickets/create', headers: ctx.staff.basic, payload: { customer_id: ctx.customerA.id, subject, message, department_id: 2 } });
    expect(answer.status).toBe(200);
    expect([answer.body.id.subject, answer.body.id.message]).toEqual([subject, message]);
  });
});

describe('email syntax', () => {
  const invalid = ['plainaddress', 'a@b', '@example.com', 'a@@example.com', 'a b@example.com', 'a@example..com', 'a@exa mple.com', 'a@example.com,b@example.com', '<a@example.com>'];

  it.each([
    ['/api/register', 'email', () => ({ name: 'N', password: 'secret123' })],
    ['/api/login', 'email', () => ({ password: 'x' })],
    ['/api/tickets/create', 'public_email', () => ({ customer_id: 0, subject: 'S', message: 'M', department_id: 1 })],
  ] as const)('%s refuses malformed %s', async (url, field, body) => {
    ctx = await createTestApp();
    const before = snapshot(ctx.db);
    for (const value of invalid) {
      const answer = await call(ctx.app, { method: 'POST', url, headers: ctx.staff.basic, payload: { ...body(), [field]: value } });
      const message = `The ${label(field)} field must be a valid email address.`;
      expect({ value, status: answer.status, body: answer.body }).toEqual({ value, status: 422, body: { message, errors: { [field]: [message] } } });
    }
    expect(withoutLastUsed(snapshot(ctx.db))).toEqual(withoutLastUsed(before));
  });
});

describe('control characters', () => {
  const refusedEverywhere = ['\u0000', '\u0007', '\u0008', '\u000b', '\u000c', '\u001b', '\u007f'];
  const singleLine: [string, string, () => Record<string, unknown>][] = [
    ['/api/tickets/create', 'subject', () => ({ customer_id: ctx.customerA.id, message: 'M', department_id: 2 })],
    ['/api/tickets/create', 'public_name', () => ({ customer_id: 0, subject: 'S', message: 'M', department_id: 1, public_email: 'g@example.org' })],
    ['/api/register', 'name', () => ({ email: uniqueEmail(), password: 'secret123' })],
    ['/api/register', 'company', () => ({ name: 'N', email: uniqueEmail(), password: 'secret123' })],
  ];
  const multiLine: [string, string, () => Record<string, unknown>][] = [
    ['/api/tickets/create', 'message', () => ({ customer_id: ctx.customerA.id, subject: 'S', department_id: 2 })],
    ['/api/responses/create', 'content', () => ({ ticket_number: 1, employee_response: 1 })],
    ['/api/register', 'biography', () => ({ name: 'N', email: uniqueEmail(), password: 'secret123' })],
  ];
  const refusal = (field: string) => {
    const message = `The ${label(field)} field must not contain control characters.`;
    return { message, errors: { [field]: [message] } };
  };

  it('refuses line breaks and other controls in single-line fields, allows a tab', async () => {
    ctx = await createTestApp({ RATE_LIMIT_PER_MINUTE: '0' });
    for (const [url, field, body] of singleLine) {
      for (const control of [...refusedEverywhere, '\n', '\r', '\r\n']) {
        const before = snapshot(ctx.db);
        const answer = await call(ctx.app, { method: 'POST', url, headers: ctx.staff.basic, payload: { ...body(), [field]: `a${control}b` } });
        expect({ field, control, status: answer.status, body: answer.body }).toEqual({ field, control, status: 422, body: refusal(field) });
        expect(withoutLastUsed(snapshot(ctx.db))).toEqual(withoutLastUsed(before));
      }
      const tab = await call(ctx.app, { method: 'POST', url, headers: ctx.staff.basic, payload: { ...body(), [field]: 'a\tb' } });
      expect({ field, status: tab.status }).toEqual({ field, status: 200 });
    }
  });

  it('keeps newlines and tabs in multi-line fields, refuses other controls', async () => {
    ctx = await createTestApp({ RATE_LIMIT_PER_MINUTE: '0' });
    createTicket(ctx.repos, ctx.customerA.id);
    for (const [url, field, body] of multiLine) {
      for (const control of refusedEverywhere) {
        const answer = await call(ctx.app, { method: 'POST', url, headers: ctx.staff.basic, payload: { ...body(), [field]: `a${control}b` } });
        expect({ field, control: JSON.stringify(control), status: answer.status, body: answer.body }).toEqual({ field, control: JSON.stringify(control), status: 422, body: refusal(field) });
      }
      const text = 'Line one\r\nLine two\n\tindented';
      const kept = await call(ctx.app, { method: 'POST', url, headers: ctx.staff.basic, payload: { ...body(), [field]: text } });
      expect({ field, status: kept.status }).toEqual({ field, status: 200 });
      expect(JSON.stringify(kept.body)).toContain(JSON.stringify(text).slice(1, -1));
    }
  });

  it('refuses controls that arrive form-encoded', async () => {
    ctx = await createTestApp();
    const answer = await call(ctx.app, {
      method: 'POST',
      url: '/api/tickets/create',
      headers: { ...ctx.staff.basic, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `customer_id=${ctx.customerA.id}&subject=a%00b&message=M&department_id=2`,
    });
    expect([answer.status, answer.body]).toEqual([422, refusal('subject')]);
  });
});

describe('body size', () => {
  const TOO_LARGE = { message: 'Payload Too Large.' };

  it('refuses a body over 1 MiB by default with 413 and writes nothing', async () => {
    ctx = await createTestApp();
    const before = snapshot(ctx.db);
    const envelope = JSON.stringify({ customer_id: ctx.customerA.id, subject: 'S', department_id: 2, message: '' });
    const payload = envelope.replace('"message":""', `"message":"${'m'.repeat(1_048_576 - envelope.length + 1)}"`);
    expect(payload.length).toBe(1_048_577);
    const answer = await call(ctx.app, { method: 'POST', url: '/api/tickets/create', headers: { ...ctx.staff.basic, 'content-type': 'application/json' }, payload });
    expect([answer.status, answer.raw]).toEqual([413, JSON.stringify(TOO_LARGE)]);
    expect(withoutLastUsed(snapshot(ctx.db))).toEqual(withoutLastUsed(before));
    // Exactly at the limit the body is read (and then refused for its too-long message).
    const atLimit = payload.replace('mm', 'm');
    expect((await call(ctx.app, { method: 'POST', url: '/api/tickets/create', headers: { ...ctx.staff.basic, 'content-type': 'application/json' }, payload: atLimit })).status).toBe(422);
  });

  it('follows BODY_LIMIT_BYTES for every content type', async () => {
    ctx = await createTestApp({ BODY_LIMIT_BYTES: '2048' });
    for (const type of ['application/json', 'application/x-www-form-urlencoded', 'text/plain', 'application/octet-stream']) {
      const answer = await call(ctx.app, { method: 'POST', url: '/api/register', headers: { ...ctx.staff.basic, 'content-type': type }, payload: 'x'.repeat(2049) });
      expect({ type, status: answer.status, body: answer.body }).toEqual({ type, status: 413, body: TOO_LARGE });
    }
  });
});

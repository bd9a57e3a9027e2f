// Bodies that are not a form at all, on every write route: never a 500, the same Laravel 422 as an empty
// form, and nothing written.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createTicket, snapshot, type TestContext } from '../helpers.js';
import { createSettledTestApp } from '../support/app.js';
import { expectAnswer, expectInvalid } from '../support/wire.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createSettledTestApp();
  createTicket(ctx.repos, ctx.customerA.id);
});
afterEach(() => ctx.close());

const required = (field: string) => `The ${field.replace(/_/g, ' ')} field is required.`;
const requiredAll = (...fields: string[]) => Object.fromEntries(fields.map((field) => [field, [required(field)]]));

/** Each write route and its answer to an empty form. */
const WRITE_ROUTES: [string, Record<string, string[]>][] = [
  ['/api/login', requiredAll('email', 'password')],
  ['/api/register', requiredAll('name', 'email', 'password')],
  ['/api/customers/assign', requiredAll('ticaga_id', 'billing_id', 'billing_system')],
  ['/api/tickets/create', requiredAll('subject', 'message')],
  ['/api/tickets/close', requiredAll('customer_id', 'ticket_id')],
  ['/api/responses/create', requiredAll('ticket_number')],
];

const NOT_A_FORM: [string, string, string][] = [
  ['JSON null', 'application/json', 'null'],
  ['a JSON array', 'application/json', '[1,2,3]'],
  ['an empty JSON array', 'application/json', '[]'],
  ['an array of objects', 'application/json', '[{"subject":"x","message":"y"}]'],
  ['a JSON string', 'application/json', '"subject=x"'],
  ['a JSON number', 'application/json', '42'],
  ['JSON true', 'application/json', 'true'],
  ['an empty JSON object', 'application/json', '{}'],
  ['whitespace', 'application/json', ' \n\t '],
  ['an empty body', 'application/json', ''],
  ['an empty form', 'application/x-www-form-urlencoded', ''],
  ['truncated JSON', 'application/json', '{"subject": "x", "message":'],
  ['JSON with a trailing comma', 'application/json', '{"ticket_id": 1,}'],
  ['JSON-ish garbage', 'application/json', '{bad json}'],
  ['a lone bracket', 'application/json', '['],
  ['nested proto pollution', 'application/json', '{"__proto__":{"customer_id":1,"ticket_id":1,"subject":"x"}}'],
  ['constructor pollution', 'application/json', '{"constructor":{"prototype":{"ticket_number":1}}}'],
  ['XML', 'application/xml', '<ticket><subject>x</subject></ticket>'],
  ['binary noise', 'application/octet-stream', '\u0000\u0001\u0002\u00ff'],
  ['form with only ampersands', 'application/x-www-form-urlencoded', '&&&=&'],
  ['form with proto keys', 'application/x-www-form-urlencoded', '__proto__[ticket_id]=1&constructor[prototype][x]=1'],
];

describe.each(WRITE_ROUTES)('POST %s with a body that is not a form', (url, emptyFormErrors) => {
  it('answers exactly like an empty form, writing nothing', async () => {
    const before = snapshot(ctx.db);
    for (const [label, contentType, payload] of NOT_A_FORM) {
      const answer = await call(ctx.app, { method: 'POST', url, headers: { ...ctx.staff.basic, 'content-type': contentType }, payload });
      const expected = { message: Object.values(emptyFormErrors)[0][0], errors: emptyFormErrors };
      expect({ label, status: answer.status, body: answer.body }).toEqual({ label, status: 422, body: expected });
    }
    expect(snapshot(ctx.db)).toEqual(before);
    // And the pollution attempts reached no prototype.
    expect(({} as Record<string, unknown>).customer_id).toBeUndefined();
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe('form values that are not plain strings', () => {
  it('arrays and objects from form brackets are rejected by type, behind either header', async () => {
    const before = snapshot(ctx.db);
    for (const contentType of ['application/x-www-form-urlencoded', 'application/json']) {
      const send = (url: string, payload: string) => call(ctx.app, { method: 'POST', url, headers: { ...ctx.staff.basic, 'content-type': contentType }, payload });
      expectInvalid(await send('/api/tickets/close', 'customer_id[]=2&ticket_id[a]=1'), {
        customer_id: ['The customer id field must be an integer.'],
        ticket_id: ['The ticket id field must be an integer.'],
      });
      expectInvalid(await send('/api/tickets/create', `customer_id=${ctx.customerA.id}&subject[]=x&message[a][b]=y&department_id=2`), {
        subject: ['The subject field must be a string.'],
        message: ['The message field must be a string.'],
      });
      expectInvalid(await send('/api/login', 'email[]=a@example.com&password[]=x'), {
        email: ['The email field must be a valid email address.'],
        password: ['The password field must be a string.'],
      });
    }
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('very deep or very wide forms are cut, not crashed on', async () => {
    const deep = `customer_id${'[a]'.repeat(50)}=1&ticket_id=1`;
    const wide = Array.from({ length: 5000 }, (_, i) => `k${i}=v`).join('&');
    for (const payload of [deep, wide, `ticket_id=${'9'.repeat(5000)}`]) {
      const answer = await call(ctx.app, { method: 'POST', url: '/api/tickets/close', headers: { ...ctx.staff.basic, 'content-type': 'application/x-www-form-urlencoded' }, payload });
      expect(answer.status).toBe(422);
      expect(Object.keys(answer.body)).toEqual(['message', 'errors']);
    }
  });

  it('a body over the limit is 413, whatever its content type', async () => {
    const big = 'x'.repeat(1_048_577);
    for (const contentType of ['application/json', 'application/x-www-form-urlencoded', 'text/plain']) {
      const answer = await call(ctx.app, { method: 'POST', url: '/api/responses/create', headers: { ...ctx.staff.basic, 'content-type': contentType }, payload: `content=${big}` });
      expectAnswer(answer, 413, { message: 'Payload Too Large.' });
    }
  });
});

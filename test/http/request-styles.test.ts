// What requests must be accepted (CONTRACT.md §3): JSON, form, form behind a JSON header, empty JSON bodies
// on GET, numeric strings, trailing and doubled slashes, any Accept, aliases and PHP's empty values.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createTestApp, createTicket, type TestContext } from '../helpers.js';
import { expectAnswer } from '../support/wire.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(() => ctx.close());

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** A form body as PHP's http_build_query writes it. */
const form = (fields: Record<string, string | number>) =>
  Object.entries(fields)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`.replace(/%20/g, '+'))
    .join('&');

const send = (url: string, contentType: string, payload: string, headers: Record<string, string> = ctx.staff.basic) =>
  call(ctx.app, { method: 'POST', url, headers: { ...headers, 'content-type': contentType }, payload });

/** Opens a ticket and answers it without the dynamic values, to compare request styles. */
async function openWith(contentType: string, payload: string) {
  const answer = await send('/api/tickets/create', contentType, payload);
  expect(answer.status).toBe(200);
  const { id, public_hash, created_at, updated_by_client_at, ...rest } = answer.body.id;
  return rest;
}

describe('body encodings', () => {
  it('JSON, form-urlencoded and form behind a JSON header open the same ticket', async () => {
    const fields = { customer_id: ctx.customerA.id, subject: 'Site down & out', message: 'Line 1\nLine 2 = "quoted"', department_id: 2, cc: '' };
    const json = await openWith(JSON_TYPE, JSON.stringify(fields));
    const formEncoded = await openWith(FORM, form(fields));
    const formBehindJson = await openWith(JSON_TYPE, form(fields));
    const formCharset = await openWith(`${FORM}; charset=UTF-8`, form(fields));
    const jsonCharset = await openWith('application/json; charset=utf-8', JSON.stringify(fields));
    expect(json).toMatchObject({ subject: 'Site down & out', message: 'Line 1\nLine 2 = "quoted"', cc: '' });
    for (const other of [formEncoded, formBehindJson, formCharset, jsonCharset]) expect(other).toEqual(json);
  });

  it('a body with no content type, or text/plain, is read the same way', async () => {
    const fields = form({ customer_id: ctx.customerA.id, ticket_id: createTicket(ctx.repos, ctx.customerA.id).id });
    expectAnswer(await send('/api/tickets/close', 'text/plain', fields), 200, { id: 1 });
    const bare = await call(ctx.app, { method: 'POST', url: '/api/tickets/close', headers: ctx.staff.basic, payload: fields });
    expectAnswer(bare, 200, { id: 1 });
  });

  it('numbers arrive as strings and are taken as numbers', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    expectAnswer(await send('/api/tickets/close', JSON_TYPE, JSON.stringify({ customer_id: String(ctx.customerA.id), ticket_id: String(ticket.id) })), 200, { id: ticket.id });
    const reply = await send('/api/responses/create', FORM, form({ ticket_number: String(ticket.id), content: 'Hi', employee_response: '1', is_note: '0' }));
    expect(reply.body.id).toMatchObject({ ticket_number: ticket.id, employee_response: 1, is_note: 0 });
  });

  it('a GET with a JSON content type and an empty body is fine', async () => {
    const answer = await call(ctx.app, { method: 'GET', url: '/api/customers/get/0', headers: { ...ctx.staff.basic, 'content-type': JSON_TYPE }, payload: '' });
    expect([answer.status, answer.body.user?.id]).toEqual([200, ctx.staff.id]);
    const withBody = await call(ctx.app, { method: 'GET', url: '/api/departments/public', headers: { ...ctx.staff.basic, 'content-type': JSON_TYPE }, payload: '{}' });
    expect(withBody.status).toBe(200);
  });

  it('a POST with a JSON content type and an empty body is a 422, not a 400', async () => {
    const answer = await send('/api/tickets/close', JSON_TYPE, '');
    expectAnswer(answer, 422, {
      message: 'The customer id field is required.',
      errors: { customer_id: ['The customer id field is required.'], ticket_id: ['The ticket id field is required.'] },
    });
  });
});

describe('paths', () => {
  it('trailing slashes, doubled slashes and both', async () => {
    const expected = (await call(ctx.app, { method: 'GET', url: `/api/customers/get/${ctx.customerA.id}`, headers: ctx.staff.basic })).raw;
    for (const url of [`/api/customers/get/${ctx.customerA.id}/`, `//api/customers/get/${ctx.customerA.id}`, `//api//customers/get/${ctx.customerA.id}/`]) {
      const answer = await call(ctx.app, { method: 'GET', url, headers: ctx.staff.basic });
      expect({ url, status: answer.status, raw: answer.raw }).toEqual({ url, status: 200, raw: expected });
    }
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    expectAnswer(await send('//api/tickets/close/', FORM, form({ customer_id: ctx.customerA.id, ticket_id: ticket.id })), 200, { id: ticket.id });
  });

  it('a query string is ignored', async () => {
    expect((await call(ctx.app, { method: 'GET', url: '/api/customers/get/0?foo=bar&id=2', headers: ctx.staff.basic })).body.user.id).toBe(ctx.staff.id);
  });
});

describe('answers are JSON whatever Accept says', () => {
  it.each(['text/html', 'application/xml', '*/*', 'text/html,application/xhtml+xml;q=0.9'])('Accept: %s', async (accept) => {
    const ok = await call(ctx.app, { method: 'GET', url: '/api/departments/public', headers: { ...ctx.staff.basic, accept } });
    expect([ok.status, String(ok.headers['content-type'])]).toEqual([200, 'application/json; charset=utf-8']);
    expectAnswer(await call(ctx.app, { method: 'GET', url: '/api/customers/get/999', headers: { ...ctx.staff.basic, accept } }), 404, { error: 'User not authenticated' });
    expectAnswer(await call(ctx.app, { method: 'GET', url: '/api/customers/get/1', headers: { accept } }), 401, { message: 'Unauthenticated.' });
    expectAnswer(await call(ctx.app, { method: 'GET', url: '/nowhere', headers: { accept } }), 404, { message: 'Not Found.' });
    const invalid = await call(ctx.app, { method: 'POST', url: '/api/tickets/close', headers: { ...ctx.staff.basic, accept }, payload: {} });
    expect([invalid.status, String(invalid.headers['content-type'])]).toEqual([422, 'application/json; charset=utf-8']);
  });
});

describe('PHP values on tickets/create', () => {
  const base = () => ({ customer_id: ctx.customerA.id, subject: 's', message: 'm', department_slug: 'support' });

  it('priority critical -> emergency and normal -> medium, in JSON and form', async () => {
    expect((await send('/api/tickets/create', JSON_TYPE, JSON.stringify({ ...base(), priority: 'critical' }))).body.id.priority).toBe('emergency');
    expect((await send('/api/tickets/create', FORM, form({ ...base(), priority: 'normal' }))).body.id.priority).toBe('medium');
    expect((await send('/api/tickets/create', FORM, form({ ...base(), priority: 'Critical' }))).body.id.priority).toBe('emergency');
  });

  it('cc "" is an empty cc; public_name null is no name', async () => {
    const answer = await send('/api/tickets/create', JSON_TYPE, JSON.stringify({ subject: 's', message: 'm', department_slug: 'sales', cc: '', public_name: null, public_email: 'g@example.com' }));
    expect(answer.body.id).toMatchObject({ cc: '', public_name: null, public_email: 'g@example.com', user_id: 0 });
  });

  it('custom_fields [] and {} (JSON), null or blank (absent), and as form arrays', async () => {
    for (const customFields of [[], {}, { domain: 'example.com' }]) {
      const answer = await send('/api/tickets/create', JSON_TYPE, JSON.stringify({ ...base(), custom_fields: customFields }));
      expect(answer.status).toBe(200);
      expect(JSON.parse(ctx.repos.tickets.findById(answer.body.id.id)!.customFields!)).toEqual(customFields);
    }
    const none = await send('/api/tickets/create', JSON_TYPE, JSON.stringify({ ...base(), custom_fields: null }));
    const blank = await send('/api/tickets/create', FORM, `${form(base())}&custom_fields=`);
    for (const answer of [none, blank]) {
      expect(answer.status).toBe(200);
      expect(ctx.repos.tickets.findById(answer.body.id.id)!.customFields).toBeNull();
    }
    const formAnswer = await send('/api/tickets/create', FORM, `${form(base())}&custom_fields%5Bdomain%5D=example.com&custom_fields%5Bseats%5D=3`);
    expect(formAnswer.status).toBe(200);
    expect(JSON.parse(ctx.repos.tickets.findById(formAnswer.body.id.id)!.customFields!)).toEqual({ domain: 'example.com', seats: '3' });
  });

  it('billing_system is case-insensitive on customers/assign', async () => {
    for (const system of ['Blesta', 'BLESTA', 'ClientExec', 'WHMCS']) {
      expectAnswer(await send('/api/customers/assign', FORM, form({ ticaga_id: ctx.customerA.id, billing_id: 7, billing_system: system })), 200, { user: true });
      expect(ctx.repos.users.findById(ctx.customerA.id)!.billingSystem).toBe(system.toLowerCase());
    }
  });
});

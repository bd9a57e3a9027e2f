// POST /api/responses/create and GET /api/responses/get/{ticket_id}: authors, notes, ownership, errors.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createStaff, createTicket, snapshot, type TestContext } from '../helpers.js';
import { createSettledTestApp } from '../support/app.js';
import {
  expectAnswer,
  expectInvalid,
  expectModelDateSince,
  NO_RESPONSES,
  NO_TICKET,
  plainNow,
  RESPONSE_KEYS,
  responseJson,
  toModelDate,
} from '../support/wire.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createSettledTestApp();
});
afterEach(() => ctx.close());

const reply = (payload: Record<string, unknown>, headers: Record<string, string> = ctx.staff.basic) =>
  call(ctx.app, { method: 'POST', url: '/api/responses/create', headers, payload });
const list = (ticketId: number | string, headers: Record<string, string> = ctx.staff.basic) =>
  call(ctx.app, { method: 'GET', url: `/api/responses/get/${ticketId}`, headers });

const staffAuthor = () => ({ user_name: 'Harry Marks', user_email: 'harry.marks@example.net' });
const authorA = { user_name: 'Prof. Christelle Bechtelar', user_email: 'briana56@example.net' };

describe('POST /api/responses/create', () => {
  it('a staff reply: {"id":{response}}, written by the caller', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const before = plainNow();
    const answer = await reply({ ticket_number: ticket.id, content: 'On it.', employee_response: 1, ip_address: '45.35.88.228' });
    expect(Object.keys(answer.body.id)).toEqual(RESPONSE_KEYS);
    const created = expectModelDateSince(answer.body.id.created_at, before);
    expectAnswer(answer, 200, {
      id: responseJson({ id: 1, user_id: ctx.staff.id, ticket_number: ticket.id, content: 'On it.', employee_response: 1, ip_address: '45.35.88.228', created_at: created, ...staffAuthor() }),
    });
  });

  it('staff may name another staff member as author, not a customer', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const agent = createStaff(ctx.repos, { email: 'agent@example.com', name: 'Agent Smith', role: 'employee' });
    const answer = await reply({ ticket_number: ticket.id, content: 'Hi', employee_response: '1', user_id: agent.id });
    expect(answer.body.id).toMatchObject({ user_id: agent.id, user_name: 'Agent Smith', user_email: 'agent@example.com' });
    const before = snapshot(ctx.db);
    expectInvalid(await reply({ ticket_number: ticket.id, content: 'Hi', employee_response: 1, user_id: ctx.customerA.id }), {
      user_id: ['The selected user id is invalid.'],
    });
    expectInvalid(await reply({ ticket_number: ticket.id, content: 'Hi', is_note: 1, customer_id: 999 }), {
      customer_id: ['The selected customer id is invalid.'],
    });
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('a customer reply, by the customer itself: its IP, not a claimed one; message works as content', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const before = plainNow();
    const answer = await reply({ ticket_number: ticket.id, message: 'Still broken', ip_address: '8.8.8.8' }, ctx.customerA.bearer);
    const created = expectModelDateSince(answer.body.id.created_at, before);
    expectAnswer(answer, 200, {
      id: responseJson({ id: 1, user_id: ctx.customerA.id, ticket_number: ticket.id, content: 'Still broken', ip_address: '127.0.0.1', created_at: created, ...authorA }),
    });
  });

  it('staff posting a customer reply for the owner (user_id or customer_id)', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const answer = await reply({ ticket_number: ticket.id, content: 'From the billing system', customer_id: ctx.customerA.id, ip_address: '42.199.111.145' });
    expect(answer.body.id).toMatchObject({ user_id: ctx.customerA.id, employee_response: 0, ip_address: '42.199.111.145', ...authorA });
  });

  it('a guest ticket: the reply has user_id 0 and the guest’s public name and email', async () => {
    const ticket = createTicket(ctx.repos, null, { publicName: 'Guest Person', publicEmail: 'guest@example.com', departmentId: 1 });
    const answer = await reply({ ticket_number: ticket.id, content: 'Guest here', user_id: 0 });
    expect(answer.status).toBe(200);
    expect(answer.body.id).toMatchObject({ user_id: 0, user_name: 'Guest Person', user_email: 'guest@example.com' });
    expect((await list(ticket.id)).body.responses[0]).toEqual(answer.body.id);
  });

  it('404 Ticket not found: missing ticket, or a customer naming someone else; nothing written', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const before = snapshot(ctx.db);
    expectAnswer(await reply({ ticket_number: 999, content: 'x' }), 404, NO_TICKET);
    expectAnswer(await reply({ ticket_number: ticket.id, content: 'x', user_id: ctx.customerB.id }), 404, NO_TICKET);
    expectAnswer(await reply({ ticket_number: ticket.id, content: 'x', user_id: ctx.customerB.id }, ctx.customerA.bearer), 404, NO_TICKET);
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('422 for missing and invalid fields; nothing written', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const before = snapshot(ctx.db);
    expectInvalid(await reply({}), { ticket_number: ['The ticket number field is required.'] });
    expectInvalid(await reply({ ticket_number: ticket.id }), { content: ['The content field is required.'] });
    expectInvalid(await reply({ ticket_number: ticket.id, content: '   ' }), { content: ['The content field is required.'] });
    expectInvalid(await reply({ ticket_number: ticket.id, content: 'x', is_note: 'maybe', employee_response: 2 }), {
      is_note: ['The is note field must be true or false.'],
      employee_response: ['The employee response field must be true or false.'],
    });
    expectInvalid(await reply({ ticket_number: 'abc', content: 'x', user_id: 'me' }), {
      ticket_number: ['The ticket number field must be an integer.'],
      user_id: ['The user id field must be an integer.'],
    });
    expectInvalid(await reply({ ticket_number: ticket.id, content: 'x', ip_address: 'localhost' }), { ip_address: ['The ip address field must be a valid IP address.'] });
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

describe('GET /api/responses/get/{ticket_id}', () => {
  it('lists the conversation oldest first; staff see notes, the customer does not', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const before = plainNow();
    const first = (await reply({ ticket_number: ticket.id, content: 'Hello', employee_response: 1 })).body.id;
    const note = (await reply({ ticket_number: ticket.id, content: 'Internal: VIP', is_note: 1, employee_response: 1 })).body.id;
    const third = (await reply({ ticket_number: ticket.id, content: 'Thanks' }, ctx.customerA.bearer)).body.id;
    for (const response of [first, note, third]) expectModelDateSince(response.created_at, before);
    const expected = [
      responseJson({ id: 1, user_id: ctx.staff.id, ticket_number: ticket.id, content: 'Hello', employee_response: 1, ip_address: '127.0.0.1', created_at: first.created_at, ...staffAuthor() }),
      responseJson({ id: 2, user_id: ctx.staff.id, ticket_number: ticket.id, content: 'Internal: VIP', is_note: 1, employee_response: 1, ip_address: '127.0.0.1', created_at: note.created_at, ...staffAuthor() }),
      responseJson({ id: 3, user_id: ctx.customerA.id, ticket_number: ticket.id, content: 'Thanks', ip_address: '127.0.0.1', created_at: third.created_at, ...authorA }),
    ];
    expectAnswer(await list(ticket.id), 200, { responses: expected });
    expectAnswer(await list(ticket.id, ctx.customerA.bearer), 200, { responses: [expected[0], expected[2]] });
  });

  it('the author is read live: a renamed customer shows its new name', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    await reply({ ticket_number: ticket.id, content: 'Hi' }, ctx.customerA.bearer);
    ctx.db.$client.prepare("update users set name = 'Christelle B.' where id = ?").run(ctx.customerA.id);
    expect((await list(ticket.id)).body.responses[0].user_name).toBe('Christelle B.');
  });

  it('404 No responses found for this ticket; a customer with only notes sees none', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    expectAnswer(await list(ticket.id), 404, NO_RESPONSES);
    await reply({ ticket_number: ticket.id, content: 'note', is_note: 1 });
    expect((await list(ticket.id)).body.responses).toHaveLength(1);
    expectAnswer(await list(ticket.id, ctx.customerA.bearer), 404, NO_RESPONSES);
  });

  it('404 Ticket not found: missing ticket, someone else’s ticket, bad ids', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    await reply({ ticket_number: ticket.id, content: 'Hello', employee_response: 1 });
    expectAnswer(await list(ticket.id, ctx.customerB.bearer), 404, NO_TICKET);
    for (const id of ['999', 'abc', '-1', '1e0', '99999999999999999999', '0']) expectAnswer(await list(id), 404, NO_TICKET);
  });

  it('model dates for created_at, null updated_at', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    await reply({ ticket_number: ticket.id, content: 'Hello', employee_response: 1 });
    const stored = ctx.db.$client.prepare('select created_at from responses where id = 1').get() as { created_at: string };
    expect((await list(ticket.id)).body.responses[0]).toMatchObject({ created_at: toModelDate(stored.created_at), updated_at: null });
  });
});

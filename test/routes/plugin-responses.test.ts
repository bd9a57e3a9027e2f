// POST responses/get (CONTRACT.md §5.3): the same answers as GET responses/get/{ticket_id}, notes for staff
// only, ownership between customers, and the documented 404s.
import { describe, expect, it } from 'vitest';
import { call, createTicket, CUSTOMER_A_PROFILE, type TestContext } from '../helpers.js';
import { AT_MODEL, expectWire, useFrozenTestApp } from '../support/frozen-wire.js';
import { invalid, responseJson, UNAUTHENTICATED } from '../support/wire.js';

let ctx: TestContext;
useFrozenTestApp((fresh) => (ctx = fresh));

const post = (headers: Record<string, string>, payload: unknown) =>
  call(ctx.app, { method: 'POST', url: '/api/responses/get', headers, payload: payload as Record<string, unknown> });
const response = (id: number, ticket: number, who: { id: number; name: string; email: string }, content: string, flags: { is_note?: number; employee_response?: number }) =>
  responseJson({ id, user_id: who.id, ticket_number: ticket, content, ip_address: '10.0.0.1', created_at: AT_MODEL, user_name: who.name, user_email: who.email, ...flags });

describe('POST /api/responses/get', () => {
  it('answers what GET answers: staff see notes, the owner does not', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const base = { ticketNumber: ticket.id, organize: 'ticket', ipAddress: '10.0.0.1' };
    ctx.repos.responses.create({ ...base, userId: ctx.staff.id, content: 'On it.', isNote: 0, employeeResponse: 1 });
    ctx.repos.responses.create({ ...base, userId: ctx.staff.id, content: 'Internal note.', isNote: 1, employeeResponse: 1 });
    ctx.repos.responses.create({ ...base, userId: ctx.customerA.id, content: 'Thanks!', isNote: 0, employeeResponse: 0 });
    const staff = { id: ctx.staff.id, name: 'Harry Marks', email: 'harry.marks@example.net' };
    const owner = { id: ctx.customerA.id, name: CUSTOMER_A_PROFILE.name, email: CUSTOMER_A_PROFILE.email };
    const first = response(1, ticket.id, staff, 'On it.', { employee_response: 1 });
    const note = response(2, ticket.id, staff, 'Internal note.', { is_note: 1, employee_response: 1 });
    const third = response(3, ticket.id, owner, 'Thanks!', {});

    const staffAnswer = await post(ctx.staff.basic, { ticket_id: ticket.id });
    expectWire(staffAnswer, 200, { responses: [first, note, third] });
    expect(staffAnswer.raw).toBe((await call(ctx.app, { method: 'GET', url: `/api/responses/get/${ticket.id}`, headers: ctx.staff.basic })).raw);

    const ownerAnswer = await call(ctx.app, {
      method: 'POST',
      url: '/api/responses/get',
      headers: { ...ctx.customerA.bearer, 'content-type': 'application/json' },
      payload: `ticket_id=${ticket.id}`,
    });
    expectWire(ownerAnswer, 200, { responses: [first, third] });
  });

  it('answers another customer’s ticket as not found', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    ctx.repos.responses.create({ ticketNumber: ticket.id, organize: 'ticket', ipAddress: '10.0.0.1', userId: ctx.customerA.id, content: 'Hi', isNote: 0, employeeResponse: 0 });
    expectWire(await post(ctx.customerB.bearer, { ticket_id: ticket.id }), 404, { error: 'Ticket not found' });
  });

  it('answers the documented 404s for a missing ticket and a ticket without responses', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    expectWire(await post(ctx.staff.basic, { ticket_id: 404 }), 404, { error: 'Ticket not found' });
    expectWire(await post(ctx.customerA.bearer, { ticket_id: String(ticket.id) }), 404, { error: 'No responses found for this ticket.' });
  });

  it('answers 422 without an integer ticket_id, and 401 without credentials', async () => {
    expectWire(await post(ctx.staff.basic, {}), 422, invalid('ticket_id', 'The ticket id field is required.'));
    expectWire(await post(ctx.staff.basic, { ticket_id: 'one' }), 422, invalid('ticket_id', 'The ticket id field must be an integer.'));
    expectWire(await post({}, { ticket_id: 1 }), 401, UNAUTHENTICATED);
  });
});

describe('GET /api/realtime/config', () => {
  it('says realtime is off, to staff and customers alike', async () => {
    expectWire(await call(ctx.app, { method: 'GET', url: '/api/realtime/config', headers: ctx.staff.basic }), 200, { enabled: false });
    expectWire(await call(ctx.app, { method: 'GET', url: '//api/realtime/config/', headers: ctx.customerA.bearer }), 200, { enabled: false });
  });

  it('needs credentials', async () => {
    expectWire(await call(ctx.app, { method: 'GET', url: '/api/realtime/config' }), 401, UNAUTHENTICATED);
  });
});

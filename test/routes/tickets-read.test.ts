// GET /api/tickets/get/{id}/{ticket_id} (joined form), GET /api/tickets/get/all/{ticaga_id} (list form),
// POST /api/tickets/close.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createTicket, CUSTOMER_A_PROFILE, snapshot, type TestContext } from '../helpers.js';
import { createSettledTestApp } from '../support/app.js';
import {
  expectAnswer,
  expectInvalid,
  expectPlainDateSince,
  joinedTicketJson,
  NO_TICKET_FOR_USER,
  plainNow,
  TEST_DEPARTMENTS,
  ticketJson,
  toModelDate,
  type TicketValues,
} from '../support/wire.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createSettledTestApp();
});
afterEach(() => ctx.close());

const get = (url: string, headers: Record<string, string> = ctx.staff.basic) => call(ctx.app, { method: 'GET', url, headers });
const close = (payload: Record<string, unknown>, headers: Record<string, string> = ctx.staff.basic) =>
  call(ctx.app, { method: 'POST', url: '/api/tickets/close', headers, payload });

/** What a stored ticket row must look like on the wire (values from the row, formats by hand). */
function values(id: number): TicketValues {
  const row = ctx.repos.tickets.findById(id)!;
  return {
    id: row.id,
    user_id: row.userId ?? 0,
    subject: row.subject,
    message: row.message,
    status: row.status,
    priority: row.priority,
    department_id: row.departmentId,
    ip_address: row.ipAddress,
    public_hash: row.publicHash,
    public_name: row.publicName,
    public_email: row.publicEmail,
    date_closed: row.dateClosed,
    updated_by_client_at: row.updatedByClientAt,
    first_employee_reply: row.firstEmployeeReply,
    created_at: toModelDate(row.createdAt),
    updated_at: row.updatedAt === null ? null : toModelDate(row.updatedAt),
  };
}


describe('GET /api/tickets/get/{id}/{ticket_id}', () => {
  it('answers the joined form: ticket, department, customer', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    expectAnswer(await get(`/api/tickets/get/${ctx.customerA.id}/${ticket.id}`), 200, {
      tickets: joinedTicketJson(values(ticket.id), TEST_DEPARTMENTS.support, CUSTOMER_A_PROFILE),
    });
  });

  it('the customer reads its own ticket the same way', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id, { departmentId: 3 });
    expectAnswer(await get(`/api/tickets/get/${ctx.customerA.id}/${ticket.id}`, ctx.customerA.bearer), 200, {
      tickets: joinedTicketJson(values(ticket.id), TEST_DEPARTMENTS.billing, CUSTOMER_A_PROFILE),
    });
  });

  it('404 No tickets found for this user: missing ticket, wrong owner, guest ticket, bad ids', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const guest = createTicket(ctx.repos, null, { publicEmail: 'g@example.com', departmentId: 1 });
    const a = ctx.customerA.id;
    for (const url of [
      `/api/tickets/get/${a}/999`,
      `/api/tickets/get/${ctx.customerB.id}/${ticket.id}`,
      `/api/tickets/get/0/${guest.id}`,
      `/api/tickets/get/0/${ticket.id}`,
      `/api/tickets/get/999/${ticket.id}`,
      `/api/tickets/get/abc/${ticket.id}`,
      `/api/tickets/get/${a}/abc`,
      `/api/tickets/get/${a}/-1`,
      `/api/tickets/get/${a}/1e0`,
      `/api/tickets/get/${a}/99999999999999999999`,
    ]) {
      expectAnswer(await get(url), 404, NO_TICKET_FOR_USER);
    }
  });
});

describe('GET /api/tickets/get/all/{ticaga_id}', () => {
  it('lists a customer’s tickets in list form, by id, and nobody else’s', async () => {
    const first = createTicket(ctx.repos, ctx.customerA.id);
    createTicket(ctx.repos, ctx.customerB.id);
    createTicket(ctx.repos, null, { publicEmail: 'g@example.com', departmentId: 1 });
    const second = createTicket(ctx.repos, ctx.customerA.id, { subject: 'Second', priority: 'low' });
    const expected = { tickets: [ticketJson(values(first.id)), ticketJson(values(second.id))] };
    expectAnswer(await get(`/api/tickets/get/all/${ctx.customerA.id}`), 200, expected);
    expectAnswer(await get(`/api/tickets/get/all/${ctx.customerA.id}`, ctx.customerA.bearer), 200, expected);
  });

  it('answers {"tickets":[]} when there are none, for missing customers, guests (0) and bad ids', async () => {
    createTicket(ctx.repos, null, { publicEmail: 'g@example.com', departmentId: 1 });
    for (const id of [String(ctx.customerB.id), '999', '0', 'abc', '-1', '1e3', '99999999999999999999']) {
      expectAnswer(await get(`/api/tickets/get/all/${id}`), 200, { tickets: [] });
    }
  });
});

describe('POST /api/tickets/close', () => {
  it('closes the ticket: {"id":N}, status closed, date_closed set, updated_at moves', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const before = plainNow();
    expectAnswer(await close({ customer_id: ctx.customerA.id, ticket_id: ticket.id }), 200, { id: ticket.id });
    const read = (await get(`/api/tickets/get/${ctx.customerA.id}/${ticket.id}`)).body.tickets;
    const closedAt = expectPlainDateSince(read.date_closed, before);
    expect(read).toEqual(
      joinedTicketJson({ ...values(ticket.id), status: 'closed', date_closed: closedAt, updated_at: toModelDate(closedAt) }, TEST_DEPARTMENTS.support, CUSTOMER_A_PROFILE),
    );
  });

  it('closing twice is not an error and keeps the first date_closed', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const payload = { customer_id: ctx.customerA.id, ticket_id: ticket.id };
    await close(payload);
    ctx.db.$client.prepare("update tickets set date_closed = '2025-01-02 03:04:05', updated_at = '2025-01-02 03:04:05' where id = ?").run(ticket.id);
    const before = snapshot(ctx.db);
    expectAnswer(await close(payload), 200, { id: ticket.id });
    expectAnswer(await close(payload, ctx.customerA.bearer), 200, { id: ticket.id });
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('a customer closes its own ticket; form-encoded numeric strings work', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const answer = await call(ctx.app, {
      method: 'POST',
      url: '/api/tickets/close',
      headers: { ...ctx.customerA.bearer, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `customer_id=${ctx.customerA.id}&ticket_id=${ticket.id}`,
    });
    expectAnswer(answer, 200, { id: ticket.id });
    expect(ctx.repos.tickets.findById(ticket.id)!.status).toBe('closed');
  });

  it('404 No tickets found for this user when missing or not the customer’s; nothing written', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const guest = createTicket(ctx.repos, null, { publicEmail: 'g@example.com', departmentId: 1 });
    const before = snapshot(ctx.db);
    for (const payload of [
      { customer_id: ctx.customerA.id, ticket_id: 999 },
      { customer_id: ctx.customerB.id, ticket_id: ticket.id },
      { customer_id: 999, ticket_id: ticket.id },
      { customer_id: 0, ticket_id: guest.id },
      { customer_id: 0, ticket_id: ticket.id },
    ]) {
      expectAnswer(await close(payload), 404, NO_TICKET_FOR_USER);
    }
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('422 for missing or non-integer fields; nothing written', async () => {
    const before = snapshot(ctx.db);
    expectInvalid(await close({}), { customer_id: ['The customer id field is required.'], ticket_id: ['The ticket id field is required.'] });
    expectInvalid(await close({ customer_id: 'abc', ticket_id: 1.5 }), {
      customer_id: ['The customer id field must be an integer.'],
      ticket_id: ['The ticket id field must be an integer.'],
    });
    expectInvalid(await close({ customer_id: -1, ticket_id: '1e3' }), {
      customer_id: ['The customer id field must be at least 0.'],
      ticket_id: ['The ticket id field must be an integer.'],
    });
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

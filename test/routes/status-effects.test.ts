// What replies and closing do to a ticket (CONTRACT.md §5.3): customer replies reopen, staff replies await
// the customer, notes change nothing, closing twice keeps the first date.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createTicket, snapshot, type TestContext } from '../helpers.js';
import { createSettledTestApp } from '../support/app.js';
import { expectPlainDateSince, plainNow, toModelDate } from '../support/wire.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createSettledTestApp();
});
afterEach(() => ctx.close());

const OLD = '2024-05-06 07:08:09';

const reply = (payload: Record<string, unknown>, headers: Record<string, string> = ctx.staff.basic) =>
  call(ctx.app, { method: 'POST', url: '/api/responses/create', headers, payload });
const close = (ticketId: number) =>
  call(ctx.app, { method: 'POST', url: '/api/tickets/close', headers: ctx.staff.basic, payload: { customer_id: ctx.customerA.id, ticket_id: ticketId } });
const read = async (ticketId: number) =>
  (await call(ctx.app, { method: 'GET', url: `/api/tickets/get/${ctx.customerA.id}/${ticketId}`, headers: ctx.staff.basic })).body.tickets;

/** A ticket of customer A whose dates are all in the past, so any change shows. */
function oldTicket(status = 'open') {
  const ticket = createTicket(ctx.repos, ctx.customerA.id);
  ctx.db.$client
    .prepare('update tickets set status = ?, created_at = ?, updated_by_client_at = ?, date_closed = ?, updated_at = ? where id = ?')
    .run(status, OLD, OLD, status === 'closed' ? OLD : null, OLD, ticket.id);
  return ticket.id;
}

const statusFields = (ticket: Record<string, unknown>) => ({
  status: ticket.status,
  date_closed: ticket.date_closed,
  updated_by_client_at: ticket.updated_by_client_at,
  first_employee_reply: ticket.first_employee_reply,
  updated_at: ticket.updated_at,
});

describe('customer replies', () => {
  it('set updated_by_client_at and status open', async () => {
    const id = oldTicket('awaiting_reply');
    const before = plainNow();
    expect((await reply({ ticket_number: id, content: 'Any news?' }, ctx.customerA.bearer)).status).toBe(200);
    const ticket = await read(id);
    const stamp = expectPlainDateSince(ticket.updated_by_client_at, before);
    expect(statusFields(ticket)).toEqual({
      status: 'open',
      date_closed: null,
      updated_by_client_at: stamp,
      first_employee_reply: null,
      updated_at: toModelDate(stamp),
    });
  });

  it('reopen a closed ticket and clear date_closed (also when staff posts it for the customer)', async () => {
    for (const headers of [ctx.customerA.bearer, ctx.staff.basic]) {
      const id = oldTicket('closed');
      expect((await read(id)).date_closed).toBe(OLD);
      const before = plainNow();
      await reply({ ticket_number: id, content: 'It broke again', user_id: ctx.customerA.id }, headers);
      const ticket = await read(id);
      expect(ticket.status).toBe('open');
      expect(ticket.date_closed).toBeNull();
      expectPlainDateSince(ticket.updated_by_client_at, before);
    }
  });
});

describe('staff replies', () => {
  it('set awaiting_reply and first_employee_reply, once', async () => {
    const id = oldTicket();
    const before = plainNow();
    await reply({ ticket_number: id, content: 'Looking', employee_response: 1 });
    const first = await read(id);
    const firstReply = expectPlainDateSince(first.first_employee_reply, before);
    expect(statusFields(first)).toEqual({
      status: 'awaiting_reply',
      date_closed: null,
      updated_by_client_at: OLD,
      first_employee_reply: firstReply,
      updated_at: toModelDate(firstReply),
    });

    ctx.db.$client.prepare('update tickets set first_employee_reply = ?, status = ? where id = ?').run(OLD, 'in_progress', id);
    await reply({ ticket_number: id, content: 'Fixed', employee_response: 'true' });
    const second = await read(id);
    expect(second.first_employee_reply).toBe(OLD);
    expect(second.status).toBe('awaiting_reply');
  });

  it('on a closed ticket, move it to awaiting_reply and clear date_closed (it is no longer closed)', async () => {
    const id = oldTicket('closed');
    const before = plainNow();
    expect((await reply({ ticket_number: id, content: 'Reopening for you', employee_response: 1 })).status).toBe(200);
    const ticket = await read(id);
    const stamp = expectPlainDateSince(ticket.first_employee_reply, before);
    expect(statusFields(ticket)).toEqual({
      status: 'awaiting_reply',
      date_closed: null,
      updated_by_client_at: OLD,
      first_employee_reply: stamp,
      updated_at: toModelDate(stamp),
    });
  });

  it('a customer reply after a staff reply makes it open again and keeps first_employee_reply', async () => {
    const id = oldTicket();
    await reply({ ticket_number: id, content: 'Looking', employee_response: 1 });
    const firstReply = (await read(id)).first_employee_reply;
    await reply({ ticket_number: id, content: 'Thanks' }, ctx.customerA.bearer);
    const ticket = await read(id);
    expect({ status: ticket.status, first_employee_reply: ticket.first_employee_reply }).toEqual({ status: 'open', first_employee_reply: firstReply });
  });
});

describe('notes', () => {
  it('change nothing on the ticket, whoever they claim to be from', async () => {
    for (const note of [
      { is_note: 1 },
      { is_note: 1, employee_response: 1 },
      { is_note: '1', employee_response: 0 },
    ]) {
      const id = oldTicket('closed');
      const before = snapshot(ctx.db).tickets;
      expect((await reply({ ticket_number: id, content: 'Internal', ...note })).status).toBe(200);
      expect(snapshot(ctx.db).tickets).toEqual(before);
    }
  });

  it('are hidden from the customer', async () => {
    const id = oldTicket();
    await reply({ ticket_number: id, content: 'Visible', employee_response: 1 });
    await reply({ ticket_number: id, content: 'Secret', is_note: 1 });
    const seen = await call(ctx.app, { method: 'GET', url: `/api/responses/get/${id}`, headers: ctx.customerA.bearer });
    expect(seen.body.responses.map((response: { content: string }) => response.content)).toEqual(['Visible']);
  });

  it('a customer cannot write notes or staff replies (403), and nothing is written', async () => {
    const id = oldTicket();
    const before = snapshot(ctx.db);
    for (const flags of [{ is_note: 1 }, { employee_response: 1 }]) {
      const answer = await reply({ ticket_number: id, content: 'x', ...flags }, ctx.customerA.bearer);
      expect({ status: answer.status, body: answer.body }).toEqual({ status: 403, body: { message: 'This action is unauthorized.' } });
    }
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

describe('closing', () => {
  it('twice is not an error and keeps the first date_closed', async () => {
    const id = oldTicket();
    const before = plainNow();
    expect((await close(id)).body).toEqual({ id });
    const firstClosed = expectPlainDateSince((await read(id)).date_closed, before);
    ctx.db.$client.prepare('update tickets set date_closed = ? where id = ?').run(OLD, id);
    expect((await close(id)).body).toEqual({ id });
    const ticket = await read(id);
    expect({ status: ticket.status, date_closed: ticket.date_closed }).toEqual({ status: 'closed', date_closed: OLD });
    expect(firstClosed >= before).toBe(true);
  });
});

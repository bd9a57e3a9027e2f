// The write paths the benchmark drives, as prepared statements: a new ticket's stored fields, and what a
// customer reply, a staff reply and a note do to their ticket, all in one transaction.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestApp, createTicket, snapshot, type TestContext } from '../helpers.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(async () => {
  vi.useRealTimers();
  await ctx.close();
});

const at = (iso: string) => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
};
const reply = (ticketNumber: number, userId: number | null, flags: { isNote?: number; employeeResponse?: number } = {}) =>
  ctx.repos.responses.create({ ticketNumber, userId, content: 'Hello', organize: 'ticket', isNote: flags.isNote ?? 0, employeeResponse: flags.employeeResponse ?? 0, ipAddress: '10.0.0.9' });

describe('tickets.create', () => {
  it('stores what it is given, open, unrated, with a fresh public hash and the client stamp', () => {
    at('2031-02-03T04:05:06Z');
    const row = createTicket(ctx.repos, ctx.customerA.id, { cc: 'a@example.com', assigned: ctx.staff.id, customFields: '{"domain":"example.com"}' });
    expect(row).toEqual({
      id: row.id,
      userId: ctx.customerA.id,
      subject: 'Vitae provident aspernatur minima eum sunt.',
      message: 'Ullam minima est ut ipsa iusto impedit.',
      status: 'open',
      priority: 'medium',
      cc: 'a@example.com',
      assigned: ctx.staff.id,
      departmentId: 2,
      rating: 0,
      ipAddress: '81.9.172.148',
      publicHash: expect.stringMatching(/^[A-Za-z0-9]{20}$/),
      publicName: null,
      publicEmail: null,
      organize: 'ticket',
      customFields: '{"domain":"example.com"}',
      dateClosed: null,
      updatedByClientAt: '2031-02-03 04:05:06',
      firstEmployeeReply: null,
      createdAt: '2031-02-03 04:05:06',
      updatedAt: null,
    });
    expect(ctx.repos.tickets.findById(row.id)).toEqual(row);
    expect(createTicket(ctx.repos, null, { publicEmail: 'g@example.com' }).publicHash).not.toBe(row.publicHash);
  });
});

describe('responses.create', () => {
  it('a customer reply reopens a closed ticket and stamps it', () => {
    at('2031-01-01T00:00:00Z');
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    ctx.repos.tickets.close(ticket.id);
    at('2031-01-02T10:00:00Z');
    const row = reply(ticket.id, ctx.customerA.id);
    expect(row).toEqual({ id: row.id, userId: ctx.customerA.id, ticketNumber: ticket.id, content: 'Hello', organize: 'ticket', isNote: 0, employeeResponse: 0, ipAddress: '10.0.0.9', createdAt: '2031-01-02 10:00:00', updatedAt: null });
    expect(ctx.repos.tickets.findById(ticket.id)).toMatchObject({ status: 'open', dateClosed: null, updatedByClientAt: '2031-01-02 10:00:00', updatedAt: '2031-01-02 10:00:00' });
  });

  it('a staff reply sets awaiting_reply, and first_employee_reply only the first time', () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    at('2031-03-01T08:00:00Z');
    reply(ticket.id, ctx.staff.id, { employeeResponse: 1 });
    expect(ctx.repos.tickets.findById(ticket.id)).toMatchObject({ status: 'awaiting_reply', firstEmployeeReply: '2031-03-01 08:00:00', updatedAt: '2031-03-01 08:00:00' });
    at('2031-03-02T09:00:00Z');
    reply(ticket.id, ctx.staff.id, { employeeResponse: 1 });
    expect(ctx.repos.tickets.findById(ticket.id)).toMatchObject({ status: 'awaiting_reply', firstEmployeeReply: '2031-03-01 08:00:00', updatedAt: '2031-03-02 09:00:00' });
  });

  it('a note leaves its ticket exactly as it was', () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const before = ctx.repos.tickets.findById(ticket.id);
    reply(ticket.id, ctx.staff.id, { isNote: 1, employeeResponse: 1 });
    expect(ctx.repos.tickets.findById(ticket.id)).toEqual(before);
  });

  it('writes nothing when the insert fails', () => {
    const before = snapshot(ctx.db);
    expect(() => reply(999_999, ctx.customerA.id)).toThrow(/FOREIGN KEY/);
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

describe('users.hasStaff', () => {
  it('is true with a staff member, false with only customers', () => {
    expect(ctx.repos.users.hasStaff()).toBe(true);
    ctx.db.$client.prepare("update users set role = 'customer'").run();
    expect(ctx.repos.users.hasStaff()).toBe(false);
  });
});

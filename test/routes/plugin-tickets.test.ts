// POST tickets/get, POST tickets/info and POST tickets/rate (CONTRACT.md §5.3): whole answers, every
// documented error, ownership between customers A and B, and nothing written on a rejected request.
import { describe, expect, it } from 'vitest';
import { call, createTicket, CUSTOMER_A_PROFILE, snapshot, type TestContext } from '../helpers.js';
import { AT_MODEL, expectWire, joinedTicketJson, readOnlyBasic, settledSnapshot, ticketJson, useFrozenTestApp } from '../support/frozen-wire.js';
import { FORBIDDEN, invalid, NO_TICKET_FOR_USER, UNAUTHENTICATED } from '../support/wire.js';

let ctx: TestContext;
useFrozenTestApp((fresh) => (ctx = fresh));

const post = (url: string, headers: Record<string, string>, payload: unknown) =>
  call(ctx.app, { method: 'POST', url, headers, payload: payload as Record<string, unknown> });

describe('POST /api/tickets/get', () => {
  it('answers exactly what GET tickets/get/{id}/{ticket_id} answers, for `id` and for `client_id`', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const expected = { tickets: joinedTicketJson({ id: ticket.id, user_id: ctx.customerA.id, public_hash: ticket.publicHash }, CUSTOMER_A_PROFILE) };
    const viaGet = await call(ctx.app, { method: 'GET', url: `/api/tickets/get/${ctx.customerA.id}/${ticket.id}`, headers: ctx.staff.basic });
    expectWire(viaGet, 200, expected);
    expectWire(await post('/api/tickets/get', ctx.staff.basic, { id: ctx.customerA.id, ticket_id: ticket.id }), 200, expected);
    // Older plugins: form-encoded behind a JSON content type, owner as client_id, numbers as strings.
    const form = await call(ctx.app, {
      method: 'POST',
      url: '/api/tickets/get',
      headers: { ...ctx.staff.basic, 'content-type': 'application/json' },
      payload: `client_id=${ctx.customerA.id}&ticket_id=${ticket.id}`,
    });
    expectWire(form, 200, expected);
  });

  it('lets a customer read its own ticket and nobody else’s', async () => {
    const mine = createTicket(ctx.repos, ctx.customerA.id);
    const theirs = createTicket(ctx.repos, ctx.customerB.id);
    expectWire(
      await post('/api/tickets/get', ctx.customerA.bearer, { id: ctx.customerA.id, ticket_id: mine.id }),
      200,
      { tickets: joinedTicketJson({ id: mine.id, user_id: ctx.customerA.id, public_hash: mine.publicHash }, CUSTOMER_A_PROFILE) },
    );
    expectWire(await post('/api/tickets/get', ctx.customerA.bearer, { id: ctx.customerB.id, ticket_id: theirs.id }), 404, NO_TICKET_FOR_USER);
    expectWire(await post('/api/tickets/get', ctx.customerA.bearer, { id: ctx.customerA.id, ticket_id: theirs.id }), 404, NO_TICKET_FOR_USER);
    expectWire(await post('/api/tickets/get', ctx.customerB.bearer, { client_id: ctx.customerA.id, ticket_id: mine.id }), 404, NO_TICKET_FOR_USER);
  });

  it('answers 404 for a wrong owner, a guest ticket, or a missing ticket', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const guest = createTicket(ctx.repos, null, { publicName: 'Guest', publicEmail: 'guest@example.org', departmentId: 1 });
    expectWire(await post('/api/tickets/get', ctx.staff.basic, { id: ctx.customerB.id, ticket_id: ticket.id }), 404, NO_TICKET_FOR_USER);
    expectWire(await post('/api/tickets/get', ctx.staff.basic, { id: 0, ticket_id: guest.id }), 404, NO_TICKET_FOR_USER);
    expectWire(await post('/api/tickets/get', ctx.staff.basic, { id: ctx.customerA.id, ticket_id: 999 }), 404, NO_TICKET_FOR_USER);
  });

  it('answers 422 for a missing ticket_id, a missing owner, or a non-integer', async () => {
    expectWire(await post('/api/tickets/get', ctx.staff.basic, { id: 2 }), 422, invalid('ticket_id', 'The ticket id field is required.'));
    expectWire(
      await post('/api/tickets/get', ctx.staff.basic, { ticket_id: 1 }),
      422,
      invalid('id', 'The id field is required when client id is not present.'),
    );
    expectWire(await post('/api/tickets/get', ctx.staff.basic, { id: 'two', ticket_id: 1 }), 422, invalid('id', 'The id field must be an integer.'));
  });

  it('needs credentials', async () => {
    expectWire(await post('/api/tickets/get', {}, { id: 2, ticket_id: 1 }), 401, UNAUTHENTICATED);
  });
});

describe('POST /api/tickets/info', () => {
  it('gives staff any ticket in the joined form, guest tickets included', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const guest = createTicket(ctx.repos, null, { publicName: 'Guest Person', publicEmail: 'guest@example.org', departmentId: 1 });
    expectWire(await post('/api/tickets/info', ctx.staff.basic, { ticket_id: String(ticket.id) }), 200, {
      tickets: joinedTicketJson({ id: ticket.id, user_id: ctx.customerA.id, public_hash: ticket.publicHash }, CUSTOMER_A_PROFILE),
    });
    expectWire(await post('/api/tickets/info', ctx.staff.basic, { ticket_id: guest.id }), 200, {
      tickets: joinedTicketJson(
        { id: guest.id, user_id: 0, public_hash: guest.publicHash, department_id: 1, public_name: 'Guest Person', public_email: 'guest@example.org' },
        { name: 'Guest Person', email: 'guest@example.org', company: null },
      ),
    });
  });

  it('works with a read-only token', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    expect((await post('/api/tickets/info', readOnlyBasic(ctx), { ticket_id: ticket.id })).status).toBe(200);
  });

  it('answers 404 "Ticket not found" for a missing ticket', async () => {
    expectWire(await post('/api/tickets/info', ctx.staff.basic, { ticket_id: 42 }), 404, { error: 'Ticket not found' });
  });

  it('is staff only: a customer gets 403 even for its own ticket', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    expectWire(await post('/api/tickets/info', ctx.customerA.bearer, { ticket_id: ticket.id }), 403, FORBIDDEN);
    expectWire(await post('/api/tickets/info', {}, { ticket_id: ticket.id }), 401, UNAUTHENTICATED);
  });

  it('answers 422 without a ticket_id', async () => {
    expectWire(await post('/api/tickets/info', ctx.staff.basic, {}), 422, invalid('ticket_id', 'The ticket id field is required.'));
    expectWire(await post('/api/tickets/info', ctx.staff.basic, { ticket_id: '1x' }), 422, invalid('ticket_id', 'The ticket id field must be an integer.'));
  });
});

describe('POST /api/tickets/rate', () => {
  it('lets a customer rate its own ticket; the rating then reads back as a string', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    expectWire(await post('/api/tickets/rate', ctx.customerA.bearer, { ticket_id: ticket.id, customer_id: ctx.customerA.id, rating: 4 }), 200, { id: ticket.id });
    const list = await call(ctx.app, { method: 'GET', url: `/api/tickets/get/all/${ctx.customerA.id}`, headers: ctx.customerA.bearer });
    expectWire(list, 200, { tickets: [ticketJson({ id: ticket.id, user_id: ctx.customerA.id, public_hash: ticket.publicHash, rating: '4', updated_at: AT_MODEL })] });
  });

  it('lets staff rate for the customer, with form-encoded PHP strings, including 0 and 5', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    for (const rating of ['5', '0']) {
      const answer = await call(ctx.app, {
        method: 'POST',
        url: '/api/tickets/rate',
        headers: ctx.staff.basic,
        payload: `ticket_id=${ticket.id}&customer_id=${ctx.customerA.id}&rating=${rating}`,
      });
      expectWire(answer, 200, { id: ticket.id });
      expect(ctx.repos.tickets.findById(ticket.id)?.rating).toBe(Number(rating));
    }
  });

  it('answers 404 and writes nothing when the ticket is someone else’s, a guest’s or missing', async () => {
    const theirs = createTicket(ctx.repos, ctx.customerB.id);
    const guest = createTicket(ctx.repos, null, { publicName: 'Guest', publicEmail: 'guest@example.org', departmentId: 1 });
    const before = await settledSnapshot(ctx);
    const attempts: [Record<string, string>, Record<string, unknown>][] = [
      [ctx.customerA.bearer, { ticket_id: theirs.id, customer_id: ctx.customerB.id, rating: 1 }],
      [ctx.customerA.bearer, { ticket_id: theirs.id, customer_id: ctx.customerA.id, rating: 1 }],
      [ctx.staff.basic, { ticket_id: theirs.id, customer_id: ctx.customerA.id, rating: 1 }],
      [ctx.staff.basic, { ticket_id: guest.id, customer_id: 0, rating: 1 }],
      [ctx.staff.basic, { ticket_id: 999, customer_id: ctx.customerB.id, rating: 1 }],
    ];
    for (const [headers, body] of attempts) expectWire(await post('/api/tickets/rate', headers, body), 404, NO_TICKET_FOR_USER);
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('answers 422 for a rating outside 0..5 or missing fields, and writes nothing', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const before = await settledSnapshot(ctx);
    const base = { ticket_id: ticket.id, customer_id: ctx.customerA.id };
    expectWire(await post('/api/tickets/rate', ctx.staff.basic, { ...base, rating: 6 }), 422, invalid('rating', 'The rating field must not be greater than 5.'));
    expectWire(await post('/api/tickets/rate', ctx.staff.basic, { ...base, rating: '-1' }), 422, invalid('rating', 'The rating field must be at least 0.'));
    expectWire(await post('/api/tickets/rate', ctx.staff.basic, { ...base, rating: 'five' }), 422, invalid('rating', 'The rating field must be an integer.'));
    expectWire(await post('/api/tickets/rate', ctx.staff.basic, { ...base, rating: 2.5 }), 422, invalid('rating', 'The rating field must be an integer.'));
    expectWire(await post('/api/tickets/rate', ctx.staff.basic, base), 422, invalid('rating', 'The rating field is required.'));
    expectWire(await post('/api/tickets/rate', ctx.staff.basic, { ticket_id: ticket.id, rating: 3 }), 422, invalid('customer_id', 'The customer id field is required.'));
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('refuses a read-only token and anonymous callers without writing', async () => {
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const before = await settledSnapshot(ctx);
    const body = { ticket_id: ticket.id, customer_id: ctx.customerA.id, rating: 3 };
    expectWire(await post('/api/tickets/rate', readOnlyBasic(ctx), body), 403, FORBIDDEN);
    expectWire(await post('/api/tickets/rate', {}, body), 401, UNAUTHENTICATED);
    // The read-only token itself was added above; nothing else changed.
    expect(snapshot(ctx.db).tickets).toEqual(before.tickets);
  });
});

describe('GET /api/tickets/countbystatus/{status}', () => {
  const count = (status: string, headers: Record<string, string>) =>
    call(ctx.app, { method: 'GET', url: `/api/tickets/countbystatus/${status}`, headers });

  it('counts every ticket for staff and only its own for a customer', async () => {
    createTicket(ctx.repos, ctx.customerA.id);
    createTicket(ctx.repos, ctx.customerA.id);
    createTicket(ctx.repos, ctx.customerB.id);
    createTicket(ctx.repos, null, { publicName: 'Guest', publicEmail: 'guest@example.org', departmentId: 1 });
    const closed = createTicket(ctx.repos, ctx.customerB.id);
    ctx.repos.tickets.close(closed.id);
    expectWire(await count('open', ctx.staff.basic), 200, { count: 4 });
    expectWire(await count('closed', ctx.staff.basic), 200, { count: 1 });
    expectWire(await count('open', ctx.customerA.bearer), 200, { count: 2 });
    expectWire(await count('closed', ctx.customerA.bearer), 200, { count: 0 });
    expectWire(await count('open', ctx.customerB.bearer), 200, { count: 1 });
    expectWire(await count('closed', ctx.customerB.bearer), 200, { count: 1 });
  });

  it('ignores case, and counts 0 for a status this server does not know', async () => {
    createTicket(ctx.repos, ctx.customerA.id);
    expectWire(await count('OPEN', ctx.staff.basic), 200, { count: 1 });
    expectWire(await count('awaiting_reply', ctx.staff.basic), 200, { count: 0 });
    expectWire(await count('trash', ctx.staff.basic), 200, { count: 0 });
    expectWire(await count('not_closed', ctx.customerA.bearer), 200, { count: 0 });
    expectWire(await count('open@example.com', ctx.staff.basic), 200, { count: 0 });
  });

  it('needs credentials', async () => {
    expectWire(await count('open', {}), 401, UNAUTHENTICATED);
  });
});

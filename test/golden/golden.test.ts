// Golden tests: the docs' own example objects (hand-copied into test/golden/*.json) against our answers for
// the same data. Same keys, same order, same JSON type per key, and the same values wherever a value is not
// an id, a date or a random hash.
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createStaff, createTestApp, MODEL_DATE, PLAIN_DATE, type TestContext } from '../helpers.js';
import { expectAnswer, jsonShape, PUBLIC_HASH } from '../support/wire.js';

const golden = (name: string) => JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8'));
const userDoc = golden('user');
const joinedDoc = golden('ticket-joined');
const listDoc = golden('ticket-list');
const responsesDoc = golden('responses');
const closeDoc = golden('close');
const errorsDoc = golden('errors');

let ctx: TestContext;
let docsStaff: { id: number; basic: Record<string, string> };
beforeEach(async () => {
  ctx = await createTestApp();
  // The docs' responses are written by "Harry Marks" <charles.renner@example.net>.
  docsStaff = createStaff(ctx.repos, { email: 'charles.renner@example.net', name: 'Harry Marks' });
});
afterEach(() => ctx.close());

const post = (url: string, payload: Record<string, unknown>, headers = docsStaff.basic) =>
  call(ctx.app, { method: 'POST', url, headers, payload });
const get = (url: string, headers: Record<string, string> = docsStaff.basic) => call(ctx.app, { method: 'GET', url, headers });

/** The docs' ticket #2, opened for customer A (the docs' "Prof. Christelle Bechtelar"). */
async function openDocsTicket() {
  const doc = listDoc.tickets[0];
  const opened = await post('/api/tickets/create', {
    customer_id: ctx.customerA.id,
    subject: doc.subject,
    message: doc.message,
    priority: doc.priority,
    department_id: doc.department_id,
    ip_address: doc.ip_address,
  });
  expect(opened.status).toBe(200);
  return opened.body.id.id as number;
}

describe('golden: the docs examples', () => {
  it('user (Login, Customer Information): customers/get answers the docs object for Joe Doe', async () => {
    const answer = await get(`/api/customers/get/${ctx.customerB.id}`);
    const user = answer.body.user;
    expect(jsonShape(user)).toEqual(jsonShape(userDoc.user));
    expect(user.created_at).toMatch(MODEL_DATE);
    expect(user.updated_at).toMatch(MODEL_DATE);
    expectAnswer(answer, 200, { user: { ...userDoc.user, id: ctx.customerB.id, created_at: user.created_at, updated_at: user.updated_at } });
  });

  it('user (Login): the login answer starts with the docs object', async () => {
    const answer = await post('/api/login', { email: 'joedoe@example.com', password: ctx.customerB.password }, ctx.staff.basic);
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(['user', 'token', 'token_type', 'expires_in']);
    expect(jsonShape(answer.body.user)).toEqual(jsonShape(userDoc.user));
    const { id, created_at, updated_at } = answer.body.user;
    expect(answer.body.user).toEqual({ ...userDoc.user, id, created_at, updated_at });
  });

  it('ticket, joined form (Grab a Ticket)', async () => {
    const ticketId = await openDocsTicket();
    const answer = await get(`/api/tickets/get/${ctx.customerA.id}/${ticketId}`);
    const ticket = answer.body.tickets;
    expect(Object.keys(answer.body)).toEqual(['tickets']);
    expect(jsonShape(ticket)).toEqual(jsonShape(joinedDoc.tickets));
    expect(ticket.public_hash).toMatch(PUBLIC_HASH);
    expect(ticket.created_at).toMatch(MODEL_DATE);
    expect(ticket.updated_by_client_at).toMatch(PLAIN_DATE);
    expect(ticket.ticket_created).toBe(ticket.updated_by_client_at);
    expect(ticket.created_at).toBe(`${ticket.ticket_created.replace(' ', 'T')}.000000Z`);
    expectAnswer(answer, 200, {
      tickets: {
        ...joinedDoc.tickets,
        id: ticketId,
        user_id: ctx.customerA.id,
        public_hash: ticket.public_hash,
        updated_by_client_at: ticket.updated_by_client_at,
        created_at: ticket.created_at,
        ticket_id: ticketId,
        ticket_created: ticket.ticket_created,
      },
    });
  });

  it('ticket, list form (Tickets)', async () => {
    const ticketId = await openDocsTicket();
    const answer = await get(`/api/tickets/get/all/${ctx.customerA.id}`);
    const [ticket] = answer.body.tickets;
    expect(answer.body.tickets).toHaveLength(1);
    expect(jsonShape(ticket)).toEqual(jsonShape(listDoc.tickets[0]));
    expect(ticket.public_hash).toMatch(PUBLIC_HASH);
    expect(ticket.created_at).toMatch(MODEL_DATE);
    expect(ticket.updated_by_client_at).toMatch(PLAIN_DATE);
    expectAnswer(answer, 200, {
      tickets: [
        {
          ...listDoc.tickets[0],
          id: ticketId,
          user_id: ctx.customerA.id,
          public_hash: ticket.public_hash,
          updated_by_client_at: ticket.updated_by_client_at,
          created_at: ticket.created_at,
        },
      ],
    });
  });

  it('tickets/create answers the list form too', async () => {
    const doc = listDoc.tickets[0];
    const answer = await post('/api/tickets/create', {
      customer_id: ctx.customerA.id,
      subject: doc.subject,
      message: doc.message,
      department_id: 2,
      ip_address: doc.ip_address,
    });
    expect(Object.keys(answer.body)).toEqual(['id']);
    expect(jsonShape(answer.body.id)).toEqual(jsonShape(doc));
  });

  it('an empty ticket list is exactly {"tickets":[]}', async () => {
    expectAnswer(await get(`/api/tickets/get/all/${ctx.customerB.id}`), 200, errorsDoc.noTickets);
  });

  it('responses (Responses): the docs conversation, oldest first', async () => {
    const ticketId = await openDocsTicket();
    const [first, second, third] = responsesDoc.responses;
    const written = [
      await post('/api/responses/create', { ticket_number: ticketId, content: first.content, employee_response: 1, ip_address: first.ip_address }),
      await post('/api/responses/create', { ticket_number: ticketId, content: second.content, user_id: ctx.customerA.id, ip_address: second.ip_address }),
      await post('/api/responses/create', { ticket_number: ticketId, content: third.content, employee_response: 1, ip_address: third.ip_address }),
    ];
    for (const [index, answer] of written.entries()) {
      expect(answer.status).toBe(200);
      expect(jsonShape(answer.body.id)).toEqual(jsonShape(responsesDoc.responses[index]));
    }
    const answer = await get(`/api/responses/get/${ticketId}`);
    const actual = answer.body.responses as Record<string, unknown>[];
    expect(actual).toHaveLength(3);
    for (const [index, response] of actual.entries()) {
      expect(jsonShape(response)).toEqual(jsonShape(responsesDoc.responses[index]));
      expect(response.created_at).toMatch(MODEL_DATE);
    }
    const authors = [docsStaff.id, ctx.customerA.id, docsStaff.id];
    expectAnswer(answer, 200, {
      responses: responsesDoc.responses.map((doc: Record<string, unknown>, index: number) => ({
        ...doc,
        id: written[index].body.id.id,
        user_id: authors[index],
        ticket_number: ticketId,
        created_at: actual[index].created_at,
      })),
    });
  });

  it('close (Close a Ticket): {"id":<ticket id>}', async () => {
    const ticketId = await openDocsTicket();
    const answer = await post('/api/tickets/close', { customer_id: ctx.customerA.id, ticket_id: ticketId });
    expect(jsonShape(answer.body)).toEqual(jsonShape(closeDoc));
    expectAnswer(answer, 200, { id: ticketId });
  });

  it('assign: {"user":true}', async () => {
    const answer = await post('/api/customers/assign', { ticaga_id: ctx.customerA.id, billing_id: 12, billing_system: 'Blesta' });
    expectAnswer(answer, 200, errorsDoc.assign);
  });

  it('the documented error payloads, byte for byte', async () => {
    expectAnswer(await get('/api/customers/get/999'), 404, errorsDoc.user);
    expectAnswer(await post('/api/customers/assign', { ticaga_id: 999, billing_id: 1, billing_system: 'blesta' }), 404, errorsDoc.user);
    expectAnswer(await get(`/api/tickets/get/${ctx.customerA.id}/999`), 404, errorsDoc.ticketForUser);
    expectAnswer(await post('/api/tickets/close', { customer_id: ctx.customerA.id, ticket_id: 999 }), 404, errorsDoc.ticketForUser);
    expectAnswer(await get('/api/responses/get/999'), 404, errorsDoc.ticket);
    const ticketId = await openDocsTicket();
    expectAnswer(await get(`/api/responses/get/${ticketId}`), 404, errorsDoc.responses);
  });
});

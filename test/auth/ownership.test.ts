// The ownership matrix: every route that touches a customer's data, called by staff, by customer A and by
// customer B, on A's data and on B's. Staff and the owner succeed; the other customer gets exactly the
// answer for something that does not exist, and nothing is written.
import type { InjectOptions } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, snapshot, type TestContext } from '../helpers.js';
import { createSettledTestApp } from '../support/app.js';
import { buildWorld, type World } from '../support/routes.js';

type Caller = 'staff' | 'A' | 'B';
type Owner = 'A' | 'B';
type Variant = { label: string; request: InjectOptions; missing: InjectOptions };
type Answer = Awaited<ReturnType<typeof call>>;

type OwnedRoute = {
  name: string;
  /** Ways of reaching `owner`'s data as `caller`; the first is the canonical one. */
  variants: (world: World, owner: Owner, caller: Caller) => Variant[];
  /** What success looks like for `owner`'s data. */
  succeeded: (answer: Answer, world: World, owner: Owner) => void;
};

const MISSING = 999;
const customerId = (world: World, who: Owner) => (who === 'A' ? world.ctx.customerA.id : world.ctx.customerB.id);
const ticketOf = (world: World, who: Owner) => (who === 'A' ? world.ticketA : world.ticketB);
/** The customer id a caller would naturally name for itself (staff: the owner). */
const ownId = (world: World, caller: Caller, owner: Owner) => customerId(world, caller === 'staff' ? owner : caller);
const get = (url: string): InjectOptions => ({ method: 'GET', url });
const post = (url: string, payload: Record<string, unknown>): InjectOptions => ({ method: 'POST', url, payload });

const ROUTES: OwnedRoute[] = [
  {
    name: 'GET customers/get/{id}',
    variants: (w, owner) => [{ label: 'by id', request: get(`/api/customers/get/${customerId(w, owner)}`), missing: get(`/api/customers/get/${MISSING}`) }],
    succeeded: (answer, w, owner) => expect([answer.status, answer.body.user?.id]).toEqual([200, customerId(w, owner)]),
  },
  {
    name: 'GET tickets/get/{id}/{ticket_id}',
    variants: (w, owner, caller) => [
      { label: 'owner id', request: get(`/api/tickets/get/${customerId(w, owner)}/${ticketOf(w, owner)}`), missing: get(`/api/tickets/get/${customerId(w, owner)}/${MISSING}`) },
      { label: 'own id', request: get(`/api/tickets/get/${ownId(w, caller, owner)}/${ticketOf(w, owner)}`), missing: get(`/api/tickets/get/${ownId(w, caller, owner)}/${MISSING}`) },
    ],
    succeeded: (answer, w, owner) => expect([answer.status, answer.body.tickets?.id, answer.body.tickets?.user_id]).toEqual([200, ticketOf(w, owner), customerId(w, owner)]),
  },
  {
    name: 'GET tickets/get/all/{ticaga_id}',
    variants: (w, owner) => [{ label: 'by id', request: get(`/api/tickets/get/all/${customerId(w, owner)}`), missing: get(`/api/tickets/get/all/${MISSING}`) }],
    succeeded: (answer, w, owner) =>
      expect([answer.status, answer.body.tickets?.map((t: { id: number }) => t.id)]).toEqual([200, [ticketOf(w, owner)]]),
  },
  {
    name: 'GET responses/get/{ticket_id}',
    variants: (w, owner) => [{ label: 'by ticket', request: get(`/api/responses/get/${ticketOf(w, owner)}`), missing: get(`/api/responses/get/${MISSING}`) }],
    succeeded: (answer, w, owner) =>
      expect([answer.status, answer.body.responses?.map((r: { ticket_number: number }) => r.ticket_number)]).toEqual([200, [ticketOf(w, owner)]]),
  },
  {
    name: 'POST responses/create',
    variants: (w, owner) => [
      { label: 'plain', request: post('/api/responses/create', { ticket_number: ticketOf(w, owner), content: 'Hi' }), missing: post('/api/responses/create', { ticket_number: MISSING, content: 'Hi' }) },
      {
        label: 'claiming the owner',
        request: post('/api/responses/create', { ticket_number: ticketOf(w, owner), content: 'Hi', user_id: customerId(w, owner) }),
        missing: post('/api/responses/create', { ticket_number: MISSING, content: 'Hi', user_id: customerId(w, owner) }),
      },
    ],
    succeeded: (answer, w, owner) =>
      expect([answer.status, answer.body.id?.ticket_number, answer.body.id?.user_id]).toEqual([200, ticketOf(w, owner), customerId(w, owner)]),
  },
  {
    name: 'POST tickets/close',
    variants: (w, owner, caller) => [
      {
        label: 'owner id',
        request: post('/api/tickets/close', { customer_id: customerId(w, owner), ticket_id: ticketOf(w, owner) }),
        missing: post('/api/tickets/close', { customer_id: customerId(w, owner), ticket_id: MISSING }),
      },
      {
        label: 'own id',
        request: post('/api/tickets/close', { customer_id: ownId(w, caller, owner), ticket_id: ticketOf(w, owner) }),
        missing: post('/api/tickets/close', { customer_id: ownId(w, caller, owner), ticket_id: MISSING }),
      },
    ],
    succeeded: (answer, w, owner) => {
      expect([answer.status, answer.body]).toEqual([200, { id: ticketOf(w, owner) }]);
      expect(w.ctx.repos.tickets.findById(ticketOf(w, owner))!.status).toBe('closed');
    },
  },
  {
    name: 'POST tickets/create',
    variants: (w, owner) => [
      {
        label: 'customer_id',
        request: post('/api/tickets/create', { customer_id: customerId(w, owner), subject: 's', message: 'm', department_id: 2 }),
        missing: post('/api/tickets/create', { customer_id: MISSING, subject: 's', message: 'm', department_id: 2 }),
      },
      {
        label: 'user_id',
        request: post('/api/tickets/create', { user_id: customerId(w, owner), subject: 's', message: 'm', department_id: 2 }),
        missing: post('/api/tickets/create', { user_id: MISSING, subject: 's', message: 'm', department_id: 2 }),
      },
    ],
    succeeded: (answer, w, owner) => expect([answer.status, answer.body.id?.user_id]).toEqual([200, customerId(w, owner)]),
  },
];

let ctx: TestContext;
let world: World;
beforeEach(async () => {
  ctx = await createSettledTestApp();
  world = buildWorld(ctx);
});
afterEach(() => ctx.close());

const headersOf = (caller: Caller) => (caller === 'staff' ? ctx.staff.basic : caller === 'A' ? ctx.customerA.bearer : ctx.customerB.bearer);
const as = (caller: Caller, request: InjectOptions) => call(ctx.app, { ...request, headers: headersOf(caller) });

const matrix = ROUTES.flatMap((route) =>
  (['staff', 'A', 'B'] as const).flatMap((caller) => (['A', 'B'] as const).map((owner) => [route.name, caller, owner, route] as const)),
);

describe('ownership matrix', () => {
  it.each(matrix)('%s as %s on %s’s data', async (_name, caller, owner, route) => {
    const [canonical, ...others] = route.variants(world, owner, caller);
    if (caller === 'staff' || caller === owner) {
      const answer = await as(caller, canonical.request);
      route.succeeded(answer, world, owner);
      if (canonical.request.method === 'GET' && caller !== 'staff') {
        expect(answer.raw).toBe((await as('staff', canonical.request)).raw);
      }
      return;
    }
    for (const variant of [canonical, ...others]) {
      const before = snapshot(ctx.db);
      const answer = await as(caller, variant.request);
      const missing = await as(caller, variant.missing);
      expect({ variant: variant.label, status: answer.status, raw: answer.raw }).toEqual({ variant: variant.label, status: missing.status, raw: missing.raw });
      // Never a success: a list route answers the empty list, every other route an error.
      if (route.name === 'GET tickets/get/all/{ticaga_id}') expect(answer.body).toEqual({ tickets: [] });
      else expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(snapshot(ctx.db)).toEqual(before);
    }
  });
});

describe('what B sees of A, spelled out', () => {
  it('B gets the documented not-found payloads and an empty list', async () => {
    const a = ctx.customerA.id;
    const t = world.ticketA;
    expect((await as('B', get(`/api/customers/get/${a}`))).body).toEqual({ error: 'User not authenticated' });
    expect((await as('B', get(`/api/tickets/get/${a}/${t}`))).body).toEqual({ error: 'No tickets found for this user.' });
    expect((await as('B', get(`/api/tickets/get/all/${a}`))).body).toEqual({ tickets: [] });
    expect((await as('B', get(`/api/responses/get/${t}`))).body).toEqual({ error: 'Ticket not found' });
    expect((await as('B', post('/api/responses/create', { ticket_number: t, content: 'x' }))).body).toEqual({ error: 'Ticket not found' });
    expect((await as('B', post('/api/tickets/close', { customer_id: a, ticket_id: t }))).body).toEqual({ error: 'No tickets found for this user.' });
    const create = await as('B', post('/api/tickets/create', { customer_id: a, subject: 's', message: 'm', department_id: 2 }));
    expect(create.body).toEqual({ message: 'The selected customer id is invalid.', errors: { customer_id: ['The selected customer id is invalid.'] } });
  });
});

// Every route of the API with one valid request each, for the authentication and ownership tables.
import type { InjectOptions } from 'fastify';
import { createTicket, type TestContext } from '../helpers.js';

export type World = { ctx: TestContext; ticketA: number; ticketB: number };

/** Customer A and B each own a ticket with one staff reply, so every read has something to find. */
export function buildWorld(ctx: TestContext): World {
  const ticketA = createTicket(ctx.repos, ctx.customerA.id).id;
  const ticketB = createTicket(ctx.repos, ctx.customerB.id, { departmentId: 3 }).id;
  for (const ticketNumber of [ticketA, ticketB]) {
    ctx.repos.responses.create({ ticketNumber, userId: ctx.staff.id, content: 'Hello', organize: 'ticket', isNote: 0, employeeResponse: 1, ipAddress: '10.0.0.1' });
  }
  return { ctx, ticketA, ticketB };
}

export type RouteCase = { name: string; staffOnly: boolean; request: (world: World) => InjectOptions };

const post = (url: string, payload: Record<string, unknown>): InjectOptions => ({ method: 'POST', url, payload });
const get = (url: string): InjectOptions => ({ method: 'GET', url });

export const ROUTES: RouteCase[] = [
  { name: 'POST login', staffOnly: true, request: ({ ctx }) => post('/api/login', { email: ctx.customerA.email, password: ctx.customerA.password }) },
  { name: 'POST register', staffOnly: true, request: () => post('/api/register', { name: 'New', email: 'new@example.com', password: 'secret123' }) },
  { name: 'GET customers/get/{id}', staffOnly: false, request: ({ ctx }) => get(`/api/customers/get/${ctx.customerA.id}`) },
  { name: 'GET customers/get/0', staffOnly: false, request: () => get('/api/customers/get/0') },
  {
    name: 'POST customers/assign',
    staffOnly: true,
    request: ({ ctx }) => post('/api/customers/assign', { ticaga_id: ctx.customerA.id, billing_id: 5, billing_system: 'blesta' }),
  },
  { name: 'GET departments/public', staffOnly: false, request: () => get('/api/departments/public') },
  { name: 'GET departments/customers', staffOnly: false, request: () => get('/api/departments/customers') },
  {
    name: 'POST tickets/create',
    staffOnly: false,
    request: ({ ctx }) => post('/api/tickets/create', { customer_id: ctx.customerA.id, subject: 's', message: 'm', department_id: 2 }),
  },
  { name: 'GET tickets/get/{id}/{ticket_id}', staffOnly: false, request: ({ ctx, ticketA }) => get(`/api/tickets/get/${ctx.customerA.id}/${ticketA}`) },
  { name: 'GET tickets/get/all/{ticaga_id}', staffOnly: false, request: ({ ctx }) => get(`/api/tickets/get/all/${ctx.customerA.id}`) },
  { name: 'POST tickets/close', staffOnly: false, request: ({ ctx, ticketA }) => post('/api/tickets/close', { customer_id: ctx.customerA.id, ticket_id: ticketA }) },
  { name: 'POST responses/create', staffOnly: false, request: ({ ticketA }) => post('/api/responses/create', { ticket_number: ticketA, content: 'Hi' }) },
  { name: 'GET responses/get/{ticket_id}', staffOnly: false, request: ({ ticketA }) => get(`/api/responses/get/${ticketA}`) },
];

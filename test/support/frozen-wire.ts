// Exact-wire expectations with a frozen clock (used by the plugin-endpoint tests): every timestamp is known,
// so a test can compare the raw response bytes, key order included. The contract's objects themselves are
// built by wire.ts (written out key by key, independent of src/serializers); this file fills in the frozen
// dates and what test/helpers.ts#createTicket stores.
import { afterEach, beforeEach, expect, vi } from 'vitest';
import { createTokenService } from '../../src/auth/api-tokens.js';
import { basicAuth, call, createTestApp, snapshot, TICKET_DEFAULTS, type TestContext } from '../helpers.js';
import * as wire from './wire.js';

type Owner = { name: string | null; email: string | null; company: string | null };

export const FROZEN_AT = new Date('2025-07-17T18:00:13.000Z');
export const AT_MODEL = '2025-07-17T18:00:13.000000Z';
export const AT_PLAIN = '2025-07-17 18:00:13';

/** Only Date is faked: timers keep running, so Fastify's inject is unaffected. */
export function freezeClock(at: Date = FROZEN_AT): void {
  vi.useFakeTimers({ toFake: ['Date'], now: at });
}

export function thawClock(): void {
  vi.useRealTimers();
}

type Answer = { status: number; raw: string };

/** The answer is exactly this status and these JSON bytes. */
export function expectWire(answer: Answer, status: number, body: unknown): void {
  expect({ status: answer.status, raw: answer.raw }).toEqual({ status, raw: JSON.stringify(body) });
}

/**
 * Each test of the file gets a fresh createTestApp, made and closed with the clock frozen at FROZEN_AT;
 * `use` receives it (and may add to it) before the test runs.
 */
export function useFrozenTestApp(use: (ctx: TestContext) => void): void {
  let ctx: TestContext;
  beforeEach(async () => {
    freezeClock();
    ctx = await createTestApp();
    use(ctx);
  });
  afterEach(async () => {
    await ctx.close();
    thawClock();
  });
}

/** A staff token that may only read. */
export function readOnlyBasic(ctx: TestContext): Record<string, string> {
  return basicAuth(ctx.staff.email, createTokenService(ctx.repos.apiTokens).issue(ctx.staff.id, 'read only', ['read']).plainText);
}

export type UserLiteral = { id: number; name: string; email: string; company?: string; billing_id?: string; billing_system?: string };

/** wire.ts#userJson with the frozen clock's dates unless told otherwise. */
export function userJson(u: UserLiteral, { created = AT_MODEL, updated = AT_MODEL } = {}) {
  return wire.userJson({ ...u, created_at: created, updated_at: updated });
}

const frozenDates = { created_at: AT_MODEL, updated_at: AT_MODEL };

/** The three departments test/helpers.ts creates, as the wire shows them. */
export const DEPARTMENT_JSON = {
  sales: wire.departmentJson(wire.TEST_DEPARTMENTS.sales, frozenDates),
  support: wire.departmentJson(wire.TEST_DEPARTMENTS.support, frozenDates),
  billing: wire.departmentJson(wire.TEST_DEPARTMENTS.billing, frozenDates),
};

export type TicketLiteral = {
  id: number;
  user_id: number;
  public_hash: string;
  department_id?: number;
  status?: string;
  priority?: string;
  rating?: string;
  public_name?: string | null;
  public_email?: string | null;
  date_closed?: string | null;
  first_employee_reply?: string | null;
  updated_at?: string | null;
};

/** Made by test/helpers.ts#createTicket (TICKET_DEFAULTS) while the clock was frozen. */
function createdTicket(t: TicketLiteral): wire.TicketValues {
  return {
    ...t,
    subject: TICKET_DEFAULTS.subject,
    message: TICKET_DEFAULTS.message,
    department_id: t.department_id ?? 2,
    ip_address: TICKET_DEFAULTS.ipAddress,
    updated_by_client_at: AT_PLAIN,
    created_at: AT_MODEL,
  };
}

/** A ticket made by test/helpers.ts#createTicket, in list form (wire.ts#ticketJson). */
export function ticketJson(t: TicketLiteral) {
  return wire.ticketJson(createdTicket(t));
}

/** The joined (single) form (wire.ts#joinedTicketJson): list form, then department, then owner (customer or guest). */
export function joinedTicketJson(t: TicketLiteral, owner: Owner) {
  const ticket = createdTicket(t);
  const department = Object.values(wire.TEST_DEPARTMENTS).find((d) => d.id === ticket.department_id)!;
  return wire.joinedTicketJson(ticket, department, owner);
}

/**
 * snapshot(db) once the staff token's last_used_at has been stamped (at most once a minute, and the clock
 * is frozen), so a before/after comparison sees only what the request under test wrote.
 */
export async function settledSnapshot(ctx: TestContext, headers: Record<string, string> = ctx.staff.basic) {
  await call(ctx.app, { method: 'GET', url: '/api/realtime/config', headers });
  return snapshot(ctx.db);
}

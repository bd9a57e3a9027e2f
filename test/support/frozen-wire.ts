// Exact-wire expectations with a frozen clock (used by the plugin-endpoint tests): every timestamp is known,
// the contract's objects (written out key by key, independent of src/serializers) so a test can compare
// the raw response bytes, key order included.
import { expect, vi } from 'vitest';
import { createTokenService } from '../../src/auth/api-tokens.js';
import { call, snapshot, type TestContext } from '../helpers.js';

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

export const unauthenticated = { message: 'Unauthenticated.' };
export const forbidden = { message: 'This action is unauthorized.' };
export const invalid = (field: string, message: string) => ({ message, errors: { [field]: [message] } });

/** A staff token that may only read. */
export function readOnlyBasic(ctx: TestContext): Record<string, string> {
  const token = createTokenService(ctx.repos.apiTokens).issue(ctx.staff.id, 'read only', ['read']).plainText;
  return { authorization: `Basic ${Buffer.from(`${ctx.staff.email}:${token}`).toString('base64')}` };
}

export type UserLiteral = { id: number; name: string; email: string; company?: string; billing_id?: string; billing_system?: string };

export function userJson(u: UserLiteral, { created = AT_MODEL, updated = AT_MODEL } = {}) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    email_verified_at: null,
    company: u.company ?? '',
    phone_number: '',
    billing_id: u.billing_id ?? '0',
    billing_system: u.billing_system ?? '',
    account_manager: '0',
    biography: '',
    created_at: created,
    updated_at: updated,
  };
}

/** The three departments test/helpers.ts creates, as the wire shows them. */
export const DEPARTMENT_JSON = {
  sales: {
    id: 1, department_name: 'Sales', department_description: 'Questions before you buy.', slug: 'sales',
    allows_high_priority: 0, is_public: 1, is_disabled: 0, department_email: 'sales@example.com', soft_deleted: 0,
    created_at: AT_MODEL, updated_at: AT_MODEL,
  },
  support: {
    id: 2, department_name: 'Support', department_description: 'Need help, we are here to help.', slug: 'support',
    allows_high_priority: 1, is_public: 2, is_disabled: 0, department_email: 'support@example.com', soft_deleted: 0,
    created_at: AT_MODEL, updated_at: AT_MODEL,
  },
  billing: {
    id: 3, department_name: 'Billing', department_description: 'Invoices, payments and refunds.', slug: 'billing',
    allows_high_priority: 1, is_public: 2, is_disabled: 0, department_email: 'billing@example.com', soft_deleted: 0,
    created_at: AT_MODEL, updated_at: AT_MODEL,
  },
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

/** A ticket made by test/helpers.ts#createTicket, in list form. */
export function ticketJson(t: TicketLiteral) {
  return {
    id: t.id,
    user_id: t.user_id,
    subject: 'Vitae provident aspernatur minima eum sunt.',
    message: 'Ullam minima est ut ipsa iusto impedit.',
    status: t.status ?? 'open',
    priority: t.priority ?? 'medium',
    cc: '',
    assigned: 0,
    department_id: t.department_id ?? 2,
    rating: t.rating ?? '0',
    ip_address: '81.9.172.148',
    public_hash: t.public_hash,
    public_name: t.public_name ?? null,
    public_email: t.public_email ?? null,
    organize: 'ticket',
    date_closed: t.date_closed ?? null,
    updated_by_client_at: AT_PLAIN,
    first_employee_reply: t.first_employee_reply ?? null,
    created_at: AT_MODEL,
    updated_at: t.updated_at ?? null,
  };
}

type Owner = { name: string | null; email: string | null; company: string | null };

/** The joined (single) form: list form, then department, then owner (customer or guest). */
export function joinedTicketJson(t: TicketLiteral, owner: Owner) {
  const { created_at: _c, updated_at: _u, id: departmentId, ...department } =
    Object.values(DEPARTMENT_JSON).find((d) => d.id === (t.department_id ?? 2))!;
  return {
    ...ticketJson(t),
    ...department,
    name: owner.name,
    email: owner.email,
    company: owner.company,
    company_name: owner.company,
    client_name: owner.name,
    ticket_id: t.id,
    department_unique_id: departmentId,
    ticket_created: AT_PLAIN,
  };
}

export const CUSTOMER_A_OWNER: Owner = { name: 'Prof. Christelle Bechtelar', email: 'briana56@example.net', company: 'Olson, Hintz and Mueller' };
export const CUSTOMER_B_OWNER: Owner = { name: 'Joe Doe', email: 'joedoe@example.com', company: 'Demo Ltd' };

/**
 * snapshot(db) once the staff token's last_used_at has been stamped (at most once a minute, and the clock
 * is frozen), so a before/after comparison sees only what the request under test wrote.
 */
export async function settledSnapshot(ctx: TestContext, headers: Record<string, string> = ctx.staff.basic) {
  await call(ctx.app, { method: 'GET', url: '/api/realtime/config', headers });
  return snapshot(ctx.db);
}

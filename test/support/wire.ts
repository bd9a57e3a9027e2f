// What a client sees on the wire, spelled out independently of src/serializers: the contract's key orders,
// builders for expected objects (docs order, docs defaults), and assertions on whole raw payloads.
import { expect } from 'vitest';
import { MODEL_DATE, PLAIN_DATE } from '../helpers.js';

export const USER_KEYS = ['id', 'name', 'email', 'email_verified_at', 'company', 'phone_number', 'billing_id', 'billing_system', 'account_manager', 'biography', 'created_at', 'updated_at'];
export const REGISTERED_USER_KEYS = ['name', 'email', 'company', 'billing_id', 'billing_system', 'account_manager', 'biography', 'updated_at', 'created_at', 'id'];
export const TICKET_KEYS = [
  'id', 'user_id', 'subject', 'message', 'status', 'priority', 'cc', 'assigned', 'department_id', 'rating', 'ip_address',
  'public_hash', 'public_name', 'public_email', 'organize', 'date_closed', 'updated_by_client_at', 'first_employee_reply',
  'created_at', 'updated_at',
];
export const JOINED_TICKET_KEYS = [
  ...TICKET_KEYS,
  'department_name', 'department_description', 'slug', 'allows_high_priority', 'is_public', 'is_disabled', 'department_email',
  'soft_deleted', 'name', 'email', 'company', 'company_name', 'client_name', 'ticket_id', 'department_unique_id', 'ticket_created',
];
export const RESPONSE_KEYS = ['id', 'user_id', 'ticket_number', 'content', 'organize', 'is_note', 'employee_response', 'ip_address', 'created_at', 'updated_at', 'user_name', 'user_email'];
export const DEPARTMENT_KEYS = ['id', 'department_name', 'department_description', 'slug', 'allows_high_priority', 'is_public', 'is_disabled', 'department_email', 'soft_deleted', 'created_at', 'updated_at'];

export const UNAUTHENTICATED = { message: 'Unauthenticated.' };
export const FORBIDDEN = { message: 'This action is unauthorized.' };
export const BAD_LOGIN = { error: 'These credentials do not match our records.' };
export const NO_USER = { error: 'User not authenticated' };
export const NO_TICKET_FOR_USER = { error: 'No tickets found for this user.' };
export const NO_TICKET = { error: 'Ticket not found' };
export const NO_RESPONSES = { error: 'No responses found for this ticket.' };
/** Laravel's 422 payload for one field with one message. */
export const invalid = (field: string, message: string) => ({ message, errors: { [field]: [message] } });

type Answer = { status: number; body: unknown; raw: string; headers: Record<string, unknown> };

/**
 * The exact answer: status, JSON content type, and the raw body byte for byte equal to `expected`
 * serialised in the order written (so key order is checked too).
 */
export function expectAnswer(answer: Answer, status: number, expected: unknown): void {
  expect({ status: answer.status, body: answer.body }).toEqual({ status, body: expected });
  expect(answer.raw).toBe(JSON.stringify(expected));
  expect(String(answer.headers['content-type'])).toMatch(/^application\/json/);
}

/** Laravel's 422: the first message on top, every message by field. */
export function expectInvalid(answer: Answer, errors: Record<string, string[]>): void {
  expectAnswer(answer, 422, { message: Object.values(errors)[0][0], errors });
}

/** "YYYY-MM-DD HH:MM:SS" now, UTC (the storage and plain wire format). */
export function plainNow(): string {
  return new Date().toISOString().slice(0, 19).replace('T', ' ');
}

export function toModelDate(plain: string): string {
  return `${plain.slice(0, 10)}T${plain.slice(11, 19)}.000000Z`;
}

/** A plain wire date taken between `before` and now. */
export function expectPlainDateSince(value: unknown, before: string): string {
  expect(value).toMatch(PLAIN_DATE);
  const stamp = value as string;
  expect(stamp >= before && stamp <= plainNow()).toBe(true);
  return stamp;
}

/** A model wire date taken between `before` (plain) and now. */
export function expectModelDateSince(value: unknown, before: string): string {
  expect(value).toMatch(MODEL_DATE);
  const stamp = value as string;
  expect(stamp >= toModelDate(before) && stamp <= toModelDate(plainNow())).toBe(true);
  return stamp;
}

export const PUBLIC_HASH = /^[A-Za-z0-9]{20}$/;

export type UserValues = { id: number; name: string; email: string; created_at: string; updated_at: string } & Partial<{
  email_verified_at: string | null;
  company: string;
  phone_number: string;
  billing_id: string;
  billing_system: string;
  account_manager: string;
  biography: string;
}>;

export function userJson(v: UserValues) {
  return {
    id: v.id,
    name: v.name,
    email: v.email,
    email_verified_at: v.email_verified_at ?? null,
    company: v.company ?? '',
    phone_number: v.phone_number ?? '',
    billing_id: v.billing_id ?? '0',
    billing_system: v.billing_system ?? '',
    account_manager: v.account_manager ?? '0',
    biography: v.biography ?? '',
    created_at: v.created_at,
    updated_at: v.updated_at,
  };
}

type Nullable = string | null;
export type TicketValues = {
  id: number;
  user_id: number;
  subject: string;
  message: string;
  department_id: number;
  ip_address: string;
  public_hash: string;
  created_at: string;
  updated_by_client_at: Nullable;
} & Partial<{
  status: string;
  priority: string;
  cc: string;
  assigned: number;
  rating: string;
  public_name: Nullable;
  public_email: Nullable;
  organize: string;
  date_closed: Nullable;
  first_employee_reply: Nullable;
  updated_at: Nullable;
}>;

export function ticketJson(v: TicketValues) {
  return {
    id: v.id,
    user_id: v.user_id,
    subject: v.subject,
    message: v.message,
    status: v.status ?? 'open',
    priority: v.priority ?? 'medium',
    cc: v.cc ?? '',
    assigned: v.assigned ?? 0,
    department_id: v.department_id,
    rating: v.rating ?? '0',
    ip_address: v.ip_address,
    public_hash: v.public_hash,
    public_name: v.public_name ?? null,
    public_email: v.public_email ?? null,
    organize: v.organize ?? 'ticket',
    date_closed: v.date_closed ?? null,
    updated_by_client_at: v.updated_by_client_at,
    first_employee_reply: v.first_employee_reply ?? null,
    created_at: v.created_at,
    updated_at: v.updated_at ?? null,
  };
}

export type DepartmentValues = {
  id: number;
  department_name: string;
  department_description: string;
  slug: string;
  allows_high_priority: number;
  is_public: number;
  department_email: string;
  is_disabled?: number;
};

/** The three departments test/helpers.ts creates (copied from the docs' "Support" where they overlap). */
export const TEST_DEPARTMENTS: Record<'sales' | 'support' | 'billing', DepartmentValues> = {
  sales: { id: 1, department_name: 'Sales', department_description: 'Questions before you buy.', slug: 'sales', allows_high_priority: 0, is_public: 1, department_email: 'sales@example.com' },
  support: { id: 2, department_name: 'Support', department_description: 'Need help, we are here to help.', slug: 'support', allows_high_priority: 1, is_public: 2, department_email: 'support@example.com' },
  billing: { id: 3, department_name: 'Billing', department_description: 'Invoices, payments and refunds.', slug: 'billing', allows_high_priority: 1, is_public: 2, department_email: 'billing@example.com' },
};

export function departmentJson(d: DepartmentValues, dates: { created_at: string; updated_at: string }) {
  return {
    id: d.id,
    department_name: d.department_name,
    department_description: d.department_description,
    slug: d.slug,
    allows_high_priority: d.allows_high_priority,
    is_public: d.is_public,
    is_disabled: d.is_disabled ?? 0,
    department_email: d.department_email,
    soft_deleted: 0,
    created_at: dates.created_at,
    updated_at: dates.updated_at,
  };
}

export function joinedTicketJson(
  ticket: TicketValues,
  department: DepartmentValues,
  owner: { name: Nullable; email: Nullable; company: Nullable },
) {
  return {
    ...ticketJson(ticket),
    department_name: department.department_name,
    department_description: department.department_description,
    slug: department.slug,
    allows_high_priority: department.allows_high_priority,
    is_public: department.is_public,
    is_disabled: 0,
    department_email: department.department_email,
    soft_deleted: 0,
    name: owner.name,
    email: owner.email,
    company: owner.company,
    company_name: owner.company,
    client_name: owner.name,
    ticket_id: ticket.id,
    department_unique_id: ticket.department_id,
    ticket_created: ticket.created_at.replace('T', ' ').slice(0, 19),
  };
}

export type ResponseValues = {
  id: number;
  user_id: number;
  ticket_number: number;
  content: string;
  ip_address: string;
  created_at: string;
  user_name: Nullable;
  user_email: Nullable;
} & Partial<{ organize: string; is_note: number; employee_response: number; updated_at: Nullable }>;

export function responseJson(v: ResponseValues) {
  return {
    id: v.id,
    user_id: v.user_id,
    ticket_number: v.ticket_number,
    content: v.content,
    organize: v.organize ?? 'ticket',
    is_note: v.is_note ?? 0,
    employee_response: v.employee_response ?? 0,
    ip_address: v.ip_address,
    created_at: v.created_at,
    updated_at: v.updated_at ?? null,
    user_name: v.user_name,
    user_email: v.user_email,
  };
}

/** JSON type names per key, in order: what the golden tests compare. */
export function jsonShape(object: Record<string, unknown>): [string, string][] {
  return Object.entries(object).map(([key, value]) => [key, value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value]);
}

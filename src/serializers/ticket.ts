// tickets rows -> the contract's ticket objects: the list form, and the single form joined with its
// department and customer (key order as in the docs' "Grab a Ticket" example).
import { z } from 'zod';
import type { tickets } from '../db/schema.js';
import { departmentSchema, type DepartmentRow } from './department.js';
import { modelDate, plainDate } from './dates.js';
import type { UserRow } from './user.js';

export type TicketRow = typeof tickets.$inferSelect;

export const ticketSchema = z.object({
  id: z.number().int(),
  user_id: z.number().int(),
  subject: z.string(),
  message: z.string(),
  status: z.string(),
  priority: z.string(),
  cc: z.string(),
  assigned: z.number().int(),
  department_id: z.number().int(),
  rating: z.string(),
  ip_address: z.string(),
  public_hash: z.string(),
  public_name: z.string().nullable(),
  public_email: z.string().nullable(),
  organize: z.string(),
  date_closed: z.string().nullable(),
  updated_by_client_at: z.string().nullable(),
  first_employee_reply: z.string().nullable(),
  created_at: z.string(),
  updated_at: z.string().nullable(),
});
export type TicketJson = z.infer<typeof ticketSchema>;

export const joinedTicketSchema = ticketSchema.extend({
  ...departmentSchema.omit({ id: true, created_at: true, updated_at: true }).shape,
  name: z.string().nullable(),
  email: z.string().nullable(),
  company: z.string().nullable(),
  company_name: z.string().nullable(),
  client_name: z.string().nullable(),
  ticket_id: z.number().int(),
  department_unique_id: z.number().int(),
  ticket_created: z.string(),
});

export function serializeTicket(row: TicketRow): TicketJson {
  return {
    id: row.id,
    user_id: row.userId ?? 0,
    subject: row.subject,
    message: row.message,
    status: row.status,
    priority: row.priority,
    cc: row.cc,
    assigned: row.assigned,
    department_id: row.departmentId,
    rating: String(row.rating),
    ip_address: row.ipAddress,
    public_hash: row.publicHash,
    public_name: row.publicName,
    public_email: row.publicEmail,
    organize: row.organize,
    date_closed: plainDate(row.dateClosed),
    updated_by_client_at: plainDate(row.updatedByClientAt),
    first_employee_reply: plainDate(row.firstEmployeeReply),
    created_at: modelDate(row.createdAt),
    updated_at: modelDate(row.updatedAt),
  };
}

/**
 * A guest ticket has no customer row: its name and email come from the public_* columns.
 * Written out key by key rather than as `{ ...serializeTicket(row), ... }`: V8 turns a spread followed
 * by this many keys into a slow dictionary object, which cost more than the whole database read.
 */
export function serializeJoinedTicket(row: TicketRow, department: DepartmentRow, customer: UserRow | null): z.infer<typeof joinedTicketSchema> {
  const name = customer?.name ?? row.publicName;
  const company = customer?.company ?? null;
  return {
    id: row.id,
    user_id: row.userId ?? 0,
    subject: row.subject,
    message: row.message,
    status: row.status,
    priority: row.priority,
    cc: row.cc,
    assigned: row.assigned,
    department_id: row.departmentId,
    rating: String(row.rating),
    ip_address: row.ipAddress,
    public_hash: row.publicHash,
    public_name: row.publicName,
    public_email: row.publicEmail,
    organize: row.organize,
    date_closed: plainDate(row.dateClosed),
    updated_by_client_at: plainDate(row.updatedByClientAt),
    first_employee_reply: plainDate(row.firstEmployeeReply),
    created_at: modelDate(row.createdAt),
    updated_at: modelDate(row.updatedAt),
    department_name: department.departmentName,
    department_description: department.departmentDescription,
    slug: department.slug,
    allows_high_priority: department.allowsHighPriority,
    is_public: department.isPublic,
    is_disabled: department.isDisabled,
    department_email: department.departmentEmail,
    soft_deleted: department.softDeleted,
    name,
    email: customer?.email ?? row.publicEmail,
    company,
    company_name: company,
    client_name: name,
    ticket_id: row.id,
    department_unique_id: row.departmentId,
    ticket_created: row.createdAt,
  };
}

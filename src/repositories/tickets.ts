// Every query on tickets, and the single-ticket join with its department and customer.
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { departments, tickets, users } from '../db/schema.js';
import { randomAlphanumeric } from '../random.js';
import { nowStamp } from '../serializers/dates.js';
import { createAuditLogRepository, type AuditEntry } from './audit-log.js';

export type TicketStatus = (typeof tickets.$inferSelect)['status'];
export type TicketPriority = (typeof tickets.$inferSelect)['priority'];
export const TICKET_STATUSES = ['open', 'awaiting_reply', 'in_progress', 'on_hold', 'closed'] as const;
export const TICKET_PRIORITIES = ['none', 'low', 'medium', 'high', 'emergency'] as const;

export type NewTicket = {
  userId: number | null;
  subject: string;
  message: string;
  priority: TicketPriority;
  cc: string;
  assigned: number;
  departmentId: number;
  ipAddress: string;
  publicName: string | null;
  publicEmail: string | null;
  organize: string;
  customFields: string | null;
};

export function createTicketsRepository(db: Db) {
  const audit = createAuditLogRepository(db);
  const byId = db.select().from(tickets).where(eq(tickets.id, sql.placeholder('id'))).prepare();
  const joinedById = db
    .select({ ticket: tickets, department: departments, customer: users })
    .from(tickets)
    .innerJoin(departments, eq(departments.id, tickets.departmentId))
    .leftJoin(users, eq(users.id, tickets.userId))
    .where(eq(tickets.id, sql.placeholder('id')))
    .prepare();
  const byCustomer = db
    .select()
    .from(tickets)
    .where(eq(tickets.userId, sql.placeholder('userId')))
    .orderBy(asc(tickets.id))
    .prepare();
  const byCustomerPage = db
    .select()
    .from(tickets)
    .where(and(eq(tickets.userId, sql.placeholder('userId')), gt(tickets.id, sql.placeholder('after'))))
    .orderBy(asc(tickets.id))
    .limit(sql.placeholder('limit'))
    .prepare();
  const insert = db
    .insert(tickets)
    .values({
      userId: sql.placeholder('userId'),
      subject: sql.placeholder('subject'),
      message: sql.placeholder('message'),
      status: 'open',
      priority: sql.placeholder('priority'),
      cc: sql.placeholder('cc'),
      assigned: sql.placeholder('assigned'),
      departmentId: sql.placeholder('departmentId'),
      rating: 0,
      ipAddress: sql.placeholder('ipAddress'),
      publicHash: sql.placeholder('publicHash'),
      publicName: sql.placeholder('publicName'),
      publicEmail: sql.placeholder('publicEmail'),
      organize: sql.placeholder('organize'),
      customFields: sql.placeholder('customFields'),
      updatedByClientAt: sql.placeholder('stamp'),
      createdAt: sql.placeholder('stamp'),
      updatedAt: null,
    })
    .returning()
    .prepare();
  const countByStatus = db
    .select({ n: sql<number>`count(*)` })
    .from(tickets)
    .where(eq(tickets.status, sql.placeholder('status')))
    .prepare();
  const countByStatusForCustomer = db
    .select({ n: sql<number>`count(*)` })
    .from(tickets)
    .where(and(eq(tickets.userId, sql.placeholder('userId')), eq(tickets.status, sql.placeholder('status'))))
    .prepare();

  return {
    findById(id: number) {
      return byId.get({ id });
    },

    /** The ticket only if `customerId` owns it (guest tickets belong to no customer). */
    findForCustomer(id: number, customerId: number) {
      const ticket = byId.get({ id });
      return ticket && ticket.userId !== null && ticket.userId === customerId ? ticket : undefined;
    },

    findJoined(id: number) {
      return joinedById.get({ id });
    },

    listForCustomer(customerId: number) {
      return byCustomer.all({ userId: customerId });
    },

    /** Keyset pagination: up to `limit` of the customer's tickets with an id above `after`, and whether more follow. */
    pageForCustomer(customerId: number, { after, limit }: { after: number; limit: number | null }) {
      // SQLite reads a negative LIMIT as "no limit".
      const rows = byCustomerPage.all({ userId: customerId, after, limit: limit === null ? -1 : limit + 1 });
      const more = limit !== null && rows.length > limit;
      return { rows: more ? rows.slice(0, limit) : rows, more };
    },

    countByStatus(status: TicketStatus) {
      return countByStatus.get({ status })?.n ?? 0;
    },

    countByStatusForCustomer(status: TicketStatus, customerId: number) {
      return countByStatusForCustomer.get({ status, userId: customerId })?.n ?? 0;
    },

    /** Inserts the ticket and, in the same transaction, its audit entry. */
    create(input: NewTicket, auditEntry?: AuditEntry) {
      return db.transaction(() => {
        const row = insert.get({ ...input, publicHash: randomAlphanumeric(20), stamp: nowStamp() })!;
        if (auditEntry) audit.record({ ...auditEntry, ticketId: row.id, customerId: row.userId });
        return row;
      });
    },

    /** Closing an already closed ticket keeps its first closing date, writes nothing and audits nothing. */
    close(id: number, auditEntry?: AuditEntry) {
      db.transaction(() => {
        const stamp = nowStamp();
        const closed = db
          .update(tickets)
          .set({ status: 'closed', dateClosed: sql`coalesce(${tickets.dateClosed}, ${stamp})`, updatedAt: stamp })
          .where(and(eq(tickets.id, id), sql`${tickets.status} <> 'closed'`))
          .run();
        if (closed.changes > 0 && auditEntry) audit.record({ ticketId: id, ...auditEntry });
      });
    },

    rate(id: number, rating: number, auditEntry?: AuditEntry) {
      db.transaction(() => {
        db.update(tickets).set({ rating, updatedAt: nowStamp() }).where(eq(tickets.id, id)).run();
        if (auditEntry) audit.record({ ticketId: id, ...auditEntry });
      });
    },
  };
}

export type TicketsRepository = ReturnType<typeof createTicketsRepository>;

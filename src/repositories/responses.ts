// Every query on responses. Adding a response and moving its ticket's status happen in one transaction.
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { responses, tickets, users } from '../db/schema.js';
import { nowStamp } from '../serializers/dates.js';
import { createAuditLogRepository, type AuditEntry } from './audit-log.js';

export type NewResponse = {
  ticketNumber: number;
  userId: number | null;
  content: string;
  organize: string;
  isNote: number;
  employeeResponse: number;
  ipAddress: string;
};

const withAuthor = { response: responses, authorName: users.name, authorEmail: users.email } as const;

export function createResponsesRepository(db: Db) {
  const audit = createAuditLogRepository(db);
  const forTicket = db
    .select(withAuthor)
    .from(responses)
    .leftJoin(users, eq(users.id, responses.userId))
    .where(eq(responses.ticketNumber, sql.placeholder('ticket')))
    .orderBy(asc(responses.id))
    .prepare();
  const publicForTicket = db
    .select(withAuthor)
    .from(responses)
    .leftJoin(users, eq(users.id, responses.userId))
    .where(and(eq(responses.ticketNumber, sql.placeholder('ticket')), eq(responses.isNote, 0)))
    .orderBy(asc(responses.id))
    .prepare();

  const insert = db
    .insert(responses)
    .values({
      ticketNumber: sql.placeholder('ticketNumber'),
      userId: sql.placeholder('userId'),
      content: sql.placeholder('content'),
      organize: sql.placeholder('organize'),
      isNote: sql.placeholder('isNote'),
      employeeResponse: sql.placeholder('employeeResponse'),
      ipAddress: sql.placeholder('ipAddress'),
      createdAt: sql.placeholder('stamp'),
      updatedAt: null,
    })
    .returning()
    .prepare();
  const ticket = eq(tickets.id, sql.placeholder('ticket'));
  const stamp = sql`${sql.placeholder('stamp')}`;
  // A staff reply moves even a closed ticket to awaiting_reply, so it is no longer closed either.
  const markAwaitingReply = db.update(tickets).set({ status: 'awaiting_reply', dateClosed: null, updatedAt: stamp }).where(ticket).prepare();
  const markFirstEmployeeReply = db
    .update(tickets)
    .set({ firstEmployeeReply: stamp })
    .where(and(ticket, isNull(tickets.firstEmployeeReply)))
    .prepare();
  const reopenByCustomer = db
    .update(tickets)
    .set({ status: 'open', dateClosed: null, updatedByClientAt: stamp, updatedAt: stamp })
    .where(ticket)
    .prepare();

  return {
    /** Oldest first; internal notes only when asked for (staff). */
    listForTicket(ticketNumber: number, { includeNotes }: { includeNotes: boolean }) {
      return (includeNotes ? forTicket : publicForTicket).all({ ticket: ticketNumber });
    },

    /**
     * Inserts the response and applies its effect on the ticket: a customer's reply reopens it and
     * stamps updated_by_client_at; a staff reply (not a note) sets awaiting_reply and, once,
     * first_employee_reply. A note leaves the ticket as it is. The audit entry commits with them.
     */
    create(input: NewResponse, auditEntry?: AuditEntry) {
      return db.transaction(() => {
        const at = { ticket: input.ticketNumber, stamp: nowStamp() };
        const row = insert.get({ ...input, stamp: at.stamp })!;
        if (auditEntry) audit.record({ ticketId: input.ticketNumber, ...auditEntry });
        if (input.isNote === 1) return row;
        if (input.employeeResponse === 1) {
          markAwaitingReply.run(at);
          markFirstEmployeeReply.run(at);
        } else {
          reopenByCustomer.run(at);
        }
        return row;
        // IMMEDIATE takes the write lock up front, so with WORKERS > 1 a busy database makes this wait
        // (busy_timeout) rather than fail on upgrading a read transaction.
      }, { behavior: 'immediate' });
    },
  };
}

export type ResponsesRepository = ReturnType<typeof createResponsesRepository>;

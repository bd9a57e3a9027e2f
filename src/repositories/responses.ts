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
      return db.transaction((tx) => {
        const stamp = nowStamp();
        const row = tx
          .insert(responses)
          .values({ ...input, createdAt: stamp, updatedAt: null })
          .returning()
          .get();
        if (auditEntry) audit.record({ ticketId: input.ticketNumber, ...auditEntry });
        if (input.isNote === 1) return row;
        if (input.employeeResponse === 1) {
          tx.update(tickets).set({ status: 'awaiting_reply', updatedAt: stamp }).where(eq(tickets.id, input.ticketNumber)).run();
          tx.update(tickets)
            .set({ firstEmployeeReply: stamp })
            .where(and(eq(tickets.id, input.ticketNumber), isNull(tickets.firstEmployeeReply)))
            .run();
        } else {
          tx.update(tickets)
            .set({ status: 'open', dateClosed: null, updatedByClientAt: stamp, updatedAt: stamp })
            .where(eq(tickets.id, input.ticketNumber))
            .run();
        }
        return row;
      });
    },
  };
}

export type ResponsesRepository = ReturnType<typeof createResponsesRepository>;

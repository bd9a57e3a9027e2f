// Replying to a ticket: who the author is, and whether the caller may write on that ticket.
import type { Principal } from '../auth/principal.js';
import { Forbidden, NOT_FOUND_MESSAGES, NotFound, ValidationFailed } from '../errors.js';
import type { AuditEntry } from '../repositories/audit-log.js';
import type { Repositories } from '../repositories/index.js';
import type { TicketRow } from '../serializers/ticket.js';
import { STAFF_ROLES } from '../repositories/users.js';
import type { Author } from '../serializers/response.js';

export type ReplyInput = {
  ticketNumber: number;
  content: string;
  authorId: number | undefined;
  authorField: 'user_id' | 'customer_id';
  isNote: number;
  employeeResponse: number;
  organize: string | undefined;
  ipAddress: string | undefined;
};

export function createResponseService(repos: Repositories) {
  /** Staff replies and notes are written by a staff member: the one named, or the caller. */
  function staffAuthor(principal: Principal, input: ReplyInput): number {
    if (principal.kind !== 'staff') throw new Forbidden();
    if (input.authorId === undefined || input.authorId === principal.userId) return principal.userId;
    const staff = repos.users.findById(input.authorId);
    if (!staff || !STAFF_ROLES.includes(staff.role)) {
      throw ValidationFailed.invalid(input.authorField);
    }
    return staff.id;
  }

  /** A customer reply is written by the ticket's owner (null for a guest ticket), never anyone else. */
  function customerAuthor(principal: Principal, ticket: TicketRow, input: ReplyInput): number | null {
    const named = input.authorId === undefined ? (ticket.userId ?? 0) : input.authorId;
    const owner = ticket.userId ?? 0;
    if (named !== owner || (principal.kind === 'customer' && principal.userId !== owner)) {
      throw new NotFound(NOT_FOUND_MESSAGES.ticket);
    }
    return ticket.userId;
  }

  function authorOf(userId: number | null, ticket: TicketRow): Author {
    if (userId === null) return { name: ticket.publicName, email: ticket.publicEmail };
    const user = repos.users.findById(userId);
    return { name: user?.name ?? null, email: user?.email ?? null };
  }

  return {
    reply(principal: Principal, input: ReplyInput, requestIp: string, auditEntry?: AuditEntry) {
      const ticket = repos.tickets.findById(input.ticketNumber);
      if (!ticket || (principal.kind === 'customer' && ticket.userId !== principal.userId)) {
        throw new NotFound(NOT_FOUND_MESSAGES.ticket);
      }
      const byStaff = input.employeeResponse === 1 || input.isNote === 1;
      const userId = byStaff ? staffAuthor(principal, input) : customerAuthor(principal, ticket, input);
      const row = repos.responses.create({
        ticketNumber: ticket.id,
        userId,
        content: input.content,
        organize: input.organize ?? 'ticket',
        isNote: input.isNote,
        employeeResponse: input.employeeResponse,
        ipAddress: principal.kind === 'staff' && input.ipAddress ? input.ipAddress : requestIp,
      }, auditEntry && { customerId: ticket.userId, ...auditEntry });
      return { row, author: authorOf(userId, ticket) };
    },

    /** Oldest first; a customer sees only its own tickets and never internal notes. */
    list(principal: Principal, ticketNumber: number) {
      const ticket = repos.tickets.findById(ticketNumber);
      if (!ticket || (principal.kind === 'customer' && ticket.userId !== principal.userId)) {
        throw new NotFound(NOT_FOUND_MESSAGES.ticket);
      }
      const rows = repos.responses.listForTicket(ticket.id, { includeNotes: principal.kind === 'staff' });
      if (rows.length === 0) throw new NotFound(NOT_FOUND_MESSAGES.responses);
      return rows.map(({ response, authorName, authorEmail }) => ({
        row: response,
        author: response.userId === null ? authorOf(null, ticket) : { name: authorName, email: authorEmail },
      }));
    },
  };
}

export type ResponseService = ReturnType<typeof createResponseService>;

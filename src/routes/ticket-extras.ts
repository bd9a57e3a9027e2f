// Ticket endpoints the client plugins call beyond Ticaga's core docs (CONTRACT.md §5.3): a staff lookup
// by ticket id alone, rating a ticket, and counting tickets by status.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntryFor } from '../audit/request-audit.js';
import { NOT_FOUND_MESSAGES, NotFound } from '../errors.js';
import type { TicketStatus } from '../repositories/tickets.js';
import { joinedTicketSchema, serializeJoinedTicket } from '../serializers/ticket.js';
import { TICKET_STATUSES } from '../validation/enums.js';
import { requiredInteger } from '../validation/fields.js';
import type { RouteDeps } from './deps.js';

const infoBody = z.object({ ticket_id: requiredInteger('ticket_id') });

const rateBody = z.object({
  ticket_id: requiredInteger('ticket_id'),
  customer_id: requiredInteger('customer_id'),
  rating: requiredInteger('rating', { max: 5 }),
});

const isTicketStatus = (value: string): value is TicketStatus => (TICKET_STATUSES as readonly string[]).includes(value);

export const ticketExtraRoutes: FastifyPluginAsync<RouteDeps> = async (app, { repos, ticketService }) => {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  // Any ticket, guest tickets included. The request names no customer, so a missing ticket answers
  // like GET responses/get does for one: "Ticket not found".
  routes.post(
    '/tickets/info',
    { config: { access: 'staff' }, schema: { body: infoBody, response: { 200: z.object({ tickets: joinedTicketSchema }) } } },
    async (request) => {
      const found = repos.tickets.findJoined(request.body.ticket_id);
      if (!found) throw new NotFound(NOT_FOUND_MESSAGES.ticket);
      return { tickets: serializeJoinedTicket(found.ticket, found.department, found.customer) };
    },
  );

  // Same ownership rule and answer as POST tickets/close; any status may be rated.
  routes.post(
    '/tickets/rate',
    { config: { writes: true }, schema: { body: rateBody, response: { 200: z.object({ id: z.number().int() }) } } },
    async (request) => {
      const { customer_id, ticket_id, rating } = request.body;
      const ticket = ticketService.findOwned(request.principal, customer_id, ticket_id);
      repos.tickets.rate(ticket.id, rating, auditEntryFor(request, 'tickets.rate', { customerId: ticket.userId }));
      return { id: ticket.id };
    },
  );

  // Staff count every ticket, a customer only its own. Plugins pass their own status names through
  // (Blesta's `trash`, `not_closed`): no ticket has a status this server does not know, so those count 0.
  routes.get(
    '/tickets/countbystatus/:status',
    { schema: { params: z.object({ status: z.string() }), response: { 200: z.object({ count: z.number().int() }) } } },
    async (request) => {
      const status = request.params.status.toLowerCase();
      if (!isTicketStatus(status)) return { count: 0 };
      const principal = request.principal;
      return {
        count:
          principal.kind === 'staff'
            ? repos.tickets.countByStatus(status)
            : repos.tickets.countByStatusForCustomer(status, principal.userId),
      };
    },
  );
};

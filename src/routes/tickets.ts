// Tickets: open, read one (joined form, by path or by POST body), list a customer's, close.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntryFor } from '../audit/request-audit.js';
import { mayActFor } from '../auth/principal.js';
import { NOT_FOUND_MESSAGES, NotFound, ValidationFailed } from '../errors.js';
import { joinedTicketSchema, serializeJoinedTicket, serializeTicket, ticketSchema } from '../serializers/ticket.js';
import { PRIORITY_ALIASES, TICKET_PRIORITIES } from '../validation/enums.js';
import {
  customFields,
  optionalExternalId,
  optionalChoice,
  optionalEmail,
  optionalInteger,
  optionalIp,
  optionalText,
  requiredInteger,
  requiredText,
} from '../validation/fields.js';
import { parsePathId, type RouteDeps } from './deps.js';

const createBody = z.object({
  customer_id: optionalInteger('customer_id'),
  user_id: optionalInteger('user_id'),
  subject: requiredText('subject', { max: 255 }),
  message: requiredText('message', { max: 65535, multiline: true }),
  priority: optionalChoice('priority', TICKET_PRIORITIES, PRIORITY_ALIASES),
  department_id: optionalInteger('department_id'),
  department_slug: optionalText('department_slug'),
  cc: optionalText('cc', { max: 1000 }),
  assigned: optionalInteger('assigned'),
  ip_address: optionalIp('ip_address'),
  public_name: optionalText('public_name'),
  public_email: optionalEmail('public_email'),
  organize: optionalText('organize', { max: 50 }),
  billing_id: optionalExternalId('billing_id'),
  billing_system: optionalText('billing_system', { max: 50 }),
  custom_fields: customFields('custom_fields'),
});

const closeBody = z.object({
  customer_id: requiredInteger('customer_id'),
  ticket_id: requiredInteger('ticket_id'),
});

const ownerParams = z.object({ id: z.string(), ticket_id: z.string() });

// Older plugins name the owner `client_id`.
const getBody = z.object({
  id: optionalInteger('id'),
  client_id: optionalInteger('client_id'),
  ticket_id: requiredInteger('ticket_id'),
});

/** Optional keyset pagination of a customer's tickets; without it the whole list, as documented. */
const MAX_PAGE = 1000;
const pageQuery = z.object({
  limit: optionalInteger('limit', { min: 1, max: MAX_PAGE }),
  after: optionalInteger('after'),
});

export const ticketRoutes: FastifyPluginAsync<RouteDeps> = async (app, { repos, ticketService }) => {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  /** The joined ticket if `customerId` owns it and the caller may act for that customer. */
  function findOwnedJoined(principal: Parameters<typeof mayActFor>[0], customerId: number | null, ticketId: number | null) {
    if (customerId === null || ticketId === null || !mayActFor(principal, customerId)) return undefined;
    const found = repos.tickets.findJoined(ticketId);
    return found && found.ticket.userId === customerId ? found : undefined;
  }

  routes.post(
    '/tickets/create',
    { config: { writes: true }, schema: { body: createBody, response: { 200: z.object({ id: ticketSchema }) } } },
    async (request) => {
      const body = request.body;
      const row = ticketService.open(
        request.principal,
        {
          customerId: body.customer_id ?? body.user_id,
          customerField: body.customer_id === undefined && body.user_id !== undefined ? 'user_id' : 'customer_id',
          subject: body.subject,
          message: body.message,
          priority: body.priority,
          departmentId: body.department_id,
          departmentSlug: body.department_slug,
          cc: body.cc,
          assigned: body.assigned,
          ipAddress: body.ip_address,
          publicName: body.public_name,
          publicEmail: body.public_email,
          organize: body.organize,
          customFields: body.custom_fields,
        },
        request.ip,
        auditEntryFor(request, 'tickets.create'),
      );
      return { id: serializeTicket(row) };
    },
  );

  routes.get(
    '/tickets/get/:id/:ticket_id',
    {
      config: { errors: [new NotFound(NOT_FOUND_MESSAGES.ticketForUser)] },
      schema: { params: ownerParams, response: { 200: z.object({ tickets: joinedTicketSchema }) } },
    },
    async (request) => {
      const found = findOwnedJoined(request.principal, parsePathId(request.params.id), parsePathId(request.params.ticket_id));
      if (!found) throw new NotFound(NOT_FOUND_MESSAGES.ticketForUser);
      return { tickets: serializeJoinedTicket(found.ticket, found.department, found.customer) };
    },
  );

  routes.post(
    '/tickets/get',
    { schema: { body: getBody, response: { 200: z.object({ tickets: joinedTicketSchema }) } } },
    async (request) => {
      const { id, client_id, ticket_id } = request.body;
      const customerId = id ?? client_id;
      if (customerId === undefined) throw ValidationFailed.field('id', 'The id field is required when client id is not present.');
      const found = findOwnedJoined(request.principal, customerId, ticket_id);
      if (!found) throw new NotFound(NOT_FOUND_MESSAGES.ticketForUser);
      return { tickets: serializeJoinedTicket(found.ticket, found.department, found.customer) };
    },
  );

  routes.get(
    '/tickets/get/all/:ticaga_id',
    {
      schema: {
        params: z.object({ ticaga_id: z.string() }),
        querystring: pageQuery,
        response: { 200: z.object({ tickets: z.array(ticketSchema) }) },
      },
    },
    async (request, reply) => {
      const customerId = parsePathId(request.params.ticaga_id);
      if (customerId === null || !mayActFor(request.principal, customerId)) return { tickets: [] };
      const { limit, after } = request.query;
      if (limit === undefined && after === undefined) return { tickets: repos.tickets.listForCustomer(customerId).map(serializeTicket) };
      const page = repos.tickets.pageForCustomer(customerId, { after: after ?? 0, limit: limit ?? null });
      if (page.more) {
        // Built from the route, not echoed from the request: one canonical, relative address.
        const path = request.routeOptions.url!.replace(':ticaga_id', String(customerId));
        reply.header('link', `<${path}?limit=${limit}&after=${page.rows[page.rows.length - 1].id}>; rel="next"`);
      }
      return { tickets: page.rows.map(serializeTicket) };
    },
  );

  routes.post(
    '/tickets/close',
    {
      config: { writes: true, errors: [new NotFound(NOT_FOUND_MESSAGES.ticketForUser)] },
      schema: { body: closeBody, response: { 200: z.object({ id: z.number().int() }) } },
    },
    async (request) => {
      const { customer_id, ticket_id } = request.body;
      const ticket = ticketService.findOwned(request.principal, customer_id, ticket_id);
      repos.tickets.close(ticket.id, auditEntryFor(request, 'tickets.close', { customerId: ticket.userId }));
      return { id: ticket.id };
    },
  );
};

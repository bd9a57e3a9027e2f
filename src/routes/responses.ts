// Ticket responses: list a ticket's conversation (by path or by POST body), add a reply or an internal note.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Principal } from '../auth/principal.js';
import { auditEntryFor } from '../audit/request-audit.js';
import { documented } from '../docs/error-responses.js';
import { Forbidden, NOT_FOUND_MESSAGES, NotFound, ValidationFailed } from '../errors.js';
import { responseSchema, serializeResponse } from '../serializers/response.js';
import { optionalFlag, optionalInteger, optionalIp, optionalText, requiredInteger } from '../validation/fields.js';
import { parsePathId, type RouteDeps } from './deps.js';

const createBody = z.object({
  ticket_number: requiredInteger('ticket_number'),
  content: optionalText('content', { max: 65535, multiline: true }),
  message: optionalText('message', { max: 65535, multiline: true }),
  user_id: optionalInteger('user_id'),
  customer_id: optionalInteger('customer_id'),
  is_note: optionalFlag('is_note'),
  employee_response: optionalFlag('employee_response'),
  organize: optionalText('organize', { max: 50 }),
  ip_address: optionalIp('ip_address'),
});

const responseList = z.object({ responses: z.array(responseSchema) });
const listBody = z.object({ ticket_id: requiredInteger('ticket_id') });

export const responseRoutes: FastifyPluginAsync<RouteDeps> = async (app, { responseService }) => {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  function listResponses(principal: Principal, ticketNumber: number) {
    const entries = responseService.list(principal, ticketNumber);
    return { responses: entries.map(({ row, author }) => serializeResponse(row, author)) };
  }

  routes.get(
    '/responses/get/:ticket_id',
    {
      config: { errors: [new NotFound(NOT_FOUND_MESSAGES.ticket), new NotFound(NOT_FOUND_MESSAGES.responses)] },
      schema: { params: z.object({ ticket_id: z.string() }), response: { 200: responseList } },
    },
    async (request) => {
      const ticketNumber = parsePathId(request.params.ticket_id);
      if (ticketNumber === null) throw new NotFound(NOT_FOUND_MESSAGES.ticket);
      return listResponses(request.principal, ticketNumber);
    },
  );

  routes.post('/responses/get', { schema: { body: listBody, response: { 200: responseList } } }, async (request) =>
    listResponses(request.principal, request.body.ticket_id),
  );

  routes.post(
    '/responses/create',
    {
      config: { writes: true, errors: [documented(new Forbidden(), 'A customer posting a note or a staff reply'), new NotFound(NOT_FOUND_MESSAGES.ticket)] },
      schema: { body: createBody, response: { 200: z.object({ id: responseSchema }) } },
    },
    async (request) => {
      const body = request.body;
      const content = body.content ?? body.message;
      if (content === undefined) throw ValidationFailed.field('content', 'The content field is required.');
      const { row, author } = responseService.reply(
        request.principal,
        {
          ticketNumber: body.ticket_number,
          content,
          authorId: body.user_id ?? body.customer_id,
          authorField: body.user_id === undefined && body.customer_id !== undefined ? 'customer_id' : 'user_id',
          isNote: body.is_note ?? 0,
          employeeResponse: body.employee_response ?? 0,
          organize: body.organize,
          ipAddress: body.ip_address,
        },
        request.ip,
        auditEntryFor(request, 'responses.create'),
      );
      return { id: serializeResponse(row, author) };
    },
  );
};

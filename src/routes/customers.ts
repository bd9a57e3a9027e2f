// Customer records: read one, and link one to a billing system account.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntryFor } from '../audit/request-audit.js';
import { mayActFor } from '../auth/principal.js';
import { NOT_FOUND_MESSAGES, NotFound } from '../errors.js';
import { serializeUser, userSchema } from '../serializers/user.js';
import { BILLING_SYSTEMS } from '../validation/enums.js';
import { requiredChoice, requiredExternalId, requiredInteger } from '../validation/fields.js';
import { parsePathId, type RouteDeps } from './deps.js';

const assignBody = z.object({
  ticaga_id: requiredInteger('ticaga_id'),
  billing_id: requiredExternalId('billing_id'),
  billing_system: requiredChoice('billing_system', BILLING_SYSTEMS),
});

export const customerRoutes: FastifyPluginAsync<RouteDeps> = async (app, { repos }) => {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  // `0` means the caller itself: plugins use it as a connection test.
  routes.get(
    '/customers/get/:id',
    {
      config: { errors: [new NotFound(NOT_FOUND_MESSAGES.user)] },
      schema: { params: z.object({ id: z.string().describe('A customer id; 0 = the caller') }), response: { 200: z.object({ user: userSchema }) } },
    },
    async (request) => {
      const id = parsePathId(request.params.id);
      const principal = request.principal;
      const user =
        id === 0
          ? repos.users.findById(principal.userId)
          : id !== null && mayActFor(principal, id)
            ? repos.users.findCustomerById(id)
            : undefined;
      if (!user) throw new NotFound(NOT_FOUND_MESSAGES.user);
      return { user: serializeUser(user) };
    },
  );

  routes.post(
    '/customers/assign',
    {
      config: { access: 'staff', writes: true, errors: [new NotFound(NOT_FOUND_MESSAGES.user)] },
      schema: { body: assignBody, response: { 200: z.object({ user: z.literal(true) }) } },
    },
    async (request) => {
      const { ticaga_id, billing_id, billing_system } = request.body;
      if (!repos.users.setBillingLink(ticaga_id, billing_id, billing_system, auditEntryFor(request, 'customers.assign'))) throw new NotFound(NOT_FOUND_MESSAGES.user);
      return { user: true as const };
    },
  );
};

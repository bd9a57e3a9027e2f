// Linking customers to billing-system accounts the way the client plugins do it (CONTRACT.md §5.3):
// link by email (found or created), ClientExec's sync, and the older billing-id form of customers/assign.
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntryFor } from '../audit/request-audit.js';
import { NOT_FOUND_MESSAGES, NotFound, ValidationFailed } from '../errors.js';
import type { BillingLink } from '../repositories/users.js';
import { serializeUser, userSchema } from '../serializers/user.js';
import { BILLING_SYSTEMS } from '../validation/enums.js';
import {
  optionalChoice,
  optionalText,
  requiredChoice,
  requiredEmail,
  requiredExternalId,
  requiredInteger,
} from '../validation/fields.js';
import type { RouteDeps } from './deps.js';

const linkBody = z.object({
  email: requiredEmail('email'),
  name: optionalText('name'),
  billing_id: requiredExternalId('billing_id'),
  billing_system: requiredChoice('billing_system', BILLING_SYSTEMS),
});

const syncBody = z.object({
  external_id: requiredExternalId('external_id'),
  name: optionalText('name'),
  email: requiredEmail('email'),
  company: optionalText('company'),
});

const billingBody = z.object({
  ticaga_id: requiredInteger('ticaga_id'),
  billing_id: requiredExternalId('billing_id'),
  billing_system: optionalChoice('billing_system', BILLING_SYSTEMS),
});

const userAnswer = { 200: z.object({ user: userSchema }) };
const staffWrite = { access: 'staff', writes: true } as const;

export const customerLinkRoutes: FastifyPluginAsync<RouteDeps> = async (app, { repos }) => {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  /** Finds or creates the customer and sets its link; a staff email or a new customer without a name is a 422. */
  function link(request: FastifyRequest, action: string, input: Omit<BillingLink, 'name'> & { name: string | undefined }) {
    const taken = () => ValidationFailed.field('email', 'The email has already been taken.');
    const existing = repos.users.findByEmail(input.email);
    if (existing && existing.role !== 'customer') throw taken();
    if (!existing && input.name === undefined) throw ValidationFailed.field('name', 'The name field is required.');
    const user = repos.users.linkByEmail({ ...input, name: input.name ?? existing?.name ?? '' }, auditEntryFor(request, action));
    if (!user) throw taken();
    return { user: serializeUser(user) };
  }

  routes.post('/customers/link', { config: staffWrite, schema: { body: linkBody, response: userAnswer } }, async (request) => {
    const { email, name, billing_id, billing_system } = request.body;
    return link(request, 'customers.link', { email, name, billingId: billing_id, billingSystem: billing_system });
  });

  routes.post('/customers/sync', { config: staffWrite, schema: { body: syncBody, response: userAnswer } }, async (request) => {
    const { email, name, company, external_id } = request.body;
    return link(request, 'customers.sync', { email, name, company, billingId: external_id, billingSystem: 'clientexec' });
  });

  routes.post(
    '/customers/billing',
    { config: staffWrite, schema: { body: billingBody, response: { 200: z.object({ user: z.literal(true) }) } } },
    async (request) => {
      const { ticaga_id, billing_id, billing_system } = request.body;
      if (!repos.users.setBillingLink(ticaga_id, billing_id, billing_system, auditEntryFor(request, 'customers.billing'))) throw new NotFound(NOT_FOUND_MESSAGES.user);
      return { user: true as const };
    },
  );
};

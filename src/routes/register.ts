// POST /api/register (staff): creates a customer account.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditEntryFor } from '../audit/request-audit.js';
import { ValidationFailed } from '../errors.js';
import { isUniqueViolation } from '../db/errors.js';
import { registeredUserSchema, serializeRegisteredUser } from '../serializers/user.js';
import { BILLING_SYSTEMS } from '../validation/enums.js';
import { optionalChoice, optionalExternalId, optionalText, password, requiredEmail, requiredText } from '../validation/fields.js';
import type { RouteDeps } from './deps.js';

const registerBody = z.object({
  name: requiredText('name'),
  email: requiredEmail('email'),
  password: password('password', { min: 8 }),
  company: optionalText('company'),
  billing_id: optionalExternalId('billing_id'),
  billing_system: optionalChoice('billing_system', BILLING_SYSTEMS),
  account_manager: optionalExternalId('account_manager'),
  biography: optionalText('biography', { max: 65535, multiline: true }),
});

const emailTaken = () => ValidationFailed.field('email', 'The email has already been taken.');

export const registerRoutes: FastifyPluginAsync<RouteDeps> = async (app, { repos, passwords }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/register',
    { config: { access: 'staff', writes: true, errors: [emailTaken()] }, schema: { body: registerBody, response: { 200: z.object({ user: registeredUserSchema }) } } },
    async (request) => {
      const body = request.body;
      if (repos.users.findByEmail(body.email)) throw emailTaken();
      const passwordHash = await passwords.hash(body.password);
      try {
        const user = repos.users.create({
          name: body.name,
          email: body.email,
          passwordHash,
          company: body.company,
          billingId: body.billing_id,
          billingSystem: body.billing_system,
          accountManager: body.account_manager,
          biography: body.biography,
        }, auditEntryFor(request, 'customers.create'));
        return { user: serializeRegisteredUser(user) };
      } catch (error) {
        // Another request took the email while this one was hashing.
        if (isUniqueViolation(error)) throw emailTaken();
        throw error;
      }
    },
  );
};

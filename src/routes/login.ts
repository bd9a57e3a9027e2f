// POST /api/login: a billing system checks a customer's password and receives a customer JWT.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HttpError } from '../errors.js';
import { serializeUser, userSchema } from '../serializers/user.js';
import { password, requiredEmail } from '../validation/fields.js';
import type { RouteDeps } from './deps.js';

const loginBody = z.object({
  email: requiredEmail('email'),
  password: password('password'),
});

const badCredentials = () => new HttpError(422, { error: 'These credentials do not match our records.' });

const loginResponse = z.object({
  user: userSchema,
  token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.number().int(),
});

export const loginRoutes: FastifyPluginAsync<RouteDeps> = async (app, { repos, passwords, customerJwt }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/login',
    { config: { access: 'staff', errors: [badCredentials()] }, schema: { body: loginBody, response: { 200: loginResponse } } },
    async (request) => {
      const found = repos.users.findByEmail(request.body.email);
      const customer = found?.role === 'customer' ? found : undefined;
      // One bcrypt verification whether or not the account exists: same answer, same time.
      const verified = await passwords.verify(request.body.password, customer?.password);
      if (!verified || !customer) throw badCredentials();
      return {
        user: serializeUser(customer),
        token: customerJwt.sign(customer.id),
        token_type: 'Bearer' as const,
        expires_in: customerJwt.ttlSeconds,
      };
    },
  );
};

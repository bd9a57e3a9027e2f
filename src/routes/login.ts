// POST /api/login: a billing system checks a customer's password and receives a customer JWT.
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditActor } from '../audit/request-audit.js';
import { HttpError, TooManyAttempts } from '../errors.js';
import { ipBucket } from '../http/rate-limit.js';
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

export const loginRoutes: FastifyPluginAsync<RouteDeps> = async (app, { repos, passwords, customerJwt, loginThrottle }) => {
  app.withTypeProvider<ZodTypeProvider>().post(
    '/login',
    { config: { access: 'staff', errors: [badCredentials()] }, schema: { body: loginBody, response: { 200: loginResponse } } },
    async (request) => {
      // Counted before the password is checked, so parallel guesses are held to the limit too.
      const throttleKey = loginThrottle.key(request.body.email, ipBucket(request.ip));
      const waitSeconds = loginThrottle.begin(throttleKey);
      if (waitSeconds > 0) throw new TooManyAttempts(waitSeconds);
      const found = repos.users.findByEmail(request.body.email);
      const customer = found?.role === 'customer' ? found : undefined;
      // One bcrypt verification whether or not the account exists: same answer, same time.
      const verified = await passwords.verify(request.body.password, customer?.password);
      if (!verified || !customer) {
        repos.auditLog.record({ ...auditActor(request), action: 'login.failed', customerId: customer?.id ?? null });
        throw badCredentials();
      }
      loginThrottle.succeeded(throttleKey);
      return {
        user: serializeUser(customer),
        token: customerJwt.sign(customer.id),
        token_type: 'Bearer' as const,
        expires_in: customerJwt.ttlSeconds,
      };
    },
  );
};

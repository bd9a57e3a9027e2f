// buildApp({ config, db }) -> a ready-to-listen Fastify instance. Every plugin and route is registered
// here by hand, in boot order.
import fastifyJwt from '@fastify/jwt';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { auditTrail } from './audit/plugin.js';
import { createTokenService } from './auth/api-tokens.js';
import { authenticate, authorize } from './auth/authenticate.js';
import { createCustomerJwt } from './auth/customer-jwt.js';
import { createLoginThrottle } from './auth/login-throttle.js';
import { createPasswordHasher } from './auth/passwords.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { docsPage } from './docs/docs-page.js';
import { apiDocs } from './docs/openapi.js';
import { registerBodyParser } from './http/body-parser.js';
import { cors } from './http/cors.js';
import { registerErrorHandling } from './http/error-handler.js';
import { rateLimit } from './http/rate-limit.js';
import { securityHeaders } from './http/security-headers.js';
import { metrics } from './http/metrics.js';
import { requestIdOptions, requestLogging } from './http/request-log.js';
import { createSerializerCompiler } from './http/serializer.js';
import { createRepositories } from './repositories/index.js';
import { customerLinkRoutes } from './routes/customer-links.js';
import { customerRoutes } from './routes/customers.js';
import type { RouteDeps } from './routes/deps.js';
import { departmentRoutes } from './routes/departments.js';
import { healthRoutes } from './routes/health.js';
import { loginRoutes } from './routes/login.js';
import { realtimeRoutes } from './routes/realtime.js';
import { registerRoutes } from './routes/register.js';
import { responseRoutes } from './routes/responses.js';
import { ticketExtraRoutes } from './routes/ticket-extras.js';
import { ticketRoutes } from './routes/tickets.js';
import { createResponseService } from './services/responses.js';
import { createTicketService } from './services/tickets.js';
import { zodValidatorCompiler } from './validation/validator.js';

export type AppOptions = {
  config: Config & { jwtSecret: string };
  db: Db;
  logger?: FastifyServerOptions['logger'];
};

export async function buildApp({ config, db, logger = false }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    ...requestIdOptions,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true, ignoreDuplicateSlashes: true, maxParamLength: 500 },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(zodValidatorCompiler);
  // Tests also run zod's serializer on every answer and fail on any byte of difference.
  app.setSerializerCompiler(createSerializerCompiler({ verify: config.env === 'test' }));
  registerBodyParser(app);
  registerErrorHandling(app);
  await app.register(requestLogging);
  // Before authentication, so refused requests are measured too; before every route, so each is documented.
  await app.register(apiDocs, { metricsToken: config.metricsEnabled && Boolean(config.metricsToken) });
  if (config.metricsEnabled) await app.register(metrics, { token: config.metricsToken });

  await app.register(fastifyJwt, { secret: config.jwtSecret, sign: { algorithm: 'HS256' }, verify: { algorithms: ['HS256'] } });

  const repos = createRepositories(db);
  const deps: RouteDeps = {
    repos,
    passwords: createPasswordHasher(config.bcryptRounds),
    tokens: createTokenService(repos.apiTokens),
    customerJwt: createCustomerJwt(app.jwt, config.jwtTtlSeconds),
    loginThrottle: createLoginThrottle({ maxFailures: config.loginMaxFailures }),
    ticketService: createTicketService(repos),
    responseService: createResponseService(repos),
  };

  // onRequest order: headers, who is calling, their rate limit, CORS preflight, then 401/403.
  await app.register(securityHeaders);
  await app.register(authenticate, { tokens: deps.tokens, customerJwt: deps.customerJwt, users: repos.users });
  await app.register(rateLimit, { perPrincipal: config.rateLimitPerMinute, perIp: config.rateLimitAnonPerMinute });
  await app.register(cors, { origins: config.corsOrigins });
  await app.register(authorize);
  await app.register(auditTrail, { auditLog: repos.auditLog });
  await app.register(docsPage);
  await app.register(healthRoutes, { db });
  await app.register(loginRoutes, { prefix: '/api', ...deps });
  await app.register(registerRoutes, { prefix: '/api', ...deps });
  await app.register(customerRoutes, { prefix: '/api', ...deps });
  await app.register(departmentRoutes, { prefix: '/api', ...deps });
  await app.register(ticketRoutes, { prefix: '/api', ...deps });
  await app.register(responseRoutes, { prefix: '/api', ...deps });
  await app.register(customerLinkRoutes, { prefix: '/api', ...deps });
  await app.register(ticketExtraRoutes, { prefix: '/api', ...deps });
  await app.register(realtimeRoutes, { prefix: '/api' });
  return app;
}

// Fastify plugins: `authenticate` resolves request.principal, `authorize` enforces each route's `access`.
// app.ts registers the rate limiter between them.
import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Forbidden, Unauthenticated } from '../errors.js';
import type { UsersRepository } from '../repositories/users.js';
import type { TokenService } from './api-tokens.js';
import { readCredentials } from './credentials.js';
import type { CustomerJwt } from './customer-jwt.js';
import type { Access, Principal } from './principal.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal;
  }
  interface FastifyContextConfig {
    /** Who may call the route; defaults to `user` (any valid credentials). */
    access?: Access;
    /** The route changes data: a read-only API token gets 403. */
    writes?: boolean;
  }
}

type Options = { tokens: TokenService; customerJwt: CustomerJwt; users: UsersRepository };

function identify(request: FastifyRequest, { tokens, customerJwt, users }: Options): Principal | null {
  const credentials = readCredentials(request.headers);
  if (credentials.kind === 'staff-token') {
    const staff = tokens.verify(credentials.token, credentials.email);
    if (!staff) return null;
    return { kind: 'staff', userId: staff.userId, email: staff.email, tokenId: staff.tokenId, abilities: staff.abilities };
  }
  if (credentials.kind === 'customer-jwt') {
    const customerId = customerJwt.verify(credentials.jwt);
    // A deleted customer's token stops working at once.
    return customerId !== null && users.findCustomerById(customerId) ? { kind: 'customer', userId: customerId } : null;
  }
  return null;
}

/**
 * Resolves request.principal (null when the caller has no valid credentials) without answering, so
 * that the rate limiter, registered next, can key on who is calling.
 */
export const authenticate = fp<Options>(async (app: FastifyInstance, options) => {
  app.decorateRequest<Principal | null>('principal', null);
  app.addHook('onRequest', async (request) => {
    if (request.is404 || (request.routeOptions.config.access ?? 'user') === 'public') return;
    request.principal = identify(request, options) as Principal;
  });
});

/** Enforces each route's `access` and `writes` on the principal that `authenticate` resolved. */
export const authorize = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => {
    if (request.is404) return;
    // routeOptions is a getter that builds a new object on every read: read it once.
    const { config } = request.routeOptions;
    const access = config.access ?? 'user';
    if (access === 'public') return;
    const principal = request.principal as Principal | null;
    if (!principal) throw new Unauthenticated();
    if (access === 'staff' && principal.kind !== 'staff') throw new Forbidden();
    if (config.writes && principal.kind === 'staff' && !principal.abilities.includes('write')) {
      throw new Forbidden();
    }
  });
});

// What every route plugin is given: repositories and services, built once in app.ts.
import type { CustomerJwt } from '../auth/customer-jwt.js';
import type { TokenService } from '../auth/api-tokens.js';
import type { LoginThrottle } from '../auth/login-throttle.js';
import type { PasswordHasher } from '../auth/passwords.js';
import type { Repositories } from '../repositories/index.js';
import type { ResponseService } from '../services/responses.js';
import type { TicketService } from '../services/tickets.js';

export type RouteDeps = {
  repos: Repositories;
  passwords: PasswordHasher;
  tokens: TokenService;
  customerJwt: CustomerJwt;
  loginThrottle: LoginThrottle;
  ticketService: TicketService;
  responseService: ResponseService;
};

/** Path ids: anything that is not a plain non-negative integer names nothing. */
export function parsePathId(raw: string): number | null {
  return /^\d{1,15}$/.test(raw) ? Number(raw) : null;
}

// Audit entries from the request's point of view: who is acting (API token, customer or nobody) and
// from which IP. A route that records its own entry inside its write's transaction says so by taking
// the entry from auditEntryFor(), and the audit plugin's safety net then stands down.
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../auth/principal.js';
import type { AuditEntry } from '../repositories/audit-log.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** A route recorded this request's audit entry itself. */
    auditRecorded: boolean;
  }
}

export type AuditActor = Pick<AuditEntry, 'actorType' | 'actorId' | 'ip'>;

/** Staff are recorded by API token id (which names the token and its owner), customers by customer id. */
export function auditActor(request: FastifyRequest): AuditActor {
  const principal = request.principal as Principal | null;
  if (principal?.kind === 'staff') return { actorType: 'staff', actorId: principal.tokenId, ip: request.ip };
  if (principal?.kind === 'customer') return { actorType: 'customer', actorId: principal.userId, ip: request.ip };
  return { actorType: 'anonymous', actorId: null, ip: request.ip };
}

/** The entry a route hands to the repository that performs its write, to be committed with it. */
export function auditEntryFor(
  request: FastifyRequest,
  action: string,
  targets: Pick<AuditEntry, 'ticketId' | 'customerId'> = {},
): AuditEntry {
  request.auditRecorded = true;
  return { ...auditActor(request), action, ...targets };
}

/** `/api/customers/link` -> `customers.link`: the action recorded for a route that did not name one. */
export function actionForRoute(url: string): string {
  return url
    .split('/')
    .filter((segment) => segment !== '' && segment !== 'api' && !segment.startsWith(':'))
    .join('.');
}

// The audit trail's safety net, as a Fastify plugin. Routes record their writes in the same transaction
// as the write (see auditEntryFor); any successful `writes` route that did not (a route added later,
// say) is still recorded here once its answer is sent, and so is every request whose credentials were
// refused, so token guessing leaves a trace.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { readCredentials } from '../auth/credentials.js';
import type { AuditLogRepository } from '../repositories/audit-log.js';
import { actionForRoute, auditActor } from './request-audit.js';

export const auditTrail = fp<{ auditLog: AuditLogRepository }>(async (app: FastifyInstance, { auditLog }) => {
  app.decorateRequest('auditRecorded', false);

  app.addHook('onResponse', async (request, reply) => {
    const status = reply.statusCode;
    try {
      if (request.routeOptions.config.writes && status >= 200 && status < 300 && !request.auditRecorded) {
        auditLog.record({ ...auditActor(request), action: actionForRoute(request.routeOptions.url ?? request.url) });
      } else if (status === 401 && readCredentials(request.headers).kind !== 'none') {
        auditLog.record({ actorType: 'anonymous', actorId: null, ip: request.ip, action: 'auth.failed' });
      }
    } catch (error) {
      request.log.error({ err: error }, 'could not write the audit entry');
    }
  });
});

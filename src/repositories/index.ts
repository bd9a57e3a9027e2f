// All repositories over one database handle, built once per app.
import type { Db } from '../db/client.js';
import { createApiTokensRepository } from './api-tokens.js';
import { createAuditLogRepository } from './audit-log.js';
import { createDepartmentsRepository } from './departments.js';
import { createResponsesRepository } from './responses.js';
import { createTicketsRepository } from './tickets.js';
import { createUsersRepository } from './users.js';

export function createRepositories(db: Db) {
  return {
    users: createUsersRepository(db),
    departments: createDepartmentsRepository(db),
    tickets: createTicketsRepository(db),
    responses: createResponsesRepository(db),
    apiTokens: createApiTokensRepository(db),
    auditLog: createAuditLogRepository(db),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;

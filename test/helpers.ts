// Test factories: a fresh in-memory app per test, and small builders for staff, customers, departments,
// tickets and responses. Tests never depend on seeds.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApp } from '../src/app.js';
import { createTokenService } from '../src/auth/api-tokens.js';
import { createPasswordHasher } from '../src/auth/passwords.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Db } from '../src/db/client.js';
import { createRepositories, type Repositories } from '../src/repositories/index.js';
import type { Role } from '../src/repositories/users.js';
import { DEFAULT_DEPARTMENTS } from '../src/services/bootstrap.js';

export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';
const passwords = createPasswordHasher(4);

export type TestContext = {
  app: FastifyInstance;
  db: Db;
  repos: Repositories;
  /** Staff member with a read,write token. */
  staff: { id: number; email: string; token: string; basic: Record<string, string> };
  customerA: TestCustomer;
  customerB: TestCustomer;
  close: () => Promise<void>;
};

export type TestCustomer = { id: number; email: string; password: string; jwt: string; bearer: Record<string, string> };

export function basicAuth(email: string, token: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}` };
}

/** Customers A and B of createTestApp: what their tickets show as owner (name, email, company). */
export const CUSTOMER_A_PROFILE = { name: 'Prof. Christelle Bechtelar', email: 'briana56@example.net', company: 'Olson, Hintz and Mueller' };
export const CUSTOMER_B_PROFILE = { name: 'Joe Doe', email: 'joedoe@example.com', company: 'Demo Ltd' };

/** What createTicket stores unless told otherwise (the docs' example ticket). */
export const TICKET_DEFAULTS = { subject: 'Vitae provident aspernatur minima eum sunt.', message: 'Ullam minima est ut ipsa iusto impedit.', ipAddress: '81.9.172.148' };

export async function createTestApp(env: Record<string, string> = {}): Promise<TestContext> {
  const config = loadConfig({ NODE_ENV: 'test', BCRYPT_ROUNDS: '4', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', ...env });
  const db = openDatabase(':memory:');
  const app = await buildApp({ config: { ...config, jwtSecret: TEST_JWT_SECRET }, db });
  await app.ready();
  const repos = createRepositories(db);
  for (const department of DEFAULT_DEPARTMENTS) repos.departments.create(department);
  const staff = createStaff(repos, { email: 'harry.marks@example.net', name: 'Harry Marks' });
  const customerA = await createCustomer(app, repos, CUSTOMER_A_PROFILE);
  const customerB = await createCustomer(app, repos, CUSTOMER_B_PROFILE);
  return {
    app,
    db,
    repos,
    staff,
    customerA,
    customerB,
    close: async () => {
      await app.close();
      db.$client.close();
    },
  };
}

export function createStaff(repos: Repositories, { email, name, role = 'admin' as Role }: { email: string; name: string; role?: Role }) {
  const user = repos.users.create({ name, email, passwordHash: null, role });
  const token = createTokenService(repos.apiTokens).issue(user.id, 'tests').plainText;
  return { id: user.id, email, token, basic: basicAuth(email, token) };
}

export async function createCustomer(
  app: FastifyInstance,
  repos: Repositories,
  { name, email, company = '', password = 'correct horse battery' }: { name: string; email: string; company?: string; password?: string },
): Promise<TestCustomer> {
  const user = repos.users.create({ name, email, company, passwordHash: await passwords.hash(password) });
  const jwt = app.jwt.sign({ sub: String(user.id), typ: 'customer' }, { expiresIn: '1h' });
  return { id: user.id, email, password, jwt, bearer: { authorization: `Bearer ${jwt}` } };
}

export function createTicket(repos: Repositories, userId: number | null, overrides: Partial<Parameters<Repositories['tickets']['create']>[0]> = {}) {
  return repos.tickets.create({
    userId,
    subject: TICKET_DEFAULTS.subject,
    message: TICKET_DEFAULTS.message,
    priority: 'medium',
    cc: '',
    assigned: 0,
    departmentId: 2,
    ipAddress: TICKET_DEFAULTS.ipAddress,
    publicName: null,
    publicEmail: null,
    organize: 'ticket',
    customFields: null,
    ...overrides,
  });
}

/** Inject and parse: every answer of this API is JSON. */
export async function call(app: FastifyInstance, options: InjectOptions) {
  const response = await app.inject(options);
  return { status: response.statusCode, body: response.json() as any, headers: response.headers, raw: response.body };
}

/** Every row of every table: compared before and after a rejected request to prove nothing was written. */
export function snapshot(db: Db): Record<string, unknown[]> {
  const tables = db.$client.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '__drizzle%'").all() as { name: string }[];
  return Object.fromEntries(tables.map(({ name }) => [name, db.$client.prepare(`select * from "${name}" order by rowid`).all()]));
}

/** Matches the two wire date formats. */
export const MODEL_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000000Z$/;
export const PLAIN_DATE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** snapshot(db) without the audit trail: for requests that are refused but, by design, leave an audit row. */
export function snapshotWithoutAudit(db: Db): Record<string, unknown[]> {
  const { audit_log: _audit, ...rest } = snapshot(db);
  return rest;
}

/** The audit rows written after row `afterId`, as action/actor pairs. */
export function auditSince(db: Db, afterId: number): { action: string; actor_type: string }[] {
  return db.$client.prepare('select action, actor_type from audit_log where id > ? order by id').all(afterId) as { action: string; actor_type: string }[];
}

export function lastAuditId(db: Db): number {
  return (db.$client.prepare('select coalesce(max(id), 0) as id from audit_log').get() as { id: number }).id;
}

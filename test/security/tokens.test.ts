// Promise 2, token lifecycle: abilities (a read-only token gets 403 on every write), revocation and
// expiry take effect on the next request without a restart, last_used_at is kept (at most one write a
// minute), and the CLI lists tokens without ever showing one again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createTokenService, sha256 } from '../../src/auth/api-tokens.js';
import { runCli } from '../../src/cli/run.js';
import { loadConfig } from '../../src/config.js';
import { closeDatabase, openDatabase } from '../../src/db/client.js';
import { createRepositories } from '../../src/repositories/index.js';
import { nowStamp } from '../../src/serializers/dates.js';
import { DEFAULT_DEPARTMENTS } from '../../src/services/bootstrap.js';
import { basicAuth, call, createTestApp, createTicket, snapshot, TEST_JWT_SECRET, type TestContext } from '../helpers.js';
import { fillPath, listRoutes } from './routes.js';
import { withoutLastUsed } from './support.js';

let ctx: TestContext | undefined;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await ctx?.close();
  ctx = undefined;
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const UNAUTHENTICATED = { message: 'Unauthenticated.' };
const FORBIDDEN = { message: 'This action is unauthorized.' };

/** POST routes that only read; every other POST route changes data. Add a new reading POST route here. */
const READING_POSTS = ['/api/login', '/api/tickets/get', '/api/tickets/info', '/api/responses/get'];

function issue(context: TestContext, abilities: ('read' | 'write')[], expiresAt: string | null = null) {
  const issued = createTokenService(context.repos.apiTokens).issue(context.staff.id, 'under test', abilities, expiresAt);
  return { id: issued.id, headers: basicAuth(context.staff.email, issued.plainText) };
}

const departments = (context: TestContext, headers: Record<string, string>) =>
  call(context.app, { method: 'GET', url: '/api/departments/public', headers });

describe('abilities', () => {
  it('gives a read-only token 403 on every route that writes, and writes nothing', async () => {
    ctx = await createTestApp({ RATE_LIMIT_PER_MINUTE: '0' });
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const readOnly = issue(ctx, ['read']);
    // Valid bodies for the routes known today, so a 403 cannot hide behind a 422.
    const bodies: Record<string, Record<string, unknown>> = {
      '/api/tickets/create': { customer_id: ctx.customerA.id, subject: 'S', message: 'M', department_id: 2 },
      '/api/tickets/close': { customer_id: ctx.customerA.id, ticket_id: ticket.id },
      '/api/responses/create': { ticket_number: ticket.id, content: 'Hello', employee_response: 1 },
      '/api/register': { name: 'New Person', email: 'new.person@example.org', password: 'secret123' },
      '/api/customers/assign': { ticaga_id: ctx.customerA.id, billing_id: '7', billing_system: 'blesta' },
    };
    const writes = listRoutes(ctx.app).filter((route) => route.method === 'POST' && !READING_POSTS.includes(route.url));
    expect(writes.map((route) => route.url)).toEqual(expect.arrayContaining(Object.keys(bodies)));

    for (const route of writes) {
      const before = snapshot(ctx.db);
      const answer = await call(ctx.app, { method: 'POST', url: fillPath(route.url, {}), headers: readOnly.headers, payload: bodies[route.url] ?? {} });
      expect({ url: route.url, status: answer.status, body: answer.body }).toEqual({ url: route.url, status: 403, body: FORBIDDEN });
      expect(withoutLastUsed(snapshot(ctx.db))).toEqual(withoutLastUsed(before));
    }
    // The same bodies succeed with a read,write token, so the 403s above were about the ability.
    for (const [url, payload] of Object.entries(bodies)) {
      expect((await call(ctx.app, { method: 'POST', url, headers: ctx.staff.basic, payload })).status).toBe(200);
    }
  });

  it('lets a read-only token read', async () => {
    ctx = await createTestApp();
    const ticket = createTicket(ctx.repos, ctx.customerA.id);
    const readOnly = issue(ctx, ['read']);
    expect((await departments(ctx, readOnly.headers)).status).toBe(200);
    expect((await call(ctx.app, { method: 'GET', url: `/api/tickets/get/${ctx.customerA.id}/${ticket.id}`, headers: readOnly.headers })).status).toBe(200);
  });
});

describe('revocation and expiry', () => {
  it('refuses a revoked token on the very next request', async () => {
    ctx = await createTestApp();
    const token = issue(ctx, ['read', 'write']);
    expect((await departments(ctx, token.headers)).status).toBe(200);
    expect(ctx.repos.apiTokens.revoke(token.id)).toBe(true);
    expect(await departments(ctx, token.headers)).toMatchObject({ status: 401, body: UNAUTHENTICATED });
    expect((await departments(ctx, ctx.staff.basic)).status).toBe(200);
  });

  it('refuses a token revoked by the CLI while the server runs on the same database file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ticaga-tokens-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const env = { DATABASE_URL: `file:${join(dir, 'db.sqlite')}`, BCRYPT_ROUNDS: '4' };
    const server = await startFileServer(env);
    const out: string[] = [];
    expect(await runCli(['token:create', '--email', server.email, '--name', 'blesta'], env, (line) => out.push(line), () => {})).toBe(0);
    const headers = basicAuth(server.email, out[1]);
    expect((await call(server.app, { method: 'GET', url: '/api/departments/public', headers })).status).toBe(200);
    expect(await runCli(['token:revoke', '--id', out[1].split('|')[0]], env, () => {}, () => {})).toBe(0);
    expect(await call(server.app, { method: 'GET', url: '/api/departments/public', headers })).toMatchObject({ status: 401, body: UNAUTHENTICATED });
  });

  it('refuses a token from the second it expires', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    ctx = await createTestApp();
    const expiresAt = nowStamp(new Date(Date.now() + 30_000));
    const token = issue(ctx, ['read', 'write'], expiresAt);
    expect((await departments(ctx, token.headers)).status).toBe(200);
    vi.setSystemTime(Date.now() + 29_000);
    expect((await departments(ctx, token.headers)).status).toBe(200);
    vi.setSystemTime(Date.now() + 2_000);
    expect(await departments(ctx, token.headers)).toMatchObject({ status: 401, body: UNAUTHENTICATED });
    const alreadyExpired = issue(ctx, ['read'], '2000-01-01 00:00:00');
    expect((await departments(ctx, alreadyExpired.headers)).status).toBe(401);
  });
});

describe('last_used_at', () => {
  it('is stamped on use and written at most once a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-05-01T10:00:00Z'));
    ctx = await createTestApp();
    const token = issue(ctx, ['read']);
    const lastUsed = () => ctx!.repos.apiTokens.list().find((row) => row.id === token.id)?.lastUsedAt;
    expect(lastUsed()).toBeNull();
    await departments(ctx, token.headers);
    expect(lastUsed()).toBe('2030-05-01 10:00:00');
    vi.setSystemTime(new Date('2030-05-01T10:00:59Z'));
    await departments(ctx, token.headers);
    expect(lastUsed()).toBe('2030-05-01 10:00:00');
    vi.setSystemTime(new Date('2030-05-01T10:01:01Z'));
    await departments(ctx, token.headers);
    expect(lastUsed()).toBe('2030-05-01 10:01:01');
  });
});

describe('CLI token:list', () => {
  it('shows names, owners and state, never a token or its hash', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ticaga-tokens-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const env = { DATABASE_URL: `file:${join(dir, 'db.sqlite')}`, BCRYPT_ROUNDS: '4' };
    const cli = async (...argv: string[]) => {
      const lines: string[] = [];
      expect(await runCli(argv, env, (line) => lines.push(line), (line) => lines.push(line))).toBe(0);
      return lines;
    };
    await cli('staff:create', '--email', 'agent@example.com', '--name', 'Agent Smith', '--role', 'employee');
    const full = (await cli('token:create', '--email', 'agent@example.com', '--name', 'blesta'))[1];
    const readOnly = (await cli('token:create', '--email', 'agent@example.com', '--name', 'whmcs', '--abilities', 'read', '--expires', '2031-01-01'))[1];
    await cli('token:revoke', '--id', '1');

    const listing = (await cli('token:list')).join('\n');
    expect(listing).toBe(
      [
        'id\temail\tname\tabilities\texpires\tlast used\trevoked',
        `#1\tagent@example.com\tblesta\tread,write\t-\tnever\t${listing.split('\n')[1].split('\t')[6]}`,
        '#2\tagent@example.com\twhmcs\tread\t2031-01-01 00:00:00\tnever\t-',
      ].join('\n'),
    );
    expect(listing.split('\n')[1].split('\t')[6]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    for (const plain of [full, readOnly]) {
      const secret = plain.split('|')[1];
      expect(secret).toHaveLength(40);
      expect(listing).not.toContain(secret);
      expect(listing).not.toContain(sha256(secret));
    }
  });
});

/** An app on a database file, with the default departments and a staff member to issue tokens for. */
async function startFileServer(env: Record<string, string>) {
  const config = loadConfig({ ...env, NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const db = openDatabase(config.databasePath);
  const repos = createRepositories(db);
  for (const department of DEFAULT_DEPARTMENTS) repos.departments.create(department);
  const email = 'ops@example.com';
  repos.users.create({ name: 'Ops', email, passwordHash: null, role: 'admin' });
  const app = await buildApp({ config: { ...config, jwtSecret: TEST_JWT_SECRET }, db });
  await app.ready();
  cleanups.push(async () => {
    await app.close();
    closeDatabase(db);
  });
  return { app, email };
}

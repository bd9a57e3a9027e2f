// Verified API tokens are cached, yet a revocation or an expiry made by another process (the CLI, another
// worker) stops the token on the very next request, and last_used_at is still written at most once a minute.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.js';
import { createTokenService } from '../../src/auth/api-tokens.js';
import { loadConfig } from '../../src/config.js';
import { closeDatabase, openDatabase, type Db } from '../../src/db/client.js';
import { createRepositories } from '../../src/repositories/index.js';
import { basicAuth, call, TEST_JWT_SECRET } from '../helpers.js';

let dir: string;
let db: Db;
let app: FastifyInstance;
/** A second connection to the same file, standing in for the CLI or another worker process. */
let other: Database.Database;
let token: { id: number; plainText: string };
const email = 'agent@example.net';

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ticaga-token-cache-'));
  db = openDatabase(join(dir, 'db.sqlite'));
  const config = loadConfig({ NODE_ENV: 'test', JWT_SECRET: TEST_JWT_SECRET, LOG_LEVEL: 'silent', BCRYPT_ROUNDS: '4' });
  app = await buildApp({ config: { ...config, jwtSecret: TEST_JWT_SECRET }, db });
  await app.ready();
  const repos = createRepositories(db);
  const staff = repos.users.create({ name: 'Agent', email, passwordHash: null, role: 'employee' });
  token = createTokenService(repos.apiTokens).issue(staff.id, 'cache test');
  other = new Database(join(dir, 'db.sqlite'));
});

afterEach(async () => {
  vi.useRealTimers();
  other.close();
  await app.close();
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

const me = (headers: Record<string, string>) => call(app, { method: 'GET', url: '/api/customers/get/0', headers });
const lastUsed = () => (other.prepare('select last_used_at from api_tokens where id = ?').get(token.id) as { last_used_at: string | null }).last_used_at;

describe('the verified-token cache', () => {
  it('stops a token revoked by another process on the next request', async () => {
    expect((await me(basicAuth(email, token.plainText))).status).toBe(200);
    expect((await me(basicAuth(email, token.plainText))).status).toBe(200);
    other.prepare("update api_tokens set revoked_at = '2020-01-01 00:00:00' where id = ?").run(token.id);
    expect(await me(basicAuth(email, token.plainText))).toMatchObject({ status: 401, body: { message: 'Unauthenticated.' } });
  });

  it('stops a token whose expiry another process moved into the past', async () => {
    expect((await me(basicAuth(email, token.plainText))).status).toBe(200);
    other.prepare("update api_tokens set expires_at = '2020-01-01 00:00:00' where id = ?").run(token.id);
    expect((await me(basicAuth(email, token.plainText))).status).toBe(401);
  });

  it('stops a cached token the moment its expiry passes, with no write to the database', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    other.prepare("update api_tokens set expires_at = '2030-01-01 00:00:30' where id = ?").run(token.id);
    expect((await me(basicAuth(email, token.plainText))).status).toBe(200);
    vi.setSystemTime(new Date('2030-01-01T00:00:31Z'));
    expect((await me(basicAuth(email, token.plainText))).status).toBe(401);
  });

  it('does not let a wrong secret ride on a cached token with the same id', async () => {
    expect((await me(basicAuth(email, token.plainText))).status).toBe(200);
    const forged = `${token.id}|${'x'.repeat(40)}`;
    expect((await me(basicAuth(email, forged))).status).toBe(401);
    expect((await me({ authorization: `Bearer ${forged}` })).status).toBe(401);
  });

  it('still checks the Basic email against the cached token owner', async () => {
    expect((await me(basicAuth(email, token.plainText))).status).toBe(200);
    expect((await me(basicAuth('someone.else@example.net', token.plainText))).status).toBe(401);
  });

  it('writes last_used_at on first use, then at most once a minute', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    expect(lastUsed()).toBeNull();
    await me(basicAuth(email, token.plainText));
    expect(lastUsed()).toBe('2030-01-01 00:00:00');
    vi.setSystemTime(new Date('2030-01-01T00:00:59Z'));
    await me(basicAuth(email, token.plainText));
    expect(lastUsed()).toBe('2030-01-01 00:00:00');
    vi.setSystemTime(new Date('2030-01-01T00:01:01Z'));
    await me(basicAuth(email, token.plainText));
    expect(lastUsed()).toBe('2030-01-01 00:01:01');
  });

  it('does not even issue the last_used_at UPDATE for a token touched less than a minute ago', () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    const repository = createRepositories(db).apiTokens;
    const touch = vi.spyOn(repository, 'touchLastUsed');
    const service = createTokenService(repository);
    for (let i = 0; i < 5; i++) expect(service.verify(token.plainText)).toMatchObject({ tokenId: token.id, email });
    expect(touch).toHaveBeenCalledTimes(1);
    vi.setSystemTime(new Date('2030-01-01T00:01:00Z'));
    service.verify(token.plainText);
    expect(touch).toHaveBeenCalledTimes(2);
  });

  it('sees a staff member demoted by another process once the cached verification is a minute old', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2030-01-01T00:00:00Z'));
    expect((await me(basicAuth(email, token.plainText))).status).toBe(200);
    other.prepare("update users set role = 'customer' where email = ?").run(email);
    vi.setSystemTime(new Date('2030-01-01T00:01:01Z'));
    expect((await me(basicAuth(email, token.plainText))).status).toBe(401);
  });
});

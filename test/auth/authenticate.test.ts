// Who may call: every route answers 401 {"message":"Unauthenticated."} to missing or bad credentials
// (writing nothing), 403 to a customer on staff-only routes, and accepts the three staff styles.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/api-tokens.js';
import { readCredentials } from '../../src/auth/credentials.js';
import { auditSince, basicAuth, call, createCustomer, createStaff, createTestApp, lastAuditId, snapshot, snapshotWithoutAudit, TEST_JWT_SECRET, type TestContext } from '../helpers.js';
import { handMadeJwt, nowSeconds as now } from '../support/jwt.js';
import { buildWorld, ROUTES, type World } from '../support/routes.js';
import { expectAnswer, FORBIDDEN, UNAUTHENTICATED } from '../support/wire.js';

const bearer = (value: string) => ({ authorization: `Bearer ${value}` });

let ctx: TestContext;
let world: World;
let badCredentials: [string, Record<string, string>][];
let goodStaffCredentials: [string, Record<string, string>][];

beforeAll(async () => {
  // Throttling is proven in test/security; here every bad credential must reach authentication.
  ctx = await createTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '0' });
  world = buildWorld(ctx);
  const tokens = createTokenService(ctx.repos.apiTokens);
  const revoked = tokens.issue(ctx.staff.id, 'revoked');
  ctx.repos.apiTokens.revoke(revoked.id);
  const expired = tokens.issue(ctx.staff.id, 'expired', ['read', 'write'], '2020-01-01 00:00:00');
  const demoted = createStaff(ctx.repos, { email: 'former@example.com', name: 'Former Agent', role: 'employee' });
  ctx.db.$client.prepare("update users set role = 'customer' where id = ?").run(demoted.id);
  const deleted = await createCustomer(ctx.app, ctx.repos, { name: 'Gone', email: 'gone@example.com' });
  ctx.db.$client.prepare('delete from users where id = ?').run(deleted.id);
  const a = String(ctx.customerA.id);
  const [tokenId] = ctx.staff.token.split('|');

  badCredentials = [
    ['no credentials', {}],
    ['Basic with a wrong token', basicAuth(ctx.staff.email, `${tokenId}|${'x'.repeat(40)}`)],
    ['Basic with the token but another staff email', basicAuth('someone.else@example.com', ctx.staff.token)],
    ['Basic with the token but a customer’s email', basicAuth(ctx.customerA.email, ctx.staff.token)],
    ['Basic without a colon', { authorization: `Basic ${Buffer.from(ctx.staff.token).toString('base64')}` }],
    ['Basic with an empty token', basicAuth(ctx.staff.email, '')],
    ['X-Admin-Email with another email', { 'x-admin-email': 'someone.else@example.com', 'x-api-token': ctx.staff.token }],
    ['X-API-Token without X-Admin-Email', { 'x-api-token': ctx.staff.token }],
    ['Bearer with a wrong token', bearer(`${tokenId}|${'y'.repeat(40)}`)],
    ['Bearer with another token id', bearer(`999|${ctx.staff.token.split('|')[1]}`)],
    ['Bearer with a revoked token', bearer(revoked.plainText)],
    ['Basic with a revoked token', basicAuth(ctx.staff.email, revoked.plainText)],
    ['Bearer with an expired token', bearer(expired.plainText)],
    ['the token of an account that is no longer staff', bearer(demoted.token)],
    ['an empty Bearer', { authorization: 'Bearer ' }],
    ['an unknown scheme', { authorization: `Token ${ctx.staff.token}` }],
    ['a raw token without a scheme', { authorization: ctx.staff.token }],
    ['a JWT signed with another secret', bearer(handMadeJwt({ sub: a, typ: 'customer', exp: now() + 600 }, 'another-secret-another-secret-another-secret'))],
    ['an expired JWT', bearer(handMadeJwt({ sub: a, typ: 'customer', iat: now() - 7200, exp: now() - 3600 }))],
    ['a JWT for a deleted customer', bearer(handMadeJwt({ sub: String(deleted.id), typ: 'customer', exp: now() + 600 }))],
    ['a JWT for a customer that never existed', bearer(handMadeJwt({ sub: '999', typ: 'customer', exp: now() + 600 }))],
    ['a JWT naming a staff member', bearer(handMadeJwt({ sub: String(ctx.staff.id), typ: 'customer', exp: now() + 600 }))],
    ['a JWT without typ customer', bearer(handMadeJwt({ sub: a, exp: now() + 600 }))],
    ['a JWT with a numeric sub', bearer(handMadeJwt({ sub: Number(a), typ: 'customer', exp: now() + 600 }))],
    ['an unsigned JWT (alg none)', bearer(handMadeJwt({ sub: a, typ: 'customer', exp: now() + 600 }, '', { alg: 'none', typ: 'JWT' }))],
    ['a JWT signed with HS512', bearer(handMadeJwt({ sub: a, typ: 'customer', exp: now() + 600 }, TEST_JWT_SECRET, { alg: 'HS512', typ: 'JWT' }))],
    ['a tampered JWT', bearer(`${ctx.customerA.jwt.slice(0, -4)}AAAA`)],
  ];
  goodStaffCredentials = [
    ['Basic email:token', ctx.staff.basic],
    ['Basic with the email in another case', basicAuth(ctx.staff.email.toUpperCase(), ctx.staff.token)],
    ['Bearer token', bearer(ctx.staff.token)],
    // Sanctum's findToken also takes the secret without its id prefix.
    ['Bearer with only the secret half', bearer(ctx.staff.token.split('|')[1])],
    ['X-Admin-Email + X-API-Token', { 'x-admin-email': ctx.staff.email, 'x-api-token': ctx.staff.token }],
  ];
});
afterAll(() => ctx.close());

describe('bad credentials get 401 on every route, and nothing is written but the audit trail', () => {
  it.each(ROUTES.map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    const before = snapshotWithoutAudit(ctx.db);
    const auditBefore = lastAuditId(ctx.db);
    let presented = 0;
    for (const [label, headers] of badCredentials) {
      const request = route.request(world);
      const sent = { ...request.headers, ...headers };
      if (readCredentials(sent).kind !== 'none') presented++;
      const answer = await call(ctx.app, { ...request, headers: sent });
      expect({ label, status: answer.status, body: answer.body }).toEqual({ label, status: 401, body: UNAUTHENTICATED });
      expect(answer.raw).toBe(JSON.stringify(UNAUTHENTICATED));
    }
    expect(snapshotWithoutAudit(ctx.db)).toEqual(before);
    // Every refused credential (but no request without any) leaves one anonymous auth.failed row.
    expect(auditSince(ctx.db, auditBefore)).toEqual(Array(presented).fill({ action: 'auth.failed', actor_type: 'anonymous' }));
  });
});

describe('customers get 403 on staff-only routes, and nothing is written', () => {
  it.each(ROUTES.filter((route) => route.staffOnly).map((route) => [route.name, route] as const))('%s', async (_name, route) => {
    const before = snapshot(ctx.db);
    for (const customer of [ctx.customerA, ctx.customerB]) {
      const answer = await call(ctx.app, { ...route.request(world), headers: customer.bearer });
      expectAnswer(answer, 403, FORBIDDEN);
    }
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

describe('good credentials', () => {
  it('every staff style is accepted', async () => {
    for (const [label, headers] of goodStaffCredentials) {
      const answer = await call(ctx.app, { method: 'GET', url: '/api/customers/get/0', headers });
      expect({ label, status: answer.status, email: answer.body.user?.email }).toEqual({ label, status: 200, email: ctx.staff.email });
    }
  });

  it('a hand-made customer JWT with the server’s secret is accepted (the 401s above are not vacuous)', async () => {
    const jwt = handMadeJwt({ sub: String(ctx.customerA.id), typ: 'customer', exp: now() + 600 });
    const answer = await call(ctx.app, { method: 'GET', url: '/api/customers/get/0', headers: bearer(jwt) });
    expect({ status: answer.status, id: answer.body.user?.id }).toEqual({ status: 200, id: ctx.customerA.id });
  });

  it('a read-only token reads but gets 403 on every route that writes, writing nothing', async () => {
    const readOnly = bearer(createTokenService(ctx.repos.apiTokens).issue(ctx.staff.id, 'read only', ['read']).plainText);
    expect((await call(ctx.app, { method: 'GET', url: '/api/customers/get/0', headers: readOnly })).status).toBe(200);
    const before = snapshot(ctx.db);
    for (const route of ROUTES.filter((r) => ['POST register', 'POST customers/assign', 'POST tickets/create', 'POST tickets/close', 'POST responses/create'].includes(r.name))) {
      const answer = await call(ctx.app, { ...route.request(world), headers: readOnly });
      expect({ route: route.name, status: answer.status, body: answer.body }).toEqual({ route: route.name, status: 403, body: FORBIDDEN });
    }
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('a token stays valid until it is revoked, then gets 401 at once', async () => {
    const tokens = createTokenService(ctx.repos.apiTokens);
    const issued = tokens.issue(ctx.staff.id, 'short lived');
    const headers = basicAuth(ctx.staff.email, issued.plainText);
    expect((await call(ctx.app, { method: 'GET', url: '/api/customers/get/0', headers })).status).toBe(200);
    ctx.repos.apiTokens.revoke(issued.id);
    expectAnswer(await call(ctx.app, { method: 'GET', url: '/api/customers/get/0', headers }), 401, UNAUTHENTICATED);
  });

  it('tokens are stored only as SHA-256 hashes', () => {
    const rows = ctx.db.$client.prepare('select * from api_tokens').all() as Record<string, unknown>[];
    const secret = ctx.staff.token.split('|')[1];
    for (const row of rows) {
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(row)).not.toContain(secret);
    }
  });
});

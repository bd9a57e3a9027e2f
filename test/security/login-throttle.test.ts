// Promise 1, login: after LOGIN_MAX_FAILURES (5) failed attempts for one email and IP within a minute,
// POST login answers 429 until the window passes, even with the right password.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, createTestApp, type TestContext } from '../helpers.js';

let ctx: TestContext;
afterEach(async () => {
  vi.useRealTimers();
  await ctx.close();
});

const WRONG = { error: 'These credentials do not match our records.' };
const TOO_MANY = { message: 'Too Many Attempts.' };

function login(email: string, password: string, remoteAddress = '127.0.0.1') {
  return call(ctx.app, { method: 'POST', url: '/api/login', headers: ctx.staff.basic, payload: { email, password }, remoteAddress });
}

describe('POST login throttling', () => {
  it('refuses the sixth attempt in a minute, right password or not, until the window passes', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    ctx = await createTestApp();
    const { email, password } = ctx.customerA;
    for (let i = 0; i < 5; i++) expect(await login(email, `wrong ${i}`)).toMatchObject({ status: 422, body: WRONG });

    const refused = await login(email, password);
    expect([refused.status, refused.raw]).toEqual([429, JSON.stringify(TOO_MANY)]);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // The same email in other letter case is the same key.
    expect((await login(email.toUpperCase(), password)).status).toBe(429);

    // Another IP, or another email from this IP, is not held back.
    expect((await login(email, password, '10.0.0.2')).status).toBe(200);
    expect((await login(ctx.customerB.email, ctx.customerB.password)).status).toBe(200);

    vi.setSystemTime(Date.now() + 61_000);
    const after = await login(email, password);
    expect(after.status).toBe(200);
    expect(after.body.user.email).toBe(email);
  });

  it('counts failures only', async () => {
    ctx = await createTestApp();
    const { email, password } = ctx.customerA;
    for (let i = 0; i < 8; i++) expect((await login(email, password)).status).toBe(200);
    for (let i = 0; i < 4; i++) expect((await login(email, 'wrong')).status).toBe(422);
    expect((await login(email, password)).status).toBe(200);
    expect((await login(email, 'wrong')).status).toBe(422);
    // Five failures now, so the right password is refused.
    expect((await login(email, password)).status).toBe(429);
  });

  it('holds parallel guesses to the limit while bcrypt is still checking', async () => {
    ctx = await createTestApp();
    const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => login(ctx.customerA.email, `guess ${i}`)));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([...Array(5).fill(422), ...Array(7).fill(429)]);
  });

  it('follows LOGIN_MAX_FAILURES and records each failure in the audit trail', async () => {
    ctx = await createTestApp({ LOGIN_MAX_FAILURES: '2' });
    const staffTokenId = Number(ctx.staff.token.split('|')[0]);
    expect((await login(ctx.customerA.email, 'wrong', '10.0.0.7')).status).toBe(422);
    expect((await login('nobody@example.org', 'wrong', '10.0.0.7')).status).toBe(422);
    expect((await login(ctx.customerA.email, 'wrong', '10.0.0.7')).status).toBe(422);
    expect((await login(ctx.customerA.email, ctx.customerA.password, '10.0.0.7')).status).toBe(429);
    const rows = ctx.db.$client.prepare('select actor_type, actor_id, action, ticket_id, customer_id, ip from audit_log order by id').all();
    const failed = { actor_type: 'staff', actor_id: staffTokenId, action: 'login.failed', ticket_id: null, ip: '10.0.0.7' };
    expect(rows).toEqual([
      { ...failed, customer_id: ctx.customerA.id },
      { ...failed, customer_id: null },
      { ...failed, customer_id: ctx.customerA.id },
    ]);
  });
});

// Promise 1, throttling: a minute's budget per API token, per customer, and per IP for callers without
// valid credentials; 429 {"message":"Too Many Attempts."} with Retry-After; X-RateLimit-* on every answer.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ipBucket } from '../../src/http/rate-limit.js';
import { basicAuth, call, createStaff, createTestApp, type TestContext } from '../helpers.js';

let ctx: TestContext;
afterEach(async () => {
  vi.useRealTimers();
  await ctx.close();
});

const TOO_MANY = { message: 'Too Many Attempts.' };
const departments = (headers: Record<string, string>, remoteAddress = '127.0.0.1') =>
  call(ctx.app, { method: 'GET', url: '/api/departments/public', headers, remoteAddress });

describe('per API token', () => {
  it('counts each token on its own, whichever way it is sent, and answers 429 with Retry-After when spent', async () => {
    ctx = await createTestApp({ RATE_LIMIT_PER_MINUTE: '3', RATE_LIMIT_ANON_PER_MINUTE: '2' });
    const other = createStaff(ctx.repos, { email: 'other@example.net', name: 'Other Staff' });

    for (const remaining of ['2', '1', '0']) {
      const answer = await departments(ctx.staff.basic);
      expect(answer.status).toBe(200);
      expect(answer.headers['x-ratelimit-limit']).toBe('3');
      expect(answer.headers['x-ratelimit-remaining']).toBe(remaining);
    }
    const refused = await departments(ctx.staff.basic);
    expect(refused.status).toBe(429);
    expect(refused.raw).toBe(JSON.stringify(TOO_MANY));
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(refused.headers['x-ratelimit-remaining']).toBe('0');

    // The same token as a Bearer token, from another IP: the same spent bucket.
    expect((await departments({ authorization: `Bearer ${ctx.staff.token}` }, '10.1.1.1')).status).toBe(429);
    // Another token and a customer have their own budgets.
    const fresh = await departments(other.basic);
    expect([fresh.status, fresh.headers['x-ratelimit-remaining']]).toEqual([200, '2']);
    expect((await departments(ctx.customerA.bearer)).status).toBe(200);
  });

  it('gives the budget back when the minute has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    ctx = await createTestApp({ RATE_LIMIT_PER_MINUTE: '1' });
    expect((await departments(ctx.staff.basic)).status).toBe(200);
    expect((await departments(ctx.staff.basic)).status).toBe(429);
    vi.setSystemTime(Date.now() + 61_000);
    const again = await departments(ctx.staff.basic);
    expect([again.status, again.headers['x-ratelimit-remaining']]).toEqual([200, '0']);
  });

  it('is off when RATE_LIMIT_PER_MINUTE is 0', async () => {
    ctx = await createTestApp({ RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '1' });
    for (let i = 0; i < 30; i++) {
      const answer = await departments(ctx.staff.basic);
      expect(answer.status).toBe(200);
      expect(answer.headers['x-ratelimit-limit']).toBeUndefined();
    }
    // The anonymous limit still holds.
    expect((await departments({})).status).toBe(401);
    expect((await departments({})).status).toBe(429);
  });
});

describe('per customer', () => {
  it('keys a customer by its id, not by the JWT it presents', async () => {
    ctx = await createTestApp({ RATE_LIMIT_PER_MINUTE: '2' });
    const secondJwt = ctx.app.jwt.sign({ sub: String(ctx.customerA.id), typ: 'customer' }, { expiresIn: '2h' });
    expect((await departments(ctx.customerA.bearer)).status).toBe(200);
    expect((await departments({ authorization: `Bearer ${secondJwt}` })).status).toBe(200);
    expect(await departments(ctx.customerA.bearer)).toMatchObject({ status: 429, body: TOO_MANY });
    expect((await departments(ctx.customerB.bearer)).status).toBe(200);
    expect((await departments(ctx.staff.basic)).status).toBe(200);
  });
});

describe('without valid credentials', () => {
  it('counts every answer per IP, failed credential guesses, unknown routes and /health included', async () => {
    ctx = await createTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '3' });
    const guess = basicAuth(ctx.staff.email, '1|guessedguessedguessedguessedguessedguess');

    const first = await departments(guess, '10.0.0.1');
    expect([first.status, first.body]).toEqual([401, { message: 'Unauthenticated.' }]);
    expect([first.headers['x-ratelimit-limit'], first.headers['x-ratelimit-remaining']]).toEqual(['3', '2']);
    const unknown = await call(ctx.app, { method: 'GET', url: '/api/nothing/here', remoteAddress: '10.0.0.1' });
    expect([unknown.status, unknown.headers['x-ratelimit-remaining']]).toEqual([404, '1']);
    const health = await call(ctx.app, { method: 'GET', url: '/health', remoteAddress: '10.0.0.1' });
    expect([health.status, health.headers['x-ratelimit-remaining']]).toEqual([200, '0']);

    const refused = await departments(guess, '10.0.0.1');
    expect(refused).toMatchObject({ status: 429, body: TOO_MANY });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Valid credentials from that IP spend their own budget, not the IP's.
    expect((await departments(ctx.staff.basic, '10.0.0.1')).status).toBe(200);
    // Another IP is unaffected.
    expect((await departments(guess, '10.0.0.2')).status).toBe(401);
  });

  it('counts IPv6 callers per /64', async () => {
    ctx = await createTestApp({ RATE_LIMIT_ANON_PER_MINUTE: '2' });
    expect((await departments({}, '2001:db8:1:2::1')).status).toBe(401);
    expect((await departments({}, '2001:db8:1:2:ffff:eeee:dddd:cccc')).status).toBe(401);
    expect((await departments({}, '2001:0db8:0001:0002:0:0:0:9')).status).toBe(429);
    expect((await departments({}, '2001:db8:1:3::1')).status).toBe(401);
    expect((await departments({}, '::ffff:192.0.2.1')).status).toBe(401);
    expect((await departments({}, '192.0.2.1')).status).toBe(401);
    expect((await departments({}, '192.0.2.1')).status).toBe(429);
  });

  it('uses the default of 60 a minute', async () => {
    ctx = await createTestApp();
    const answers = [];
    for (let i = 0; i < 61; i++) answers.push((await departments({}, '10.0.0.9')).status);
    expect(answers.filter((status) => status === 401)).toHaveLength(60);
    expect(answers[60]).toBe(429);
    const staff = await departments(ctx.staff.basic, '10.0.0.9');
    expect([staff.status, staff.headers['x-ratelimit-limit']]).toEqual([200, '1200']);
  });
});

describe('ipBucket', () => {
  it('keeps IPv4 addresses and reduces IPv6 ones to their /64', () => {
    expect(['203.0.113.9', '::ffff:203.0.113.9', '2001:db8::1', '2001:DB8:0:0:1::', '::1', 'fe80::1%eth0', '2001:db8:a:b:c:d:e:f'].map(ipBucket)).toEqual([
      '203.0.113.9',
      '203.0.113.9',
      '2001:db8:0:0::/64',
      '2001:db8:0:0::/64',
      '0:0:0:0::/64',
      'fe80:0:0:0::/64',
      '2001:db8:a:b::/64',
    ]);
  });
});

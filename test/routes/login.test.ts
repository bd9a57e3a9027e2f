// POST /api/login: a staff token checks a customer's password; the answer carries the user and a customer JWT.
import bcrypt from 'bcrypt';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { call, createStaff, snapshot, type TestContext, auditSince, lastAuditId, snapshotWithoutAudit } from '../helpers.js';
import { createSettledTestApp } from '../support/app.js';
import { BAD_LOGIN, expectAnswer, expectInvalid, FORBIDDEN, toModelDate, userJson, USER_KEYS } from '../support/wire.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createSettledTestApp();
});
afterEach(() => ctx.close());

const login = (payload: unknown, headers: Record<string, string> = ctx.staff.basic) =>
  call(ctx.app, { method: 'POST', url: '/api/login', headers, payload: payload as Record<string, unknown> });

function storedUser(id: number) {
  const row = ctx.repos.users.findById(id)!;
  return { created_at: toModelDate(row.createdAt), updated_at: toModelDate(row.updatedAt) };
}

function decodeJwt(token: string) {
  const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')));
  return { header, payload };
}

describe('POST /api/login', () => {
  it('answers the user, a Bearer JWT for that customer and its lifetime', async () => {
    const answer = await login({ email: ctx.customerA.email, password: ctx.customerA.password });
    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body)).toEqual(['user', 'token', 'token_type', 'expires_in']);
    expect(Object.keys(answer.body.user)).toEqual(USER_KEYS);
    const token = answer.body.token;
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    const { header, payload } = decodeJwt(token);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({ sub: String(ctx.customerA.id), typ: 'customer', iat: payload.iat, exp: payload.iat + 3600 });
    expectAnswer(answer, 200, {
      user: userJson({
        id: ctx.customerA.id,
        name: 'Prof. Christelle Bechtelar',
        email: 'briana56@example.net',
        company: 'Olson, Hintz and Mueller',
        ...storedUser(ctx.customerA.id),
      }),
      token,
      token_type: 'Bearer',
      expires_in: 3600,
    });
  });

  it('takes the email in any case, and a form-encoded body', async () => {
    const answer = await call(ctx.app, {
      method: 'POST',
      url: '/api/login',
      headers: { ...ctx.staff.basic, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(ctx.customerA.email.toUpperCase())}&password=${encodeURIComponent(ctx.customerA.password)}`,
    });
    expect(answer.status).toBe(200);
    expect(answer.body.user.id).toBe(ctx.customerA.id);
  });

  it('gives the same answer for an unknown email and a wrong password, and writes nothing but the audit trail', async () => {
    const before = snapshotWithoutAudit(ctx.db);
    const auditBefore = lastAuditId(ctx.db);
    const unknown = await login({ email: 'nobody@example.com', password: ctx.customerA.password });
    const wrong = await login({ email: ctx.customerA.email, password: 'wrong password' });
    expectAnswer(unknown, 422, BAD_LOGIN);
    expectAnswer(wrong, 422, BAD_LOGIN);
    expect(unknown.headers['content-length']).toBe(wrong.headers['content-length']);
    expect(snapshotWithoutAudit(ctx.db)).toEqual(before);
    expect(auditSince(ctx.db, auditBefore)).toEqual([
      { action: 'login.failed', actor_type: 'staff' },
      { action: 'login.failed', actor_type: 'staff' },
    ]);
  });

  it('costs one bcrypt verification whatever fails: unknown email, wrong password, staff, no password', async () => {
    ctx.repos.users.create({ name: 'No Password', email: 'nopass@example.com', passwordHash: null });
    const compare = vi.spyOn(bcrypt, 'compare');
    try {
      for (const [email, password] of [
        ['nobody@example.com', 'whatever'],
        [ctx.customerA.email, 'wrong password'],
        [ctx.staff.email, 'whatever'],
        ['nopass@example.com', 'whatever'],
        [ctx.customerA.email, ctx.customerA.password],
      ]) {
        compare.mockClear();
        await login({ email, password });
        expect({ email, verifications: compare.mock.calls.length }).toEqual({ email, verifications: 1 });
      }
    } finally {
      compare.mockRestore();
    }
  });

  it('does not trim or case-fold the password', async () => {
    expectAnswer(await login({ email: ctx.customerA.email, password: ` ${ctx.customerA.password} ` }), 422, BAD_LOGIN);
    expectAnswer(await login({ email: ctx.customerA.email, password: ctx.customerA.password.toUpperCase() }), 422, BAD_LOGIN);
  });

  it('a customer without a password cannot log in, whatever is sent', async () => {
    ctx.repos.users.create({ name: 'No Password', email: 'nopass@example.com', passwordHash: null });
    expectAnswer(await login({ email: 'nopass@example.com', password: 'anything' }), 422, BAD_LOGIN);
    expectInvalid(await login({ email: 'nopass@example.com', password: '' }), { password: ['The password field is required.'] });
  });

  it('staff accounts cannot log in through it, even with a password', async () => {
    const employee = createStaff(ctx.repos, { email: 'agent@example.com', name: 'Agent', role: 'employee' });
    ctx.db.$client.prepare('update users set password = (select password from users where id = ?) where id = ?').run(ctx.customerA.id, employee.id);
    expectAnswer(await login({ email: 'agent@example.com', password: ctx.customerA.password }), 422, BAD_LOGIN);
    expectAnswer(await login({ email: ctx.staff.email, password: 'anything' }), 422, BAD_LOGIN);
  });

  it('the JWT works as Bearer for that customer only', async () => {
    const { token } = (await login({ email: ctx.customerA.email, password: ctx.customerA.password })).body;
    const bearer = { authorization: `Bearer ${token}` };
    const own = await call(ctx.app, { method: 'GET', url: `/api/customers/get/${ctx.customerA.id}`, headers: bearer });
    expect(own.status).toBe(200);
    expect(own.body.user.email).toBe(ctx.customerA.email);
    const self = await call(ctx.app, { method: 'GET', url: '/api/customers/get/0', headers: bearer });
    expect(self.body).toEqual(own.body);
    const other = await call(ctx.app, { method: 'GET', url: `/api/customers/get/${ctx.customerB.id}`, headers: bearer });
    expectAnswer(other, 404, { error: 'User not authenticated' });
    // And it is not a staff credential.
    expectAnswer(await login({ email: ctx.customerA.email, password: ctx.customerA.password }, bearer), 403, FORBIDDEN);
  });

  it('a customer registered through the API can log in, and its JWT names it', async () => {
    const registered = await call(ctx.app, {
      method: 'POST',
      url: '/api/register',
      headers: ctx.staff.basic,
      payload: { name: 'Carol', email: 'carol@example.com', password: 'carols password' },
    });
    expect(registered.status).toBe(200);
    const answer = await login({ email: 'CAROL@example.com', password: 'carols password' });
    expect(answer.status).toBe(200);
    expect(decodeJwt(answer.body.token).payload.sub).toBe(String(registered.body.user.id));
  });

  it('is staff-only: a customer JWT gets 403 and nothing is checked', async () => {
    expectAnswer(await login({ email: ctx.customerB.email, password: ctx.customerB.password }, ctx.customerA.bearer), 403, FORBIDDEN);
  });

  it('missing fields and bad emails: Laravel 422', async () => {
    expectInvalid(await login({}), { email: ['The email field is required.'], password: ['The password field is required.'] });
    expectInvalid(await login({ email: 'not-an-email', password: 'x' }), { email: ['The email field must be a valid email address.'] });
    expectInvalid(await login({ email: ctx.customerA.email, password: ['x'] }), { password: ['The password field must be a string.'] });
    expectInvalid(await login({ email: ctx.customerA.email, password: 'x'.repeat(256) }), {
      password: ['The password field must not be greater than 255 characters.'],
    });
  });
});

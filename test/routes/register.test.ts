// POST /api/register (staff): creates a customer; the answer lists attributes in Laravel's create order.
import bcrypt from 'bcrypt';
import { createTokenService } from '../../src/auth/api-tokens.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, MODEL_DATE, snapshot, type TestContext } from '../helpers.js';
import { createSettledTestApp } from '../support/app.js';
import { expectAnswer, expectInvalid, expectModelDateSince, FORBIDDEN, plainNow, REGISTERED_USER_KEYS, userJson } from '../support/wire.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createSettledTestApp();
});
afterEach(() => ctx.close());

const register = (payload: Record<string, unknown>, headers: Record<string, string> = ctx.staff.basic) =>
  call(ctx.app, { method: 'POST', url: '/api/register', headers, payload });

describe('POST /api/register', () => {
  it('creates a customer with defaults and answers the register form, in order', async () => {
    const before = plainNow();
    const answer = await register({ name: 'Jane Roe', email: 'jane@example.com', password: 'secret123' });
    const user = answer.body.user;
    expect(Object.keys(user)).toEqual(REGISTERED_USER_KEYS);
    expectModelDateSince(user.created_at, before);
    expect(user.updated_at).toBe(user.created_at);
    expect(user.id).toBe(4);
    expectAnswer(answer, 200, {
      user: {
        name: 'Jane Roe',
        email: 'jane@example.com',
        company: '',
        billing_id: '0',
        billing_system: '',
        account_manager: '0',
        biography: '',
        updated_at: user.created_at,
        created_at: user.created_at,
        id: 4,
      },
    });
    // Stored as a bcrypt hash, and readable back in the user form.
    const row = ctx.repos.users.findById(4)!;
    expect(row.role).toBe('customer');
    expect(row.password).toMatch(/^\$2[aby]\$04\$/);
    expect(await bcrypt.compare('secret123', row.password!)).toBe(true);
    const read = await call(ctx.app, { method: 'GET', url: '/api/customers/get/4', headers: ctx.staff.basic });
    expectAnswer(read, 200, { user: userJson({ id: 4, name: 'Jane Roe', email: 'jane@example.com', created_at: user.created_at, updated_at: user.created_at }) });
  });

  it('takes every optional field; numbers become strings; billing_system is case-insensitive', async () => {
    const answer = await register({
      name: '  Jane Roe  ',
      email: 'jane@example.com',
      password: 'secret123',
      company: 'Roe & Co',
      billing_id: 42,
      billing_system: 'WHMCS',
      account_manager: '7',
      biography: 'Line one\nLine two',
    });
    const { created_at } = answer.body.user;
    expect(created_at).toMatch(MODEL_DATE);
    expectAnswer(answer, 200, {
      user: {
        name: 'Jane Roe',
        email: 'jane@example.com',
        company: 'Roe & Co',
        billing_id: '42',
        billing_system: 'whmcs',
        account_manager: '7',
        biography: 'Line one\nLine two',
        updated_at: created_at,
        created_at,
        id: 4,
      },
    });
  });

  it('422 when the email is taken, in any case, and nothing is written', async () => {
    const before = snapshot(ctx.db);
    expectInvalid(await register({ name: 'Copy', email: 'JOEDOE@example.com', password: 'secret123' }), {
      email: ['The email has already been taken.'],
    });
    expectInvalid(await register({ name: 'Copy', email: ctx.staff.email, password: 'secret123' }), { email: ['The email has already been taken.'] });
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('422 for missing and invalid fields, every message by field, nothing written', async () => {
    const before = snapshot(ctx.db);
    expectInvalid(await register({}), {
      name: ['The name field is required.'],
      email: ['The email field is required.'],
      password: ['The password field is required.'],
    });
    expectInvalid(await register({ name: 'x', email: 'not an email', password: 'short' }), {
      email: ['The email field must be a valid email address.'],
      password: ['The password field must be at least 8 characters.'],
    });
    expectInvalid(await register({ name: 'x', email: 'x@example.com', password: 'secret123', billing_system: 'paypal' }), {
      billing_system: ['The selected billing system is invalid.'],
    });
    expectInvalid(await register({ name: 'x', email: 'x@example.com', password: 'secret123', billing_id: -3 }), {
      billing_id: ['The billing id field must be a string.'],
    });
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('is staff-only: a customer JWT gets 403 and nothing is written', async () => {
    const before = snapshot(ctx.db);
    expectAnswer(await register({ name: 'x', email: 'x@example.com', password: 'secret123' }, ctx.customerA.bearer), 403, FORBIDDEN);
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('a read-only token may not register (403), nothing written', async () => {
    const token = createTokenService(ctx.repos.apiTokens).issue(ctx.staff.id, 'read only', ['read']).plainText;
    const before = snapshot(ctx.db);
    const answer = await register({ name: 'x', email: 'x@example.com', password: 'secret123' }, { authorization: `Bearer ${token}` });
    expectAnswer(answer, 403, FORBIDDEN);
    const after = snapshot(ctx.db);
    // Only the token's own last-used stamp may move.
    expect({ ...after, api_tokens: [] }).toEqual({ ...before, api_tokens: [] });
  });
});

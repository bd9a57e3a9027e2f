// POST customers/link, customers/sync, customers/billing and GET customers/get/0 (CONTRACT.md §5.3):
// whole answers, idempotence, staff-only access, and nothing written on a rejected request.
import { describe, expect, it } from 'vitest';
import { call, CUSTOMER_A_PROFILE, CUSTOMER_B_PROFILE, snapshot, type TestContext } from '../helpers.js';
import { expectWire, freezeClock, readOnlyBasic, settledSnapshot, useFrozenTestApp, userJson } from '../support/frozen-wire.js';
import { FORBIDDEN, invalid, UNAUTHENTICATED } from '../support/wire.js';

let ctx: TestContext;
useFrozenTestApp((fresh) => (ctx = fresh));

const post = (url: string, headers: Record<string, string>, payload: unknown) =>
  call(ctx.app, { method: 'POST', url, headers, payload: payload as Record<string, unknown> });
const LATER = new Date('2025-07-18T09:30:00.000Z');
const LATER_MODEL = '2025-07-18T09:30:00.000000Z';
// Within the minute in which the staff token's last_used_at is not stamped again, but late enough that
// any write would change updated_at.
const SECONDS_LATER = new Date('2025-07-17T18:00:43.000Z');

const customerA = () => ({ id: ctx.customerA.id, ...CUSTOMER_A_PROFILE });

describe('POST /api/customers/link', () => {
  it('creates a password-less customer with the link when the email is new', async () => {
    const answer = await call(ctx.app, {
      method: 'POST',
      url: '/api/customers/link',
      headers: { ...ctx.staff.basic, 'content-type': 'application/json' },
      payload: 'email=jane.roe%40example.com&name=Jane+Roe&billing_id=17&billing_system=Blesta',
    });
    expectWire(answer, 200, { user: userJson({ id: 4, name: 'Jane Roe', email: 'jane.roe@example.com', billing_id: '17', billing_system: 'blesta' }) });
    expect(ctx.repos.users.findById(4)).toMatchObject({ role: 'customer', password: null });
    // Without a password the new customer cannot log in.
    expectWire(await post('/api/login', ctx.staff.basic, { email: 'jane.roe@example.com', password: '' }), 422, invalid('password', 'The password field is required.'));
    expectWire(await post('/api/login', ctx.staff.basic, { email: 'jane.roe@example.com', password: 'anything' }), 422, { error: 'These credentials do not match our records.' });
  });

  it('links an existing customer found by email in any case, keeping its name', async () => {
    freezeClock(LATER);
    const answer = await post('/api/customers/link', ctx.staff.basic, { email: 'BRIANA56@Example.NET', name: 'Someone Else', billing_id: 42, billing_system: 'WHMCS' });
    expectWire(answer, 200, { user: userJson({ ...customerA(), billing_id: '42', billing_system: 'whmcs' }, { updated: LATER_MODEL }) });
  });

  it('changes nothing when called again with the same link', async () => {
    const body = { email: 'jane.roe@example.com', name: 'Jane Roe', billing_id: '17', billing_system: 'blesta' };
    const first = await post('/api/customers/link', ctx.staff.basic, body);
    const before = snapshot(ctx.db);
    freezeClock(SECONDS_LATER);
    const second = await post('/api/customers/link', ctx.staff.basic, { ...body, billing_system: 'BLESTA', email: 'Jane.Roe@example.com' });
    expect(second.raw).toBe(first.raw);
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('answers 422 and writes nothing for bad input, a staff email, or a new email without a name', async () => {
    const before = await settledSnapshot(ctx);
    const ok = { email: 'new@example.com', name: 'New', billing_id: '1', billing_system: 'blesta' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...ok, email: 'not-an-email' }, 'email', 'The email field must be a valid email address.'],
      [{ ...ok, email: '' }, 'email', 'The email field is required.'],
      [{ ...ok, billing_id: undefined }, 'billing_id', 'The billing id field is required.'],
      [{ ...ok, billing_system: 'hostbill' }, 'billing_system', 'The selected billing system is invalid.'],
      [{ ...ok, billing_system: undefined }, 'billing_system', 'The billing system field is required.'],
      [{ ...ok, name: '   ' }, 'name', 'The name field is required.'],
      [{ ...ok, email: 'HARRY.MARKS@example.net' }, 'email', 'The email has already been taken.'],
    ];
    for (const [body, field, message] of cases) expectWire(await post('/api/customers/link', ctx.staff.basic, body), 422, invalid(field, message));
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('is staff only and needs a token that may write', async () => {
    const body = { email: 'new@example.com', name: 'New', billing_id: '1', billing_system: 'blesta' };
    const readOnly = readOnlyBasic(ctx);
    const before = await settledSnapshot(ctx, readOnly);
    expectWire(await post('/api/customers/link', ctx.customerA.bearer, body), 403, FORBIDDEN);
    expectWire(await post('/api/customers/link', readOnly, body), 403, FORBIDDEN);
    expectWire(await post('/api/customers/link', {}, body), 401, UNAUTHENTICATED);
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

describe('POST /api/customers/sync', () => {
  it('creates the customer linked to ClientExec, as the ClientExec plugin sends it', async () => {
    const answer = await call(ctx.app, {
      method: 'POST',
      url: '/api/customers/sync',
      headers: { authorization: `Bearer ${ctx.staff.token}`, 'x-admin-email': ctx.staff.email, 'content-type': 'application/json', accept: 'application/json' },
      payload: JSON.stringify({ external_id: '7', name: 'Casey Exec', email: 'casey@example.com', company: 'Exec Hosting' }),
    });
    expectWire(answer, 200, { user: userJson({ id: 4, name: 'Casey Exec', email: 'casey@example.com', company: 'Exec Hosting', billing_id: '7', billing_system: 'clientexec' }) });
  });

  it('accepts a numeric external_id and a null company, and is idempotent', async () => {
    const body = JSON.stringify({ external_id: 8, name: 'No Company', email: 'nocompany@example.com', company: null });
    const headers = { ...ctx.staff.basic, 'content-type': 'application/json' };
    const first = await call(ctx.app, { method: 'POST', url: '/api/customers/sync', headers, payload: body });
    expectWire(first, 200, { user: userJson({ id: 4, name: 'No Company', email: 'nocompany@example.com', billing_id: '8', billing_system: 'clientexec' }) });
    const before = snapshot(ctx.db);
    freezeClock(SECONDS_LATER);
    const second = await call(ctx.app, { method: 'POST', url: '/api/customers/sync', headers, payload: body });
    expect(second.raw).toBe(first.raw);
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('links an existing customer without touching its name or company', async () => {
    freezeClock(LATER);
    const answer = await post('/api/customers/sync', ctx.staff.basic, { external_id: '99', name: 'Other', email: 'briana56@example.net', company: 'Other Ltd' });
    expectWire(answer, 200, { user: userJson({ ...customerA(), billing_id: '99', billing_system: 'clientexec' }, { updated: LATER_MODEL }) });
  });

  it('answers 422 and writes nothing for bad input', async () => {
    const before = await settledSnapshot(ctx);
    const ok = { external_id: '7', name: 'Casey', email: 'casey@example.com' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...ok, external_id: undefined }, 'external_id', 'The external id field is required.'],
      [{ ...ok, email: 'casey' }, 'email', 'The email field must be a valid email address.'],
      [{ ...ok, name: undefined }, 'name', 'The name field is required.'],
      [{ ...ok, company: 'x'.repeat(256) }, 'company', 'The company field must not be greater than 255 characters.'],
      [{ ...ok, email: ctx.staff.email }, 'email', 'The email has already been taken.'],
    ];
    for (const [body, field, message] of cases) expectWire(await post('/api/customers/sync', ctx.staff.basic, body), 422, invalid(field, message));
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('is staff only', async () => {
    const before = await settledSnapshot(ctx);
    expectWire(await post('/api/customers/sync', ctx.customerB.bearer, { external_id: '7', name: 'B', email: 'joedoe@example.com' }), 403, FORBIDDEN);
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

describe('POST /api/customers/billing', () => {
  it('sets the billing id like customers/assign, keeping or setting the billing system', async () => {
    ctx.repos.users.setBillingLink(ctx.customerA.id, '5', 'blesta');
    freezeClock(LATER);
    expectWire(await post('/api/customers/billing', ctx.staff.basic, { ticaga_id: String(ctx.customerA.id), billing_id: '77' }), 200, { user: true });
    const read = () => call(ctx.app, { method: 'GET', url: `/api/customers/get/${ctx.customerA.id}`, headers: ctx.staff.basic });
    expectWire(await read(), 200, { user: userJson({ ...customerA(), billing_id: '77', billing_system: 'blesta' }, { updated: LATER_MODEL }) });
    expectWire(await post('/api/customers/billing', ctx.staff.basic, { ticaga_id: ctx.customerA.id, billing_id: 78, billing_system: 'WHMCS' }), 200, { user: true });
    expectWire(await read(), 200, { user: userJson({ ...customerA(), billing_id: '78', billing_system: 'whmcs' }, { updated: LATER_MODEL }) });
  });

  it('answers 404 "User not authenticated" for an unknown or staff id, writing nothing', async () => {
    const before = await settledSnapshot(ctx);
    for (const ticaga_id of [999, ctx.staff.id]) {
      expectWire(await post('/api/customers/billing', ctx.staff.basic, { ticaga_id, billing_id: '1' }), 404, { error: 'User not authenticated' });
    }
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('answers 422 for bad input and 403 for a customer, writing nothing', async () => {
    const before = await settledSnapshot(ctx);
    expectWire(await post('/api/customers/billing', ctx.staff.basic, { billing_id: '1' }), 422, invalid('ticaga_id', 'The ticaga id field is required.'));
    expectWire(await post('/api/customers/billing', ctx.staff.basic, { ticaga_id: 2 }), 422, invalid('billing_id', 'The billing id field is required.'));
    expectWire(await post('/api/customers/billing', ctx.staff.basic, { ticaga_id: 2, billing_id: '1', billing_system: 'x' }), 422, invalid('billing_system', 'The selected billing system is invalid.'));
    expectWire(await post('/api/customers/billing', ctx.customerA.bearer, { ticaga_id: ctx.customerA.id, billing_id: '1' }), 403, FORBIDDEN);
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

describe('GET /api/customers/get/0', () => {
  it('answers the calling staff member’s own record (the plugins’ connection test)', async () => {
    const answer = await call(ctx.app, { method: 'GET', url: '//api/customers/get/0/', headers: { ...ctx.staff.basic, 'content-type': 'application/json' } });
    expectWire(answer, 200, { user: userJson({ id: ctx.staff.id, name: 'Harry Marks', email: 'harry.marks@example.net' }) });
  });

  it('answers a customer its own record', async () => {
    expectWire(await call(ctx.app, { method: 'GET', url: '/api/customers/get/0', headers: ctx.customerB.bearer }), 200, {
      user: userJson({ id: ctx.customerB.id, ...CUSTOMER_B_PROFILE }),
    });
  });

  it('answers the documented 404 for an email-like id with a raw @', async () => {
    const answer = await call(ctx.app, { method: 'GET', url: '/api/customers/get/briana56@example.net', headers: ctx.staff.basic });
    expectWire(answer, 404, { error: 'User not authenticated' });
  });
});

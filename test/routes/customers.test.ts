// GET /api/customers/get/{id} (0 = the caller) and POST /api/customers/assign (staff).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, CUSTOMER_A_PROFILE, snapshot, type TestContext } from '../helpers.js';
import { createSettledTestApp } from '../support/app.js';
import { expectAnswer, expectInvalid, expectModelDateSince, FORBIDDEN, NO_USER, plainNow, toModelDate, userJson } from '../support/wire.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createSettledTestApp();
});
afterEach(() => ctx.close());

const get = (id: string | number, headers: Record<string, string> = ctx.staff.basic) =>
  call(ctx.app, { method: 'GET', url: `/api/customers/get/${id}`, headers });
const assign = (payload: Record<string, unknown>, headers: Record<string, string> = ctx.staff.basic) =>
  call(ctx.app, { method: 'POST', url: '/api/customers/assign', headers, payload });

function dates(id: number) {
  const row = ctx.repos.users.findById(id)!;
  return { created_at: toModelDate(row.createdAt), updated_at: toModelDate(row.updatedAt) };
}

const customerA = () =>
  userJson({ id: ctx.customerA.id, ...CUSTOMER_A_PROFILE, ...dates(ctx.customerA.id) });

describe('GET /api/customers/get/{id}', () => {
  it('staff reads any customer', async () => {
    expectAnswer(await get(ctx.customerA.id), 200, { user: customerA() });
  });

  it('0 is the caller: staff get their own record (the plugins connection test)', async () => {
    expectAnswer(await get(0), 200, { user: userJson({ id: ctx.staff.id, name: 'Harry Marks', email: 'harry.marks@example.net', ...dates(ctx.staff.id) }) });
  });

  it('0 is the caller: a customer gets its own record', async () => {
    expectAnswer(await get(0, ctx.customerA.bearer), 200, { user: customerA() });
    expectAnswer(await get(ctx.customerA.id, ctx.customerA.bearer), 200, { user: customerA() });
  });

  it('404 User not authenticated for a missing customer, a staff id, and ids that name nothing', async () => {
    for (const id of ['999', String(ctx.staff.id), 'abc', '-1', '1e3', '1.0', '99999999999999999999', '%20', '0x1']) {
      expectAnswer(await get(id), 404, NO_USER);
    }
  });

  it('a customer reading another customer gets exactly the missing answer', async () => {
    expectAnswer(await get(ctx.customerB.id, ctx.customerA.bearer), 404, NO_USER);
    expectAnswer(await get(ctx.staff.id, ctx.customerA.bearer), 404, NO_USER);
  });
});

describe('POST /api/customers/assign', () => {
  it('links a customer to a billing account: {"user":true}, stored lower-case, updated_at moves', async () => {
    ctx.db.$client.prepare("update users set updated_at = '2020-01-01 00:00:00' where id = ?").run(ctx.customerA.id);
    const before = plainNow();
    expectAnswer(await assign({ ticaga_id: ctx.customerA.id, billing_id: 17, billing_system: 'Blesta' }), 200, { user: true });
    const read = await get(ctx.customerA.id);
    const updated = expectModelDateSince(read.body.user.updated_at, before);
    expectAnswer(read, 200, { user: { ...customerA(), billing_id: '17', billing_system: 'blesta', updated_at: updated } });
  });

  it('takes numeric strings (form posts) and string billing ids, and can relink', async () => {
    const form = await call(ctx.app, {
      method: 'POST',
      url: '/api/customers/assign',
      headers: { ...ctx.staff.basic, 'content-type': 'application/x-www-form-urlencoded' },
      payload: `ticaga_id=${ctx.customerA.id}&billing_id=C-00017&billing_system=clientexec`,
    });
    expectAnswer(form, 200, { user: true });
    expectAnswer(await assign({ ticaga_id: String(ctx.customerA.id), billing_id: '99', billing_system: 'WHMCS' }), 200, { user: true });
    const row = ctx.repos.users.findById(ctx.customerA.id)!;
    expect({ billingId: row.billingId, billingSystem: row.billingSystem }).toEqual({ billingId: '99', billingSystem: 'whmcs' });
  });

  it('404 User not authenticated for a missing customer or a staff account; nothing written', async () => {
    const before = snapshot(ctx.db);
    expectAnswer(await assign({ ticaga_id: 999, billing_id: 1, billing_system: 'blesta' }), 404, NO_USER);
    expectAnswer(await assign({ ticaga_id: ctx.staff.id, billing_id: 1, billing_system: 'blesta' }), 404, NO_USER);
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('422 for missing and invalid fields; nothing written', async () => {
    const before = snapshot(ctx.db);
    expectInvalid(await assign({}), {
      ticaga_id: ['The ticaga id field is required.'],
      billing_id: ['The billing id field is required.'],
      billing_system: ['The billing system field is required.'],
    });
    expectInvalid(await assign({ ticaga_id: 'abc', billing_id: 1, billing_system: 'paypal' }), {
      ticaga_id: ['The ticaga id field must be an integer.'],
      billing_system: ['The selected billing system is invalid.'],
    });
    expectInvalid(await assign({ ticaga_id: ctx.customerA.id, billing_id: { id: 1 }, billing_system: 'blesta' }), {
      billing_id: ['The billing id field must be a string.'],
    });
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('is staff-only: customers get 403, even for themselves; nothing written', async () => {
    const before = snapshot(ctx.db);
    const payload = { ticaga_id: ctx.customerA.id, billing_id: 1, billing_system: 'blesta' };
    expectAnswer(await assign(payload, ctx.customerA.bearer), 403, FORBIDDEN);
    expectAnswer(await assign(payload, ctx.customerB.bearer), 403, FORBIDDEN);
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

// GET /api/departments/public and /api/departments/customers: enabled departments by visibility.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createTestApp, MODEL_DATE, type TestContext } from '../helpers.js';
import { DEPARTMENT_KEYS, departmentJson, expectAnswer, TEST_DEPARTMENTS, toModelDate, type DepartmentValues } from '../support/wire.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(() => ctx.close());

const list = (which: 'public' | 'customers', headers: Record<string, string> = ctx.staff.basic) =>
  call(ctx.app, { method: 'GET', url: `/api/departments/${which}`, headers });

function expected(department: DepartmentValues) {
  const row = ctx.repos.departments.findById(department.id)!;
  return departmentJson(department, { created_at: toModelDate(row.createdAt), updated_at: toModelDate(row.updatedAt) });
}

/** Adds departments that must never be listed, and one internal one. */
function addHiddenDepartments() {
  ctx.repos.departments.create({ departmentName: 'Internal', slug: 'internal', isPublic: 0 });
  const disabled = ctx.repos.departments.create({ departmentName: 'Old', slug: 'old', isPublic: 1 });
  const deleted = ctx.repos.departments.create({ departmentName: 'Gone', slug: 'gone', isPublic: 2 });
  ctx.db.$client.prepare('update departments set is_disabled = 1 where id = ?').run(disabled.id);
  ctx.db.$client.prepare('update departments set soft_deleted = 1 where id = ?').run(deleted.id);
}

describe('GET /api/departments/public', () => {
  it('lists enabled departments with is_public 1, whole objects in order', async () => {
    addHiddenDepartments();
    const answer = await list('public');
    expect(Object.keys(answer.body.departments[0])).toEqual(DEPARTMENT_KEYS);
    expect(answer.body.departments[0].created_at).toMatch(MODEL_DATE);
    expectAnswer(answer, 200, { departments: [expected(TEST_DEPARTMENTS.sales)] });
  });

  it('answers customers the same as staff', async () => {
    const staff = await list('public');
    const customer = await list('public', ctx.customerA.bearer);
    expect(customer.raw).toBe(staff.raw);
  });

  it('answers an empty list when nothing is public', async () => {
    ctx.db.$client.prepare('update departments set is_public = 2').run();
    expectAnswer(await list('public'), 200, { departments: [] });
  });
});

describe('GET /api/departments/customers', () => {
  it('lists enabled departments with is_public 1 or 2, by id', async () => {
    addHiddenDepartments();
    expectAnswer(await list('customers'), 200, {
      departments: [expected(TEST_DEPARTMENTS.sales), expected(TEST_DEPARTMENTS.support), expected(TEST_DEPARTMENTS.billing)],
    });
  });

  it('answers customers the same as staff', async () => {
    expect((await list('customers', ctx.customerB.bearer)).raw).toBe((await list('customers')).raw);
  });
});

describe('GET /health and unknown routes', () => {
  it('health needs no credentials and ignores bad ones', async () => {
    expectAnswer(await call(ctx.app, { method: 'GET', url: '/health' }), 200, { status: 'ok' });
    expectAnswer(await call(ctx.app, { method: 'GET', url: '/health', headers: { authorization: 'Bearer nonsense' } }), 200, { status: 'ok' });
  });

  it('unknown routes answer 404 {"message":"Not Found."} with or without credentials', async () => {
    for (const [method, url] of [
      ['GET', '/api/nope'],
      ['GET', '/'],
      ['POST', '/api/tickets/delete'],
      ['GET', '/api/tickets/get/1'],
      ['DELETE', '/api/customers/get/1'],
      ['GET', '/api/login'],
      ['GET', '/api'],
      ['GET', '/api/customers/get'],
    ] as const) {
      expectAnswer(await call(ctx.app, { method, url }), 404, { message: 'Not Found.' });
      expectAnswer(await call(ctx.app, { method, url, headers: ctx.staff.basic }), 404, { message: 'Not Found.' });
    }
  });

  it('a huge body gets 413 {"message":"Payload Too Large."}', async () => {
    const answer = await call(ctx.app, {
      method: 'POST',
      url: '/api/tickets/create',
      headers: { ...ctx.staff.basic, 'content-type': 'application/json' },
      payload: JSON.stringify({ subject: 'x', message: 'y'.repeat(1_100_000) }),
    });
    expectAnswer(answer, 413, { message: 'Payload Too Large.' });
  });
});

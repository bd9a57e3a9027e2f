// GET departments, departments/get/{slug} and departments/get_by_id/{id} (CONTRACT.md §5.3): staff see
// every department that exists, customers only those they could file in; anything else is not found.
import { describe, it } from 'vitest';
import { call, type TestContext } from '../helpers.js';
import { AT_MODEL, DEPARTMENT_JSON, expectWire, useFrozenTestApp } from '../support/frozen-wire.js';
import { departmentJson, UNAUTHENTICATED } from '../support/wire.js';

let ctx: TestContext;
useFrozenTestApp((fresh) => {
  ctx = fresh;
  // 4 internal, 5 disabled, 6 soft-deleted.
  fresh.repos.departments.create({ departmentName: 'Abuse', slug: 'abuse', isPublic: 0, departmentEmail: 'abuse@example.com' });
  fresh.repos.departments.create({ departmentName: 'Legacy', slug: 'legacy', isPublic: 1 });
  fresh.repos.departments.create({ departmentName: 'Gone', slug: 'gone', isPublic: 1 });
  fresh.db.$client.prepare('update departments set is_disabled = 1 where id = 5').run();
  fresh.db.$client.prepare('update departments set soft_deleted = 1 where id = 6').run();
});

const get = (url: string, headers: Record<string, string>) => call(ctx.app, { method: 'GET', url, headers: { ...headers, 'content-type': 'application/json' } });
const notFound = { error: 'Department not found' };
const department = (id: number, name: string, slug: string, extra: { is_public: number; is_disabled?: number; email?: string }) =>
  departmentJson(
    { id, department_name: name, department_description: '', slug, allows_high_priority: 1, is_public: extra.is_public, is_disabled: extra.is_disabled, department_email: extra.email ?? '' },
    { created_at: AT_MODEL, updated_at: AT_MODEL },
  );
const abuse = department(4, 'Abuse', 'abuse', { is_public: 0, email: 'abuse@example.com' });
const legacy = department(5, 'Legacy', 'legacy', { is_public: 1, is_disabled: 1 });
const { sales, support, billing } = DEPARTMENT_JSON;

describe('GET /api/departments', () => {
  it('lists every enabled department for staff, internal ones included', async () => {
    expectWire(await get('/api/departments', ctx.staff.basic), 200, { departments: [sales, support, billing, abuse] });
  });

  it('lists a customer only the departments it could file in', async () => {
    expectWire(await get('/api/departments', ctx.customerA.bearer), 200, { departments: [sales, support, billing] });
  });

  it('needs credentials', async () => {
    expectWire(await get('/api/departments', {}), 401, UNAUTHENTICATED);
  });
});

describe('GET /api/departments/get/{slug} and get_by_id/{id}', () => {
  it('answers one department as an array of one, by slug and by id, through //api/ and a trailing slash', async () => {
    expectWire(await get('/api/departments/get/support', ctx.staff.basic), 200, { department: [support] });
    expectWire(await get('//api/departments/get/sales/', ctx.customerA.bearer), 200, { department: [sales] });
    expectWire(await get('/api/departments/get_by_id/3', ctx.customerB.bearer), 200, { department: [billing] });
    expectWire(await get('//api/departments/get_by_id/2/', ctx.staff.basic), 200, { department: [support] });
  });

  it('shows staff internal and disabled departments, but not soft-deleted ones', async () => {
    expectWire(await get('/api/departments/get/abuse', ctx.staff.basic), 200, { department: [abuse] });
    expectWire(await get('/api/departments/get_by_id/5', ctx.staff.basic), 200, { department: [legacy] });
    expectWire(await get('/api/departments/get/gone', ctx.staff.basic), 404, notFound);
    expectWire(await get('/api/departments/get_by_id/6', ctx.staff.basic), 404, notFound);
  });

  it('answers a customer as if internal, disabled and soft-deleted departments did not exist', async () => {
    for (const url of ['/api/departments/get/abuse', '/api/departments/get_by_id/4', '/api/departments/get/legacy', '/api/departments/get_by_id/5', '/api/departments/get/gone']) {
      expectWire(await get(url, ctx.customerA.bearer), 404, notFound);
    }
  });

  it('answers 404 for unknown slugs and ids, raw @ and non-numeric ids included', async () => {
    for (const url of [
      '/api/departments/get/nothing',
      '/api/departments/get/support@example.com',
      '//api/departments/get/sales@',
      '/api/departments/get_by_id/99',
      '/api/departments/get_by_id/support',
      '/api/departments/get_by_id/2@x',
      '/api/departments/get_by_id/-1',
    ]) {
      expectWire(await get(url, ctx.staff.basic), 404, notFound);
    }
  });

  it('needs credentials', async () => {
    expectWire(await get('/api/departments/get/sales', {}), 401, UNAUTHENTICATED);
    expectWire(await get('/api/departments/get_by_id/1', {}), 401, UNAUTHENTICATED);
  });
});

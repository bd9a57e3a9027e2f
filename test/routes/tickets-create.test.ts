// POST /api/tickets/create: for a customer, for a guest, by a customer itself; departments, priorities, cc.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createStaff, snapshot, type TestContext } from '../helpers.js';
import { createSettledTestApp } from '../support/app.js';
import { expectAnswer, expectInvalid, expectModelDateSince, expectPlainDateSince, plainNow, PUBLIC_HASH, TICKET_KEYS, ticketJson } from '../support/wire.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createSettledTestApp();
});
afterEach(() => ctx.close());

const create = (payload: Record<string, unknown>, headers: Record<string, string> = ctx.staff.basic) =>
  call(ctx.app, { method: 'POST', url: '/api/tickets/create', headers, payload });

const basics = { subject: 'Site down', message: 'It is down.\nSince noon.' };

/** Checks the dynamic values (hash, dates) and answers the expected list-form ticket built from `values`. */
function opened(answer: Awaited<ReturnType<typeof create>>, before: string) {
  expect(answer.status).toBe(200);
  const ticket = answer.body.id;
  expect(Object.keys(answer.body)).toEqual(['id']);
  expect(Object.keys(ticket)).toEqual(TICKET_KEYS);
  expect(ticket.public_hash).toMatch(PUBLIC_HASH);
  const created = expectModelDateSince(ticket.created_at, before);
  const byClient = expectPlainDateSince(ticket.updated_by_client_at, before);
  expect(created).toBe(`${byClient.replace(' ', 'T')}.000000Z`);
  return { public_hash: ticket.public_hash as string, created_at: created, updated_by_client_at: byClient };
}

describe('POST /api/tickets/create by staff', () => {
  it('opens a ticket for a customer with every documented default', async () => {
    const before = plainNow();
    const answer = await create({ customer_id: ctx.customerA.id, ...basics, department_id: 2 });
    const dynamic = opened(answer, before);
    expectAnswer(answer, 200, {
      id: ticketJson({ id: 1, user_id: ctx.customerA.id, ...basics, department_id: 2, ip_address: '127.0.0.1', ...dynamic }),
    });
    expect(ctx.repos.tickets.findById(1)!.customFields).toBeNull();
  });

  it('takes every field a plugin sends', async () => {
    const agent = createStaff(ctx.repos, { email: 'agent@example.com', name: 'Agent', role: 'employee' });
    const before = plainNow();
    const answer = await create({
      customer_id: String(ctx.customerA.id),
      ...basics,
      priority: 'High',
      department_slug: 'billing',
      cc: ' a@example.com, b@example.org ,',
      assigned: agent.id,
      ip_address: '2001:db8::1',
      organize: 'billing',
      billing_id: '17',
      billing_system: 'blesta',
      custom_fields: { domain: 'example.com', seats: 3, urgent: true, note: null },
    });
    const dynamic = opened(answer, before);
    expectAnswer(answer, 200, {
      id: ticketJson({
        id: 1,
        user_id: ctx.customerA.id,
        ...basics,
        priority: 'high',
        cc: 'a@example.com,b@example.org',
        assigned: agent.id,
        department_id: 3,
        ip_address: '2001:db8::1',
        organize: 'billing',
        ...dynamic,
      }),
    });
    expect(JSON.parse(ctx.repos.tickets.findById(1)!.customFields!)).toEqual({ domain: 'example.com', seats: 3, urgent: true, note: null });
  });

  it('user_id (older plugins) names the customer like customer_id', async () => {
    const answer = await create({ user_id: ctx.customerB.id, ...basics, department_id: 2 });
    expect(answer.body.id.user_id).toBe(ctx.customerB.id);
  });

  it('opens a guest ticket (customer_id 0 or missing) with public_name and public_email', async () => {
    const before = plainNow();
    const answer = await create({ customer_id: 0, ...basics, department_slug: 'sales', public_name: 'Guest Person', public_email: 'guest@example.com' });
    const dynamic = opened(answer, before);
    expectAnswer(answer, 200, {
      id: ticketJson({ id: 1, user_id: 0, ...basics, department_id: 1, ip_address: '127.0.0.1', public_name: 'Guest Person', public_email: 'guest@example.com', ...dynamic }),
    });
    const nameless = await create({ ...basics, department_slug: 'sales', public_name: null, public_email: 'guest@example.com' });
    expect(nameless.body.id).toMatchObject({ id: 2, user_id: 0, public_name: null, public_email: 'guest@example.com' });
  });

  it('drops public_name and public_email on a customer ticket', async () => {
    const answer = await create({ customer_id: ctx.customerA.id, ...basics, department_id: 2, public_name: 'X', public_email: 'x@example.com' });
    expect(answer.body.id).toMatchObject({ public_name: null, public_email: null });
  });

  it('priority: critical -> emergency, normal -> medium; default medium, or none when the department hides priority', async () => {
    const priorities = [];
    for (const priority of ['critical', 'normal', 'LOW', 'none', undefined]) {
      priorities.push((await create({ customer_id: ctx.customerA.id, ...basics, department_id: 2, priority })).body.id.priority);
    }
    expect(priorities).toEqual(['emergency', 'medium', 'low', 'none', 'medium']);
    const hidden = ctx.repos.departments.create({ departmentName: 'Hidden', slug: 'hidden', allowsHighPriority: 3, isPublic: 2 });
    expect((await create({ customer_id: ctx.customerA.id, ...basics, department_id: hidden.id })).body.id.priority).toBe('none');
  });

  it('a department that does not allow high priority rejects high and emergency', async () => {
    const before = snapshot(ctx.db);
    for (const priority of ['high', 'emergency', 'critical']) {
      expectInvalid(await create({ customer_id: ctx.customerA.id, ...basics, department_id: 1, priority }), { priority: ['The selected priority is invalid.'] });
    }
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('staff may use an internal department; guests only public ones', async () => {
    const internal = ctx.repos.departments.create({ departmentName: 'Internal', slug: 'internal', isPublic: 0 });
    expect((await create({ customer_id: ctx.customerA.id, ...basics, department_id: internal.id })).status).toBe(200);
    const before = snapshot(ctx.db);
    const guest = { ...basics, public_email: 'guest@example.com' };
    expectInvalid(await create({ ...guest, department_id: 2 }), { department_id: ['The selected department id is invalid.'] });
    expectInvalid(await create({ ...guest, department_slug: 'internal' }), { department_slug: ['The selected department slug is invalid.'] });
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('rejects what cannot be opened, with Laravel 422s, writing nothing', async () => {
    const disabled = ctx.repos.departments.create({ departmentName: 'Old', slug: 'old', isPublic: 1 });
    ctx.db.$client.prepare('update departments set is_disabled = 1 where id = ?').run(disabled.id);
    const before = snapshot(ctx.db);
    const a = ctx.customerA.id;
    expectInvalid(await create({}), { subject: ['The subject field is required.'], message: ['The message field is required.'] });
    expectInvalid(await create({ customer_id: a, ...basics }), { department_id: ['The department id field is required when department slug is not present.'] });
    expectInvalid(await create({ ...basics, department_id: 1 }), { public_email: ['The public email field is required when customer id is 0.'] });
    expectInvalid(await create({ user_id: 0, ...basics, department_id: 1 }), { public_email: ['The public email field is required when user id is 0.'] });
    expectInvalid(await create({ customer_id: 999, ...basics, department_id: 2 }), { customer_id: ['The selected customer id is invalid.'] });
    expectInvalid(await create({ customer_id: ctx.staff.id, ...basics, department_id: 2 }), { customer_id: ['The selected customer id is invalid.'] });
    expectInvalid(await create({ user_id: 999, ...basics, department_id: 2 }), { user_id: ['The selected user id is invalid.'] });
    expectInvalid(await create({ customer_id: a, ...basics, department_id: 999 }), { department_id: ['The selected department id is invalid.'] });
    expectInvalid(await create({ customer_id: a, ...basics, department_slug: 'nope' }), { department_slug: ['The selected department slug is invalid.'] });
    expectInvalid(await create({ customer_id: a, ...basics, department_id: disabled.id }), { department_id: ['The selected department id is invalid.'] });
    expectInvalid(await create({ customer_id: a, ...basics, department_id: 2, priority: 'urgent' }), { priority: ['The selected priority is invalid.'] });
    expectInvalid(await create({ customer_id: a, ...basics, department_id: 2, assigned: ctx.customerB.id }), { assigned: ['The selected assigned is invalid.'] });
    expectInvalid(await create({ customer_id: a, ...basics, department_id: 2, cc: 'a@example.com,nope' }), {
      cc: ['The cc field must be a comma-separated list of valid email addresses.'],
    });
    expectInvalid(await create({ customer_id: a, ...basics, department_id: 2, ip_address: '999.1.1.1' }), { ip_address: ['The ip address field must be a valid IP address.'] });
    expectInvalid(await create({ customer_id: a, ...basics, department_id: 2, public_email: 'nope' }), { public_email: ['The public email field must be a valid email address.'] });
    expectInvalid(await create({ customer_id: a, ...basics, department_id: 2, custom_fields: 'x' }), { custom_fields: ['The custom fields field must be an array.'] });
    expectInvalid(await create({ customer_id: a, ...basics, department_id: 2, custom_fields: [1] }), { custom_fields: ['The custom fields field must be an array.'] });
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

describe('POST /api/tickets/create by a customer', () => {
  it('files for itself, from its request IP, whatever it claims', async () => {
    const before = plainNow();
    const answer = await create(
      { ...basics, department_slug: 'support', ip_address: '8.8.8.8', assigned: ctx.staff.id, public_email: 'x@example.com' },
      ctx.customerA.bearer,
    );
    const dynamic = opened(answer, before);
    expectAnswer(answer, 200, { id: ticketJson({ id: 1, user_id: ctx.customerA.id, ...basics, department_id: 2, ip_address: '127.0.0.1', ...dynamic }) });
    const named = await create({ customer_id: ctx.customerA.id, ...basics, department_id: 1 }, ctx.customerA.bearer);
    expect(named.body.id).toMatchObject({ id: 2, user_id: ctx.customerA.id });
  });

  it('may not file for someone else or into an internal department', async () => {
    const internal = ctx.repos.departments.create({ departmentName: 'Internal', slug: 'internal', isPublic: 0 });
    const before = snapshot(ctx.db);
    expectInvalid(await create({ customer_id: ctx.customerB.id, ...basics, department_id: 2 }, ctx.customerA.bearer), {
      customer_id: ['The selected customer id is invalid.'],
    });
    expectInvalid(await create({ ...basics, department_id: internal.id }, ctx.customerA.bearer), { department_id: ['The selected department id is invalid.'] });
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

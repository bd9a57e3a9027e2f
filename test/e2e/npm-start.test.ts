// End to end: `npm start` as a real process on a temporary database, spoken to over HTTP with fetch only,
// stopped with SIGTERM. Also: a first start without ADMIN_* prints an admin email and token that work.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type Admin, type RunningServer } from './real-server.js';

/**
 * `npm start --silent` as a person runs it: no NODE_ENV, info logs, and (unless the test gives them) no
 * admin and no JWT secret.
 */
function npmStart(databaseFile: string, settings: { admin?: Admin; jwtSecret?: string } = {}) {
  return startServer({
    databaseFile,
    admin: settings.admin ?? null,
    env: { NODE_ENV: undefined, LOG_LEVEL: 'info', JWT_SECRET: settings.jwtSecret },
    npmArgs: ['--silent'],
  });
}

/** SIGTERM to npm alone, as a process manager would send it; afterwards nothing may answer on the port. */
async function stop(server: RunningServer) {
  server.child.kill('SIGTERM');
  const exit = await server.exited;
  await expect(fetch(`${server.baseUrl}/health`)).rejects.toThrow();
  return exit;
}

let dir: string;
let running: RunningServer | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ticaga-e2e-'));
});
afterEach(async () => {
  await running?.stop();
  running = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const ADMIN = { email: 'ops@example.com', token: 'e2e-admin-token-0123456789abcdef' };

async function api(base: string, method: string, path: string, headers: Record<string, string>, body?: string | Record<string, unknown>) {
  const init: RequestInit = { method, headers: { ...headers } };
  if (typeof body === 'string') {
    init.body = body;
    (init.headers as Record<string, string>)['content-type'] = 'application/x-www-form-urlencoded';
  } else if (body) {
    init.body = JSON.stringify(body);
    (init.headers as Record<string, string>)['content-type'] = 'application/json';
  }
  const response = await fetch(`${base}/api/${path}`, init);
  return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as any };
}

describe('npm start', () => {
  it('serves a whole conversation over HTTP and stops cleanly on SIGTERM', async () => {
    running = await npmStart(join(dir, 'nested', 'folders', 'ticaga.sqlite'), { admin: ADMIN, jwtSecret: 'e2e-secret-e2e-secret-e2e-secret-e2e' });
    const base = running.baseUrl;
    const basic = { authorization: `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.token}`).toString('base64')}` };
    const headerStyle = { 'x-admin-email': ADMIN.email, 'x-api-token': ADMIN.token };
    const bearerStaff = { authorization: `Bearer ${ADMIN.token}` };

    expect(await (await fetch(`${base}/health`)).json()).toEqual({ status: 'ok' });
    expect(existsSync(join(dir, 'nested', 'folders', 'ticaga.sqlite'))).toBe(true);
    expect(await api(base, 'GET', 'customers/get/0', {})).toMatchObject({ status: 401, body: { message: 'Unauthenticated.' } });
    const self = await api(base, 'GET', 'customers/get/0', basic);
    expect(self).toMatchObject({ status: 200, type: 'application/json; charset=utf-8', body: { user: { email: ADMIN.email } } });

    // Default departments: at least one public (1) and one customers-only (2).
    const publicDepartments = (await api(base, 'GET', 'departments/public', basic)).body.departments;
    const customerDepartments = (await api(base, 'GET', 'departments/customers', headerStyle)).body.departments;
    expect(publicDepartments.length).toBeGreaterThan(0);
    expect(publicDepartments.every((d: { is_public: number }) => d.is_public === 1)).toBe(true);
    expect(customerDepartments.some((d: { is_public: number }) => d.is_public === 2)).toBe(true);
    const support = customerDepartments.find((d: { is_public: number }) => d.is_public === 2);

    const registered = await api(base, 'POST', 'register', basic, 'name=Joe+Doe&email=joedoe%40example.com&password=secret123&company=Demo+Ltd');
    expect(registered.status).toBe(200);
    const joe = registered.body.user.id;
    const login = await api(base, 'POST', 'login', basic, { email: 'joedoe@example.com', password: 'secret123' });
    expect(login).toMatchObject({ status: 200, body: { user: { id: joe, name: 'Joe Doe', company: 'Demo Ltd' }, token_type: 'Bearer' } });
    const customer = { authorization: `Bearer ${login.body.token}` };

    const opened = await api(base, 'POST', 'tickets/create', customer, `subject=Site+down&message=It+is+down.&priority=normal&department_slug=${support.slug}&cc=`);
    expect(opened).toMatchObject({ status: 200, body: { id: { user_id: joe, status: 'open', priority: 'medium', department_id: support.id } } });
    const ticket = opened.body.id.id;

    const staffReply = await api(base, 'POST', 'responses/create', bearerStaff, { ticket_number: ticket, content: 'Looking into it.', employee_response: 1 });
    expect(staffReply).toMatchObject({ status: 200, body: { id: { ticket_number: ticket, employee_response: 1, user_name: 'Administrator', user_email: ADMIN.email } } });
    expect((await api(base, 'GET', `tickets/get/${joe}/${ticket}`, basic)).body.tickets.status).toBe('awaiting_reply');
    await api(base, 'POST', 'responses/create', basic, { ticket_number: ticket, content: 'VIP customer', is_note: 1 });
    const customerReply = await api(base, 'POST', 'responses/create', customer, { ticket_number: ticket, content: 'Thanks!' });
    expect(customerReply).toMatchObject({ status: 200, body: { id: { user_id: joe, employee_response: 0, user_name: 'Joe Doe' } } });

    const read = await api(base, 'GET', `tickets/get/${joe}/${ticket}`, customer);
    expect(read).toMatchObject({ status: 200, body: { tickets: { id: ticket, status: 'open', name: 'Joe Doe', company: 'Demo Ltd', ticket_id: ticket } } });
    expect(read.body.tickets.first_employee_reply).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    const customerView = (await api(base, 'GET', `responses/get/${ticket}`, customer)).body.responses.map((r: { content: string }) => r.content);
    const staffView = (await api(base, 'GET', `responses/get/${ticket}`, basic)).body.responses.map((r: { content: string }) => r.content);
    expect(customerView).toEqual(['Looking into it.', 'Thanks!']);
    expect(staffView).toEqual(['Looking into it.', 'VIP customer', 'Thanks!']);
    expect((await api(base, 'GET', `tickets/get/all/${joe}`, customer)).body.tickets.map((t: { id: number }) => t.id)).toEqual([ticket]);

    expect(await api(base, 'POST', 'tickets/close', customer, { customer_id: joe, ticket_id: ticket })).toEqual({ status: 200, type: 'application/json; charset=utf-8', body: { id: ticket } });
    expect(await api(base, 'POST', 'tickets/close', customer, { customer_id: joe, ticket_id: ticket })).toMatchObject({ status: 200, body: { id: ticket } });
    expect((await api(base, 'GET', `tickets/get/all/${joe}`, basic)).body.tickets[0].status).toBe('closed');
    expect(await api(base, 'POST', 'register', customer, { name: 'x', email: 'x@example.com', password: 'secret123' })).toMatchObject({ status: 403 });
    expect(await api(base, 'GET', 'nowhere', basic)).toMatchObject({ status: 404, body: { message: 'Not Found.' } });

    const exit = await stop(running);
    expect({ exit, stderr: running.stderr() }).toEqual({ exit: { code: 0, signal: null }, stderr: '' });
    expect(running.stdout()).not.toContain(ADMIN.token);
    expect(running.stdout()).not.toContain('secret123');
  }, 90_000);

  it('a first start without ADMIN_* prints an admin email and token that work', async () => {
    running = await npmStart(join(dir, 'ticaga.sqlite'));
    const printed = running.stdout();
    const email = /admin email: (\S+)/.exec(printed)?.[1];
    const token = /API token: {3}(\S+)/.exec(printed)?.[1];
    expect(email).toBeDefined();
    expect(token).toMatch(/^\d+\|[A-Za-z0-9]{40}$/);
    const self = await api(running.baseUrl, 'GET', 'customers/get/0', { authorization: `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}` });
    expect(self).toMatchObject({ status: 200, body: { user: { email } } });
    // The JWT secret was generated beside the database, with a warning.
    expect(existsSync(join(dir, 'jwt-secret'))).toBe(true);
    expect(running.stderr()).toContain('JWT_SECRET is not set');
    const exit = await stop(running);
    expect(exit).toEqual({ code: 0, signal: null });

    // A second start on the same database prints no new admin.
    running = await npmStart(join(dir, 'ticaga.sqlite'));
    expect(running.stdout()).not.toContain('admin email:');
    const again = await api(running.baseUrl, 'GET', 'customers/get/0', { authorization: `Bearer ${token}` });
    expect(again).toMatchObject({ status: 200, body: { user: { email } } });
    expect(await stop(running)).toEqual({ code: 0, signal: null });
  }, 120_000);
});

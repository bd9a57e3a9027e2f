// Promise 3, the audit trail: every write is recorded (who: token id or customer id; what; which ticket
// or customer; source IP; when) in the write's own transaction; failed logins and refused credentials
// are recorded too; the table is append-only; `npm run ticaga -- audit` shows it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { runCli } from '../../src/cli/run.js';
import { loadConfig } from '../../src/config.js';
import { closeDatabase, openDatabase } from '../../src/db/client.js';
import { createRepositories } from '../../src/repositories/index.js';
import { basicAuth, call, createStaff, createTestApp, createTicket, PLAIN_DATE, snapshot, TEST_JWT_SECRET, type TestContext } from '../helpers.js';

let ctx: TestContext;
afterEach(() => ctx.close());

type Row = { actor_type: string; actor_id: number | null; action: string; ticket_id: number | null; customer_id: number | null; ip: string; created_at: string };

function auditRows(): Omit<Row, 'created_at'>[] {
  const rows = ctx.db.$client.prepare('select * from audit_log order by id').all() as (Row & { id: number })[];
  for (const row of rows) expect(row.created_at).toMatch(PLAIN_DATE);
  return rows.map(({ actor_type, actor_id, action, ticket_id, customer_id, ip }) => ({ actor_type, actor_id, action, ticket_id, customer_id, ip }));
}

const tokenId = (token: string) => Number(token.split('|')[0]);
const post = (url: string, headers: Record<string, string>, payload: Record<string, unknown>, remoteAddress = '203.0.113.5') =>
  call(ctx.app, { method: 'POST', url, headers, payload, remoteAddress });

describe('every write is recorded', () => {
  it('records who, what, which ticket or customer, and from where', async () => {
    ctx = await createTestApp();
    const staff = { actor_type: 'staff', actor_id: tokenId(ctx.staff.token), ip: '203.0.113.5' };
    const customerA = { actor_type: 'customer', actor_id: ctx.customerA.id, ip: '203.0.113.5' };

    const byStaff = await post('/api/tickets/create', ctx.staff.basic, { customer_id: ctx.customerA.id, subject: 'S', message: 'M', department_id: 2 });
    const byCustomer = await post('/api/tickets/create', ctx.customerA.bearer, { subject: 'Mine', message: 'Help', department_id: 2 });
    const reply = await post('/api/responses/create', ctx.customerA.bearer, { ticket_number: byStaff.body.id.id, content: 'Thanks' });
    const note = await post('/api/responses/create', ctx.staff.basic, { ticket_number: byCustomer.body.id.id, content: 'Internal', is_note: 1 });
    const closed = await post('/api/tickets/close', ctx.customerA.bearer, { customer_id: ctx.customerA.id, ticket_id: byCustomer.body.id.id });
    const registered = await post('/api/register', ctx.staff.basic, { name: 'Ann Other', email: 'ann@example.org', password: 'secret123' });
    const assigned = await post('/api/customers/assign', ctx.staff.basic, { ticaga_id: ctx.customerB.id, billing_id: 12, billing_system: 'whmcs' });
    expect([byStaff, byCustomer, reply, note, closed, registered, assigned].map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200, 200]);

    const first = byStaff.body.id.id;
    const second = byCustomer.body.id.id;
    expect(auditRows()).toEqual([
      { ...staff, action: 'tickets.create', ticket_id: first, customer_id: ctx.customerA.id },
      { ...customerA, action: 'tickets.create', ticket_id: second, customer_id: ctx.customerA.id },
      { ...customerA, action: 'responses.create', ticket_id: first, customer_id: ctx.customerA.id },
      { ...staff, action: 'responses.create', ticket_id: second, customer_id: ctx.customerA.id },
      { ...customerA, action: 'tickets.close', ticket_id: second, customer_id: ctx.customerA.id },
      { ...staff, action: 'customers.create', ticket_id: null, customer_id: registered.body.user.id },
      { ...staff, action: 'customers.assign', ticket_id: null, customer_id: ctx.customerB.id },
    ]);
  });

  it('names the token, not just its owner, when one staff member has several', async () => {
    ctx = await createTestApp();
    const second = createStaff(ctx.repos, { email: 'second@example.net', name: 'Second' });
    await post('/api/tickets/create', second.basic, { customer_id: ctx.customerB.id, subject: 'S', message: 'M', department_id: 2 });
    expect(auditRows()[0]).toMatchObject({ actor_type: 'staff', actor_id: tokenId(second.token) });
  });

  it('records nothing for a rejected write', async () => {
    ctx = await createTestApp();
    const ticket = createTicket(ctx.repos, ctx.customerB.id);
    expect((await post('/api/tickets/create', ctx.staff.basic, { subject: '', message: 'M' })).status).toBe(422);
    expect((await post('/api/tickets/close', ctx.customerA.bearer, { customer_id: ctx.customerB.id, ticket_id: ticket.id })).status).toBe(404);
    expect((await post('/api/responses/create', ctx.customerA.bearer, { ticket_number: ticket.id, content: 'x' })).status).toBe(404);
    expect(auditRows()).toEqual([]);
  });

  it('commits the write and its entry together: when the entry cannot be written, neither is', async () => {
    ctx = await createTestApp();
    // Stamp the token's last_used_at first, so that the only possible change is the writes under test.
    await call(ctx.app, { method: 'GET', url: '/api/departments/public', headers: ctx.staff.basic });
    const before = snapshot(ctx.db);
    ctx.db.$client.exec("create temp trigger refuse_audit before insert on audit_log begin select raise(abort, 'disk full'); end");
    const answer = await post('/api/tickets/create', ctx.staff.basic, { customer_id: ctx.customerA.id, subject: 'S', message: 'M', department_id: 2 });
    expect([answer.status, answer.body]).toEqual([500, { message: 'Server Error' }]);
    const reply = await post('/api/register', ctx.staff.basic, { name: 'Ann Other', email: 'ann@example.org', password: 'secret123' });
    expect(reply.status).toBe(500);
    expect(snapshot(ctx.db)).toEqual(before);
  });

  it('still records a successful write on a route that does not record its own entry', async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', BCRYPT_ROUNDS: '4' });
    const db = openDatabase(':memory:');
    const app = await buildApp({ config: { ...config, jwtSecret: TEST_JWT_SECRET }, db });
    app.post('/api/widgets/frobnicate/:id', { config: { writes: true } }, async () => ({ ok: true }));
    app.post('/api/widgets/fail', { config: { writes: true } }, async (_request, reply) => reply.code(422).send({ message: 'no' }));
    await app.ready();
    const repos = createRepositories(db);
    ctx = { app, db, repos, close: async () => { await app.close(); db.$client.close(); } } as TestContext;
    const staff = createStaff(repos, { email: 'staff@example.net', name: 'Staff' });
    expect((await post('/api/widgets/frobnicate/9', staff.basic, {})).status).toBe(200);
    expect((await post('/api/widgets/fail', staff.basic, {})).status).toBe(422);
    expect(auditRows()).toEqual([{ actor_type: 'staff', actor_id: tokenId(staff.token), action: 'widgets.frobnicate', ticket_id: null, customer_id: null, ip: '203.0.113.5' }]);
  });
});

describe('refused credentials', () => {
  it('records a failed login and a refused token, but not a request without credentials', async () => {
    ctx = await createTestApp();
    expect((await post('/api/login', ctx.staff.basic, { email: ctx.customerB.email, password: 'nope' })).status).toBe(422);
    expect((await post('/api/tickets/create', basicAuth(ctx.staff.email, '1|wrongwrongwrongwrongwrongwrongwrongwrong'), {})).status).toBe(401);
    expect((await post('/api/tickets/create', { authorization: 'Bearer not.a.jwt' }, {})).status).toBe(401);
    expect((await post('/api/tickets/create', {}, {})).status).toBe(401);
    expect(auditRows()).toEqual([
      { actor_type: 'staff', actor_id: tokenId(ctx.staff.token), action: 'login.failed', ticket_id: null, customer_id: ctx.customerB.id, ip: '203.0.113.5' },
      { actor_type: 'anonymous', actor_id: null, action: 'auth.failed', ticket_id: null, customer_id: null, ip: '203.0.113.5' },
      { actor_type: 'anonymous', actor_id: null, action: 'auth.failed', ticket_id: null, customer_id: null, ip: '203.0.113.5' },
    ]);
  });
});

describe('append-only', () => {
  it('refuses UPDATE and DELETE at the database level', async () => {
    ctx = await createTestApp();
    ctx.repos.auditLog.record({ actorType: 'staff', actorId: 1, action: 'tickets.create', ticketId: 1, ip: '192.0.2.1' });
    const before = snapshot(ctx.db).audit_log;
    expect(() => ctx.db.$client.exec("update audit_log set action = 'nothing'")).toThrow('audit_log is append-only');
    expect(() => ctx.db.$client.exec('delete from audit_log')).toThrow('audit_log is append-only');
    expect(snapshot(ctx.db).audit_log).toEqual(before);
    expect(before).toHaveLength(1);
  });

  it('has no update or delete path in the code', () => {
    const files = sourceFiles(join(import.meta.dirname, '../../src'));
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/\.(update|delete)\(\s*auditLog\b/);
      expect(text, file).not.toMatch(/(update|delete\s+from)\s+[`"']?audit_log/i);
    }
  });
});

describe('npm run ticaga -- audit', () => {
  it('prints the newest entries first, as many as --limit asks', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ticaga-audit-'));
    try {
      const env = { DATABASE_URL: `file:${join(dir, 'db.sqlite')}` };
      const db = openDatabase(join(dir, 'db.sqlite'));
      const audit = createRepositories(db).auditLog;
      audit.record({ actorType: 'staff', actorId: 3, action: 'tickets.create', ticketId: 10, customerId: 4, ip: '192.0.2.1' });
      audit.record({ actorType: 'customer', actorId: 4, action: 'responses.create', ticketId: 10, customerId: 4, ip: '192.0.2.2' });
      audit.record({ actorType: 'anonymous', actorId: null, action: 'auth.failed', ip: '192.0.2.3' });
      closeDatabase(db);

      const lines: string[] = [];
      expect(await runCli(['audit', '--limit', '2'], env, (line) => lines.push(line), (line) => lines.push(line))).toBe(0);
      const stamps = lines.slice(1).map((line) => line.split('\t')[1]);
      for (const stamp of stamps) expect(stamp).toMatch(PLAIN_DATE);
      expect(lines).toEqual([
        'id\twhen (UTC)\tactor\taction\tticket\tcustomer\tip',
        `#3\t${stamps[0]}\tanonymous\tauth.failed\t-\t-\t192.0.2.3`,
        `#2\t${stamps[1]}\tcustomer #4\tresponses.create\t10\t4\t192.0.2.2`,
      ]);
      const all: string[] = [];
      expect(await runCli(['audit'], env, (line) => all.push(line), () => {})).toBe(0);
      expect(all[3]).toBe(`#1\t${all[3].split('\t')[1]}\ttoken #3\ttickets.create\t10\t4\t192.0.2.1`);
      expect(await runCli(['audit', '--limit', 'x'], env, () => {}, (line) => all.push(line))).toBe(1);
      expect(all.at(-1)).toBe('error: --limit must be a positive whole number');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// Promise 7, crash durability: the real server (`npm start`) on a database file takes concurrent ticket
// and response creations, is killed with SIGKILL mid-stream, and is started again on the same file.
// Every creation that was answered 200 must be there with its content, nothing may be half-written
// (a response without its ticket, a status that missed its response, a write without its audit entry),
// and SQLite's integrity check must pass.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'ticaga-crash-'));
const ADMIN = { email: 'crash-admin@example.com', token: 'crash-test-admin-token-0123456789' };
const staffAuth = { authorization: `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.token}`).toString('base64')}` };
const running: ChildProcess[] = [];

afterAll(async () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) await stop(child, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

/** `npm start` in its own process group, so that a signal reaches npm, tsx and the server alike. */
async function start(port: number) {
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `file:${join(dir, 'ticaga.sqlite')}`,
      JWT_SECRET: 'crash-test-secret-crash-test-secret-0123',
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_API_TOKEN: ADMIN.token,
      LOG_LEVEL: 'warn',
      BCRYPT_ROUNDS: '4',
      RATE_LIMIT_PER_MINUTE: '0',
      RATE_LIMIT_ANON_PER_MINUTE: '0',
    },
  });
  running.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const base = `http://127.0.0.1:${port}`;
  for (const deadline = Date.now() + 40_000; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`server exited during start-up:\n${output}`);
    const ok = await fetch(`${base}/health`).then((r) => r.ok, () => false);
    if (ok) return { child, base };
    await new Promise((done) => setTimeout(done, 150));
  }
  throw new Error(`server did not answer /health in time:\n${output}`);
}

function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  process.kill(-child.pid!, signal);
  return exited;
}

async function post(base: string, path: string, headers: Record<string, string>, body: Record<string, unknown>) {
  const response = await fetch(`${base}/api/${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

type Confirmed = { kind: 'ticket'; id: number; subject: string; message: string } | { kind: 'response'; id: number; ticket: number; content: string };

describe('crash durability', () => {
  it('keeps every answered creation, and nothing half-written, across a SIGKILL', async () => {
    const first = await start(await freePort());
    const customer = (await post(first.base, 'register', staffAuth, { name: 'Crash Customer', email: 'crash@example.com', password: 'secret123' })).body.user;
    const jwt = (await post(first.base, 'login', staffAuth, { email: 'crash@example.com', password: 'secret123' })).body.token as string;
    const customerAuth = { authorization: `Bearer ${jwt}` };

    const confirmed: Confirmed[] = [];
    const tickets: number[] = [];
    let inFlight = 0;
    let stopped = false;
    async function worker(w: number) {
      for (let n = 0; !stopped; n++) {
        const label = `w${w}-n${n}-${'x'.repeat(n % 7)}`;
        inFlight++;
        try {
          if (tickets.length === 0 || n % 3 === 0) {
            const subject = `Crash subject ${label}`;
            const message = `Crash message ${label}\nsecond line`;
            const answer = await post(first.base, 'tickets/create', staffAuth, { customer_id: customer.id, subject, message, department_id: 2 });
            if (answer.status === 200) {
              confirmed.push({ kind: 'ticket', id: answer.body.id.id, subject, message });
              tickets.push(answer.body.id.id);
            }
          } else {
            const ticket = tickets[(w * 7 + n) % tickets.length];
            const content = `Crash reply ${label}`;
            const byStaff = n % 2 === 0;
            const answer = await post(first.base, 'responses/create', byStaff ? staffAuth : customerAuth, { ticket_number: ticket, content, employee_response: byStaff ? 1 : 0 });
            if (answer.status === 200) confirmed.push({ kind: 'response', id: answer.body.id.id, ticket, content });
          }
        } catch {
          return; // the server is gone
        } finally {
          inFlight--;
        }
      }
    }
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    for (const deadline = Date.now() + 30_000; confirmed.length < 150 && Date.now() < deadline; ) await new Promise((done) => setTimeout(done, 5));
    expect(confirmed.length).toBeGreaterThanOrEqual(150);
    const inFlightAtKill = inFlight;
    await stop(first.child, 'SIGKILL');
    stopped = true;
    await Promise.all(workers);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(confirmed.filter((c) => c.kind === 'response').length).toBeGreaterThan(20);

    const second = await start(await freePort());
    try {
      for (const c of confirmed.filter((entry) => entry.kind === 'ticket')) {
        const answer = await fetch(`${second.base}/api/tickets/get/${customer.id}/${c.id}`, { headers: staffAuth }).then((r) => r.json() as any);
        expect([answer.tickets?.subject, answer.tickets?.message]).toEqual([c.subject, c.message]);
      }
      const byTicket = new Map<number, any[]>();
      for (const ticket of new Set(confirmed.flatMap((c) => (c.kind === 'response' ? [c.ticket] : [])))) {
        byTicket.set(ticket, (await fetch(`${second.base}/api/responses/get/${ticket}`, { headers: staffAuth }).then((r) => r.json() as any)).responses);
      }
      for (const c of confirmed.filter((entry) => entry.kind === 'response')) {
        expect(byTicket.get(c.ticket)!.find((r) => r.id === c.id)?.content).toBe(c.content);
      }
      // The restarted server takes writes again.
      expect((await post(second.base, 'tickets/create', staffAuth, { customer_id: customer.id, subject: 'After', message: 'Restart', department_id: 2 })).status).toBe(200);

      const db = new Database(join(dir, 'ticaga.sqlite'), { readonly: true });
      try {
        expect(db.pragma('integrity_check')).toEqual([{ integrity_check: 'ok' }]);
        expect(db.pragma('foreign_key_check')).toEqual([]);
        expect(db.prepare('select count(*) n from responses r left join tickets t on t.id = r.ticket_number where t.id is null').get()).toEqual({ n: 0 });
        // Each write committed with its audit entry: one entry per row, and no entry without its row.
        const ids = (sql: string) => (db.prepare(sql).all() as { id: number }[]).map((row) => row.id);
        expect(ids("select ticket_id id from audit_log where action = 'tickets.create' order by 1")).toEqual(ids('select id from tickets order by 1'));
        expect(db.prepare("select count(*) n from audit_log where action = 'responses.create'").get()).toEqual(db.prepare('select count(*) n from responses').get());
        // Each reply moved its ticket in the same transaction: the status follows the latest reply.
        const states = db
          .prepare(
            `select t.id, t.status, t.first_employee_reply,
               (select employee_response from responses where ticket_number = t.id order by id desc limit 1) last_by_staff,
               (select count(*) from responses where ticket_number = t.id and employee_response = 1) staff_replies
             from tickets t`,
          )
          .all() as { id: number; status: string; first_employee_reply: string | null; last_by_staff: number | null; staff_replies: number }[];
        for (const s of states) {
          const expected = s.last_by_staff === null ? 'open' : s.last_by_staff === 1 ? 'awaiting_reply' : 'open';
          expect({ id: s.id, status: s.status, firstReplyStamped: s.first_employee_reply !== null }).toEqual({ id: s.id, status: expected, firstReplyStamped: s.staff_replies > 0 });
        }
      } finally {
        db.close();
      }
    } finally {
      await stop(second.child, 'SIGTERM');
    }
  }, 120_000);
});

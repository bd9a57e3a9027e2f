// Promise 7, crash durability: the real server (`npm start`) on a database file takes concurrent ticket
// and response creations, is killed with SIGKILL mid-stream, and is started again on the same file.
// Every creation that was answered 200 must be there with its content, nothing may be half-written
// (a response without its ticket, a status that missed its response, a write without its audit entry),
// and SQLite's integrity check must pass.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../e2e/real-server.js';

const dir = mkdtempSync(join(tmpdir(), 'ticaga-crash-'));
const ADMIN = { email: 'crash-admin@example.com', token: 'crash-test-admin-token-0123456789' };
const staffAuth = { authorization: `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.token}`).toString('base64')}` };
const running: RunningServer[] = [];

afterAll(async () => {
  for (const server of running) await server.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** `npm start` on the one database file of this test, without rate limits. */
async function start() {
  const server = await startServer({
    databaseFile: join(dir, 'ticaga.sqlite'),
    admin: ADMIN,
    env: { NODE_ENV: 'test', JWT_SECRET: 'crash-test-secret-crash-test-secret-0123', RATE_LIMIT_PER_MINUTE: '0', RATE_LIMIT_ANON_PER_MINUTE: '0' },
  });
  running.push(server);
  return server;
}

async function post(base: string, path: string, headers: Record<string, string>, body: Record<string, unknown>) {
  const response = await fetch(`${base}/api/${path}`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return { status: response.status, body: (await response.json()) as any };
}

type Confirmed = { kind: 'ticket'; id: number; subject: string; message: string } | { kind: 'response'; id: number; ticket: number; content: string };

describe('crash durability', () => {
  it('keeps every answered creation, and nothing half-written, across a SIGKILL', async () => {
    const first = await start();
    const customer = (await post(first.baseUrl, 'register', staffAuth, { name: 'Crash Customer', email: 'crash@example.com', password: 'secret123' })).body.user;
    const jwt = (await post(first.baseUrl, 'login', staffAuth, { email: 'crash@example.com', password: 'secret123' })).body.token as string;
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
            const answer = await post(first.baseUrl, 'tickets/create', staffAuth, { customer_id: customer.id, subject, message, department_id: 2 });
            if (answer.status === 200) {
              confirmed.push({ kind: 'ticket', id: answer.body.id.id, subject, message });
              tickets.push(answer.body.id.id);
            }
          } else {
            const ticket = tickets[(w * 7 + n) % tickets.length];
            const content = `Crash reply ${label}`;
            const byStaff = n % 2 === 0;
            const answer = await post(first.baseUrl, 'responses/create', byStaff ? staffAuth : customerAuth, { ticket_number: ticket, content, employee_response: byStaff ? 1 : 0 });
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
    await first.kill('SIGKILL');
    stopped = true;
    await Promise.all(workers);
    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(confirmed.filter((c) => c.kind === 'response').length).toBeGreaterThan(20);

    const second = await start();
    try {
      for (const c of confirmed.filter((entry) => entry.kind === 'ticket')) {
        const answer = await fetch(`${second.baseUrl}/api/tickets/get/${customer.id}/${c.id}`, { headers: staffAuth }).then((r) => r.json() as any);
        expect([answer.tickets?.subject, answer.tickets?.message]).toEqual([c.subject, c.message]);
      }
      const byTicket = new Map<number, any[]>();
      for (const ticket of new Set(confirmed.flatMap((c) => (c.kind === 'response' ? [c.ticket] : [])))) {
        byTicket.set(ticket, (await fetch(`${second.baseUrl}/api/responses/get/${ticket}`, { headers: staffAuth }).then((r) => r.json() as any)).responses);
      }
      for (const c of confirmed.filter((entry) => entry.kind === 'response')) {
        expect(byTicket.get(c.ticket)!.find((r) => r.id === c.id)?.content).toBe(c.content);
      }
      // The restarted server takes writes again.
      expect((await post(second.baseUrl, 'tickets/create', staffAuth, { customer_id: customer.id, subject: 'After', message: 'Restart', department_id: 2 })).status).toBe(200);

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
      await second.stop();
    }
  }, 120_000);
});

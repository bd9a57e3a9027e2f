// The real server with WORKERS=2: two worker processes answer on one port over one database file, take
// concurrent writes without a failure, replace a worker that dies, and all stop on SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client.js';

const ADMIN = { email: 'admin@example.com', token: 'cluster-test-admin-token-0123456789' };
const auth = { authorization: `Basic ${Buffer.from(`${ADMIN.email}:${ADMIN.token}`).toString('base64')}` };

let dir: string;
let server: ChildProcess | undefined;
afterEach(() => {
  if (server?.exitCode === null) process.kill(-server.pid!, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

/** Node processes started by `pid` (its cluster workers). */
function workerPids(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((tid) => readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number));
  return children.filter((child) => {
    try {
      return readFileSync(`/proc/${child}/cmdline`, 'utf8').includes('src/server.ts');
    } catch {
      return false;
    }
  });
}

async function until<T>(what: string, check: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('WORKERS=2', () => {
  it('serves, writes concurrently, replaces a dead worker and stops on SIGTERM', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ticaga-cluster-'));
    const path = join(dir, 'db.sqlite');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: {
        ...process.env,
        WORKERS: '2',
        PORT: String(port),
        DATABASE_URL: `file:${path}`,
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_API_TOKEN: ADMIN.token,
        BCRYPT_ROUNDS: '4',
        LOG_LEVEL: 'silent',
        NODE_ENV: 'test',
        JWT_SECRET: 'cluster-test-secret-cluster-test-secret',
      },
    });
    const primary = server.pid!;
    let stderr = '';
    server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await until('two workers', () => (workerPids(primary).length === 2 ? true : undefined));
    await until('health', async () => ((await fetch(`${base}/health`)).status === 200 ? true : undefined));

    const registered = await fetch(`${base}/api/register`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Cluster Customer', email: 'cluster@example.com', password: 'long enough' }),
    });
    const customerId = ((await registered.json()) as { user: { id: number } }).user.id;

    const create = async (i: number) => {
      const answer = await fetch(`${base}/api/tickets/create`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' },
        body: `customer_id=${customerId}&subject=Load+${i}&message=Concurrent&department_slug=support`,
      });
      return { status: answer.status, id: ((await answer.json()) as { id: { id: number } }).id?.id };
    };
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => create(i)));
    expect(answers.filter((answer) => answer.status !== 200)).toEqual([]);

    // A worker that dies is replaced, and the port keeps answering meanwhile.
    const [victim] = workerPids(primary);
    process.kill(victim, 'SIGKILL');
    await until('a replacement worker', () => {
      const pids = workerPids(primary);
      return pids.length === 2 && !pids.includes(victim) ? true : undefined;
    });
    expect((await fetch(`${base}/health`)).status).toBe(200);

    const exited = new Promise<number | null>((resolve) => server!.once('exit', (code) => resolve(code)));
    const workers = workerPids(primary);
    process.kill(primary, 'SIGTERM');
    expect(await exited, stderr).toBe(0);
    await until('workers gone', () => (workers.every((pid) => !readdirSync('/proc').includes(String(pid))) ? true : undefined), 15_000);

    const db = openDatabase(path);
    const ids = db.$client.prepare('select id from tickets').pluck().all() as number[];
    expect(ids.sort((a, b) => a - b)).toEqual(answers.map((answer) => answer.id).sort((a, b) => a - b));
    closeDatabase(db);
  }, 90_000);
});

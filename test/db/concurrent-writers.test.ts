// Two processes writing to one SQLite file at the same moment (what WORKERS > 1 does): every write
// lands, none fails with "database is locked", and the two bursts really overlapped in time.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase } from '../../src/db/client.js';
import { createRepositories } from '../../src/repositories/index.js';
import { DEFAULT_DEPARTMENTS } from '../../src/services/bootstrap.js';

const run = promisify(execFile);
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('two processes writing at once', () => {
  it('both finish every write without "database is locked"', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ticaga-writers-'));
    const path = join(dir, 'db.sqlite');
    const db = openDatabase(path);
    const repos = createRepositories(db);
    for (const department of DEFAULT_DEPARTMENTS) repos.departments.create(department);
    const customer = repos.users.create({ name: 'Writer', email: 'writer@example.com', passwordHash: null });
    closeDatabase(db);

    const count = 400;
    // Both start on the same clock tick, well after tsx has loaded in each.
    const startAt = Date.now() + 4000;
    const burst = () =>
      run(process.execPath, ['--import', 'tsx', 'test/db/fixtures/write-burst.ts', path, String(startAt), String(count), String(customer.id)], { timeout: 60_000 });
    const results = (await Promise.all([burst(), burst()])).map(({ stdout }) => JSON.parse(stdout) as { written: number; errors: string[]; first: number; last: number });

    expect(results.map((r) => r.errors)).toEqual([[], []]);
    expect(results.map((r) => r.written)).toEqual([count, count]);
    const [a, b] = results;
    expect(a.first < b.last && b.first < a.last, `bursts overlapped: ${JSON.stringify(results)}`).toBe(true);

    const check = openDatabase(path);
    const rows = (table: string) => (check.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    expect([rows('tickets'), rows('responses')]).toEqual([2 * count, 2 * count]);
    expect(check.$client.pragma('integrity_check', { simple: true })).toBe('ok');
    closeDatabase(check);
  });
});

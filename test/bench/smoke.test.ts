// A miniature `npm run bench`: a tiny generated database, sub-second runs, every stage end to end (the
// hello-world ceiling, the real server via npm start, writes checked after a SIGKILL, the report).
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run bench (smoke)', () => {
  it('runs end to end on a tiny database and writes the report', async () => {
    dir = mkdtempSync(join(tmpdir(), 'ticaga-bench-'));
    const out = join(dir, 'benchmarks.md');
    const port = String(20_000 + Math.floor(Math.random() * 20_000));
    const args = ['--sizes', '100', '--seconds', '1', '--warmup', '0.3', '--connections', '4', '--login-connections', '1', '--cluster', '0', '--compiled-startup', 'no'];
    await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/bench/run.ts', ...args, '--bcrypt-rounds', '4', '--data-dir', join(dir, 'data'), '--out', out, '--port', port],
      { timeout: 150_000 },
    );
    const report = readFileSync(out, 'utf8');
    expect(report).toMatch(/^# Benchmarks\n/);
    expect(report).toContain('## 100 tickets (5 customers, ');
    for (const endpoint of ['customers/get/{id}', 'tickets/get/{id}/{ticket_id}', 'tickets/get/all/{id} (20 tickets)', 'responses/get/{id} (10 responses)', 'tickets/create', 'responses/create', 'login']) {
      // Every row answered without a single error or non-2xx.
      expect(report).toMatch(new RegExp(`\\| ${endpoint.replace(/[(){}/]/g, '\\$&')} \\|.*\\| 0 / 0 \\|`));
    }
    expect(report).toMatch(/Durability: .*tickets: ([\d,]+) of \1 answered 200; responses: ([\d,]+) of \2 answered 200\./);
    expect(report).toContain('Reads while logins run');
    expect(report).toMatch(/\| 100 tickets: every 200 durable \(SIGKILL, then count\) \| .* \| yes \|/);
  }, 160_000);
});

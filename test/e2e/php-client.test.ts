// End to end with a real PHP client: starts the server with `npm start` on a temporary database and a free
// port, then runs test/php/ticaga-client.php (curl, http_build_query, json_decode, as the plugins do)
// through a whole helpdesk conversation. Needs Debian's php-cli and php-curl: without them the test fails
// when CI=true and is skipped, saying why, otherwise.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLIENT = join(ROOT, 'test/php/ticaga-client.php');
const ADMIN_EMAIL = 'plugin.admin@example.com';
const ADMIN_TOKEN = `e2e-${randomBytes(16).toString('hex')}`;

/** Why PHP cannot run the client, or null when it can. */
function phpMissing(): string | null {
  const probe = spawnSync('php', ['-r', 'exit(function_exists("curl_init") ? 0 : 3);'], { encoding: 'utf8' });
  if (probe.error) return 'php is not installed (Debian package php-cli)';
  if (probe.status === 3) return 'the PHP curl extension is missing (Debian package php-curl)';
  if (probe.status !== 0) return `php does not run: ${probe.stderr.trim()}`;
  return null;
}

function freePort(): Promise<number> {
  return new Promise((done, failed) => {
    const probe = createServer();
    probe.once('error', failed);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

async function waitForHealth(base: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`npm start exited with ${server.exitCode}:\n${log()}`);
    try {
      const response = await fetch(`${base}/health`);
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wait) => setTimeout(wait, 250));
  }
  throw new Error(`the server did not answer /health within 90s:\n${log()}`);
}

/** Signals a process group and waits until none of its processes is left; false on timeout. */
async function stopGroup(pgid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (!alive()) return true;
  process.kill(-pgid, signal);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive()) return true;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return !alive();
}

function runClient(args: string[]) {
  return spawnSync('php', [CLIENT, ...args], { encoding: 'utf8', timeout: 120_000 });
}

const missing = phpMissing();

if (missing && process.env.CI === 'true') {
  describe('PHP client against `npm start`', () => {
    it('needs php-cli and php-curl in CI', () => {
      throw new Error(`${missing}; scripts/ci-system-packages.sh installs it`);
    });
  });
} else if (missing) {
  process.stderr.write(`\nPHP client end-to-end test skipped: ${missing}\n`);
  describe('PHP client against `npm start`', () => {
    it.skip(`skipped: ${missing} (install php-cli and php-curl, or run in CI where it is required)`, () => {});
  });
} else {
  describe('PHP client against `npm start`', () => {
    let server: ChildProcess;
    let base: string;
    let dataDir: string;
    let output = '';

    beforeAll(async () => {
      dataDir = mkdtempSync(join(tmpdir(), 'ticaga-php-client-'));
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      server = spawn('npm', ['start'], {
        cwd: ROOT,
        // Its own process group, so the whole tree (npm, tsx, node) can be stopped together.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          ...process.env,
          NODE_ENV: 'development',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: `file:${join(dataDir, 'ticaga.sqlite')}`,
          JWT_SECRET: randomBytes(32).toString('hex'),
          ADMIN_EMAIL,
          ADMIN_API_TOKEN: ADMIN_TOKEN,
          LOG_LEVEL: 'warn',
          BCRYPT_ROUNDS: '4',
        },
      });
      server.stdout?.on('data', (chunk) => (output += chunk));
      server.stderr?.on('data', (chunk) => (output += chunk));
      await waitForHealth(base, server, () => output);
    }, 120_000);

    afterAll(async () => {
      // npm exits on SIGTERM before its node child has closed the database: wait for the whole group.
      if (server?.pid && !(await stopGroup(server.pid, 'SIGTERM', 15_000))) await stopGroup(server.pid, 'SIGKILL', 5_000);
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    }, 30_000);

    it('runs the whole helpdesk conversation with a base URL ending in /', () => {
      const run = runClient([`${base}/`, ADMIN_EMAIL, ADMIN_TOKEN]);
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
      expect(run.stdout).toContain('ok   another customer\'s ticket is invisible to this customer');
      expect(run.stdout.trim().split('\n').at(-1)).toBe('PASS: the whole helpdesk conversation matched the contract');
    }, 120_000);

    it('fails loudly, naming the step, when the server does not answer as the contract says', () => {
      const run = runClient([`${base}/`, ADMIN_EMAIL, 'not-the-token']);
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(
        'FAIL [connection test: GET customers/get/0]: HTTP 401, expected 200: {"message":"Unauthenticated."}\n',
      );
    }, 60_000);

    it('refuses to run without a server, an email and a token', () => {
      const run = spawnSync('php', [CLIENT], { encoding: 'utf8', env: { PATH: process.env.PATH } });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain('usage: php ticaga-client.php <base-url/> <staff-email> <staff-token>');
    });
  });
}

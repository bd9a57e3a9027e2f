// End to end with a real PHP client: starts the server with `npm start` on a temporary database and a free
// port, then runs test/php/ticaga-client.php (curl, http_build_query, json_decode, as the plugins do)
// through a whole helpdesk conversation. Needs Debian's php-cli and php-curl: without them the test fails
// when CI=true and is skipped, saying why, otherwise.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './real-server.js';

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
    let server: RunningServer | undefined;
    let base: string;

    beforeAll(async () => {
      server = await startServer({ admin: { email: ADMIN_EMAIL, token: ADMIN_TOKEN }, env: { JWT_SECRET: randomBytes(32).toString('hex') }, startTimeoutMs: 90_000 });
      base = server.baseUrl;
    }, 120_000);

    afterAll(async () => {
      await server?.stop();
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

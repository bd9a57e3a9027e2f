// Starts the real server the way a person does (`npm start`) on a free port, and stops it again. For tests
// that need a listening server: a browser, a PHP client, a crash and restart on the same database file,
// npm's own exit on SIGTERM. The server's settings come only from the test: settings inherited from the
// environment that runs the tests are dropped, then DEFAULT_ENV, then the test's own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Every setting src/config.ts reads; none is inherited from the environment running the tests. */
const SETTINGS = [
  'NODE_ENV', 'PORT', 'HOST', 'DATABASE_URL', 'JWT_SECRET', 'JWT_TTL_SECONDS', 'ADMIN_EMAIL', 'ADMIN_API_TOKEN', 'LOG_LEVEL',
  'BCRYPT_ROUNDS', 'BODY_LIMIT_BYTES', 'TRUST_PROXY',
];

export const DEFAULT_ENV: Record<string, string> = {
  NODE_ENV: 'development',
  JWT_SECRET: 'e2e-jwt-secret-e2e-jwt-secret-0123456789',
  BCRYPT_ROUNDS: '4',
  LOG_LEVEL: 'warn',
};

export type Admin = { email: string; token: string };
export const E2E_ADMIN: Admin = { email: 'e2e-admin@example.com', token: 'e2e-admin-token-0123456789abcdef' };

export type ServerOptions = {
  /** Settings over DEFAULT_ENV; a key set to undefined is not set at all. */
  env?: Record<string, string | undefined>;
  /** ADMIN_EMAIL and ADMIN_API_TOKEN; null starts without them (a first start then prints one). */
  admin?: Admin | null;
  /** The database file, for a test that looks at it or restarts on it; by default a temporary one that stop() removes. */
  databaseFile?: string;
  /** Arguments after `npm start`, such as --silent. */
  npmArgs?: string[];
  /** How long start-up may take before /health answers. */
  startTimeoutMs?: number;
};

export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export type RunningServer = {
  baseUrl: string;
  admin: Admin | null;
  /** The npm process; npm, tsx and the server run in its own process group. */
  child: ChildProcess;
  /** Resolves when npm exits. */
  exited: Promise<Exit>;
  stdout: () => string;
  stderr: () => string;
  /** Sends `signal` to the whole process group and waits until npm has exited. */
  kill: (signal: NodeJS.Signals) => Promise<Exit>;
  /** SIGTERM to the whole group (SIGKILL if it lingers), waits until none of it is left, removes the temporary database. */
  stop: () => Promise<void>;
};

/** A port nobody listens on right now: bind port 0, read it, let it go. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Signals a process group and waits until none of its processes is left; false on timeout. */
async function signalGroupAndWait(pgid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<boolean> {
  if (!groupAlive(pgid)) return true;
  process.kill(-pgid, signal);
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (!groupAlive(pgid)) return true;
    await new Promise((wait) => setTimeout(wait, 100));
  }
  return !groupAlive(pgid);
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; ) {
    if (child.exitCode !== null) throw new Error(`npm start exited with ${child.exitCode}:\n${output()}`);
    try {
      if ((await fetch(`${baseUrl}/health`)).status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((wait) => setTimeout(wait, 150));
  }
  throw new Error(`npm start did not answer /health within ${timeoutMs} ms:\n${output()}`);
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const { admin = E2E_ADMIN, npmArgs = [], startTimeoutMs = 60_000 } = options;
  const dataDir = options.databaseFile === undefined ? mkdtempSync(join(tmpdir(), 'ticaga-e2e-')) : undefined;
  const databaseFile = options.databaseFile ?? join(dataDir!, 'ticaga.sqlite');
  const port = await freePort();
  const env: Record<string, string | undefined> = { ...process.env };
  for (const key of SETTINGS) delete env[key];
  Object.assign(env, DEFAULT_ENV, { HOST: '127.0.0.1', PORT: String(port), DATABASE_URL: `file:${databaseFile}` });
  if (admin) Object.assign(env, { ADMIN_EMAIL: admin.email, ADMIN_API_TOKEN: admin.token });
  Object.assign(env, options.env);
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];

  // Its own process group, so a signal reaches npm, tsx and the server alike.
  const child = spawn('npm', ['start', ...npmArgs], { cwd: ROOT, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  let stdout = '';
  let stderr = '';
  let output = '';
  child.stdout!.on('data', (chunk) => ((stdout += chunk), (output += chunk)));
  child.stderr!.on('data', (chunk) => ((stderr += chunk), (output += chunk)));
  const exited = new Promise<Exit>((done) => child.once('exit', (code, signal) => done({ code, signal })));

  const kill = async (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // The whole group is gone already.
    }
    return exited;
  };
  const stop = async () => {
    // npm may exit on SIGTERM before its node child has closed the database: wait for the whole group.
    if (!(await signalGroupAndWait(child.pid!, 'SIGTERM', 15_000))) await signalGroupAndWait(child.pid!, 'SIGKILL', 5_000);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(baseUrl, child, () => output, startTimeoutMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, admin, child, exited, stdout: () => stdout, stderr: () => stderr, kill, stop };
}

// src/cli/run.ts: the admin commands on a temporary database file, checked through their output and
// through the API they set up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTokenService } from '../../src/auth/api-tokens.js';
import { runCli } from '../../src/cli/run.js';
import { closeDatabase, openDatabase } from '../../src/db/client.js';
import { createRepositories } from '../../src/repositories/index.js';

let dir: string;
let env: Record<string, string>;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ticaga-cli-'));
  env = { DATABASE_URL: `file:${join(dir, 'db', 'ticaga.sqlite')}`, BCRYPT_ROUNDS: '4' };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function cli(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, env, (line) => out.push(line), (line) => err.push(line));
  return { code, out, err };
}

/** Reads the database the CLI wrote, outside the CLI. */
function inspect<T>(read: (repos: ReturnType<typeof createRepositories>) => T): T {
  const db = openDatabase(join(dir, 'db', 'ticaga.sqlite'));
  try {
    return read(createRepositories(db));
  } finally {
    closeDatabase(db);
  }
}

describe('runCli', () => {
  it('help and no command print usage with code 0; an unknown command prints it to stderr with code 2', async () => {
    const help = await cli('help');
    expect([help.code, help.err]).toEqual([0, []]);
    expect(help.out.join('\n')).toContain('Usage: npm run ticaga -- <command> [options]');
    expect((await cli()).code).toBe(0);
    const unknown = await cli('frobnicate');
    expect([unknown.code, unknown.out]).toEqual([2, []]);
    expect(unknown.err.join('\n')).toContain('staff:create');
  });

  it('staff:create and staff:list (creating the database folder)', async () => {
    expect(await cli('staff:create', '--email', 'boss@example.com', '--name', 'The Boss')).toEqual({ code: 0, out: ['created admin #1 boss@example.com'], err: [] });
    expect(await cli('staff:create', '--email', 'agent@example.com', '--name', 'Agent', '--role', 'employee')).toEqual({
      code: 0,
      out: ['created employee #2 agent@example.com'],
      err: [],
    });
    expect((await cli('staff:list')).out).toEqual(['#1\tadmin\tboss@example.com\tThe Boss', '#2\temployee\tagent@example.com\tAgent']);
  });

  it('staff:create refuses a bad role, a missing option and a taken email', async () => {
    expect(await cli('staff:create', '--email', 'x@example.com', '--name', 'X', '--role', 'customer')).toEqual({ code: 1, out: [], err: ['error: --role must be admin or employee'] });
    expect(await cli('staff:create', '--email', 'x@example.com')).toEqual({ code: 1, out: [], err: ['error: --name is required'] });
    await cli('staff:create', '--email', 'x@example.com', '--name', 'X');
    expect(await cli('staff:create', '--email', 'X@example.com', '--name', 'Y')).toEqual({ code: 1, out: [], err: ['error: that email or slug is already taken'] });
    expect((await cli('staff:create', '--bogus', 'x')).code).toBe(1);
  });

  it('token:create prints a token once, and it verifies as that staff member', async () => {
    await cli('staff:create', '--email', 'boss@example.com', '--name', 'The Boss');
    const created = await cli('token:create', '--email', 'boss@example.com', '--name', 'whmcs');
    expect(created.code).toBe(0);
    expect(created.out[0]).toBe('token #1 for boss@example.com (read,write). It is shown only this once:');
    const token = created.out[1];
    expect(token).toMatch(/^1\|[A-Za-z0-9]{40}$/);
    const identity = inspect((repos) => createTokenService(repos.apiTokens).verify(token));
    expect(identity).toEqual({ userId: 1, email: 'boss@example.com', tokenId: 1, abilities: ['read', 'write'] });
  });

  it('token:create with read-only abilities and an expiry; refuses customers and bad options', async () => {
    await cli('staff:create', '--email', 'boss@example.com', '--name', 'The Boss');
    await cli('customer:create', '--email', 'joe@example.com', '--name', 'Joe');
    const readOnly = await cli('token:create', '--email', 'boss@example.com', '--abilities', 'read', '--expires', '2999-01-01');
    expect(readOnly.out[0]).toBe('token #1 for boss@example.com (read). It is shown only this once:');
    expect(await cli('token:create', '--email', 'joe@example.com')).toEqual({ code: 1, out: [], err: ['error: no staff account with email joe@example.com'] });
    expect(await cli('token:create', '--email', 'boss@example.com', '--abilities', 'admin')).toEqual({ code: 1, out: [], err: ['error: --abilities must be "read" or "read,write"'] });
    expect(await cli('token:create', '--email', 'boss@example.com', '--expires', 'tomorrow')).toEqual({ code: 1, out: [], err: ['error: --expires must be a date, YYYY-MM-DD'] });
    const expired = await cli('token:create', '--email', 'boss@example.com', '--expires', '2001-01-01');
    expect(inspect((repos) => createTokenService(repos.apiTokens).verify(expired.out[1]))).toBeNull();
  });

  it('token:list shows every token but never a token or its hash', async () => {
    await cli('staff:create', '--email', 'boss@example.com', '--name', 'The Boss');
    const first = (await cli('token:create', '--email', 'boss@example.com', '--name', 'blesta')).out[1];
    const second = (await cli('token:create', '--email', 'boss@example.com', '--abilities', 'read', '--expires', '2999-01-01')).out[1];
    await cli('token:revoke', '--id', '1');
    const listed = await cli('token:list');
    expect(listed.code).toBe(0);
    expect(listed.out).toHaveLength(3);
    expect(listed.out[0]).toBe('id\temail\tname\tabilities\texpires\tlast used\trevoked');
    expect(listed.out[1]).toMatch(/^#1\tboss@example\.com\tblesta\tread,write\t-\tnever\t\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(listed.out[2]).toBe('#2\tboss@example.com\tcli\tread\t2999-01-01 00:00:00\tnever\t-');
    const db = openDatabase(join(dir, 'db', 'ticaga.sqlite'));
    const hashes = (db.$client.prepare('select token_hash from api_tokens').all() as { token_hash: string }[]).map((row) => row.token_hash);
    closeDatabase(db);
    expect(hashes).toHaveLength(2);
    const text = listed.out.join('\n');
    for (const hash of hashes) expect(text).not.toContain(hash.slice(0, 16));
    for (const token of [first, second]) {
      expect(text).not.toContain(token.split('|')[1]);
      expect(text).not.toContain(token.split('|')[1].slice(0, 12));
    }
    expect(text).not.toMatch(/[0-9a-f]{64}/);
  });

  it('token:revoke revokes once; the token stops verifying', async () => {
    await cli('staff:create', '--email', 'boss@example.com', '--name', 'The Boss');
    const token = (await cli('token:create', '--email', 'boss@example.com')).out[1];
    const revoked = await cli('token:revoke', '--id', '1');
    expect(revoked.code).toBe(0);
    expect(revoked.out[0]).toMatch(/^revoked token #1 at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(inspect((repos) => createTokenService(repos.apiTokens).verify(token))).toBeNull();
    expect(await cli('token:revoke', '--id', '1')).toEqual({ code: 1, out: [], err: ['error: no active token #1'] });
    expect(await cli('token:revoke', '--id', '42')).toEqual({ code: 1, out: [], err: ['error: no active token #42'] });
    expect(await cli('token:revoke', '--id', 'abc')).toEqual({ code: 1, out: [], err: ['error: no active token #abc'] });
    expect(await cli('token:revoke')).toEqual({ code: 1, out: [], err: ['error: --id is required'] });
  });

  it('department:create and department:list', async () => {
    expect(await cli('department:create', '--name', 'Sales', '--slug', 'sales')).toEqual({ code: 0, out: ['created department #1 sales'], err: [] });
    await cli('department:create', '--name', 'Internal', '--slug', 'internal', '--public', '0', '--priority', '3', '--email', 'int@example.com', '--description', 'Staff only');
    expect((await cli('department:list')).out).toEqual(['#1\tsales\tpublic=1\tpriority=1\tenabled\tSales', '#2\tinternal\tpublic=0\tpriority=3\tenabled\tInternal']);
    const stored = inspect((repos) => repos.departments.findBySlug('internal'));
    expect(stored).toMatchObject({ departmentName: 'Internal', departmentEmail: 'int@example.com', departmentDescription: 'Staff only', isPublic: 0, allowsHighPriority: 3 });
  });

  it('department:create refuses bad levels and taken slugs', async () => {
    expect(await cli('department:create', '--name', 'X', '--slug', 'x', '--public', '3')).toEqual({ code: 1, out: [], err: ['error: --public must be one of 0, 1, 2'] });
    expect(await cli('department:create', '--name', 'X', '--slug', 'x', '--priority', '2')).toEqual({ code: 1, out: [], err: ['error: --priority must be one of 0, 1, 3'] });
    await cli('department:create', '--name', 'X', '--slug', 'x');
    expect(await cli('department:create', '--name', 'Y', '--slug', 'x')).toEqual({ code: 1, out: [], err: ['error: that email or slug is already taken'] });
  });

  it('customer:create with and without a password (bcrypt at the configured cost)', async () => {
    expect(await cli('customer:create', '--email', 'joe@example.com', '--name', 'Joe Doe', '--password', 'secret123', '--company', 'Demo Ltd')).toEqual({
      code: 0,
      out: ['created customer #1 joe@example.com'],
      err: [],
    });
    await cli('customer:create', '--email', 'nopass@example.com', '--name', 'No Pass');
    const [joe, nopass] = inspect((repos) => [repos.users.findByEmail('joe@example.com')!, repos.users.findByEmail('nopass@example.com')!]);
    expect(joe).toMatchObject({ role: 'customer', name: 'Joe Doe', company: 'Demo Ltd' });
    expect(joe.password).toMatch(/^\$2[aby]\$04\$/);
    expect(nopass.password).toBeNull();
  });
});

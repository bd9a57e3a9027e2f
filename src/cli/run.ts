// The admin commands behind `npm run ticaga -- <command> [options]`, on the database in DATABASE_URL.
import { parseArgs } from 'node:util';
import { createTokenService } from '../auth/api-tokens.js';
import { createPasswordHasher } from '../auth/passwords.js';
import { loadConfig } from '../config.js';
import { closeDatabase, openDatabase } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import type { TokenAbility } from '../repositories/api-tokens.js';
import { createRepositories, type Repositories } from '../repositories/index.js';
import { STAFF_ROLES, type Role } from '../repositories/users.js';
import { nowStamp } from '../serializers/dates.js';

const USAGE = `Usage: npm run ticaga -- <command> [options]

  staff:create      --email E --name N [--role admin|employee]
  staff:list
  token:create      --email E [--name N] [--abilities read|read,write] [--expires YYYY-MM-DD]
  token:list
  token:revoke      --id N
  department:create --name N --slug S [--public 0|1|2] [--priority 0|1|3] [--email E] [--description D]
  department:list
  customer:create   --email E --name N [--password P] [--company C]
  audit             [--limit N]   the newest audit trail entries (default 50), newest first
`;

export class CliError extends Error {}

type Output = (line: string) => void;
type Values = Record<string, string | undefined>;

function need(values: Values, key: string): string {
  const value = values[key];
  if (!value) throw new CliError(`--${key} is required`);
  return value;
}

function levelOption(values: Values, key: string, allowed: number[], fallback: number): number {
  const raw = values[key];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!allowed.includes(value)) throw new CliError(`--${key} must be one of ${allowed.join(', ')}`);
  return value;
}

function parseAbilities(raw: string | undefined): TokenAbility[] {
  if (raw === undefined || raw === 'read,write') return ['read', 'write'];
  if (raw === 'read') return ['read'];
  throw new CliError('--abilities must be "read" or "read,write"');
}

function parseExpiry(raw: string | undefined): string | null {
  if (raw === undefined) return null;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(Date.parse(raw))) throw new CliError('--expires must be a date, YYYY-MM-DD');
  return `${raw} 00:00:00`;
}

const commands: Record<string, (repos: Repositories, values: Values, out: Output, rounds: number) => Promise<void> | void> = {
  'staff:create'(repos, values, out) {
    const role = (values.role ?? 'admin') as Role;
    if (!STAFF_ROLES.includes(role)) throw new CliError('--role must be admin or employee');
    const user = repos.users.create({ name: need(values, 'name'), email: need(values, 'email'), passwordHash: null, role });
    out(`created ${role} #${user.id} ${user.email}`);
  },
  'staff:list'(repos, _values, out) {
    for (const user of repos.users.listStaff()) out(`#${user.id}\t${user.role}\t${user.email}\t${user.name}`);
  },
  'token:create'(repos, values, out) {
    const user = repos.users.findByEmail(need(values, 'email'));
    if (!user || !STAFF_ROLES.includes(user.role)) throw new CliError(`no staff account with email ${values.email}`);
    const abilities = parseAbilities(values.abilities);
    const issued = createTokenService(repos.apiTokens).issue(user.id, values.name ?? 'cli', abilities, parseExpiry(values.expires));
    out(`token #${issued.id} for ${user.email} (${abilities.join(',')}). It is shown only this once:`);
    out(issued.plainText);
  },
  'token:list'(repos, _values, out) {
    out('id\temail\tname\tabilities\texpires\tlast used\trevoked');
    for (const t of repos.apiTokens.list()) {
      out([`#${t.id}`, t.email, t.name, t.abilities, t.expiresAt ?? '-', t.lastUsedAt ?? 'never', t.revokedAt ?? '-'].join('\t'));
    }
  },
  'token:revoke'(repos, values, out) {
    const id = Number(need(values, 'id'));
    if (!Number.isInteger(id) || !repos.apiTokens.revoke(id)) throw new CliError(`no active token #${values.id}`);
    out(`revoked token #${id} at ${nowStamp()}`);
  },
  'department:create'(repos, values, out) {
    const department = repos.departments.create({
      departmentName: need(values, 'name'),
      slug: need(values, 'slug'),
      isPublic: levelOption(values, 'public', [0, 1, 2], 1),
      allowsHighPriority: levelOption(values, 'priority', [0, 1, 3], 1),
      departmentEmail: values.email,
      departmentDescription: values.description,
    });
    out(`created department #${department.id} ${department.slug}`);
  },
  'department:list'(repos, _values, out) {
    for (const d of repos.departments.listAll()) {
      out(`#${d.id}\t${d.slug}\tpublic=${d.isPublic}\tpriority=${d.allowsHighPriority}\t${d.isDisabled ? 'disabled' : 'enabled'}\t${d.departmentName}`);
    }
  },
  audit(repos, values, out) {
    const limit = values.limit === undefined ? 50 : Number(values.limit);
    if (!Number.isInteger(limit) || limit < 1) throw new CliError('--limit must be a positive whole number');
    out('id\twhen (UTC)\tactor\taction\tticket\tcustomer\tip');
    for (const e of repos.auditLog.recent(limit)) {
      const actor = e.actorType === 'staff' ? `token #${e.actorId}` : e.actorType === 'customer' ? `customer #${e.actorId}` : 'anonymous';
      out([`#${e.id}`, e.createdAt, actor, e.action, e.ticketId ?? '-', e.customerId ?? '-', e.ip || '-'].join('\t'));
    }
  },
  async 'customer:create'(repos, values, out, rounds) {
    const passwordHash = values.password ? await createPasswordHasher(rounds).hash(values.password) : null;
    const user = repos.users.create({ name: need(values, 'name'), email: need(values, 'email'), passwordHash, company: values.company });
    out(`created customer #${user.id} ${user.email}`);
  },
};

/** Runs one command; returns the process exit code. */
export async function runCli(argv: string[], env: Record<string, string | undefined>, out: Output, err: Output): Promise<number> {
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    (name && name !== 'help' ? err : out)(USAGE);
    return name && name !== 'help' ? 2 : 0;
  }
  const config = loadConfig(env);
  const db = openDatabase(config.databasePath);
  try {
    const options = Object.fromEntries(
      ['email', 'name', 'role', 'abilities', 'expires', 'id', 'slug', 'public', 'priority', 'description', 'password', 'company', 'limit'].map((key) => [key, { type: 'string' as const }]),
    );
    const { values } = parseArgs({ args: rest, options, strict: true });
    await command(createRepositories(db), values as Values, out, config.bcryptRounds);
    return 0;
  } catch (error) {
    if (isUniqueViolation(error)) err('error: that email or slug is already taken');
    else if (error instanceof CliError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) err(`error: ${(error as Error).message}`);
    else throw error;
    return 1;
  } finally {
    closeDatabase(db);
  }
}

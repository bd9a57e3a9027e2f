// `tsx scripts/bench/generate.ts --tickets 1000000`: builds a benchmark database of the chosen size
// (customers with twenty tickets each, about five responses per ticket, staff and departments) and a
// manifest beside it naming the bench credentials and sample ids. Rows go in with prepared statements in
// large transactions, secondary indexes are dropped first and rebuilt at the end (a sort, not millions of
// random B-tree inserts), so a million tickets take minutes.
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import bcrypt from 'bcrypt';
import Database from 'better-sqlite3';
import { sha256 } from '../../src/auth/api-tokens.js';
import { closeDatabase, openDatabase } from '../../src/db/client.js';
import { DEFAULT_DEPARTMENTS } from '../../src/services/bootstrap.js';
import { createRandom, makeTextPools, ownerOf, publicHash, responseCountOf, stampAt, TICKETS_PER_CUSTOMER } from './dataset.js';
import { chooseSamples, GENERATOR_VERSION, manifestPathFor, type Manifest } from './manifest.js';

const STAFF = 10;
const BATCH = 50_000;
const BENCH_PASSWORD = 'bench-password';

export type GenerateOptions = { tickets: number; customers?: number; path: string; bcryptRounds?: number; force?: boolean; log?: (line: string) => void };

export function readManifest(path: string): Manifest | null {
  const file = manifestPathFor(path);
  if (!existsSync(file) || !existsSync(path)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as Manifest;
}

/**
 * Write benchmarks add tickets, and add them to the very customers and tickets the read benchmarks sample
 * (a "customer with 20 tickets" then has more), so a database they touched at all is rebuilt.
 */
function grownBy(path: string, tickets: number): number {
  const db = new Database(path, { readonly: true });
  try {
    const { last } = db.prepare('select coalesce(max(id), 0) as last from tickets').get() as { last: number };
    return last / tickets - 1;
  } finally {
    db.close();
  }
}

export function generate(options: GenerateOptions): Manifest {
  const { tickets, path, log = () => {} } = options;
  const customers = options.customers ?? Math.max(1, Math.ceil(tickets / TICKETS_PER_CUSTOMER));
  const existing = readManifest(path);
  const same = existing && existing.version === GENERATOR_VERSION && existing.tickets === tickets && existing.customers === customers;
  if (!options.force && same) {
    const growth = grownBy(path, tickets);
    if (growth <= 0) {
      log(`reusing ${path} (${tickets} tickets, untouched)`);
      return existing;
    }
    log(`rebuilding ${path}: earlier write benchmarks grew it by ${(growth * 100).toFixed(1)}%`);
  }
  const started = Date.now();
  for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
  rmSync(manifestPathFor(path), { force: true });

  const db = openDatabase(path);
  const sqlite = db.$client;
  sqlite.pragma('journal_mode = OFF');
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF');
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('temp_store = MEMORY');

  // Secondary indexes (not the automatic ones) are rebuilt from their own definitions at the end.
  const indexes = sqlite.prepare("select name, sql from sqlite_master where type = 'index' and sql is not null").all() as { name: string; sql: string }[];
  for (const { name } of indexes) sqlite.exec(`drop index "${name}"`);

  const random = createRandom(4242);
  const text = makeTextPools();
  const firstCustomerId = STAFF + 1;
  const passwordHash = bcrypt.hashSync(BENCH_PASSWORD, options.bcryptRounds ?? 12);
  const createdAt = stampAt(0);

  const insertDepartment = sqlite.prepare(
    `insert into departments (department_name, department_description, slug, allows_high_priority, is_public, department_email, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertUser = sqlite.prepare(
    `insert into users (id, name, email, password, role, company, billing_id, billing_system, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertTicket = sqlite.prepare(
    `insert into tickets (id, user_id, subject, message, status, priority, cc, assigned, department_id, rating, ip_address, public_hash,
       organize, date_closed, updated_by_client_at, first_employee_reply, created_at, updated_at)
     values (?, ?, ?, ?, ?, ?, '', ?, ?, ?, ?, ?, 'ticket', ?, ?, ?, ?, ?)`,
  );
  const insertResponse = sqlite.prepare(
    `insert into responses (user_id, ticket_number, content, is_note, employee_response, ip_address, created_at) values (?, ?, ?, ?, ?, ?, ?)`,
  );

  const departmentIds: number[] = [];
  sqlite.transaction(() => {
    for (const d of DEFAULT_DEPARTMENTS) {
      departmentIds.push(Number(insertDepartment.run(d.departmentName, d.departmentDescription, d.slug, d.allowsHighPriority, d.isPublic, d.departmentEmail, createdAt, createdAt).lastInsertRowid));
    }
    for (let s = 1; s <= STAFF; s++) {
      insertUser.run(s, s === 1 ? 'Bench Admin' : text.names[s], s === 1 ? 'admin@bench.example' : `agent${s}@bench.example`, null, s === 1 ? 'admin' : 'employee', '', '0', '', createdAt, createdAt);
    }
  })();

  const secret = 'benchTokenSecret0123456789abcdefghijklmn';
  sqlite.prepare(`insert into api_tokens (id, user_id, name, token_hash, abilities, created_at) values (1, 1, 'bench', ?, 'read,write', ?)`).run(sha256(secret), createdAt);

  const inBatches = (total: number, write: (from: number, to: number) => void, label: string) => {
    for (let from = 1; from <= total; from += BATCH) {
      const to = Math.min(total, from + BATCH - 1);
      sqlite.transaction(() => write(from, to))();
      log(`${label}: ${to}/${total}`);
    }
  };

  inBatches(customers, (from, to) => {
    for (let c = from; c <= to; c++) {
      const stamp = stampAt((c - 1) / customers);
      insertUser.run(firstCustomerId + c - 1, text.names[c % text.names.length], `customer${c}@bench.example`, passwordHash, 'customer', random.pick(text.companies), String(c), 'whmcs', stamp, stamp);
    }
  }, 'customers');

  const closedBefore = Math.floor(tickets * 0.95);
  const ticketStamp = (t: number) => stampAt((t - 1) / tickets);
  inBatches(tickets, (from, to) => {
    for (let t = from; t <= to; t++) {
      const created = ticketStamp(t);
      const replies = responseCountOf(t);
      const closed = t <= closedBefore;
      const status = closed ? 'closed' : random.pick(['open', 'awaiting_reply', 'in_progress', 'on_hold'] as const);
      const firstStaffReply = replies >= 2 ? stampAt((t - 1) / tickets, 2 * 90) : null;
      insertTicket.run(
        t, ownerOf(t, customers, firstCustomerId), random.pick(text.subjects), random.pick(text.messages), status,
        random.pick(['low', 'medium', 'medium', 'high', 'emergency'] as const), random.int(3) === 0 ? 2 + random.int(STAFF - 1) : 0,
        random.pick(departmentIds), closed ? random.int(6) : 0, `10.${random.int(256)}.${random.int(256)}.${random.int(256)}`, publicHash(random),
        closed ? stampAt((t - 1) / tickets, 20 * 90) : null, replies > 0 ? stampAt((t - 1) / tickets, 90) : created, firstStaffReply, created,
        replies > 0 ? stampAt((t - 1) / tickets, replies * 90) : null,
      );
    }
  }, 'tickets');

  // A ticket's responses are interleaved with those of the tickets opened around it, as in a real helpdesk,
  // so reading one conversation touches several pages rather than one contiguous run.
  let responses = 0;
  inBatches(tickets, (from, to) => {
    for (let round = 0; round < 10; round++) {
      for (let t = from; t <= to; t++) {
        if (responseCountOf(t) <= round) continue;
        const byStaff = round % 2 === 1;
        const isNote = byStaff && (t + round) % 20 === 1 ? 1 : 0;
        insertResponse.run(
          byStaff ? 2 + ((t + round) % (STAFF - 1)) : ownerOf(t, customers, firstCustomerId), t, random.pick(text.replies), isNote,
          byStaff && !isNote ? 1 : 0, '10.0.0.1', stampAt((t - 1) / tickets, (round + 1) * 90),
        );
        responses++;
      }
    }
  }, 'responses');

  log('rebuilding indexes');
  for (const { sql } of indexes) sqlite.exec(sql);
  sqlite.pragma('journal_mode = WAL');
  closeDatabase(db);

  const manifest: Manifest = {
    version: GENERATOR_VERSION,
    tickets,
    customers,
    responses,
    builtInSeconds: Math.round((Date.now() - started) / 100) / 10,
    staff: { email: 'admin@bench.example', token: `1|${secret}` },
    password: BENCH_PASSWORD,
    samples: chooseSamples({ tickets, customers, firstCustomerId }),
  };
  writeFileSync(manifestPathFor(path), `${JSON.stringify(manifest, null, 2)}\n`);
  log(`built ${path}: ${tickets} tickets, ${customers} customers, ${responses} responses in ${manifest.builtInSeconds} s`);
  return manifest;
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) {
  const { values } = parseArgs({
    options: { tickets: { type: 'string', default: '10000' }, customers: { type: 'string' }, out: { type: 'string' }, force: { type: 'boolean', default: false } },
  });
  const tickets = Number(values.tickets);
  if (!Number.isInteger(tickets) || tickets < TICKETS_PER_CUSTOMER) throw new Error(`--tickets must be an integer >= ${TICKETS_PER_CUSTOMER}`);
  generate({
    tickets,
    customers: values.customers === undefined ? undefined : Number(values.customers),
    path: values.out ?? `bench-data/tickets-${tickets}.sqlite`,
    force: values.force,
    log: (line) => console.log(line),
  });
}

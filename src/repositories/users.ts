// Every query on users (customers and staff share the table, told apart by role).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { nowStamp } from '../serializers/dates.js';
import { createAuditLogRepository, type AuditEntry } from './audit-log.js';

export type Role = 'customer' | 'employee' | 'admin';
export const STAFF_ROLES: Role[] = ['admin', 'employee'];

export type BillingLink = { email: string; name: string; company?: string; billingId: string; billingSystem: string };

export type NewUser = {
  name: string;
  email: string;
  passwordHash: string | null;
  role?: Role;
  company?: string;
  phoneNumber?: string;
  billingId?: string;
  billingSystem?: string;
  accountManager?: string;
  biography?: string;
};

/** The row for a new account, with the contract's defaults for what the caller left out. */
function newUserValues(input: NewUser, stamp: string): typeof users.$inferInsert {
  return {
    name: input.name,
    email: input.email,
    password: input.passwordHash,
    role: input.role ?? 'customer',
    company: input.company ?? '',
    phoneNumber: input.phoneNumber ?? '',
    billingId: input.billingId ?? '0',
    billingSystem: input.billingSystem ?? '',
    accountManager: input.accountManager ?? '0',
    biography: input.biography ?? '',
    createdAt: stamp,
    updatedAt: stamp,
  };
}

export function createUsersRepository(db: Db) {
  const audit = createAuditLogRepository(db);
  const byId = db.select().from(users).where(eq(users.id, sql.placeholder('id'))).prepare();
  const byEmail = db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = lower(${sql.placeholder('email')})`)
    .prepare();

  return {
    findById(id: number) {
      return byId.get({ id });
    },

    findCustomerById(id: number) {
      const user = byId.get({ id });
      return user?.role === 'customer' ? user : undefined;
    },

    /** Emails are unique without regard to case. */
    findByEmail(email: string) {
      return byEmail.get({ email });
    },

    /** Inserts the user and, when given, its audit entry in the same transaction. */
    create(input: NewUser, auditEntry?: AuditEntry) {
      const stamp = nowStamp();
      return db.transaction(() => {
        const user = db.insert(users).values(newUserValues(input, stamp)).returning().get();
        if (auditEntry) audit.record({ ...auditEntry, customerId: user.id });
        return user;
      });
    },

    /** Sets a customer's billing link; answers false when there is no such customer. */
    setBillingLink(id: number, billingId: string, billingSystem?: string, auditEntry?: AuditEntry) {
      const changes: Partial<typeof users.$inferInsert> = { billingId, updatedAt: nowStamp() };
      if (billingSystem !== undefined) changes.billingSystem = billingSystem;
      return db.transaction(() => {
        const result = db
          .update(users)
          .set(changes)
          .where(and(eq(users.id, id), eq(users.role, 'customer')))
          .run();
        if (result.changes > 0 && auditEntry) audit.record({ ...auditEntry, customerId: id });
        return result.changes > 0;
      });
    },

    /**
     * Finds the customer with this email (any case) or creates one without a password, then sets its
     * billing link, in one transaction. Writes nothing when the link is already set, so a repeated call
     * changes nothing. Answers undefined when the email belongs to a staff account.
     */
    linkByEmail(input: BillingLink, auditEntry?: AuditEntry) {
      return db.transaction((tx) => {
        const existing = tx.select().from(users).where(sql`lower(${users.email}) = lower(${input.email})`).get();
        if (existing && existing.role !== 'customer') return undefined;
        // Already linked this way: nothing is written, so nothing is audited.
        if (existing && existing.billingId === input.billingId && existing.billingSystem === input.billingSystem) return existing;
        const stamp = nowStamp();
        const user = existing
          ? tx
              .update(users)
              .set({ billingId: input.billingId, billingSystem: input.billingSystem, updatedAt: stamp })
              .where(eq(users.id, existing.id))
              .returning()
              .get()
          : tx
              .insert(users)
              .values(newUserValues({ ...input, passwordHash: null }, stamp))
              .returning()
              .get();
        if (auditEntry) audit.record({ ...auditEntry, customerId: user.id });
        return user;
      });
    },

    /** Stops at the first staff row, so it stays instant however many customers there are. */
    hasStaff() {
      return db.get<{ found: number }>(sql`select exists(select 1 from ${users} where ${inArray(users.role, STAFF_ROLES)}) as found`).found === 1;
    },

    countStaff() {
      return db.select({ n: sql<number>`count(*)` }).from(users).where(inArray(users.role, STAFF_ROLES)).get()?.n ?? 0;
    },

    listStaff() {
      return db.select().from(users).where(inArray(users.role, STAFF_ROLES)).orderBy(users.id).all();
    },
  };
}

export type UsersRepository = ReturnType<typeof createUsersRepository>;

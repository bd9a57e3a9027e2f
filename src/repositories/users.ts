// Every query on users (customers and staff share the table, told apart by role).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { users } from '../db/schema.js';
import { nowStamp } from '../serializers/dates.js';

export type Role = 'customer' | 'employee' | 'admin';
export const STAFF_ROLES: Role[] = ['admin', 'employee'];

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

export function createUsersRepository(db: Db) {
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

    create(input: NewUser) {
      const stamp = nowStamp();
      return db
        .insert(users)
        .values({
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
        })
        .returning()
        .get();
    },

    /** Sets a customer's billing link; answers false when there is no such customer. */
    setBillingLink(id: number, billingId: string, billingSystem?: string) {
      const changes: Partial<typeof users.$inferInsert> = { billingId, updatedAt: nowStamp() };
      if (billingSystem !== undefined) changes.billingSystem = billingSystem;
      const result = db
        .update(users)
        .set(changes)
        .where(and(eq(users.id, id), eq(users.role, 'customer')))
        .run();
      return result.changes > 0;
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

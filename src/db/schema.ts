// Drizzle tables: the only file that imports the SQLite dialect's core module.
// Timestamps are stored as UTC text "YYYY-MM-DD HH:MM:SS" (Laravel's storage format);
// serializers turn them into the contract's two wire formats.
import { sql } from 'drizzle-orm';
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

export const users = sqliteTable(
  'users',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    name: text('name').notNull(),
    email: text('email').notNull(),
    emailVerifiedAt: text('email_verified_at'),
    password: text('password'),
    role: text('role', { enum: ['customer', 'employee', 'admin'] }).notNull().default('customer'),
    company: text('company').notNull().default(''),
    phoneNumber: text('phone_number').notNull().default(''),
    billingId: text('billing_id').notNull().default('0'),
    billingSystem: text('billing_system').notNull().default(''),
    accountManager: text('account_manager').notNull().default('0'),
    biography: text('biography').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_email_lower_unique').on(sql`lower(${t.email})`),
    index('users_billing_idx').on(t.billingSystem, t.billingId),
  ],
);

export const departments = sqliteTable(
  'departments',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    departmentName: text('department_name').notNull(),
    departmentDescription: text('department_description').notNull().default(''),
    slug: text('slug').notNull(),
    allowsHighPriority: integer('allows_high_priority').notNull().default(1),
    isPublic: integer('is_public').notNull().default(1),
    isDisabled: integer('is_disabled').notNull().default(0),
    departmentEmail: text('department_email').notNull().default(''),
    softDeleted: integer('soft_deleted').notNull().default(0),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('departments_slug_unique').on(t.slug)],
);

export const tickets = sqliteTable(
  'tickets',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // NULL for a guest ticket (the wire shows 0), so the foreign key can hold for every other one.
    userId: integer('user_id').references(() => users.id),
    subject: text('subject').notNull(),
    message: text('message').notNull(),
    status: text('status', { enum: ['open', 'awaiting_reply', 'in_progress', 'on_hold', 'closed'] })
      .notNull()
      .default('open'),
    priority: text('priority', { enum: ['none', 'low', 'medium', 'high', 'emergency'] })
      .notNull()
      .default('medium'),
    cc: text('cc').notNull().default(''),
    assigned: integer('assigned').notNull().default(0),
    departmentId: integer('department_id')
      .notNull()
      .references(() => departments.id),
    rating: integer('rating').notNull().default(0),
    ipAddress: text('ip_address').notNull().default(''),
    publicHash: text('public_hash').notNull(),
    publicName: text('public_name'),
    publicEmail: text('public_email'),
    organize: text('organize').notNull().default('ticket'),
    customFields: text('custom_fields'),
    dateClosed: text('date_closed'),
    updatedByClientAt: text('updated_by_client_at'),
    firstEmployeeReply: text('first_employee_reply'),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at'),
  },
  (t) => [
    index('tickets_user_id_idx').on(t.userId, t.id),
    index('tickets_status_idx').on(t.status),
    index('tickets_department_idx').on(t.departmentId),
    uniqueIndex('tickets_public_hash_unique').on(t.publicHash),
  ],
);

export const responses = sqliteTable(
  'responses',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // NULL when a guest answers their own ticket (the wire shows 0).
    userId: integer('user_id').references(() => users.id),
    ticketNumber: integer('ticket_number')
      .notNull()
      .references(() => tickets.id),
    content: text('content').notNull(),
    organize: text('organize').notNull().default('ticket'),
    isNote: integer('is_note').notNull().default(0),
    employeeResponse: integer('employee_response').notNull().default(0),
    ipAddress: text('ip_address').notNull().default(''),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at'),
  },
  (t) => [index('responses_ticket_idx').on(t.ticketNumber, t.id), index('responses_user_idx').on(t.userId)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    // SHA-256 (hex) of the secret part; the plain token is shown once and never stored.
    tokenHash: text('token_hash').notNull(),
    abilities: text('abilities').notNull().default('read,write'),
    expiresAt: text('expires_at'),
    lastUsedAt: text('last_used_at'),
    revokedAt: text('revoked_at'),
    createdAt: text('created_at').notNull(),
  },
  (t) => [uniqueIndex('api_tokens_hash_unique').on(t.tokenHash), index('api_tokens_user_idx').on(t.userId)],
);

// Append-only: no code path updates or deletes it, and triggers in the migration refuse both.
export const auditLog = sqliteTable('audit_log', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  actorType: text('actor_type', { enum: ['staff', 'customer', 'anonymous'] }).notNull(),
  // The API token id for staff, the customer id for customers, NULL for anonymous callers.
  actorId: integer('actor_id'),
  action: text('action').notNull(),
  ticketId: integer('ticket_id'),
  customerId: integer('customer_id'),
  ip: text('ip').notNull().default(''),
  createdAt: text('created_at').notNull(),
});

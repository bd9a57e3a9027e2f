// users rows -> the contract's user object (key order as in the docs' login example). Never a password.
import { z } from 'zod';
import type { users } from '../db/schema.js';
import { modelDate } from './dates.js';

export type UserRow = typeof users.$inferSelect;

export const userSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  email_verified_at: z.string().nullable(),
  company: z.string(),
  phone_number: z.string(),
  billing_id: z.string(),
  billing_system: z.string(),
  account_manager: z.string(),
  biography: z.string(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type UserJson = z.infer<typeof userSchema>;

export function serializeUser(row: UserRow): UserJson {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    email_verified_at: modelDate(row.emailVerifiedAt),
    company: row.company,
    phone_number: row.phoneNumber,
    billing_id: row.billingId,
    billing_system: row.billingSystem,
    account_manager: row.accountManager,
    biography: row.biography,
    created_at: modelDate(row.createdAt),
    updated_at: modelDate(row.updatedAt),
  };
}

/** POST register answers with the attributes in the order Laravel sets them on create. */
export const registeredUserSchema = z.object({
  name: z.string(),
  email: z.string(),
  company: z.string(),
  billing_id: z.string(),
  billing_system: z.string(),
  account_manager: z.string(),
  biography: z.string(),
  updated_at: z.string(),
  created_at: z.string(),
  id: z.number().int(),
});

export function serializeRegisteredUser(row: UserRow): z.infer<typeof registeredUserSchema> {
  return {
    name: row.name,
    email: row.email,
    company: row.company,
    billing_id: row.billingId,
    billing_system: row.billingSystem,
    account_manager: row.accountManager,
    biography: row.biography,
    updated_at: modelDate(row.updatedAt),
    created_at: modelDate(row.createdAt),
    id: row.id,
  };
}

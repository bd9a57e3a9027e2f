// departments rows -> the contract's department object.
import { z } from 'zod';
import type { departments } from '../db/schema.js';
import { modelDate } from './dates.js';

export type DepartmentRow = typeof departments.$inferSelect;

export const departmentSchema = z.object({
  id: z.number().int(),
  department_name: z.string(),
  department_description: z.string(),
  slug: z.string(),
  allows_high_priority: z.number().int(),
  is_public: z.number().int(),
  is_disabled: z.number().int(),
  department_email: z.string(),
  soft_deleted: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});

export function serializeDepartment(row: DepartmentRow): z.infer<typeof departmentSchema> {
  return {
    id: row.id,
    department_name: row.departmentName,
    department_description: row.departmentDescription,
    slug: row.slug,
    allows_high_priority: row.allowsHighPriority,
    is_public: row.isPublic,
    is_disabled: row.isDisabled,
    department_email: row.departmentEmail,
    soft_deleted: row.softDeleted,
    created_at: modelDate(row.createdAt),
    updated_at: modelDate(row.updatedAt),
  };
}

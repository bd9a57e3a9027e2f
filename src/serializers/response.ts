// responses rows (with their author) -> the contract's response object.
import { z } from 'zod';
import type { responses } from '../db/schema.js';
import { modelDate } from './dates.js';

export type ResponseRow = typeof responses.$inferSelect;
export type Author = { name: string | null; email: string | null };

export const responseSchema = z.object({
  id: z.number().int(),
  user_id: z.number().int(),
  ticket_number: z.number().int(),
  content: z.string(),
  organize: z.string(),
  is_note: z.number().int(),
  employee_response: z.number().int(),
  ip_address: z.string(),
  created_at: z.string(),
  updated_at: z.string().nullable(),
  user_name: z.string().nullable(),
  user_email: z.string().nullable(),
});
export type ResponseJson = z.infer<typeof responseSchema>;

export function serializeResponse(row: ResponseRow, author: Author): ResponseJson {
  return {
    id: row.id,
    user_id: row.userId ?? 0,
    ticket_number: row.ticketNumber,
    content: row.content,
    organize: row.organize,
    is_note: row.isNote,
    employee_response: row.employeeResponse,
    ip_address: row.ipAddress,
    created_at: modelDate(row.createdAt),
    updated_at: modelDate(row.updatedAt),
    user_name: author.name,
    user_email: author.email,
  };
}

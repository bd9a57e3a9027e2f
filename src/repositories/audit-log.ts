// The append-only audit trail. Only inserts and reads live here: there is deliberately no update or
// delete, and the migration's triggers refuse both at the database level too.
import { desc, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import { nowStamp } from '../serializers/dates.js';

export type ActorType = (typeof auditLog.$inferSelect)['actorType'];

/**
 * Who acted, from where, and what they did. The repository doing the write fills in the ticket and
 * customer it wrote when the caller has not.
 */
export type AuditEntry = {
  actorType: ActorType;
  actorId: number | null;
  ip: string;
  action: string;
  ticketId?: number | null;
  customerId?: number | null;
};

export function createAuditLogRepository(db: Db) {
  const insert = db
    .insert(auditLog)
    .values({
      actorType: sql.placeholder('actorType'),
      actorId: sql.placeholder('actorId'),
      action: sql.placeholder('action'),
      ticketId: sql.placeholder('ticketId'),
      customerId: sql.placeholder('customerId'),
      ip: sql.placeholder('ip'),
      createdAt: sql.placeholder('createdAt'),
    })
    .prepare();

  return {
    /**
     * Appends one entry. better-sqlite3 has a single connection, so called inside another
     * repository's db.transaction() it commits or rolls back together with that write.
     */
    record(entry: AuditEntry): void {
      insert.run({
        actorType: entry.actorType,
        actorId: entry.actorId,
        action: entry.action,
        ticketId: entry.ticketId ?? null,
        customerId: entry.customerId ?? null,
        ip: entry.ip,
        createdAt: nowStamp(),
      });
    },

    /** The newest `limit` entries, newest first. */
    recent(limit: number) {
      return db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(limit).all();
    },
  };
}

export type AuditLogRepository = ReturnType<typeof createAuditLogRepository>;

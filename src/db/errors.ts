// Recognising SQLite constraint failures without leaking the driver into routes.
import Database from 'better-sqlite3';

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_CONSTRAINT_UNIQUE';
}

// JWT_SECRET outside production may be left unset: one is generated once and kept beside the database.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export function resolveJwtSecret(configured: string | undefined, databasePath: string, warn: (message: string) => void): string {
  if (configured) return configured;
  if (databasePath === ':memory:') {
    warn('JWT_SECRET is not set: using a random secret for this in-memory run');
    return randomBytes(48).toString('hex');
  }
  const file = join(dirname(resolve(databasePath)), 'jwt-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(48).toString('hex');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  warn(`JWT_SECRET is not set: generated one and saved it in ${file}; set JWT_SECRET in production`);
  return secret;
}

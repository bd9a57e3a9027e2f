// Staff API tokens in the Laravel Sanctum form "<id>|<40 random chars>": issuing, hashing and checking.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { ApiTokensRepository, TokenAbility } from '../repositories/api-tokens.js';
import { STAFF_ROLES } from '../repositories/users.js';
import { randomAlphanumeric } from '../random.js';
import { nowStamp } from '../serializers/dates.js';

export const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

export type StaffIdentity = { userId: number; email: string; tokenId: number; abilities: TokenAbility[] };

/** Splits "<id>|<secret>"; a token without an id prefix is looked up by its hash alone. */
function splitToken(plain: string): { id: number | null; secret: string } {
  const bar = plain.indexOf('|');
  if (bar === -1) return { id: null, secret: plain };
  const id = plain.slice(0, bar);
  return { id: /^\d{1,15}$/.test(id) ? Number(id) : -1, secret: plain.slice(bar + 1) };
}

function hashesMatch(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

export function createTokenService(tokens: ApiTokensRepository) {
  return {
    /** Issues a token; the plain text is returned once and never stored. */
    issue(userId: number, name: string, abilities: TokenAbility[] = ['read', 'write'], expiresAt: string | null = null) {
      const secret = randomAlphanumeric(40);
      const row = tokens.create({ userId, name, tokenHash: sha256(secret), abilities, expiresAt });
      return { id: row.id, plainText: `${row.id}|${secret}` };
    },

    /** Registers a token whose plain text the operator chose (ADMIN_API_TOKEN), unless it is already valid. */
    ensure(userId: number, name: string, plain: string) {
      const existing = tokens.findWithOwnerByHash(sha256(plain));
      if (existing && existing.token.revokedAt === null && existing.owner.id === userId) return existing.token.id;
      if (existing) throw new Error('ADMIN_API_TOKEN is already registered to another account or was revoked');
      return tokens.create({ userId, name, tokenHash: sha256(plain), abilities: ['read', 'write'], expiresAt: null }).id;
    },

    /**
     * The staff member a plain token belongs to, or null for unknown, revoked or expired tokens.
     * "<id>|<secret>" is found by id; anything else (including an ADMIN_API_TOKEN chosen by the
     * operator) by the hash of the whole string. When the caller also named an email (Basic,
     * X-Admin-Email) it must be the owner's; a mismatch is refused before the token counts as used.
     */
    verify(plain: string, email: string | null = null): StaffIdentity | null {
      if (plain.length === 0 || plain.length > 300) return null;
      const { id, secret } = splitToken(plain);
      let found = id !== null && id !== -1 ? tokens.findWithOwnerById(id) : undefined;
      if (found && !hashesMatch(found.token.tokenHash, sha256(secret))) found = undefined;
      if (!found) {
        const wholeHash = sha256(plain);
        found = tokens.findWithOwnerByHash(wholeHash);
        if (found && !hashesMatch(found.token.tokenHash, wholeHash)) found = undefined;
      }
      if (!found) return null;
      if (found.token.revokedAt !== null) return null;
      if (found.token.expiresAt !== null && found.token.expiresAt <= nowStamp()) return null;
      if (!STAFF_ROLES.includes(found.owner.role)) return null;
      if (email !== null && email.toLowerCase() !== found.owner.email.toLowerCase()) return null;
      tokens.touchLastUsed(found.token.id);
      return {
        userId: found.owner.id,
        email: found.owner.email,
        tokenId: found.token.id,
        abilities: found.token.abilities.split(',') as TokenAbility[],
      };
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;

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

/** Verified tokens are re-checked in full (owner, role, hash) after this long; revocation is seen at once. */
const CACHE_TTL_MS = 60_000;
const CACHE_MAX_ENTRIES = 1000;
/** last_used_at is written at most this often per token (the repository's WHERE also holds across processes). */
const TOUCH_INTERVAL_MS = 60_000;

type CachedToken = { identity: StaffIdentity; verifiedAt: number; touchedAt: number };

/** Basic and X-Admin-Email name the owner too; a Bearer token names nobody (`null`). */
const emailMatches = (named: string | null, owner: string) => named === null || named.toLowerCase() === owner.toLowerCase();

const isUsable = (token: { revokedAt: string | null; expiresAt: string | null }) =>
  token.revokedAt === null && (token.expiresAt === null || token.expiresAt > nowStamp());

export function createTokenService(tokens: ApiTokensRepository) {
  const cache = new Map<string, CachedToken>();

  function findByPlain(plain: string) {
    const { id, secret } = splitToken(plain);
    let found = id !== null && id !== -1 ? tokens.findWithOwnerById(id) : undefined;
    if (found && !hashesMatch(found.token.tokenHash, sha256(secret))) found = undefined;
    if (!found) {
      const wholeHash = sha256(plain);
      found = tokens.findWithOwnerByHash(wholeHash);
      if (found && !hashesMatch(found.token.tokenHash, wholeHash)) found = undefined;
    }
    return found;
  }

  function touch(entry: CachedToken, now: number) {
    if (now - entry.touchedAt < TOUCH_INTERVAL_MS) return;
    entry.touchedAt = now;
    tokens.touchLastUsed(entry.identity.tokenId);
  }

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
     * A token verified recently is taken from the cache, after a primary-key probe that sees a
     * revocation or expiry at once, from any process.
     */
    verify(plain: string, email: string | null = null): StaffIdentity | null {
      if (plain.length === 0 || plain.length > 300) return null;
      const now = Date.now();
      const cached = cache.get(plain);
      if (cached && now - cached.verifiedAt < CACHE_TTL_MS) {
        const state = tokens.findStateById(cached.identity.tokenId);
        if (!state || !isUsable(state)) {
          cache.delete(plain);
          return null;
        }
        if (!emailMatches(email, cached.identity.email)) return null;
        touch(cached, now);
        return cached.identity;
      }
      cache.delete(plain);

      const found = findByPlain(plain);
      if (!found || !isUsable(found.token) || !STAFF_ROLES.includes(found.owner.role)) return null;
      if (!emailMatches(email, found.owner.email)) return null;
      const entry: CachedToken = {
        identity: {
          userId: found.owner.id,
          email: found.owner.email,
          tokenId: found.token.id,
          abilities: found.token.abilities.split(',') as TokenAbility[],
        },
        verifiedAt: now,
        touchedAt: 0,
      };
      if (cache.size >= CACHE_MAX_ENTRIES) cache.delete(cache.keys().next().value!);
      cache.set(plain, entry);
      touch(entry, now);
      return entry.identity;
    },
  };
}

export type TokenService = ReturnType<typeof createTokenService>;

// Every query on staff API tokens. Only SHA-256 hashes of the secrets are stored.
import { and, asc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { apiTokens, users } from '../db/schema.js';
import { nowStamp } from '../serializers/dates.js';

export type TokenAbility = 'read' | 'write';
export type NewToken = { userId: number; name: string; tokenHash: string; abilities: TokenAbility[]; expiresAt: string | null };

export function createApiTokensRepository(db: Db) {
  const withOwnerById = db
    .select({ token: apiTokens, owner: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.id, sql.placeholder('id')))
    .prepare();
  const withOwnerByHash = db
    .select({ token: apiTokens, owner: users })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(eq(apiTokens.tokenHash, sql.placeholder('hash')))
    .prepare();
  const stateById = db
    .select({ revokedAt: apiTokens.revokedAt, expiresAt: apiTokens.expiresAt })
    .from(apiTokens)
    .where(eq(apiTokens.id, sql.placeholder('id')))
    .prepare();
  const touch = db
    .update(apiTokens)
    .set({ lastUsedAt: sql`${sql.placeholder('stamp')}` })
    .where(
      and(
        eq(apiTokens.id, sql.placeholder('id')),
        or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, sql.placeholder('aMinuteAgo'))),
      ),
    )
    .prepare();

  return {
    findWithOwnerById(id: number) {
      return withOwnerById.get({ id });
    },

    findWithOwnerByHash(hash: string) {
      return withOwnerByHash.get({ hash });
    },

    /** What may change after a token was verified: a revocation or an expiry (a primary-key probe). */
    findStateById(id: number) {
      return stateById.get({ id });
    },

    create(input: NewToken) {
      return db
        .insert(apiTokens)
        .values({ ...input, abilities: input.abilities.join(','), createdAt: nowStamp() })
        .returning()
        .get();
    },

    /** Written at most once a minute per token, so reads do not turn into writes. */
    touchLastUsed(id: number) {
      const now = Date.now();
      touch.run({ id, stamp: nowStamp(new Date(now)), aMinuteAgo: nowStamp(new Date(now - 60_000)) });
    },

    revoke(id: number) {
      return db.update(apiTokens).set({ revokedAt: nowStamp() }).where(and(eq(apiTokens.id, id), isNull(apiTokens.revokedAt))).run().changes > 0;
    },

    /** Every token with its owner's email; never the hash. */
    list() {
      return db
        .select({
          id: apiTokens.id,
          name: apiTokens.name,
          email: users.email,
          abilities: apiTokens.abilities,
          expiresAt: apiTokens.expiresAt,
          lastUsedAt: apiTokens.lastUsedAt,
          revokedAt: apiTokens.revokedAt,
          createdAt: apiTokens.createdAt,
        })
        .from(apiTokens)
        .innerJoin(users, eq(users.id, apiTokens.userId))
        .orderBy(asc(apiTokens.id))
        .all();
    },
  };
}

export type ApiTokensRepository = ReturnType<typeof createApiTokensRepository>;

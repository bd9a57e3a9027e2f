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

  return {
    findWithOwnerById(id: number) {
      return withOwnerById.get({ id });
    },

    findWithOwnerByHash(hash: string) {
      return withOwnerByHash.get({ hash });
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
      const stamp = nowStamp();
      const aMinuteAgo = nowStamp(new Date(Date.now() - 60_000));
      db.update(apiTokens)
        .set({ lastUsedAt: stamp })
        .where(and(eq(apiTokens.id, id), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, aMinuteAgo))))
        .run();
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

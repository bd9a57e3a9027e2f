// Customer JWTs issued by POST login (via @fastify/jwt): HS256, subject = customer id, typ = "customer".
import type { JWT } from '@fastify/jwt';

export function createCustomerJwt(jwt: JWT, ttlSeconds: number) {
  return {
    ttlSeconds,
    sign(customerId: number): string {
      return jwt.sign({ sub: String(customerId), typ: 'customer' }, { expiresIn: `${ttlSeconds}s` });
    },
    /** The customer id, or null for a bad, expired or foreign token. */
    verify(token: string): number | null {
      try {
        const payload = jwt.verify<{ sub?: unknown; typ?: unknown }>(token);
        if (payload.typ !== 'customer' || typeof payload.sub !== 'string' || !/^\d{1,15}$/.test(payload.sub)) return null;
        return Number(payload.sub);
      } catch {
        return null;
      }
    },
  };
}

export type CustomerJwt = ReturnType<typeof createCustomerJwt>;

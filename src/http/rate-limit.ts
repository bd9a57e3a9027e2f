// Request throttling (CONTRACT.md §6) with @fastify/rate-limit: a minute's budget per API token or
// customer, and a smaller one per IP for callers without valid credentials. Registered between
// `authenticate` (which resolves the principal it keys on) and `authorize` (which turns a missing
// principal into 401), so failed credential guesses spend the IP's budget too.
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Principal } from '../auth/principal.js';
import { TooManyAttempts } from '../errors.js';

type Options = { perPrincipal: number; perIp: number };

const ANONYMOUS_PREFIX = 'ip:';

/**
 * IPv4 callers are counted per address; IPv6 callers per /64, the block a single subscriber is
 * usually given, so that walking through one's own addresses does not buy a fresh budget.
 */
export function ipBucket(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1];
  if (!ip.includes(':')) return ip;
  const halves = ip.split('%')[0].split('::');
  const left = halves[0] ? halves[0].split(':') : [];
  const right = halves[1] ? halves[1].split(':') : [];
  const groups = [...left, ...Array(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups.slice(0, 4).map((group) => (parseInt(group, 16) || 0).toString(16)).join(':')}::/64`;
}

/** The bucket a request spends: its API token, its customer, or (without valid credentials) its IP. */
export function rateLimitKey(request: FastifyRequest): string {
  const principal = request.principal as Principal | null;
  if (principal?.kind === 'staff') return `token:${principal.tokenId}`;
  if (principal?.kind === 'customer') return `customer:${principal.userId}`;
  return `${ANONYMOUS_PREFIX}${ipBucket(request.ip)}`;
}

export const rateLimit = fp<Options>(async (app: FastifyInstance, { perPrincipal, perIp }) => {
  const limitFor = (key: string) => (key.startsWith(ANONYMOUS_PREFIX) ? perIp : perPrincipal);
  await app.register(fastifyRateLimit, {
    // Not per route: one instance-level hook, so unknown routes and 401s are counted as well.
    global: false,
    timeWindow: 60_000,
    // Enough distinct keys that a flood of IPs cannot evict a busy token's counter.
    cache: 50_000,
    keyGenerator: rateLimitKey,
    max: (_request, key) => limitFor(key),
    // A limit of 0 means no limit (CONTRACT.md §6): no counting and no X-RateLimit headers.
    allowList: (_request, key) => limitFor(key) === 0,
    errorResponseBuilder: (_request, context) => new TooManyAttempts(Math.ceil(context.ttl / 1000)),
  });
  app.addHook('onRequest', app.rateLimit());
});

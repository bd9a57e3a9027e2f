// bcrypt password hashing. bcrypt's async API runs on libuv's thread pool, so the event loop never blocks;
// at most one fewer hash than there are cores runs at a time, so a burst of logins cannot starve the
// event loop of CPU either: other requests keep a core while logins queue.
import { availableParallelism } from 'node:os';
import bcrypt from 'bcrypt';

/** Runs at most `limit` tasks at once; the rest wait in order. */
export function createLimiter(limit: number) {
  let running = 0;
  const waiting: Array<() => void> = [];
  return async function limited<T>(task: () => Promise<T>): Promise<T> {
    if (running >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
    try {
      return await task();
    } finally {
      running--;
      waiting.shift()?.();
    }
  };
}

export function createPasswordHasher(rounds: number, concurrency = Math.max(1, availableParallelism() - 1)) {
  const limited = createLimiter(concurrency);
  // Compared against when the email is unknown, so both failures cost one bcrypt verification. Hashed in
  // the background: a synchronous hash at cost 12 would add a quarter of a second or more to start-up.
  const dummyHash = bcrypt.hash('ticaga-timing-equaliser', rounds);

  return {
    hash(plain: string): Promise<string> {
      return limited(() => bcrypt.hash(plain, rounds));
    },

    /** Verifies `plain` against `hash`, or against the dummy hash when there is no account. */
    async verify(plain: string, hash: string | null | undefined): Promise<boolean> {
      const against = hash ?? (await dummyHash);
      const matches = await limited(() => bcrypt.compare(plain, against));
      return matches && Boolean(hash);
    },
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

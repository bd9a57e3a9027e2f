// bcrypt password hashing. bcrypt's async API runs on libuv's thread pool, so the event loop never blocks.
import bcrypt from 'bcrypt';

export function createPasswordHasher(rounds: number) {
  // Compared against when the email is unknown, so both failures cost one bcrypt verification.
  const dummyHash = bcrypt.hashSync('ticaga-timing-equaliser', rounds);

  return {
    hash(plain: string): Promise<string> {
      return bcrypt.hash(plain, rounds);
    },

    /** Verifies `plain` against `hash`, or against the dummy hash when there is no account. */
    async verify(plain: string, hash: string | null | undefined): Promise<boolean> {
      const matches = await bcrypt.compare(plain, hash ?? dummyHash);
      return matches && Boolean(hash);
    },
  };
}

export type PasswordHasher = ReturnType<typeof createPasswordHasher>;

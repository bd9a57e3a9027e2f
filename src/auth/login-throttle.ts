// Password-guessing brake for POST login (CONTRACT.md §6): at most `maxFailures` failed attempts per
// email and IP in a fixed one-minute window; after that every attempt, right password or not, is
// refused until the window ends. Kept in memory: one server process owns the SQLite file.

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;

type Window = { attempts: number; endsAt: number };

/** Past this many tracked keys, expired windows are swept before a new one is added. */
const SWEEP_ABOVE = 10_000;

export function createLoginThrottle({ maxFailures, windowMs = 60_000, now = Date.now }: { maxFailures: number; windowMs?: number; now?: () => number }) {
  const windows = new Map<string, Window>();

  function sweep(at: number) {
    for (const [key, window] of windows) if (window.endsAt <= at) windows.delete(key);
  }

  return {
    key: (email: string, ip: string) => `${email.toLowerCase()}|${ip}`,

    /**
     * Counts an attempt before the password is checked, so parallel guesses cannot all slip in while
     * bcrypt runs. Returns the seconds to wait when the attempt is refused, or 0 when it may go ahead.
     */
    begin(key: string): number {
      const at = now();
      let window = windows.get(key);
      if (!window || window.endsAt <= at) {
        if (windows.size >= SWEEP_ABOVE) sweep(at);
        window = { attempts: 0, endsAt: at + windowMs };
        windows.set(key, window);
      }
      if (window.attempts >= maxFailures) return Math.ceil((window.endsAt - at) / 1000);
      window.attempts++;
      return 0;
    },

    /** A successful login gives its attempt back: only failures count. */
    succeeded(key: string): void {
      const window = windows.get(key);
      if (window && window.attempts > 0) window.attempts--;
    },
  };
}

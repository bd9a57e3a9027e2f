// bcrypt work is queued so that at most `concurrency` hashes run at once: logins cannot take every core.
import { describe, expect, it } from 'vitest';
import { createLimiter, createPasswordHasher } from '../../src/auth/passwords.js';

describe('createLimiter', () => {
  it('runs at most `limit` tasks at once, the rest in order', async () => {
    const limited = createLimiter(2);
    let running = 0;
    let most = 0;
    const order: number[] = [];
    const task = (i: number) => async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      order.push(i);
      running--;
      return i;
    };
    const results = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => limited(task(i))));
    expect(results).toEqual([0, 1, 2, 3, 4, 5]);
    expect(most).toBe(2);
    expect(order.slice(0, 2).sort()).toEqual([0, 1]);
  });

  it('frees its slot when a task fails', async () => {
    const limited = createLimiter(1);
    await expect(limited(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await limited(async () => 'next')).toBe('next');
  });
});

describe('createPasswordHasher', () => {
  it('verifies the right password, refuses a wrong one and an account without a hash', async () => {
    const hasher = createPasswordHasher(4, 1);
    const hash = await hasher.hash('correct horse');
    expect(await Promise.all([hasher.verify('correct horse', hash), hasher.verify('wrong', hash), hasher.verify('correct horse', null)])).toEqual([true, false, false]);
  });
});

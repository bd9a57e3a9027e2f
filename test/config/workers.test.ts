// WORKERS: a number of processes or `auto`; more than one needs a database file.
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

describe('WORKERS', () => {
  it('defaults to one process and accepts a number or auto', () => {
    expect(loadConfig({}).workers).toBe(1);
    expect(loadConfig({ WORKERS: '2' }).workers).toBe(2);
    expect(loadConfig({ WORKERS: 'auto' }).workers).toBe('auto');
  });

  it('refuses nonsense, and several workers on an in-memory database', () => {
    for (const value of ['0', '-1', '1.5', 'many', '65']) expect(() => loadConfig({ WORKERS: value })).toThrow(/WORKERS/);
    expect(() => loadConfig({ WORKERS: '2', DATABASE_URL: ':memory:' })).toThrow(/WORKERS: more than one worker needs a database file/);
    expect(loadConfig({ WORKERS: '1', DATABASE_URL: ':memory:' }).workers).toBe(1);
  });
});

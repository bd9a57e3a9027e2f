// Replays each client generation's requests (test/fixtures/clients/, one file per generation) against a
// fresh app, in order, and checks every field those clients read, its type, and the whole payload.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestContext } from '../helpers.js';
import {
  buildRequest,
  checkReads,
  expectedFrom,
  inject,
  keyOrderMismatches,
  loadFixture,
  valuesAt,
  type Fixture,
  type Vars,
} from './replay.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/clients');
const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.json')).sort();
const fixtures: [string, Fixture][] = files.map((name) => [name, loadFixture(join(FIXTURES, name))]);

for (const [file, fixture] of fixtures) {
  describe(`${file}: ${fixture.title}`, () => {
    let ctx: TestContext;
    let vars: Vars;
    beforeAll(async () => {
      ctx = await createTestApp();
      vars = { staffId: ctx.staff.id, staffEmail: ctx.staff.email };
    });
    afterAll(() => ctx.close());

    fixture.requests.forEach((request, index) => {
      it(`${index + 1}. ${request.method} ${request.path}: ${request.name}`, async () => {
        const built = buildRequest(fixture, request, { email: ctx.staff.email, token: ctx.staff.token }, vars);
        const answer = await inject(ctx.app, built);
        expect(answer.status, answer.raw).toBe(request.expect.status);
        expect(String(answer.headers['content-type'])).toMatch(/^application\/json/);
        expect(checkReads(answer.body, request.expect.reads)).toEqual([]);
        if (request.expect.body !== undefined) {
          expect(answer.body).toEqual(expectedFrom(request.expect.body, vars));
          expect(keyOrderMismatches(answer.body, request.expect.body)).toEqual([]);
        }
        for (const [name, path] of Object.entries(request.save ?? {})) {
          const [value] = valuesAt(answer.body, path);
          expect(typeof value === 'string' || typeof value === 'number', `save ${name} from ${path}`).toBe(true);
          vars[name] = value as string | number;
        }
      });
    });
  });
}

// The fixtures are the proof that these request styles work, so losing one of them must fail loudly.
describe('the client fixtures cover every request style the contract names', () => {
  const all = fixtures.flatMap(([, fixture]) => fixture.requests.map((request) => ({ fixture, request })));
  const bodies = all.map(({ request }) => request.body ?? {});
  const has = (predicate: (entry: (typeof all)[number]) => boolean) => all.some(predicate);

  it('has four generations with their own auth and body styles', () => {
    expect(fixtures.map(([, f]) => [f.generation, f.auth, f.encoding, f.headers['Content-Type']])).toEqual([
      [1, 'basic', 'form', 'application/json'],
      [2, 'bearer', 'json', 'application/json'],
      [3, 'x-admin', 'json', 'application/json'],
      [4, 'basic', 'form', 'application/x-www-form-urlencoded'],
    ]);
  });

  it('has //api/ paths, trailing slashes and a raw @ in a path segment', () => {
    expect(has(({ request }) => request.path.startsWith('//api/'))).toBe(true);
    expect(has(({ request }) => request.path.endsWith('/'))).toBe(true);
    expect(has(({ request }) => /\/[^/]*@[^/]*$/.test(request.path) && request.path.includes('departments/get/'))).toBe(true);
    expect(has(({ request }) => /customers\/get\/[^/]*@/.test(request.path))).toBe(true);
  });

  it('has billing_system in other cases, priorities critical and normal, and guest tickets', () => {
    expect(bodies.some((b) => typeof b.billing_system === 'string' && b.billing_system !== b.billing_system.toLowerCase())).toBe(true);
    expect(bodies.some((b) => b.priority === 'critical')).toBe(true);
    expect(bodies.some((b) => b.priority === 'normal')).toBe(true);
    expect(bodies.some((b) => (b.customer_id === '0' || b.user_id === '0') && b.public_name && b.public_email)).toBe(true);
  });

  it('has PHP-string numbers, a null public_name and an empty custom_fields array', () => {
    expect(bodies.some((b) => b.department_id === '2' && b.assigned === '0')).toBe(true);
    expect(bodies.some((b) => 'public_name' in b && b.public_name === null)).toBe(true);
    expect(bodies.some((b) => Array.isArray(b.custom_fields) && b.custom_fields.length === 0)).toBe(true);
  });
});

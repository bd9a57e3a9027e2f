import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, createTestApp, type TestContext } from '../helpers.js';

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestApp();
});
afterEach(() => ctx.close());

describe('GET /health', () => {
  it('answers ok without credentials', async () => {
    expect(await call(ctx.app, { method: 'GET', url: '/health' })).toMatchObject({ status: 200, body: { status: 'ok' } });
  });
});

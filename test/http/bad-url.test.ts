// A URL that cannot be decoded is refused before routing, still in the contract's error shape.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, createTestApp, snapshot, type TestContext } from '../helpers.js';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestApp();
});
afterAll(() => ctx.close());

describe('malformed URLs', () => {
  it.each(['/%', '/api/customers/get/%zz', '/api/tickets/get/1/%E0%A4%A'])('%s answers 400 {"message":"Bad Request."}', async (url) => {
    const before = snapshot(ctx.db);
    const answer = await call(ctx.app, { method: 'GET', url, headers: ctx.staff.basic });
    expect({ status: answer.status, raw: answer.raw }).toEqual({ status: 400, raw: '{"message":"Bad Request."}' });
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(snapshot(ctx.db)).toEqual(before);
  });
});

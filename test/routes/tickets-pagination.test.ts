// GET tickets/get/all/{ticaga_id}: optional keyset pagination (`limit`, `after`, a Link header to the next
// page); without the parameters the documented answer is unchanged; bad values get the 422 Laravel shape.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serializeTicket } from '../../src/serializers/ticket.js';
import { call, createTestApp, createTicket, type TestContext } from '../helpers.js';

let ctx: TestContext;
let ids: number[];
beforeEach(async () => {
  ctx = await createTestApp();
  ids = [];
  for (let i = 0; i < 7; i++) {
    ids.push(createTicket(ctx.repos, ctx.customerA.id, { subject: `Ticket ${i}` }).id);
    createTicket(ctx.repos, ctx.customerB.id, { subject: `Other ${i}` });
  }
});
afterEach(() => ctx.close());

const expected = (wanted: number[]) => wanted.map((id) => serializeTicket(ctx.repos.tickets.findById(id)!));
const get = (url: string, headers = ctx.staff.basic) => call(ctx.app, { method: 'GET', url, headers });

describe('GET tickets/get/all/{ticaga_id} pagination', () => {
  it('without limit or after answers every ticket, oldest first, and no Link header', async () => {
    const answer = await get(`/api/tickets/get/all/${ctx.customerA.id}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ tickets: expected(ids) });
    expect(answer.headers.link).toBeUndefined();
  });

  it('walks the pages with limit and the Link header, each page whole and in order', async () => {
    const first = await get(`/api/tickets/get/all/${ctx.customerA.id}?limit=3`);
    expect(first.body).toEqual({ tickets: expected(ids.slice(0, 3)) });
    expect(first.headers.link).toBe(`</api/tickets/get/all/${ctx.customerA.id}?limit=3&after=${ids[2]}>; rel="next"`);

    const second = await get(/<([^>]+)>/.exec(String(first.headers.link))![1]);
    expect(second.body).toEqual({ tickets: expected(ids.slice(3, 6)) });
    expect(second.headers.link).toBe(`</api/tickets/get/all/${ctx.customerA.id}?limit=3&after=${ids[5]}>; rel="next"`);

    const last = await get(/<([^>]+)>/.exec(String(second.headers.link))![1]);
    expect(last.body).toEqual({ tickets: expected(ids.slice(6)) });
    expect(last.headers.link).toBeUndefined();
  });

  it('gives no Link when the page ends exactly at the last ticket', async () => {
    const answer = await get(`/api/tickets/get/all/${ctx.customerA.id}?limit=7`);
    expect(answer.body).toEqual({ tickets: expected(ids) });
    expect(answer.headers.link).toBeUndefined();
  });

  it('accepts after alone (every later ticket) and an after past the end (none)', async () => {
    expect((await get(`/api/tickets/get/all/${ctx.customerA.id}?after=${ids[4]}`)).body).toEqual({ tickets: expected(ids.slice(5)) });
    expect((await get(`/api/tickets/get/all/${ctx.customerA.id}?after=${ids[6]}&limit=2`)).body).toEqual({ tickets: [] });
  });

  it('applies to a customer on its own tickets, and never shows another customer’s', async () => {
    const own = await get(`/api/tickets/get/all/${ctx.customerA.id}?limit=2`, ctx.customerA.bearer);
    expect(own.body).toEqual({ tickets: expected(ids.slice(0, 2)) });
    const other = await get(`/api/tickets/get/all/${ctx.customerB.id}?limit=2`, ctx.customerA.bearer);
    expect(other).toMatchObject({ status: 200, body: { tickets: [] } });
    expect(other.headers.link).toBeUndefined();
  });

  it('treats blank values as absent, as Laravel does', async () => {
    expect((await get(`/api/tickets/get/all/${ctx.customerA.id}?limit=&after=`)).body).toEqual({ tickets: expected(ids) });
  });

  const invalid: Array<[string, string, string]> = [
    ['limit=0', 'limit', 'The limit field must be at least 1.'],
    ['limit=1001', 'limit', 'The limit field must not be greater than 1000.'],
    ['limit=abc', 'limit', 'The limit field must be an integer.'],
    ['limit=2.5', 'limit', 'The limit field must be an integer.'],
    ['limit=1&limit=2', 'limit', 'The limit field must be an integer.'],
    ['after=-1', 'after', 'The after field must be at least 0.'],
    ['after=1e3', 'after', 'The after field must be an integer.'],
  ];
  for (const [query, field, message] of invalid) {
    it(`answers 422 for ${query}`, async () => {
      const answer = await get(`/api/tickets/get/all/${ctx.customerA.id}?${query}`);
      expect(answer.status).toBe(422);
      expect(answer.body).toEqual({ message, errors: { [field]: [message] } });
    });
  }

  it('reports both fields when both are wrong', async () => {
    const answer = await get(`/api/tickets/get/all/${ctx.customerA.id}?limit=x&after=y`);
    expect(answer.body).toEqual({
      message: 'The limit field must be an integer.',
      errors: { limit: ['The limit field must be an integer.'], after: ['The after field must be an integer.'] },
    });
  });
});

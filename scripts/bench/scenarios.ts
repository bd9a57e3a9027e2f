// What each benchmark row sends: the endpoint, how many connections, and a request factory that spreads
// the load over the manifest's sample ids (as staff with Basic credentials, the way billing plugins call).
import { createRandom } from './dataset.js';
import type { RequestSpec } from './load.js';
import type { Manifest } from './manifest.js';

export type Scenario = {
  name: string;
  kind: 'read' | 'write' | 'login';
  spec: RequestSpec;
  /** Writes: the table they add to, and every id the server answered 200 with. */
  writes?: { table: 'tickets' | 'responses'; ids: number[] };
};

const FORM = 'application/x-www-form-urlencoded';

export function scenarios(manifest: Manifest): Scenario[] {
  const random = createRandom(7);
  const { samples, staff } = manifest;
  const auth = { authorization: `Basic ${Buffer.from(`${staff.email}:${staff.token}`).toString('base64')}` };
  const form = { ...auth, 'content-type': FORM };
  const get = (next: () => string): RequestSpec => ({ headers: auth, next: () => ({ path: next() }) });
  const post = (path: string, body: () => Record<string, string | number>, onResponse?: RequestSpec['onResponse']): RequestSpec => ({
    method: 'POST',
    headers: form,
    onResponse,
    next: () => ({ path, body: new URLSearchParams(Object.entries(body()).map(([k, v]) => [k, String(v)])).toString() }),
  });
  let written = 0;
  /** `{"id":{...,"id":N}}` answers of the create routes: remember N for the durability check. */
  const collectIds = (ids: number[]) => (status: number, body: string) => {
    if (status === 200) ids.push((JSON.parse(body) as { id: { id: number } }).id.id);
  };
  const ticketIds: number[] = [];
  const responseIds: number[] = [];

  return [
    { name: 'customers/get/{id}', kind: 'read', spec: get(() => `/api/customers/get/${random.pick(samples.readCustomers)}`) },
    {
      name: 'tickets/get/{id}/{ticket_id}',
      kind: 'read',
      spec: get(() => {
        const { customerId, ticketId } = random.pick(samples.readTickets);
        return `/api/tickets/get/${customerId}/${ticketId}`;
      }),
    },
    { name: 'tickets/get/all/{id} (20 tickets)', kind: 'read', spec: get(() => `/api/tickets/get/all/${random.pick(samples.readCustomers)}`) },
    { name: 'responses/get/{id} (10 responses)', kind: 'read', spec: get(() => `/api/responses/get/${random.pick(samples.conversations).ticketId}`) },
    {
      name: 'tickets/create',
      kind: 'write',
      writes: { table: 'tickets', ids: ticketIds },
      spec: post('/api/tickets/create', () => ({
        customer_id: random.pick(samples.writeCustomers),
        subject: `Benchmark ticket ${++written}`,
        message: 'The control panel shows an error when I try to renew my domain. Could you have a look?',
        priority: 'medium',
        department_id: 2,
        ip_address: '10.1.2.3',
      }), collectIds(ticketIds)),
    },
    {
      name: 'responses/create',
      kind: 'write',
      writes: { table: 'responses', ids: responseIds },
      spec: post('/api/responses/create', () => ({
        ticket_number: random.pick(samples.writeTickets).ticketId,
        content: `Thanks for waiting, the renewal went through (${++written}).`,
        employee_response: 1,
      }), collectIds(responseIds)),
    },
    {
      name: 'login',
      kind: 'login',
      spec: post('/api/login', () => ({ email: random.pick(samples.loginEmails), password: manifest.password })),
    },
  ];
}

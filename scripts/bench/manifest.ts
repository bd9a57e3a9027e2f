// The manifest written beside a benchmark database: its size, the bench credentials, and sample ids the
// load generator spreads its requests over. Reads use customers of the first half, writes the second
// half, so writes never change what the read benchmarks fetch.
import { createRandom, ownerOf, responseCountOf } from './dataset.js';

/** Bump when the generated data changes shape, so an old database is rebuilt rather than reused. */
export const GENERATOR_VERSION = 1;

export type TicketRef = { customerId: number; ticketId: number };

export type Manifest = {
  version: number;
  tickets: number;
  customers: number;
  responses: number;
  builtInSeconds: number;
  staff: { email: string; token: string };
  password: string;
  samples: {
    /** Customers that own exactly twenty tickets. */
    readCustomers: number[];
    readTickets: TicketRef[];
    /** Tickets with exactly ten responses. */
    conversations: TicketRef[];
    loginEmails: string[];
    writeCustomers: number[];
    writeTickets: TicketRef[];
  };
};

export const manifestPathFor = (databasePath: string) => databasePath.replace(/\.sqlite$/, '') + '.json';

const SAMPLES = 200;

export function chooseSamples({ tickets, customers, firstCustomerId }: { tickets: number; customers: number; firstCustomerId: number }): Manifest['samples'] {
  const random = createRandom(99);
  const half = Math.max(1, Math.floor(customers / 2));
  const ticketsOf = (index: number) => Math.floor((tickets - 1 - index) / customers) + 1;
  const isReadOwner = (customerId: number) => customerId - firstCustomerId < half;
  const ref = (ticketId: number): TicketRef => ({ customerId: ownerOf(ticketId, customers, firstCustomerId), ticketId });

  const pickTickets = (accept: (ticketId: number) => boolean) => {
    const found = new Map<number, TicketRef>();
    for (let attempt = 0; attempt < SAMPLES * 50 && found.size < SAMPLES; attempt++) {
      const ticketId = 1 + random.int(tickets);
      if (accept(ticketId)) found.set(ticketId, ref(ticketId));
    }
    return [...found.values()];
  };
  const pickCustomers = (from: number, to: number) => {
    const found = new Set<number>();
    for (let attempt = 0; attempt < SAMPLES * 50 && found.size < SAMPLES && to > from; attempt++) {
      const index = from + random.int(to - from);
      if (ticketsOf(index) === 20) found.add(firstCustomerId + index);
    }
    return [...found];
  };

  const readCustomers = pickCustomers(0, half);
  return {
    readCustomers,
    readTickets: pickTickets((t) => isReadOwner(ref(t).customerId)),
    conversations: pickTickets((t) => responseCountOf(t) === 10 && isReadOwner(ref(t).customerId)),
    loginEmails: readCustomers.slice(0, 50).map((id) => `customer${id - firstCustomerId + 1}@bench.example`),
    writeCustomers: pickCustomers(half, customers),
    writeTickets: pickTickets((t) => !isReadOwner(ref(t).customerId)),
  };
}

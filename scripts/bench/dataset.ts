// Deterministic building blocks for the benchmark database: a seeded PRNG, text pools made once with
// faker, and the shape rules (who owns which ticket, how many responses each ticket gets).
import { faker } from '@faker-js/faker';

/** xorshift32: fast and repeatable, which is all a generator of millions of rows needs. */
export function createRandom(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state >>>= 0;
    state ^= state >>> 17;
    state ^= state << 5;
    state >>>= 0;
    return state;
  };
  return {
    int: (below: number) => next() % below,
    pick: <T>(items: readonly T[]) => items[next() % items.length],
  };
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export function publicHash(random: ReturnType<typeof createRandom>): string {
  let out = '';
  for (let i = 0; i < 20; i++) out += ALPHANUMERIC[random.int(62)];
  return out;
}

export type TextPools = { subjects: string[]; messages: string[]; replies: string[]; names: string[]; companies: string[] };

export function makeTextPools(): TextPools {
  faker.seed(2025);
  const many = <T>(count: number, make: () => T) => Array.from({ length: count }, make);
  return {
    subjects: many(500, () => faker.lorem.sentence({ min: 4, max: 9 })),
    messages: many(500, () => faker.lorem.paragraphs({ min: 1, max: 3 })),
    replies: many(1000, () => faker.lorem.paragraph({ min: 1, max: 4 })),
    names: many(2000, () => faker.person.fullName()),
    companies: many(500, () => faker.company.name()),
  };
}

/** Each customer owns exactly TICKETS_PER_CUSTOMER tickets, spread over the years (round robin). */
export const TICKETS_PER_CUSTOMER = 20;
export const ownerOf = (ticketId: number, customers: number, firstCustomerId: number) =>
  firstCustomerId + ((ticketId - 1) % customers);

/** 0..10 responses per ticket, five on average; the same ticket always gets the same count. */
export const responseCountOf = (ticketId: number) => (ticketId * 7) % 11;

/** Storage stamps ("YYYY-MM-DD HH:MM:SS") spread evenly from 2019 to the end of 2025. */
const START = Date.UTC(2019, 0, 1);
const SPAN = Date.UTC(2026, 0, 1) - START;
export function stampAt(fraction: number, plusMinutes = 0): string {
  return new Date(START + Math.floor(SPAN * fraction) + plusMinutes * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}

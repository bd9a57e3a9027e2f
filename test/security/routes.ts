// Every route the app serves, read from app.printRoutes(), so tests that walk "every route" also cover
// routes added later without anyone listing them here.
import type { FastifyInstance } from 'fastify';

export type RouteInfo = { method: string; url: string; params: string[] };

const CONNECTOR = /(├── |└── )/;

/** Parses the tree printRoutes({ commonPrefix: false }) draws: each node's key extends its parent's path. */
export function listRoutes(app: FastifyInstance): RouteInfo[] {
  const routes: RouteInfo[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = CONNECTOR.exec(line);
    let rest: string;
    if (match) {
      const depth = match.index / 4;
      rest = line.slice(match.index + 4);
      stack.length = depth;
      stack.push(rest.split(' (')[0]);
    } else {
      // A second group of methods on the same node, drawn on a line of its own.
      rest = line.replace(/^[│ ]+/, '');
      if (!rest.includes(' (')) continue;
    }
    const methods = /\(([A-Z, ]+)\)/.exec(rest)?.[1];
    if (!methods) continue;
    const url = stack.join('');
    for (const method of methods.split(', ')) {
      routes.push({ method, url, params: [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]) });
    }
  }
  return routes;
}

/** Fills each `:param` with `values[param]` (already URL-safe) or `fallback`. */
export function fillPath(url: string, values: Record<string, string>, fallback = '1'): string {
  return url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => values[name] ?? fallback);
}

// One autocannon run: warm-up first (discarded), then the measured run; answers the figures the table shows.
import autocannon from 'autocannon';

export type RequestSpec = {
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  next: () => { path: string; body?: string };
  /** Sees every answer (writes collect the ids they were given). */
  onResponse?: (status: number, body: string) => void;
};

export type LoadResult = { rps: number; p50: number; p99: number; total: number; ok: number; non2xx: number; errors: number };

export async function runLoad({
  origin,
  spec,
  connections,
  seconds,
}: {
  origin: string;
  spec: RequestSpec;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const result = await autocannon({
    url: origin,
    connections,
    duration: seconds,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    requests: [
      {
        setupRequest: (request) => {
          const { path, body } = spec.next();
          request.path = path;
          if (body !== undefined) request.body = body;
          return request;
        },
        onResponse: spec.onResponse ? (status: number, body: string) => spec.onResponse!(status, body) : undefined,
      },
    ],
  });
  return {
    // Total over the measured time: autocannon's per-second average rounds slow endpoints (login) down to 0.
    rps: result.requests.total / Math.max(result.duration, 0.001),
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

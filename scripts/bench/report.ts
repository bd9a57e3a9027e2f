// Renders one benchmark run as docs/benchmarks.md: the tables, the comparisons and each target, met or not.
import type { LoadResult } from './load.js';
import type { ServerRun } from './measure.js';

export type SizeRun = { tickets: number; customers: number; responses: number; run: ServerRun; directStartupMs: number };

export type BenchReport = {
  date: string;
  machine: { cores: number; model: string; node: string; loadAverage: number[] };
  settings: { seconds: number; warmup: number; connections: number; loginConnections: number; workers: number };
  ceiling: { before: LoadResult; after: LoadResult; rssMb: number; cpuMicrosPerRequest: number };
  sizes: SizeRun[];
  /** The first size again with WORKERS=n, against an n-process hello world. */
  cluster?: { workers: number; ceiling: LoadResult; run: ServerRun };
  /** The largest database again, served by tsc output run by plain node (no tsx), idle. */
  compiled?: { startupMs: number; rssMb: number };
};

const n0 = (value: number) => Math.round(value).toLocaleString('en-US');
const n1 = (value: number) => value.toFixed(1);
const n2 = (value: number) => value.toFixed(2);
const mark = (ok: boolean) => (ok ? 'yes' : '**no**');

export const ceilingOf = (report: BenchReport) => (report.ceiling.before.rps + report.ceiling.after.rps) / 2;

function table(run: ServerRun, ceiling: number): string[] {
  const lines = [
    '| endpoint | conns | req/s | × hello world | p50 ms | p99 ms | server CPU µs/req | peak RSS MB | non-2xx / errors |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of run.rows) {
    lines.push(
      `| ${row.name} | ${row.connections} | ${n0(row.rps)} | ${n2(row.rps / ceiling)} | ${row.p50} | ${row.p99} | ${n0(row.cpuMicrosPerRequest)} | ${n0(row.peakRssMb)} | ${row.non2xx} / ${row.errors} |`,
    );
  }
  return lines;
}

type Target = { target: string; measured: string; met: boolean };

function targets(report: BenchReport): Target[] {
  const ceiling = ceilingOf(report);
  const out: Target[] = [];
  const [small, ...bigger] = report.sizes;
  const largest = bigger.at(-1);
  for (const size of report.sizes) {
    const label = `${n0(size.tickets)} tickets`;
    const reads = size.run.rows.filter((row) => row.kind === 'read');
    const writes = size.run.rows.filter((row) => row.kind === 'write');
    const worstRead = Math.min(...reads.map((row) => row.rps / ceiling));
    const worstP99 = Math.max(...reads.map((row) => row.p99));
    out.push({ target: `${label}: reads >= 0.5 × hello world`, measured: `lowest ${n2(worstRead)}`, met: worstRead >= 0.5 });
    out.push({ target: `${label}: reads p99 < 10 ms at ${report.settings.connections} connections`, measured: `highest ${worstP99} ms`, met: worstP99 < 10 });
    if (writes.length > 0) {
      const worstWrite = Math.min(...writes.map((row) => row.rps / ceiling));
      out.push({ target: `${label}: writes >= 0.25 × hello world`, measured: `lowest ${n2(worstWrite)}`, met: worstWrite >= 0.25 });
      const lost = size.run.durability.reduce((sum, d) => sum + d.answered200 - d.foundAfterCrash, 0);
      const answered = size.run.durability.reduce((sum, d) => sum + d.answered200, 0);
      out.push({ target: `${label}: every 200 durable (SIGKILL, then count)`, measured: `${n0(answered - lost)} of ${n0(answered)} found`, met: lost === 0 });
    }
    const clean = size.run.rows.every((row) => row.non2xx === 0 && row.errors === 0);
    out.push({ target: `${label}: no errors, no non-2xx answers`, measured: clean ? 'none' : 'some (see table)', met: clean });
    out.push({ target: `${label}: peak RSS < 200 MB`, measured: `${n0(size.run.peakRssMb)} MB`, met: size.run.peakRssMb < 200 });
  }
  if (largest) {
    const ratios = largest.run.rows.filter((row) => row.kind === 'read').map((row) => row.rps / small.run.rows.find((r) => r.name === row.name)!.rps);
    const worst = Math.min(...ratios);
    out.push({ target: `${n0(largest.tickets)} vs ${n0(small.tickets)} tickets: reads >= 0.9`, measured: `lowest ${n2(worst)}`, met: worst >= 0.9 });
    out.push({ target: `start-up on ${n0(largest.tickets)} tickets < 1 s (npm start)`, measured: `${n0(largest.run.startupMs)} ms`, met: largest.run.startupMs < 1000 });
    out.push({ target: `start-up on ${n0(largest.tickets)} tickets < 1 s (node, no npm)`, measured: `${n0(largest.directStartupMs)} ms`, met: largest.directStartupMs < 1000 });
  }
  const mix = small.run.loginMix;
  if (mix) {
    out.push({ target: 'reads p99 < 10 ms while logins run', measured: `${mix.readsWithLogins.p99} ms`, met: mix.readsWithLogins.p99 < 10 });
  }
  return out;
}

export function renderReport(report: BenchReport): string {
  const ceiling = ceilingOf(report);
  const { machine, settings } = report;
  const out: string[] = [
    '# Benchmarks',
    '',
    `A real run of \`npm run bench\` on ${report.date}: ${machine.cores} cores (${machine.model}), Node ${machine.node}, ` +
      `load average ${machine.loadAverage.map(n2).join(' / ')} when it started (other work shares this machine).`,
    '',
    `Each row: ${settings.warmup} s of warm-up, then ${settings.seconds} s measured with autocannon on the same machine, ` +
      `${settings.connections} connections (login ${settings.loginConnections}). The server is started with \`npm start\` ` +
      `(NODE_ENV=production, LOG_LEVEL=warn, RATE_LIMIT_PER_MINUTE=0, WORKERS=${settings.workers}); requests carry staff Basic credentials ` +
      'and are spread over 200 sample customers or tickets. Peak RSS is the highest resident set of the server process(es) sampled ' +
      'during the row (npm and the tsx launcher not counted). The database is rebuilt by `scripts/bench/generate.ts`.',
    '',
    '## Ceiling: bare Fastify hello world',
    '',
    `${n0(report.ceiling.before.rps)} req/s before the server runs, ${n0(report.ceiling.after.rps)} req/s after ` +
      `(p99 ${report.ceiling.before.p99} / ${report.ceiling.after.p99} ms, ${n0(report.ceiling.cpuMicrosPerRequest)} µs of server CPU per request, ` +
      `${n0(report.ceiling.rssMb)} MB); ratios below use the mean, ${n0(ceiling)} req/s. "Server CPU µs/req" is the server processes' ` +
      'user + system time divided by the requests answered: unlike req/s it hardly moves when other work shares the cores.',
  ];
  for (const size of report.sizes) {
    out.push(
      '',
      `## ${n0(size.tickets)} tickets (${n0(size.customers)} customers, ${n0(size.responses)} responses)`,
      '',
      `Start-up to the first 200 from /health: ${n0(size.run.startupMs)} ms with \`npm start\`, ${n0(size.directStartupMs)} ms with ` +
        `\`node --import tsx src/server.ts\`. Peak RSS over the whole run: ${n0(size.run.peakRssMb)} MB.`,
      '',
      ...table(size.run, ceiling),
    );
    if (size.run.durability.length > 0) {
      const parts = size.run.durability.map((d) => `${d.table}: ${n0(d.foundAfterCrash)} of ${n0(d.answered200)} answered 200`);
      out.push('', `Durability: the server was killed with SIGKILL after the run; rows present afterwards: ${parts.join('; ')}.`);
    }
    const mix = size.run.loginMix;
    if (mix) {
      out.push(
        '',
        `Reads while logins run (${mix.readsAlone.name}, ${settings.connections} connections, beside ${settings.loginConnections} connections logging in): ` +
          `${n0(mix.readsWithLogins.rps)} req/s, p50 ${mix.readsWithLogins.p50} ms, p99 ${mix.readsWithLogins.p99} ms ` +
          `(alone: ${n0(mix.readsAlone.rps)} req/s, p99 ${mix.readsAlone.p99} ms); logins meanwhile ${n1(mix.logins.rps)}/s. ` +
          'Login is bounded by bcrypt (cost 12) by design.',
      );
    }
  }
  const [small, ...bigger] = report.sizes;
  if (bigger.length > 0) {
    const largest = bigger.at(-1)!;
    out.push('', `## ${n0(largest.tickets)} vs ${n0(small.tickets)} tickets`, '', '| endpoint | req/s small | req/s large | ratio |', '|---|---:|---:|---:|');
    for (const row of largest.run.rows.filter((r) => r.kind === 'read')) {
      const base = small.run.rows.find((r) => r.name === row.name)!;
      out.push(`| ${row.name} | ${n0(base.rps)} | ${n0(row.rps)} | ${n2(row.rps / base.rps)} |`);
    }
  }
  if (report.cluster) {
    const { workers, ceiling: clusterCeiling, run } = report.cluster;
    out.push(
      '',
      `## WORKERS=${workers} (${n0(small.tickets)} tickets)`,
      '',
      `Against a ${workers}-process hello world: ${n0(clusterCeiling.rps)} req/s. Start-up ${n0(run.startupMs)} ms, peak RSS of all processes ${n0(run.peakRssMb)} MB.`,
      '',
      ...table(run, clusterCeiling.rps),
    );
  }
  const largest = report.sizes.at(-1)!;
  if (report.compiled) out.push(
    '',
    '## Start-up without tsx',
    '',
    `\`npm start\` compiles TypeScript on the fly with tsx. For comparison, the same code compiled by tsc and run by plain node ` +
      `on the ${n0(largest.tickets)}-ticket database: ${n0(report.compiled.startupMs)} ms to the first 200 from /health ` +
      `(against ${n0(largest.directStartupMs)} ms with tsx), ${n0(report.compiled.rssMb)} MB resident when idle.`,
  );
  out.push('', '## Targets', '', '| target | measured | met |', '|---|---|---|');
  for (const t of targets(report)) out.push(`| ${t.target} | ${t.measured} | ${mark(t.met)} |`);
  return `${out.join('\n')}\n`;
}

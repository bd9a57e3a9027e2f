// `npm run bench`: builds (or reuses) the benchmark databases, measures a bare Fastify hello world as the
// ceiling, then the real server on each database size, and writes the tables to docs/benchmarks.md.
//   npm run bench -- --sizes 10000,1000000 --seconds 10 --warmup 3 --connections 50 --login-connections 8 --cluster 2
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { generate } from './generate.js';
import { runLoad } from './load.js';
import { measureServer, SERVER_ENV, startBenchServer, type Settings } from './measure.js';
import { startServer, withRssSampling } from './processes.js';
import { renderReport, type BenchReport, type SizeRun } from './report.js';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,1000000' },
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '50' },
    'login-connections': { type: 'string', default: '8' },
    cluster: { type: 'string', default: '2' },
    'compiled-startup': { type: 'string', default: 'yes' },
    'bcrypt-rounds': { type: 'string', default: '12' },
    'data-dir': { type: 'string', default: 'bench-data' },
    out: { type: 'string', default: 'docs/benchmarks.md' },
    port: { type: 'string', default: '18700' },
  },
});

const log = (line: string) => console.log(`[bench] ${line}`);
const settings: Settings = {
  seconds: Number(values.seconds),
  warmup: Number(values.warmup),
  connections: Number(values.connections),
  loginConnections: Number(values['login-connections']),
  log,
};
const sizes = values.sizes.split(',').map(Number);
const port = Number(values.port);
const clusterWorkers = Number(values.cluster);

async function measureHello(workers: number) {
  const helloPort = port + 1;
  const hello = await startServer({
    command: 'node_modules/.bin/tsx',
    args: ['scripts/bench/hello-world.ts'],
    cwd: process.cwd(),
    env: { PORT: String(helloPort), WORKERS: String(workers) },
    readyUrl: `http://127.0.0.1:${helloPort}/`,
  });
  try {
    const spec = { next: () => ({ path: '/' }) };
    const origin = `http://127.0.0.1:${helloPort}`;
    await runLoad({ origin, spec, connections: settings.connections, seconds: settings.warmup });
    const { result, peakMb, cpuSeconds } = await withRssSampling(hello, () => runLoad({ origin, spec, connections: settings.connections, seconds: settings.seconds }));
    const cpuMicrosPerRequest = (cpuSeconds * 1e6) / Math.max(1, result.total);
    log(`hello world (${workers} process${workers > 1 ? 'es' : ''}): ${result.rps.toFixed(0)} req/s, p99 ${result.p99} ms, ${cpuMicrosPerRequest.toFixed(0)} µs CPU/req`);
    return { result, peakMb, cpuMicrosPerRequest };
  } finally {
    await hello.stop();
  }
}

async function directStartup(path: string) {
  const server = await startBenchServer(path, port + 2, {}, 'node');
  await server.stop();
  return server.startupMs;
}

/** For comparison only: the same server compiled ahead of time by tsc, run by node without tsx. */
async function compiledStartup(path: string) {
  const out = `${values['data-dir']}/dist`;
  rmSync(out, { recursive: true, force: true });
  execFileSync('node_modules/.bin/tsc', ['-p', '.', '--noEmit', 'false', '--outDir', out]);
  cpSync('migrations', `${out}/migrations`, { recursive: true });
  // The OpenAPI document reads its version from package.json, beside src/ as in the repository.
  cpSync('package.json', `${out}/package.json`);
  const server = await startServer({
    command: process.execPath,
    args: [`${out}/src/server.js`],
    cwd: process.cwd(),
    env: { ...SERVER_ENV, PORT: String(port + 2), DATABASE_URL: `file:${path}` },
    readyUrl: `http://127.0.0.1:${port + 2}/health`,
  });
  const rssMb = server.rssMb();
  await server.stop();
  return { startupMs: server.startupMs, rssMb };
}

async function main() {
  const startLoad = loadavg();
  const databases = sizes.map((tickets) => {
    const path = `${values['data-dir']}/tickets-${tickets}.sqlite`;
    return { path, manifest: generate({ tickets, path, bcryptRounds: Number(values['bcrypt-rounds']), log }) };
  });

  const before = await measureHello(1);
  const runs: SizeRun[] = [];
  for (const [index, { path, manifest }] of databases.entries()) {
    const run = await measureServer(`${manifest.tickets} tickets`, path, manifest, port, {}, settings, {
      kinds: ['read', 'write', 'login'],
      loginMix: index === 0,
    });
    runs.push({ tickets: manifest.tickets, customers: manifest.customers, responses: manifest.responses, run, directStartupMs: await directStartup(path) });
  }
  let cluster: BenchReport['cluster'];
  if (clusterWorkers > 1) {
    const clusterCeiling = await measureHello(clusterWorkers);
    const { path, manifest } = databases[0];
    const run = await measureServer(`${manifest.tickets} tickets, WORKERS=${clusterWorkers}`, path, manifest, port, { WORKERS: String(clusterWorkers) }, settings, {
      kinds: ['read', 'write'],
      loginMix: false,
    });
    cluster = { workers: clusterWorkers, ceiling: clusterCeiling.result, run };
  }
  const after = await measureHello(1);
  const compiled = values['compiled-startup'] === 'yes' ? await compiledStartup(databases.at(-1)!.path) : undefined;
  if (compiled) log(`compiled JS: started in ${compiled.startupMs.toFixed(0)} ms, ${compiled.rssMb.toFixed(0)} MB idle`);

  const report: BenchReport = {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + ' UTC',
    machine: { cores: cpus().length, model: cpus()[0]?.model ?? 'unknown', node: process.version, loadAverage: startLoad },
    settings: { seconds: settings.seconds, warmup: settings.warmup, connections: settings.connections, loginConnections: settings.loginConnections, workers: 1 },
    ceiling: {
      before: before.result,
      after: after.result,
      rssMb: Math.max(before.peakMb, after.peakMb),
      cpuMicrosPerRequest: (before.cpuMicrosPerRequest + after.cpuMicrosPerRequest) / 2,
    },
    sizes: runs,
    cluster,
    compiled,
  };
  const markdown = renderReport(report);
  mkdirSync(dirname(values.out), { recursive: true });
  writeFileSync(values.out, markdown);
  console.log(markdown);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

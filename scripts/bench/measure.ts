// Measures one started server: every scenario (warm-up, then the measured run with RSS sampling), reads
// while logins run, then a SIGKILL and a count proving that every write answered 200 is on disk.
import Database from 'better-sqlite3';
import { runLoad, type LoadResult, type RequestSpec } from './load.js';
import type { Manifest } from './manifest.js';
import { startServer, withRssSampling, type ServerProcess } from './processes.js';
import { scenarios, type Scenario } from './scenarios.js';

export type Settings = { seconds: number; warmup: number; connections: number; loginConnections: number; log: (line: string) => void };

export type Row = LoadResult & { name: string; kind: Scenario['kind']; peakRssMb: number; connections: number; cpuMicrosPerRequest: number };
export type Durability = { table: string; answered200: number; foundAfterCrash: number };
export type ServerRun = {
  label: string;
  startupMs: number;
  rows: Row[];
  peakRssMb: number;
  durability: Durability[];
  loginMix?: { readsAlone: Row; readsWithLogins: LoadResult; logins: LoadResult };
};

export const SERVER_ENV = {
  NODE_ENV: 'production',
  JWT_SECRET: 'benchmark-secret-benchmark-secret-benchmark',
  RATE_LIMIT_PER_MINUTE: '0',
  LOG_LEVEL: 'warn',
  HOST: '127.0.0.1',
};

export function startBenchServer(databasePath: string, port: number, extraEnv: Record<string, string>, command: 'npm' | 'node' = 'npm') {
  const [bin, args] = command === 'npm' ? ['npm', ['start']] : [process.execPath, ['--import', 'tsx', 'src/server.ts']];
  return startServer({
    command: bin as string,
    args: args as string[],
    cwd: process.cwd(),
    env: { ...SERVER_ENV, PORT: String(port), DATABASE_URL: `file:${databasePath}`, ...extraEnv },
    readyUrl: `http://127.0.0.1:${port}/health`,
  });
}

/** Warm-up (discarded), then the measured run while the server's RSS is sampled. */
export async function measure(server: ServerProcess, origin: string, spec: RequestSpec, connections: number, settings: Settings) {
  await runLoad({ origin, spec, connections, seconds: settings.warmup });
  return withRssSampling(server, () => runLoad({ origin, spec, connections, seconds: settings.seconds }));
}

const maxId = (databasePath: string, table: string) => {
  const db = new Database(databasePath, { readonly: true });
  try {
    return (db.prepare(`select coalesce(max(id), 0) as id from ${table}`).get() as { id: number }).id;
  } finally {
    db.close();
  }
};

/** How many of `ids` are rows of `table` (all of them were added after `since`). */
const countPresent = (databasePath: string, table: string, since: number, ids: number[]) => {
  const db = new Database(databasePath);
  try {
    const present = new Set(db.prepare(`select id from ${table} where id > ?`).pluck().all(since) as number[]);
    return ids.filter((id) => present.has(id)).length;
  } finally {
    db.close();
  }
};

export async function measureServer(
  label: string,
  databasePath: string,
  manifest: Manifest,
  port: number,
  env: Record<string, string>,
  settings: Settings,
  { kinds, loginMix }: { kinds: Scenario['kind'][]; loginMix: boolean },
): Promise<ServerRun> {
  const origin = `http://127.0.0.1:${port}`;
  const server = await startBenchServer(databasePath, port, env);
  settings.log(`${label}: started in ${server.startupMs.toFixed(0)} ms`);
  const rows: Row[] = [];
  const written: Array<{ table: string; before: number; ids: number[] }> = [];
  const all = scenarios(manifest).filter((scenario) => kinds.includes(scenario.kind));
  try {
    for (const scenario of all) {
      const connections = scenario.kind === 'login' ? settings.loginConnections : settings.connections;
      if (scenario.writes) written.push({ table: scenario.writes.table, before: maxId(databasePath, scenario.writes.table), ids: scenario.writes.ids });
      const { result, peakMb, cpuSeconds } = await measure(server, origin, scenario.spec, connections, settings);
      const cpuMicrosPerRequest = (cpuSeconds * 1e6) / Math.max(1, result.total);
      rows.push({ ...result, name: scenario.name, kind: scenario.kind, peakRssMb: peakMb, connections, cpuMicrosPerRequest });
      settings.log(
        `${label}: ${scenario.name}: ${result.rps.toFixed(0)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms, ${cpuMicrosPerRequest.toFixed(0)} µs CPU/req, non-2xx ${result.non2xx}`,
      );
    }
    let mix: ServerRun['loginMix'];
    if (loginMix) {
      const [read, login] = [all.find((s) => s.kind === 'read')!, all.find((s) => s.kind === 'login')!];
      const [reads, logins] = await Promise.all([
        runLoad({ origin, spec: read.spec, connections: settings.connections, seconds: settings.seconds }),
        runLoad({ origin, spec: login.spec, connections: settings.loginConnections, seconds: settings.seconds }),
      ]);
      mix = { readsAlone: rows.find((row) => row.name === read.name)!, readsWithLogins: reads, logins };
      settings.log(`${label}: ${read.name} during logins: ${reads.rps.toFixed(0)} req/s, p99 ${reads.p99} ms; logins ${logins.rps.toFixed(1)}/s`);
    }
    const peakRssMb = server.peakRssMb();
    // A crash, not a graceful close: whatever was answered 200 must already be on disk.
    await server.stop('SIGKILL');
    const durability = written.map(({ table, before, ids }) => ({ table, answered200: ids.length, foundAfterCrash: countPresent(databasePath, table, before, ids) }));
    return { label, startupMs: server.startupMs, rows, peakRssMb, durability, loginMix: mix };
  } finally {
    await server.stop('SIGKILL');
  }
}

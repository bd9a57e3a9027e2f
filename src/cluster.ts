// WORKERS > 1: the primary process forks one worker per WORKERS, each a whole server on the same port and
// the same SQLite file (WAL lets readers run beside a writer; busy_timeout queues writers). The primary
// serves nothing itself: it restarts a worker that dies and, on SIGTERM or SIGINT, tells every worker to
// finish its requests and waits for them. Workers ignore those signals themselves (a terminal or a
// process-group kill sends them to every process at once) and close when the primary says so or goes away.
import cluster, { type Worker } from 'node:cluster';

const SHUTDOWN = 'ticaga:shutdown';
const RESTART_WINDOW_MS = 10_000;
const MAX_RESTARTS_IN_WINDOW = 5;

export function runPrimary({ workers, log, graceMs = 15_000 }: { workers: number; log: (line: string) => void; graceMs?: number }): void {
  let stopping = false;
  const recentDeaths: number[] = [];
  const listening = new WeakSet<Worker>();
  cluster.on('listening', (worker) => listening.add(worker));
  const alive = () => Object.values(cluster.workers ?? {}).filter((worker): worker is Worker => worker !== undefined && !worker.isDead());

  function stop(code: number) {
    if (stopping) return;
    stopping = true;
    if (alive().length === 0) process.exit(code);
    // A worker still booting has no listener for the message yet: it is told once it listens.
    for (const worker of alive()) {
      if (listening.has(worker)) worker.send(SHUTDOWN);
      else worker.once('listening', () => worker.send(SHUTDOWN));
    }
    setTimeout(() => {
      for (const worker of alive()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, graceMs).unref();
    cluster.on('exit', () => {
      if (alive().length === 0) process.exit(code);
    });
  }

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    const now = Date.now();
    recentDeaths.push(now);
    while (recentDeaths[0] < now - RESTART_WINDOW_MS) recentDeaths.shift();
    if (recentDeaths.length > MAX_RESTARTS_IN_WINDOW) {
      log(`workers keep exiting (last: ${signal ?? code}); stopping`);
      stop(1);
      return;
    }
    log(`worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
    cluster.fork();
  });

  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  for (let i = 0; i < workers; i++) cluster.fork();
}

/** In a worker: resolves when the primary asks this worker to stop, or goes away. Signals are left to the primary. */
export function primaryAsksToStop(): Promise<void> {
  return new Promise((resolve) => {
    process.on('message', (message) => message === SHUTDOWN && resolve());
    process.on('disconnect', () => resolve());
    process.on('SIGTERM', () => {});
    process.on('SIGINT', () => {});
  });
}

// Starting and stopping the measured servers, and reading their memory from /proc: a server runs in its
// own process group (npm -> sh -> tsx -> node, plus cluster workers), and only the node processes that
// run the app are counted, not npm, the tsx launcher or esbuild.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

export type ServerProcess = {
  child: ChildProcess;
  /** Milliseconds from spawn until GET `readyPath` answered 200. */
  startupMs: number;
  appPids: () => number[];
  /** Current resident set of the app processes together, in MB. */
  rssMb: () => number;
  /** Lifetime peak (VmHWM) of the app processes together, in MB. */
  peakRssMb: () => number;
  /** CPU time (user + system) the app processes have used so far, in seconds. */
  cpuSeconds: () => number;
  /** SIGTERM (a graceful close) or SIGKILL (a crash) to the whole group; resolves once every process is gone. */
  stop: (signal?: 'SIGTERM' | 'SIGKILL') => Promise<void>;
};

function childrenOf(pid: number): number[] {
  try {
    return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
      readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    return [];
  }
}

function descendantsOf(pid: number): number[] {
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const next = queue.shift()!;
    out.push(next);
    queue.push(...childrenOf(next));
  }
  return out;
}

function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** kB figure of one /proc/<pid>/status line, 0 when the process is gone. */
function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0;
  }
}

function isRunning(pid: number): boolean {
  try {
    return !readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z ');
  } catch {
    return false;
  }
}

/** utime + stime of one process, in seconds (fields 14 and 15 of /proc/<pid>/stat, in clock ticks of 1/100 s). */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const isAppProcess = (pid: number) => {
  const line = cmdline(pid);
  return /(^|\/)node /.test(line) && !line.includes('.bin/tsx') && !line.includes('npm');
};

async function answers(url: string): Promise<boolean> {
  try {
    await fetch(url);
    return true;
  } catch {
    return false;
  }
}

async function waitForOk(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url);
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error(`no 200 from ${url} within ${timeoutMs} ms`);
}

export async function startServer({
  command,
  args,
  env,
  cwd,
  readyUrl,
  log,
}: {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  readyUrl: string;
  log?: (chunk: string) => void;
}): Promise<ServerProcess> {
  // A server left over from an interrupted run would answer in place of this one and be measured instead.
  if (await answers(readyUrl)) throw new Error(`something already answers ${readyUrl}: stop it before benchmarking`);
  const started = performance.now();
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    log?.(chunk.toString());
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  try {
    await waitForOk(readyUrl, child, 60_000);
  } catch (error) {
    if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
    throw new Error(`${(error as Error).message}\n${output}`);
  }
  const startupMs = performance.now() - started;
  const appPids = () => descendantsOf(child.pid!).filter(isAppProcess);
  const sum = (field: 'VmRSS' | 'VmHWM') => appPids().reduce((total, pid) => total + statusKb(pid, field), 0) / 1024;
  return {
    child,
    startupMs,
    appPids,
    rssMb: () => sum('VmRSS'),
    peakRssMb: () => sum('VmHWM'),
    cpuSeconds: () => appPids().reduce((total, pid) => total + cpuOf(pid), 0),
    stop: async (signal = 'SIGTERM') => {
      const pids = descendantsOf(child.pid!);
      const alive = () => pids.filter(isRunning);
      try {
        process.kill(-child.pid!, signal);
      } catch {
        return;
      }
      // npm may exit before the server has finished closing: wait for every process of the group.
      for (let waited = 0; alive().length > 0; waited += 10) {
        if (waited === 15_000) process.kill(-child.pid!, 'SIGKILL');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
  };
}

/** Samples the servers' resident set while `work` runs; answers the highest reading in MB. */
export async function withRssSampling<T>(server: ServerProcess, work: () => Promise<T>): Promise<{ result: T; peakMb: number; cpuSeconds: number }> {
  let peakMb = server.rssMb();
  const cpuBefore = server.cpuSeconds();
  const timer = setInterval(() => {
    peakMb = Math.max(peakMb, server.rssMb());
  }, 100);
  try {
    const result = await work();
    peakMb = Math.max(peakMb, server.rssMb());
    return { result, peakMb, cpuSeconds: server.cpuSeconds() - cpuBefore };
  } finally {
    clearInterval(timer);
  }
}

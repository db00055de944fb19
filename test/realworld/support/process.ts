/**
 * The real servers of the real-world suite run as this test's own child processes: each in its own process group
 * (so a "crash" kills the master and its workers together), with its output kept for error messages, and a bounded
 * wait for the TCP ports it should listen on.
 *
 *   const p = startProcess('nginx', '/usr/sbin/nginx', ['-c', conf, ...]);
 *   await waitForListening([{ host: '127.0.0.1', port: 8080 }], p);   // throws with p's output if it died
 *   await p.kill('SIGKILL');                                           // the whole group; resolves when it exited
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';

export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly child: ChildProcess;
  /** stdout and stderr so far (capped). */
  output(): string;
  /** The exit code/signal once exited, else null. */
  exited(): { code: number | null; signal: NodeJS.Signals | null } | null;
  /** Resolves when the process has exited (at most `timeoutMs`, then rejects). */
  waitForExit(timeoutMs?: number): Promise<void>;
  /** Signals the whole process group and waits for the leader to exit (SIGKILL after `timeoutMs` if still alive). */
  kill(signal?: NodeJS.Signals, timeoutMs?: number): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function startProcess(
  name: string,
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): ManagedProcess {
  // detached: its own process group, so kill(-pid) reaches the master and every worker it forks.
  const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env });
  let out = '';
  const keep = (b: Buffer): void => {
    out = (out + b.toString('utf8')).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exit: { code: number | null; signal: NodeJS.Signals | null } | null = null;
  const exitedPromise = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      resolve();
    });
    child.once('error', (err) => {
      keep(Buffer.from(`\n[spawn error] ${err.message}\n`));
      exit = { code: -1, signal: null };
      resolve();
    });
  });
  if (child.pid === undefined) throw new Error(`${name}: could not start ${command}`);
  const pid = child.pid;

  const waitForExit = async (timeoutMs = 10_000): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      exitedPromise,
      new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(
            () => reject(new Error(`${name} (pid ${pid}) did not exit within ${timeoutMs} ms`)),
            timeoutMs,
          )),
      ),
    ]).finally(() => clearTimeout(timer));
  };

  const signalGroup = (signal: NodeJS.Signals): void => {
    try {
      process.kill(-pid, signal);
    } catch {
      /* the group is gone */
    }
  };

  const groupAlive = (): boolean => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };

  return {
    name,
    pid,
    child,
    output: () => out,
    exited: () => exit,
    waitForExit,
    async kill(signal = 'SIGTERM', timeoutMs = 10_000) {
      signalGroup(signal);
      try {
        await waitForExit(timeoutMs);
      } catch {
        signalGroup('SIGKILL');
        await waitForExit(5_000);
      }
      // Workers outlive a killed master for a moment (nginx workers notice the master's death on their own):
      // wait until the whole group is gone, so its ports are really closed when this resolves.
      const end = Date.now() + timeoutMs;
      while (groupAlive()) {
        if (Date.now() > end) {
          signalGroup('SIGKILL');
          if (Date.now() > end + 5_000) throw new Error(`${name}: process group ${pid} still alive`);
        }
        await sleep(25);
      }
    },
  };
}

export interface Endpoint {
  host: string;
  port: number;
}

/** True when a TCP connection to host:port is accepted. */
export function accepts({ host, port }: Endpoint, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** Polls until every endpoint accepts connections; throws (with the process's output) if it exits or time runs out. */
export async function waitForListening(
  endpoints: Endpoint[],
  proc?: ManagedProcess,
  timeoutMs = 15_000,
): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const exit = proc?.exited();
    if (exit)
      throw new Error(`${proc!.name} exited (${exit.code ?? exit.signal}) before listening:\n${proc!.output()}`);
    const ok = await Promise.all(endpoints.map((e) => accepts(e)));
    if (ok.every(Boolean)) return;
    if (Date.now() > end) {
      const missing = endpoints.filter((_, i) => !ok[i]).map((e) => `${e.host}:${e.port}`);
      throw new Error(
        `${proc?.name ?? 'server'} not listening on ${missing.join(', ')} within ${timeoutMs} ms:\n${proc?.output() ?? ''}`,
      );
    }
    await sleep(50);
  }
}

/** Polls until nothing accepts connections on the endpoints any more (after a stop or a crash). */
export async function waitForClosed(endpoints: Endpoint[], timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const ok = await Promise.all(endpoints.map((e) => accepts(e, 500)));
    if (!ok.some(Boolean)) return;
    if (Date.now() > end)
      throw new Error(
        `still accepting connections after ${timeoutMs} ms: ${endpoints
          .filter((_, i) => ok[i])
          .map((e) => `${e.host}:${e.port}`)
          .join(', ')}`,
      );
    await sleep(50);
  }
}

/** Runs a command to completion (the Linux commands netwhy suggests, run for real) and returns its output. */
export function run(
  command: string,
  args: string[],
  timeoutMs = 15_000,
): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs });
  if (r.error) throw new Error(`${command} ${args.join(' ')}: ${r.error.message}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * What nginx and Apache have in common as this test's own processes: a temporary directory, the ports they should
 * listen on, `start()` (again, after a crash or stop) until every port accepts, and `dispose()` that kills what is
 * left and removes the directory. `started()` is the first start: a server that fails to start is disposed of.
 *
 *   const srv = serverProcess('nginx', tmp, endpoints, () => startProcess('nginx', NGINX, args));
 *   return started({ get process() { return srv.process; }, start: srv.start, dispose: srv.dispose, crash() {...} });
 */
import { waitForListening, type Endpoint, type ManagedProcess } from './process';

export interface ServerProcess {
  readonly process: ManagedProcess | null;
  /** Spawns the server and waits until every endpoint accepts; throws if it is already running. */
  start(): Promise<void>;
  /** Kills the server if it runs and removes its temporary directory. Safe to call twice. */
  dispose(): Promise<void>;
}

/** `8080` (every IPv4 address, reached at 127.0.0.1) or `127.0.0.1:8084`: nginx's `listen`, Apache's `Listen`. */
export function endpointOf(listen: string, what: string): Endpoint {
  const m = /^(?:(\d{1,3}(?:\.\d{1,3}){3}):)?(\d+)$/.exec(listen.trim());
  if (!m) throw new Error(`${what}: unsupported value ${JSON.stringify(listen)}`);
  return { host: m[1] ?? '127.0.0.1', port: Number(m[2]) };
}

export function serverProcess(
  name: string,
  tmp: { remove(): void },
  endpoints: Endpoint[],
  spawn: () => ManagedProcess,
): ServerProcess {
  let proc: ManagedProcess | null = null;
  let disposed = false;
  return {
    get process() {
      return proc;
    },
    async start() {
      if (proc && !proc.exited()) throw new Error(`${name} is already running`);
      proc = spawn();
      await waitForListening(endpoints, proc);
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      try {
        if (proc && !proc.exited()) await proc.kill('SIGKILL');
      } finally {
        tmp.remove();
      }
    },
  };
}

/** Starts `server` once; if that fails, disposes of it (process and directory) and rethrows. */
export async function started<T extends Pick<ServerProcess, 'start' | 'dispose'>>(server: T): Promise<T> {
  try {
    await server.start();
  } catch (err) {
    await server.dispose();
    throw err;
  }
  return server;
}

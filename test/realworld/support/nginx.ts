/**
 * A real nginx as this test's own process: a generated config in a temporary directory, its own pid file, error and
 * access logs, in the foreground (`daemon off`), never the system service.
 *
 *   const ng = await startNginx([{ listen: '8080', body: 'location / { return 200 "<html>ok</html>"; }' }]);
 *   await ng.crash();          // SIGKILL to master and workers: what a crash looks like from outside
 *   await ng.start();          // the same config again
 *   await ng.stop();           // graceful (SIGQUIT), then the temporary directory is removed
 *
 * `listen` is nginx's own syntax: `8080` is every IPv4 address (0.0.0.0:8080), `127.0.0.1:8084` is loopback only.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, waitForClosed, waitForListening, type Endpoint, type ManagedProcess } from './process';
import { tempDir } from './tmp';

export const NGINX = '/usr/sbin/nginx';

export interface NginxServerBlock {
  /** nginx `listen` value: `8080` (0.0.0.0:8080) or `127.0.0.1:8084`. */
  listen: string;
  /** Directives inside `server { }` after `listen`, e.g. `location / { return 444; }`. */
  body: string;
}

export interface Nginx {
  readonly dir: string;
  readonly configFile: string;
  /** Where each server block listens, as a client on this machine reaches it. */
  readonly endpoints: Endpoint[];
  readonly process: ManagedProcess | null;
  /** Starts nginx with the config (again, after a crash or stop) and waits until every port accepts. */
  start(): Promise<void>;
  /** SIGKILL to the whole process group (master and workers), then waits until the ports refuse. */
  crash(): Promise<void>;
  /** Graceful stop (SIGQUIT), waits for exit; the directory stays until dispose(). */
  stop(): Promise<void>;
  errorLog(): string;
  accessLog(): string;
  /** Stops if running and removes the temporary directory. Safe to call twice. */
  dispose(): Promise<void>;
}

/** A 200 page that says which server answered. */
export function okPage(text: string): string {
  return `location / { default_type text/html; return 200 "<!doctype html><html><head><title>${text}</title></head><body><h1>${text}</h1></body></html>"; }`;
}

function endpointOf(listen: string): Endpoint {
  const m = /^(?:(\d{1,3}(?:\.\d{1,3}){3}):)?(\d+)$/.exec(listen.trim());
  if (!m) throw new Error(`nginx listen: unsupported value ${JSON.stringify(listen)}`);
  return { host: m[1] ?? '127.0.0.1', port: Number(m[2]) };
}

export function nginxConfig(dir: string, servers: NginxServerBlock[]): string {
  const p = (f: string) => join(dir, f);
  return [
    'worker_processes 1;',
    `error_log ${p('error.log')} info;`,
    'events { worker_connections 64; }',
    'http {',
    `  access_log ${p('access.log')};`,
    `  client_body_temp_path ${p('client_body')};`,
    `  proxy_temp_path ${p('proxy')};`,
    `  fastcgi_temp_path ${p('fastcgi')};`,
    `  uwsgi_temp_path ${p('uwsgi')};`,
    `  scgi_temp_path ${p('scgi')};`,
    // No keep-alive: every load is a new connection, as it would be after the server restarts.
    '  keepalive_timeout 0;',
    ...servers.map((s) => `  server {\n    listen ${s.listen};\n    server_name _;\n    ${s.body}\n  }`),
    '}',
    '',
  ].join('\n');
}

export async function startNginx(servers: NginxServerBlock[]): Promise<Nginx> {
  const tmp = tempDir('nginx');
  const dir = tmp.path;
  const configFile = join(dir, 'nginx.conf');
  writeFileSync(configFile, nginxConfig(dir, servers));
  const endpoints = servers.map((s) => endpointOf(s.listen));
  let proc: ManagedProcess | null = null;
  let disposed = false;
  const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');

  const start = async (): Promise<void> => {
    if (proc && !proc.exited()) throw new Error('nginx is already running');
    // -e: the error log before the config is read (else /var/log/nginx/error.log); -p: prefix for relative paths.
    proc = startProcess('nginx', NGINX, [
      '-p',
      dir,
      '-e',
      join(dir, 'error.log'),
      '-c',
      configFile,
      '-g',
      `daemon off; pid ${join(dir, 'nginx.pid')};`,
    ]);
    await waitForListening(endpoints, proc);
  };
  const ng: Nginx = {
    dir,
    configFile,
    endpoints,
    get process() {
      return proc;
    },
    start,
    async crash() {
      if (!proc) throw new Error('nginx is not running');
      await proc.kill('SIGKILL');
      await waitForClosed(endpoints);
    },
    async stop() {
      if (!proc || proc.exited()) return;
      await proc.kill('SIGQUIT');
      await waitForClosed(endpoints);
    },
    errorLog: () => read('error.log'),
    accessLog: () => read('access.log'),
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
  try {
    await start();
  } catch (err) {
    await ng.dispose();
    throw err;
  }
  return ng;
}

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
import { startProcess, waitForClosed, type Endpoint, type ManagedProcess } from './process';
import { endpointOf, serverProcess, started } from './server';
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
  const endpoints = servers.map((s) => endpointOf(s.listen, 'nginx listen'));
  const read = (f: string) => (existsSync(join(dir, f)) ? readFileSync(join(dir, f), 'utf8') : '');
  // -e: the error log before the config is read (else /var/log/nginx/error.log); -p: prefix for relative paths.
  const args = [
    '-p',
    dir,
    '-e',
    join(dir, 'error.log'),
    '-c',
    configFile,
    '-g',
    `daemon off; pid ${join(dir, 'nginx.pid')};`,
  ];
  const srv = serverProcess('nginx', tmp, endpoints, () => startProcess('nginx', NGINX, args));
  return started<Nginx>({
    dir,
    configFile,
    endpoints,
    get process() {
      return srv.process;
    },
    start: srv.start,
    async crash() {
      const proc = srv.process;
      if (!proc) throw new Error('nginx is not running');
      await proc.kill('SIGKILL');
      await waitForClosed(endpoints);
    },
    async stop() {
      const proc = srv.process;
      if (!proc || proc.exited()) return;
      await proc.kill('SIGQUIT');
      await waitForClosed(endpoints);
    },
    errorLog: () => read('error.log'),
    accessLog: () => read('access.log'),
    dispose: srv.dispose,
  });
}

/**
 * A real Apache httpd (Debian's /usr/sbin/apache2) as this test's own process: its own ServerRoot, PidFile,
 * ErrorLog and Mutex directory in a temporary directory, modules loaded from /usr/lib/apache2/modules, in the
 * foreground (`-DFOREGROUND`), never the system service (no apache2ctl, no /etc/apache2).
 *
 *   const ap = await startApache({ listen: ['8081'], pages: { 'index.html': '<html>ok</html>' } });
 *   await ap.gracefulStop();   // SIGWINCH (apachectl graceful-stop): finishes requests in flight, then exits
 *   await ap.dispose();
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startProcess, waitForClosed, type Endpoint, type ManagedProcess } from './process';
import { endpointOf, serverProcess, started } from './server';
import { tempDir } from './tmp';

export const APACHE = '/usr/sbin/apache2';
export const APACHE_MODULES = '/usr/lib/apache2/modules';

export interface ApacheOptions {
  /** `Listen` values: `8081` (every address) or `127.0.0.1:8081`. */
  listen: string[];
  /** Files of the DocumentRoot. */
  pages: Record<string, string>;
}

export interface Apache {
  readonly dir: string;
  readonly endpoints: Endpoint[];
  readonly process: ManagedProcess | null;
  start(): Promise<void>;
  /** `apachectl -k graceful-stop` without apachectl: SIGWINCH to the parent, then waits for exit and closed ports. */
  gracefulStop(): Promise<void>;
  errorLog(): string;
  dispose(): Promise<void>;
}

export function apacheConfig(dir: string, opts: ApacheOptions): string {
  const mod = (name: string) => `LoadModule ${name}_module ${APACHE_MODULES}/mod_${name}.so`;
  return [
    `ServerRoot ${dir}`,
    'ServerName site.test',
    `PidFile ${join(dir, 'httpd.pid')}`,
    `ErrorLog ${join(dir, 'error.log')}`,
    'LogLevel info',
    `Mutex file:${dir} default`,
    `DefaultRuntimeDir ${dir}`,
    mod('mpm_event'),
    mod('authz_core'),
    mod('mime'),
    mod('dir'),
    `LogFormat "%h %l %u %t \\"%r\\" %>s %b" common`,
    `CustomLog ${join(dir, 'access.log')} common`,
    ...opts.listen.map((l) => `Listen ${l}`),
    'User nobody',
    'Group nogroup',
    'StartServers 1',
    'KeepAlive Off',
    `TypesConfig /etc/mime.types`,
    `DocumentRoot ${join(dir, 'htdocs')}`,
    'DirectoryIndex index.html',
    `<Directory ${join(dir, 'htdocs')}>`,
    '  Require all granted',
    '</Directory>',
    '',
  ].join('\n');
}

export async function startApache(opts: ApacheOptions): Promise<Apache> {
  const tmp = tempDir('apache');
  const dir = tmp.path;
  // Apache's children run as nobody: they must be able to read the DocumentRoot (mkdtemp makes 0700 directories).
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'htdocs'), { mode: 0o755 });
  for (const [name, body] of Object.entries(opts.pages)) writeFileSync(join(dir, 'htdocs', name), body);
  const configFile = join(dir, 'httpd.conf');
  writeFileSync(configFile, apacheConfig(dir, opts));
  const endpoints = opts.listen.map((l) => endpointOf(l, 'apache Listen'));
  const srv = serverProcess('apache', tmp, endpoints, () =>
    startProcess('apache2', APACHE, ['-f', configFile, '-DFOREGROUND']),
  );
  return started<Apache>({
    dir,
    endpoints,
    get process() {
      return srv.process;
    },
    start: srv.start,
    async gracefulStop() {
      const proc = srv.process;
      if (!proc || proc.exited()) throw new Error('apache is not running');
      // Signal the parent only (as apachectl does); it stops its children itself.
      process.kill(proc.pid, 'SIGWINCH');
      await proc.waitForExit(20_000);
      await waitForClosed(endpoints);
    },
    errorLog: () => (existsSync(join(dir, 'error.log')) ? readFileSync(join(dir, 'error.log'), 'utf8') : ''),
    dispose: srv.dispose,
  });
}

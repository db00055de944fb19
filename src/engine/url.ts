/** What the engine needs to know about a URL. Pure: uses only the WHATWG URL parser. */
export interface UrlFacts {
  /** The URL as given (trimmed, capped). */
  href: string;
  valid: boolean;
  /** Without the trailing colon: `http`, `https`, `file`, ... */
  scheme: string;
  /** Hostname without IPv6 brackets, lower case. */
  host: string;
  /** The port the browser connects to: explicit, or the scheme's default. 0 when unknown. */
  port: number;
  /** True when the URL names no port (or names the scheme's default one). */
  defaultPort: boolean;
  ipFamily: 4 | 6 | null;
  /** The server is on this device: `localhost`, `*.localhost`, 127.0.0.0/8, ::1. */
  loopback: boolean;
  /** A private-range address (10/8, 172.16/12, 192.168/16, 169.254/16, fc00::/7, fe80::/10). */
  privateAddress: boolean;
  /** A name that only resolves inside a local or company network (`.local`, `.internal`, `.corp`, ...). */
  localName: boolean;
  /**
   * An address of a machine on a local network rather than a public site: a private, link-local, shared (100.64/10)
   * or documentation-range address, a local name, or a one-label name (`nas`). A server on this computer that
   * listens on 127.0.0.1 only is refused at such an address while it answers on loopback.
   */
  lan: boolean;
}

const DEFAULT_PORTS: Record<string, number> = { http: 80, https: 443, ws: 80, wss: 443, ftp: 21 };
const LOCAL_SUFFIXES = ['.local', '.internal', '.home.arpa', '.lan', '.corp', '.intranet', '.home', '.localdomain'];
const MAX_URL = 4096;

export function analyzeUrl(input: unknown): UrlFacts {
  const href = typeof input === 'string' ? input.trim().slice(0, MAX_URL) : '';
  let parsed: URL;
  try {
    parsed = new URL(href);
  } catch {
    return {
      href,
      valid: false,
      scheme: '',
      host: '',
      port: 0,
      defaultPort: true,
      ipFamily: null,
      loopback: false,
      privateAddress: false,
      localName: false,
      lan: false,
    };
  }
  const scheme = parsed.protocol.replace(/:$/, '');
  const host = parsed.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  // Own keys only: a URL such as `constructor:` must not find Object's prototype here.
  const fallback = Object.hasOwn(DEFAULT_PORTS, scheme) ? DEFAULT_PORTS[scheme]! : 0;
  const port = parsed.port ? Number(parsed.port) : fallback;
  const ipFamily = ipv4(host) ? 4 : host.includes(':') ? 6 : null;
  const loopback = isLoopback(host, ipFamily);
  const privateAddress = isPrivate(host, ipFamily);
  const localName = ipFamily === null && LOCAL_SUFFIXES.some((s) => host.endsWith(s));
  return {
    href,
    valid: true,
    scheme,
    host,
    port,
    defaultPort: port === fallback,
    ipFamily,
    loopback,
    privateAddress,
    localName,
    lan:
      !loopback &&
      (privateAddress ||
        localName ||
        isUnrouted(host, ipFamily) ||
        (ipFamily === null && host !== '' && !host.includes('.'))),
  };
}

/** Addresses never routed on the public internet besides the private ranges: 100.64/10 and the documentation ranges. */
function isUnrouted(host: string, family: 4 | 6 | null): boolean {
  if (family === 6) return host.startsWith('2001:db8:') || host.startsWith('2001:0db8:');
  if (family !== 4) return false;
  const [a = 0, b = 0, c = 0] = ipv4(host) ?? [];
  return (
    (a === 100 && b >= 64 && b <= 127) ||
    (a === 192 && b === 0 && c === 2) ||
    (a === 198 && b === 51 && c === 100) ||
    (a === 203 && b === 0 && c === 113)
  );
}

function ipv4(host: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  return parts.every((n) => n <= 255) ? parts : null;
}

function isLoopback(host: string, family: 4 | 6 | null): boolean {
  if (family === 4) return host.startsWith('127.');
  if (family === 6) return host === '::1';
  return host === 'localhost' || host.endsWith('.localhost');
}

function isPrivate(host: string, family: 4 | 6 | null): boolean {
  if (family === 4) {
    const [a = 0, b = 0] = ipv4(host) ?? [];
    return a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (family === 6) return /^f[cd]/.test(host) || /^fe[89ab]/.test(host);
  return false;
}

/** `host:port` as people type it: IPv6 in brackets. */
export function hostPort(url: UrlFacts): string {
  const h = url.ipFamily === 6 ? `[${url.host}]` : url.host;
  return url.port ? `${h}:${url.port}` : h;
}

/** `host` on the scheme's default port, `host:port` otherwise (IPv6 in brackets): how people tell servers apart. */
export function siteLabel(url: UrlFacts): string {
  const h = url.ipFamily === 6 ? `[${url.host}]` : url.host;
  return url.defaultPort || !url.port ? h : `${h}:${url.port}`;
}

/** The URL without query, fragment and credentials. */
export function redactUrl(href: string, dropPath = false): string {
  try {
    const u = new URL(href);
    u.username = '';
    u.password = '';
    u.search = '';
    u.hash = '';
    if (dropPath) u.pathname = '/';
    return u.href;
  } catch {
    return href.replace(/[?#].*$/s, '');
  }
}

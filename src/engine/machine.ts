/**
 * Machines and their ports in the neighbourhood. The neighbourhood names sites `host` (the scheme's default port) or
 * `host:port` (`[v6]:port`); a machine is the host, and every loopback name is this one computer. Evidence is kept
 * per origin and per machine: "this machine answered on port 8085 a moment ago" says the machine is up and only this
 * port is closed, blocked or dropped.
 */
import { analyzeUrl } from './url';

export interface Site {
  /** Host name or address, IPv6 without brackets, lower case. */
  host: string;
  /** The port, or null for the scheme's default port. */
  port: number | null;
}

/** Splits a neighbourhood key (`example.com`, `site.test:8085`, `[::1]:3000`). */
export function parseSite(key: string): Site {
  const v6 = /^\[([^\]]+)\](?::(\d+))?$/.exec(key);
  if (v6) return { host: v6[1]!.toLowerCase(), port: v6[2] ? Number(v6[2]) : null };
  const m = /^(.*?):(\d+)$/.exec(key);
  return m ? { host: m[1]!.toLowerCase(), port: Number(m[2]) } : { host: key.toLowerCase(), port: null };
}

const LOOPBACK = 'loopback';

/** One name per machine: every loopback name (`localhost`, `*.localhost`, 127/8, ::1) is this computer. */
export function machineOf(host: string): string {
  const bare = host.replace(/^\[|\]$/g, '');
  const u = analyzeUrl(`http://${bare.includes(':') ? `[${bare}]` : bare}/`);
  return u.valid && u.loopback ? LOOPBACK : bare.toLowerCase();
}

/** Codes that say nothing about the path between here and a machine: a refusal is an answer, HTTP is an answer. */
export function isAnswer(code: string): boolean {
  return code === 'ERR_CONNECTION_REFUSED' || code === 'ERR_HTTP_RESPONSE_CODE_FAILURE' || code.startsWith('HTTP_');
}

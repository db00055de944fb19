/** Developers on localhost: the server is there, just not where the browser knocked. Evidence comes from probes. */
import type { Facts } from '../facts';
import type { ProbeResult } from '../failure';
import type { Evidence, Rule } from '../types';

const refused = (f: Facts) => f.error.code === 'ERR_CONNECTION_REFUSED' && f.url.loopback;
const openPorts = (f: Facts): ProbeResult[] => (f.failure.probes.ports ?? []).filter((p) => p.open);

function triedEvidence(f: Facts): Evidence[] {
  const tried = f.failure.probes.ports ?? [];
  if (tried.length === 0) return [];
  return [{
    text: `netwhy tried these ports on this computer: ${tried.map((p) => p.port).join(', ')}.`,
    pointsTo: 'neutral',
    source: 'probe',
  }];
}

/** The URL with another host or port, same path: the page the user most likely meant. */
function moved(f: Facts, target: ProbeResult): string {
  try {
    const u = new URL(f.url.href);
    u.hostname = target.host.includes(':') ? `[${target.host}]` : target.host;
    u.port = String(target.port);
    return u.href;
  } catch {
    return `http://${target.target}/`;
  }
}

export const localDevRules: readonly Rule[] = [
  {
    cause: 'localhost-ip-family',
    title: 'The server listens on the other IP family',
    summary: (f) => {
      const other = f.failure.probes.otherFamily!;
      return `A server answers on ${other.target} but not on ${f.url.ipFamily === 6 ? `[${f.url.host}]` : f.url.host}:${f.url.port}: it listens on ${other.host === '::1' ? 'IPv6 (::1)' : 'IPv4 (127.0.0.1)'} only.`;
    },
    verdict: 'server',
    score: 0.92,
    when: (f) => refused(f) && f.failure.probes.otherFamily?.open === true,
    evidence: (f) => [{
      text: `The same port answered on ${f.failure.probes.otherFamily!.target}.`,
      pointsTo: 'server',
      source: 'probe',
    }],
    steps: (f) => {
      const other = f.failure.probes.otherFamily!;
      return [
        { audience: 'you', text: `Open the address the server answers on.`, link: moved(f, other) },
        { audience: 'developer', text: 'Or make the server listen on both families, e.g. bind to "::" (with dual-stack) or to localhost, instead of one address.' },
        { audience: 'developer', text: '"localhost" may resolve to ::1 first: Node 17+ and some tools prefer IPv6, others bind 127.0.0.1.' },
      ];
    },
    commands: ['listen', 'connect'],
  },
  {
    cause: 'wrong-port',
    title: 'The server is on another port',
    summary: (f) => `Nothing answers on port ${f.url.port}, but something answers on ${openPorts(f).map((p) => p.port).join(', ')}.`,
    verdict: 'client',
    score: 0.85,
    when: (f) => refused(f) && openPorts(f).length > 0 && f.failure.probes.otherFamily?.open !== true,
    evidence: (f) => [
      { text: `Port ${openPorts(f)[0]!.port} on this computer answered right after port ${f.url.port} refused.`, pointsTo: 'client', source: 'probe' },
      ...triedEvidence(f),
    ],
    steps: (f) => [
      ...openPorts(f).slice(0, 3).map((p) => ({ audience: 'you' as const, text: `Try port ${p.port}:`, link: moved(f, p) })),
      { audience: 'developer', text: `Check which port your dev server prints on start, and the PORT setting your code reads (expected ${f.url.port}).` },
    ],
    commands: ['listen'],
  },
];

export { triedEvidence };

/** Developers on localhost: the server is there, just not where the browser knocked. Evidence comes from probes. */
import type { Facts } from '../facts';
import type { ProbeResult } from '../failure';
import type { Evidence, Rule } from '../types';
import { t } from '../i18n';

const refused = (f: Facts) => f.refused && f.url.loopback;
const openPorts = (f: Facts): ProbeResult[] => (f.failure.probes.ports ?? []).filter((p) => p.open);

function triedEvidence(f: Facts): Evidence[] {
  const tried = f.failure.probes.ports ?? [];
  if (tried.length === 0) return [];
  return [
    {
      text: t('ev_ports_tried', [tried.map((p) => p.port).join(', ')]),
      pointsTo: 'neutral',
      source: 'probe',
    },
  ];
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
    title: () => t('r_localhost_ip_family_title'),
    summary: (f) => {
      const other = f.failure.probes.otherFamily!;
      return t('r_localhost_ip_family_summary', [
        other.target,
        f.url.ipFamily === 6 ? `[${f.url.host}]` : f.url.host,
        f.url.port,
        other.host === '::1' ? 'IPv6 (::1)' : 'IPv4 (127.0.0.1)',
      ]);
    },
    verdict: 'server',
    score: 0.92,
    when: (f) => refused(f) && f.failure.probes.otherFamily?.open === true,
    evidence: (f) => [
      {
        text: t('r_localhost_ip_family_ev', [f.failure.probes.otherFamily!.target]),
        pointsTo: 'server',
        source: 'probe',
      },
    ],
    steps: (f) => {
      const other = f.failure.probes.otherFamily!;
      return [
        { audience: 'you', text: t('r_localhost_ip_family_step'), link: moved(f, other) },
        { audience: 'developer', text: t('r_localhost_ip_family_step2') },
        { audience: 'developer', text: t('r_localhost_ip_family_step3') },
      ];
    },
    commands: ['listen', 'connect'],
  },
  {
    cause: 'wrong-port',
    title: () => t('r_wrong_port_title'),
    summary: (f) =>
      t('r_wrong_port_summary', [
        f.url.port,
        openPorts(f)
          .map((p) => p.port)
          .join(', '),
      ]),
    verdict: 'client',
    score: 0.85,
    when: (f) => refused(f) && openPorts(f).length > 0 && f.failure.probes.otherFamily?.open !== true,
    evidence: (f) => [
      { text: t('r_wrong_port_ev', [openPorts(f)[0]!.port, f.url.port]), pointsTo: 'client', source: 'probe' },
      ...triedEvidence(f),
    ],
    steps: (f) => [
      ...openPorts(f)
        .slice(0, 3)
        .map((p) => ({ audience: 'you' as const, text: t('r_wrong_port_step', [p.port]), link: moved(f, p) })),
      { audience: 'developer', text: t('r_wrong_port_step2', [f.url.port]) },
    ],
    commands: ['listen'],
  },
];

export { moved, triedEvidence };

/**
 * Reasoning from evidence, not from the error code: the situations behind most refused and timed-out connections.
 * - A refusal is an answer: the machine was reached and nothing accepts connections on that port.
 * - This origin answered before → the server program stopped or crashed since.
 * - This machine answers on another port → this port has no listener, or a firewall rejects (refused) or drops
 *   (timeout) it.
 * - Silence is not a refusal: a timeout means packets were dropped or lost; the verdict follows the other evidence.
 * - Refused on a LAN address while the same port answers on loopback → the server listens on 127.0.0.1 only.
 */
import type { Facts } from '../facts';
import { t } from '../i18n';
import { clock, list, serverSide, where } from '../text';
import type { Evidence, Rule, Step, Verdict } from '../types';
import { hostPort } from '../url';
import { moved } from './local-dev';

/** `port 8085`, or the scheme's standard port when the neighbourhood remembered the site without one. */
const portWords = (port: number | null) => (port === null ? t('text_standard_port') : t('text_port', [port]));

const lastSuccess = (f: Facts) => f.failure.context.hostLastSuccess;

/** Loopback probes found a server nearby: the local-dev rules explain it better. */
const probeFoundServer = (f: Facts) =>
  f.failure.probes.otherFamily?.open === true || (f.failure.probes.ports ?? []).some((p) => p.open);

/** "site.test answered on port 8085 at 10:41: the machine is up and reachable." */
function machineEvidence(f: Facts): Evidence[] {
  const a = f.machineAnswered[0];
  if (!a) return [];
  return [
    {
      text: t('ev_machine_answered', [f.url.host, portWords(a.port), clock(a.time), f.url.port]),
      pointsTo: 'server',
      source: 'history',
    },
  ];
}

/** Firefox said "unknown host" for a name that loaded minutes ago: say so, and why it is read as a refusal. */
function unknownHostEvidence(f: Facts): Evidence[] {
  if (!f.unknownHostRead) return [];
  return [
    { text: t('ev_unknown_host_read', [f.url.host, clock(f.nameResolvedAt!)]), pointsTo: 'server', source: 'browser' },
  ];
}

function timeoutVerdict(f: Facts): Verdict {
  if (f.url.loopback || f.machineAnswered.length > 0 || lastSuccess(f) !== null) return 'server';
  if (f.otherHostsFailingAlike.length >= 2) return 'network';
  if (f.otherHostsOk.length > 0) return 'server';
  return 'unknown';
}

function timeoutSummary(f: Facts): string {
  const a = f.machineAnswered[0];
  if (f.url.loopback) return t('r_packets_dropped_summary_local', [f.url.port]);
  if (a) return t('r_packets_dropped_summary_machine', [f.url.host, portWords(a.port), f.url.port]);
  if (lastSuccess(f) !== null) return t('r_packets_dropped_summary_before', [where(f), clock(lastSuccess(f)!)]);
  if (f.otherHostsFailingAlike.length >= 2) return t('r_packets_dropped_summary_network', [f.url.host]);
  if (f.otherHostsOk.length > 0) return t('r_packets_dropped_summary_others_ok', [f.url.host]);
  return t('r_packets_dropped_summary', [where(f)]);
}

function timeoutSteps(f: Facts): Step[] {
  const port = f.url.port;
  if (f.url.loopback) {
    return [
      { audience: 'developer', text: t('r_packets_dropped_step_dev', [port]) },
      { audience: 'developer', text: t('r_packets_dropped_step_dev2', [port]) },
    ];
  }
  const network = timeoutVerdict(f) === 'network';
  const you: Step[] = network
    ? [
        { audience: 'you', text: t('r_packets_dropped_step_network') },
        { audience: 'you', text: t('r_packets_dropped_step_you') },
      ]
    : [
        { audience: 'you', text: t('r_packets_dropped_step_you') },
        { audience: 'you', text: t('r_packets_dropped_step_network') },
      ];
  return [
    ...you,
    { audience: 'owner', text: t('r_packets_dropped_step_owner', [port]) },
    { audience: 'owner', text: t('r_packets_dropped_step_owner2', [port]) },
    { audience: 'owner', text: t('r_packets_dropped_step_owner3') },
  ];
}

const boundToLoopback = (f: Facts) => f.refused && f.url.lan && f.failure.probes.onLoopback?.open === true;

export const reachabilityRules: readonly Rule[] = [
  {
    cause: 'server-stopped',
    title: () => t('r_server_stopped_title'),
    summary: (f) =>
      f.url.loopback
        ? t('r_server_stopped_summary_local', [f.url.port, clock(lastSuccess(f)!)])
        : t('r_server_stopped_summary', [where(f), clock(lastSuccess(f)!)]),
    verdict: 'server',
    score: 0.9,
    when: (f) => f.refused && lastSuccess(f) !== null && !probeFoundServer(f) && !boundToLoopback(f),
    evidence: (f) => [
      ...unknownHostEvidence(f),
      {
        text: t('ev_origin_answered_before', [where(f), clock(lastSuccess(f)!), f.url.port]),
        pointsTo: 'server',
        source: 'history',
      },
      ...machineEvidence(f),
    ],
    steps: (f) =>
      f.url.loopback
        ? [
            { audience: 'developer', text: t('r_server_stopped_step_dev') },
            { audience: 'developer', text: t('r_server_stopped_step_dev2') },
          ]
        : [
            { audience: 'you', text: t('r_server_stopped_step_you') },
            { audience: 'owner', text: t('r_server_stopped_step_owner') },
            { audience: 'owner', text: t('r_server_stopped_step_owner2') },
            { audience: 'owner', text: t('r_server_stopped_step_owner3') },
          ],
    commands: ['service', 'listen', 'connect'],
    covers: ['host-loaded-before'],
  },
  {
    cause: 'port-closed-or-filtered',
    title: () => t('r_port_closed_title'),
    summary: (f) => t('r_port_closed_summary', [f.url.host, portWords(f.machineAnswered[0]!.port), f.url.port]),
    verdict: 'server',
    score: 0.86,
    when: (f) => f.refused && !f.url.loopback && f.machineAnswered.length > 0 && lastSuccess(f) === null,
    evidence: (f) => [
      ...unknownHostEvidence(f),
      { text: t('ev_refusal_is_answer', [f.url.port, f.url.host]), pointsTo: 'server', source: 'browser' },
      ...machineEvidence(f),
    ],
    steps: (f) => [
      { audience: 'you', text: t('r_port_closed_step_you', [f.url.port]) },
      { audience: 'owner', text: t('r_port_closed_step_owner', [f.url.port]) },
      { audience: 'owner', text: t('r_port_closed_step_owner2', [f.url.port]) },
      { audience: 'owner', text: t('r_port_closed_step_owner3') },
    ],
    commands: ['listen', 'firewall', 'connect'],
  },
  {
    cause: 'packets-dropped',
    title: () => t('r_packets_dropped_title'),
    summary: timeoutSummary,
    verdict: timeoutVerdict,
    score: 0.75,
    when: (f) => f.timedOut,
    evidence: (f) => [
      { text: t('r_packets_dropped_ev'), pointsTo: 'neutral', source: 'browser' },
      ...machineEvidence(f),
      ...(lastSuccess(f) !== null
        ? [
            {
              text: t('ev_origin_loaded_before', [where(f), clock(lastSuccess(f)!)]),
              pointsTo: 'server' as const,
              source: 'history' as const,
            },
          ]
        : []),
      ...(f.otherHostsFailingAlike.length > 0
        ? [
            {
              text: t('r_packets_dropped_ev_others', [list(f.otherHostsFailingAlike)]),
              pointsTo: 'network' as const,
              source: 'history' as const,
            },
          ]
        : []),
    ],
    steps: timeoutSteps,
    commands: ['connect', 'route', 'listen', 'firewall'],
    covers: ['host-loaded-before'],
  },
  {
    // Confirmed by a loopback probe it is the cause; without one (probes off, or the server is another machine of
    // the LAN) it stays an alternative to the plain refusal.
    cause: 'bound-to-loopback',
    title: () => t('r_bound_to_loopback_title'),
    summary: (f) =>
      boundToLoopback(f)
        ? t('r_bound_to_loopback_summary', [f.failure.probes.onLoopback!.target, hostPort(f.url)])
        : t('r_bound_to_loopback_summary_maybe', [f.url.host, f.url.port]),
    verdict: 'server',
    score: (f) => (boundToLoopback(f) ? 0.93 : 0.45),
    when: (f) => f.refused && f.url.lan,
    evidence: (f) =>
      boundToLoopback(f)
        ? [
            {
              text: t('r_bound_to_loopback_ev', [f.failure.probes.onLoopback!.target, hostPort(f.url)]),
              pointsTo: 'server',
              source: 'probe',
            },
          ]
        : [],
    steps: (f) => [
      ...(boundToLoopback(f)
        ? [
            {
              audience: 'you' as const,
              text: t('r_bound_to_loopback_step_you', [f.failure.probes.onLoopback!.target]),
              link: moved(f, f.failure.probes.onLoopback!),
            },
          ]
        : []),
      { audience: 'developer', text: t('r_bound_to_loopback_step_dev', [f.url.port]) },
      { audience: 'owner', text: t('r_bound_to_loopback_step_owner', [f.url.port]) },
      { audience: serverSide(f), text: t('r_bound_to_loopback_step_confirm', [f.url.port]) },
      { audience: serverSide(f), text: t('r_bound_to_loopback_step_firewall', [f.url.port]) },
    ],
    commands: ['listen', 'connect'],
  },
];

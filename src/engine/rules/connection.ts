import type { Facts } from '../facts';
import { list, machine, serverSide, where } from '../text';
import type { Evidence, Rule, Step } from '../types';
import { triedEvidence } from './local-dev';
import { t } from '../i18n';

const DROPPED = new Set([
  'ERR_CONNECTION_RESET',
  'ERR_EMPTY_RESPONSE',
  'ERR_SOCKET_NOT_CONNECTED',
  'ERR_CONNECTION_CLOSED',
  'ERR_CONNECTION_ABORTED',
]);

const INVALID = new Set([
  'ERR_INVALID_HTTP_RESPONSE',
  'ERR_INVALID_RESPONSE',
  'ERR_RESPONSE_HEADERS_TOO_BIG',
  'ERR_INVALID_CHUNKED_ENCODING',
  'ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH',
  'ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION',
  'ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_DISPOSITION',
  'ERR_RESPONSE_HEADERS_TRUNCATED',
  'ERR_CONTENT_LENGTH_MISMATCH',
  'ERR_INCOMPLETE_CHUNKED_ENCODING',
  'ERR_CONTENT_DECODING_FAILED',
]);

const is = (code: string) => (f: Facts) => f.error.code === code;

const PROTOCOL = new Set([
  'ERR_HTTP2_PROTOCOL_ERROR',
  'ERR_QUIC_PROTOCOL_ERROR',
  'ERR_SPDY_PROTOCOL_ERROR',
  'ERR_HTTP2_PING_FAILED',
  'ERR_HTTP2_SERVER_REFUSED_STREAM',
]);
const protocolName = (f: Facts) => (f.error.code === 'ERR_QUIC_PROTOCOL_ERROR' ? 'QUIC (HTTP/3)' : 'HTTP/2');

/**
 * Connections to other machines are cut too: the path, not this server. Never for loopback (one machine, no
 * network) nor when this machine answered on another port moments ago.
 */
const pathSuspect = (f: Facts) =>
  f.otherHostsFailingAlike.length >= 2 && !f.url.loopback && f.machineAnswered.length === 0;

function portEvidence(f: Facts): Evidence[] {
  if (f.url.defaultPort || !f.url.port) return [];
  return [
    {
      text: t('ev_unusual_port', [f.url.port]),
      pointsTo: 'neutral',
      source: 'url',
    },
  ];
}

function listenerSteps(f: Facts): Step[] {
  const port = f.url.port;
  if (f.url.loopback) {
    return [
      { audience: 'developer', text: t('step_dev_start_server', [port]) },
      { audience: 'developer', text: t('step_dev_check_port', [port]) },
      { audience: 'developer', text: t('step_dev_docker_port', [port, port]) },
      { audience: 'developer', text: t('step_dev_crash') },
      { audience: 'you', text: t('step_dev_port_in_address', [port]) },
    ];
  }
  return [
    { audience: 'you', text: t('step_check_address_port') },
    { audience: 'you', text: t('step_try_again_restarting') },
    { audience: 'owner', text: t('step_owner_server_running', [f.url.host]) },
    { audience: 'owner', text: t('step_owner_public_interface', [port]) },
    { audience: 'owner', text: t('step_no_listener_firewall', [port]) },
  ];
}

export const connectionRules: readonly Rule[] = [
  {
    cause: 'offline',
    title: () => t('r_offline_title'),
    summary: () => t('r_offline_summary'),
    verdict: 'client',
    score: 0.95,
    when: (f) =>
      f.error.code === 'ERR_INTERNET_DISCONNECTED' || (f.failure.online === false && f.error.category !== 'http'),
    evidence: (f) =>
      f.error.code === 'ERR_INTERNET_DISCONNECTED'
        ? [{ text: t('r_offline_ev'), pointsTo: 'client', source: 'browser' }]
        : [],
    steps: () => [
      { audience: 'you', text: t('r_offline_step') },
      { audience: 'you', text: t('r_offline_step2') },
      { audience: 'you', text: t('r_offline_step3') },
    ],
    commands: ['route'],
  },
  {
    cause: 'no-listener',
    title: () => t('r_no_listener_title'),
    summary: (f) =>
      f.url.loopback ? t('r_no_listener_summary', [f.url.port]) : t('r_no_listener_summary2', [f.url.host, f.url.port]),
    verdict: 'server',
    score: 0.8,
    when: (f) => f.refused,
    evidence: (f) => [
      {
        text: t('r_no_listener_ev', [machine(f), f.url.port]),
        pointsTo: 'server',
        source: 'browser',
      },
      ...portEvidence(f),
      ...(f.failure.probes.otherFamily
        ? [
            {
              text: t('r_no_listener_ev2', [f.failure.probes.otherFamily.target]),
              pointsTo: 'server' as const,
              source: 'probe' as const,
            },
          ]
        : []),
      ...triedEvidence(f),
    ],
    steps: listenerSteps,
    commands: ['connect', 'listen', 'route'],
  },
  {
    cause: 'connection-dropped',
    title: () => t('r_connection_dropped_title'),
    summary: (f) =>
      pathSuspect(f) ? t('r_connection_dropped_summary', [f.url.host]) : t('r_connection_dropped_summary2', [where(f)]),
    verdict: (f) => (pathSuspect(f) ? 'network' : 'server'),
    score: 0.7,
    when: (f) => DROPPED.has(f.error.code),
    evidence: (f) => {
      const lines: Evidence[] = [
        {
          text:
            f.error.code === 'ERR_EMPTY_RESPONSE'
              ? t('r_connection_dropped_ev')
              : t('r_connection_dropped_ev2', [where(f)]),
          pointsTo: 'server',
          source: 'browser',
        },
      ];
      if (pathSuspect(f)) {
        lines.push({
          text: t('r_connection_dropped_ev3', [list(f.otherHostsFailingAlike)]),
          pointsTo: 'network',
          source: 'history',
        });
      }
      return lines;
    },
    steps: (f) =>
      f.url.loopback
        ? [
            { audience: 'developer', text: t('r_connection_dropped_step') },
            { audience: 'developer', text: t('r_connection_dropped_step2') },
          ]
        : [
            { audience: 'you', text: t('r_connection_dropped_step3') },
            { audience: 'you', text: t('r_connection_dropped_step4') },
            { audience: 'owner', text: t('r_connection_dropped_step5') },
            { audience: 'owner', text: t('r_connection_dropped_step6') },
          ],
    commands: ['connect', 'http', 'listen'],
  },
  {
    cause: 'invalid-response',
    title: () => t('r_invalid_response_title'),
    summary: (f) => t('r_invalid_response_summary', [where(f)]),
    verdict: 'server',
    score: 0.75,
    when: (f) => INVALID.has(f.error.code),
    evidence: (f) => [
      {
        text: t('r_invalid_response_ev', [f.error.code]),
        pointsTo: 'server',
        source: 'browser',
      },
      ...portEvidence(f),
    ],
    steps: (f) => [
      ...(f.url.loopback
        ? []
        : [
            { audience: 'you' as const, text: t('r_invalid_response_step_you') },
            { audience: 'you' as const, text: t('r_invalid_response_step_you2') },
          ]),
      { audience: serverSide(f), text: t('r_invalid_response_step', [f.url.port]) },
      { audience: serverSide(f), text: t('r_invalid_response_step2') },
    ],
    commands: ['http', 'listen'],
  },
  {
    // HTTP/2 and QUIC framing errors: a server or CDN bug when other sites load; software on this device that
    // inspects traffic (antivirus, VPN, proxy) when several sites fail alike.
    cause: 'protocol-error',
    title: () => t('r_protocol_error_title'),
    summary: (f) =>
      f.otherHostsFailingAlike.length > 0
        ? t('r_protocol_error_summary_many', [f.url.host])
        : t('r_protocol_error_summary', [f.url.host, protocolName(f)]),
    verdict: (f) =>
      f.otherHostsFailingAlike.length > 0
        ? 'client'
        : f.otherHostsOk.length > 0 || f.url.loopback
          ? 'server'
          : 'unknown',
    score: 0.7,
    when: (f) => PROTOCOL.has(f.error.code),
    evidence: (f) => [
      { text: t('r_protocol_error_ev', [protocolName(f)]), pointsTo: 'neutral', source: 'browser' },
      ...(f.otherHostsFailingAlike.length > 0
        ? [
            {
              text: t('r_protocol_error_ev_many', [list(f.otherHostsFailingAlike)]),
              pointsTo: 'client' as const,
              source: 'history' as const,
            },
          ]
        : []),
    ],
    steps: (f) => [
      { audience: 'you', text: t('r_protocol_error_step') },
      { audience: 'you', text: t('r_protocol_error_step2') },
      ...(f.error.code === 'ERR_QUIC_PROTOCOL_ERROR'
        ? [{ audience: 'you' as const, text: t('r_protocol_error_step_quic') }]
        : []),
      { audience: serverSide(f), text: t('r_protocol_error_step_owner', [protocolName(f)]) },
    ],
    commands: ['http', 'connect'],
  },
  {
    // The connection could not be made and the browser gives no reason, or the route to the address is missing.
    cause: 'host-unreachable',
    title: () => t('r_host_unreachable_title'),
    summary: (f) =>
      f.otherHostsOk.length > 0 || f.machineAnswered.length > 0
        ? t('r_host_unreachable_summary_server', [f.url.host])
        : t('r_host_unreachable_summary', [f.url.host]),
    verdict: (f) =>
      f.url.loopback || f.otherHostsOk.length > 0 || f.machineAnswered.length > 0
        ? 'server'
        : f.otherHostsFailingAlike.length > 0
          ? 'network'
          : 'unknown',
    score: 0.65,
    when: (f) => f.error.code === 'ERR_ADDRESS_UNREACHABLE' || f.error.code === 'ERR_CONNECTION_FAILED',
    evidence: (f) => [{ text: t('r_host_unreachable_ev', [f.error.code]), pointsTo: 'neutral', source: 'browser' }],
    steps: (f) => [
      { audience: 'you', text: t('r_host_unreachable_step') },
      { audience: 'you', text: t('r_host_unreachable_step2') },
      { audience: 'owner', text: t('r_host_unreachable_step_owner', [f.url.host]) },
    ],
    commands: ['connect', 'route'],
  },
  {
    cause: 'unsafe-port',
    title: () => t('r_unsafe_port_title'),
    summary: (f) => t('r_unsafe_port_summary', [f.url.port]),
    verdict: 'client',
    score: 0.95,
    when: is('ERR_UNSAFE_PORT'),
    evidence: (f) => [
      {
        text: t('r_unsafe_port_ev', [f.url.port]),
        pointsTo: 'client',
        source: 'browser',
      },
    ],
    steps: (f) => [
      { audience: 'you', text: t('r_unsafe_port_step') },
      { audience: 'developer', text: t('r_unsafe_port_step2', [f.url.port]) },
    ],
  },
];

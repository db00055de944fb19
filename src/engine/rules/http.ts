import type { Facts } from '../facts';
import type { Evidence, Rule, Step } from '../types';
import { t } from '../i18n';
import { serverSide } from '../text';
import { waitText } from '../retry-after';
import { hopEvidence } from './gateway';

const status = (f: Facts) => f.status ?? 0;
const statusIs =
  (...codes: number[]) =>
  (f: Facts) =>
    codes.includes(status(f));

function statusEvidence(f: Facts): Evidence[] {
  const lines: Evidence[] = [
    {
      text: f.failure.ip ? t('r_http_status_ev_ip', [status(f), f.failure.ip]) : t('r_http_status_ev', [status(f)]),
      pointsTo: 'server',
      source: 'browser',
    },
  ];
  return [...lines, ...hopEvidence(f)];
}

/** "The server asked to retry in 2 minutes", only from a Retry-After that reads as a time (never its raw text). */
function retryEvidence(f: Facts): Evidence[] {
  if (f.retryAfterMs === null) return [];
  return [{ text: t('ev_retry_after', [waitText(f.retryAfterMs)]), pointsTo: 'server', source: 'browser' }];
}

const retryStep = (f: Facts) =>
  f.retryAfterMs === null
    ? []
    : [{ audience: 'you' as const, text: t('step_retry_after', [waitText(f.retryAfterMs)]) }];

/** The owner's first look after a 5xx: the error log of the server that answered. */
const errorLogStep = (f: Facts): Step => ({
  audience: serverSide(f),
  text: t(f.url.loopback ? 'step_dev_error_output' : 'step_owner_error_log'),
});

export const httpRules: readonly Rule[] = [
  {
    cause: 'redirect-loop',
    title: () => t('r_redirect_loop_title'),
    summary: (f) => t('r_redirect_loop_summary', [f.url.host]),
    verdict: 'server',
    score: 0.8,
    when: (f) => f.error.code === 'ERR_TOO_MANY_REDIRECTS',
    evidence: () => [{ text: t('r_redirect_loop_ev'), pointsTo: 'server', source: 'browser' }],
    steps: (f) => [
      { audience: 'you', text: t('r_redirect_loop_step', [f.url.host]) },
      { audience: serverSide(f), text: t('r_redirect_loop_step2') },
      { audience: serverSide(f), text: t('r_redirect_loop_step3') },
    ],
    commands: ['http'],
  },
  {
    cause: 'http-bad-gateway',
    title: () => t('r_http_bad_gateway_title'),
    summary: (f) => t('r_http_bad_gateway_summary', [f.url.host, status(f)]),
    verdict: 'server',
    score: 0.85,
    when: statusIs(502, 504, 520, 521, 522, 523, 524, 525, 526),
    evidence: (f) => [...statusEvidence(f), { text: t('r_http_bad_gateway_ev'), pointsTo: 'server', source: 'rule' }],
    steps: (f) => [
      { audience: 'you', text: t('r_http_bad_gateway_step') },
      errorLogStep(f),
      { audience: serverSide(f), text: t('r_http_bad_gateway_step2') },
      { audience: serverSide(f), text: t('r_http_bad_gateway_step3') },
    ],
    commands: ['http', 'connect'],
  },
  {
    cause: 'http-unavailable',
    title: () => t('r_http_unavailable_title'),
    summary: (f) =>
      f.retryAfterMs === null
        ? t('r_http_unavailable_summary', [f.url.host])
        : t('r_http_unavailable_summary_retry', [f.url.host, waitText(f.retryAfterMs)]),
    verdict: 'server',
    score: 0.85,
    when: statusIs(503),
    evidence: (f) => [...statusEvidence(f), ...retryEvidence(f)],
    steps: (f) => [
      ...(f.retryAfterMs === null ? [{ audience: 'you' as const, text: t('r_http_unavailable_step2') }] : retryStep(f)),
      { audience: serverSide(f), text: t('r_http_unavailable_step3') },
      errorLogStep(f),
    ],
    commands: ['http'],
  },
  {
    cause: 'http-server-error',
    title: () => t('r_http_server_error_title'),
    summary: (f) => t('r_http_server_error_summary', [f.url.host, status(f)]),
    verdict: 'server',
    score: 0.8,
    when: (f) => status(f) >= 500 && status(f) <= 599,
    evidence: (f) => [...statusEvidence(f), ...retryEvidence(f)],
    steps: (f) => [
      ...(f.retryAfterMs === null ? [{ audience: 'you' as const, text: t('r_http_server_error_step') }] : retryStep(f)),
      errorLogStep(f),
      { audience: serverSide(f), text: t('r_http_server_error_step2') },
    ],
    commands: ['http'],
  },
  {
    cause: 'http-not-found',
    title: () => t('r_http_not_found_title'),
    summary: (f) => t('r_http_not_found_summary', [f.url.host, status(f)]),
    verdict: 'server',
    score: 0.6,
    when: statusIs(404, 410),
    evidence: statusEvidence,
    steps: (f) => [
      { audience: 'you', text: t('r_http_not_found_step') },
      { audience: serverSide(f), text: t('r_http_not_found_step2') },
    ],
    commands: ['http'],
  },
  {
    cause: 'http-forbidden',
    title: () => t('r_http_forbidden_title'),
    summary: (f) => t('r_http_forbidden_summary', [f.url.host, status(f)]),
    verdict: 'server',
    score: 0.6,
    when: statusIs(401, 403),
    evidence: statusEvidence,
    steps: () => [
      { audience: 'you', text: t('r_http_forbidden_step') },
      { audience: 'you', text: t('r_http_forbidden_step2') },
    ],
    commands: ['http'],
  },
  {
    cause: 'http-rate-limited',
    title: () => t('r_http_rate_limited_title'),
    summary: (f) =>
      f.retryAfterMs === null
        ? t('r_http_rate_limited_summary', [f.url.host])
        : t('r_http_rate_limited_summary_retry', [f.url.host, waitText(f.retryAfterMs)]),
    verdict: 'client',
    score: 0.7,
    when: statusIs(429),
    evidence: (f) => [...statusEvidence(f), ...retryEvidence(f)],
    steps: (f) => [...retryStep(f), { audience: 'you', text: t('r_http_rate_limited_step') }],
    commands: ['http'],
  },
  {
    cause: 'http-client-error',
    title: () => t('r_http_client_error_title'),
    summary: (f) => t('r_http_client_error_summary', [f.url.host, status(f)]),
    verdict: 'unknown',
    score: 0.5,
    when: (f) => status(f) >= 400 && status(f) <= 499,
    evidence: statusEvidence,
    steps: (f) => [{ audience: 'you', text: t('r_http_client_error_step', [f.url.host]) }],
    commands: ['http'],
  },
];

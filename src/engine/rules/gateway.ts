/**
 * Which hop failed: a 5xx from a CDN or a reverse proxy says precisely what went wrong one hop further, and the
 * response's headers say who answered. The verdict stays the site's side; the words say that your connection and the
 * CDN are fine when that is what the code means.
 */
import type { Facts } from '../facts';
import type { Hop } from '../hop';
import { t } from '../i18n';
import { serverSide } from '../text';
import type { Evidence, Rule, Step } from '../types';

const status = (f: Facts) => f.status ?? 0;

/** Cloudflare's own codes name Cloudflare even when its headers did not reach us. */
const CLOUDFLARE_CODES = new Set([520, 521, 522, 523, 524, 525, 526, 530]);

/** The hop that answered; Cloudflare for its own codes when the headers said nothing. */
export function hopOf(f: Facts): Hop | null {
  if (f.hop) return f.hop;
  return CLOUDFLARE_CODES.has(status(f)) ? { kind: 'cdn', name: 'Cloudflare' } : null;
}

const cdn = (f: Facts) => hopOf(f)?.kind === 'cdn';
const proxy = (f: Facts) => hopOf(f)?.kind === 'proxy';
const name = (f: Facts) => hopOf(f)!.name;

/** "Answered by Cloudflare (ray 8a1b…)": who answered, and what identifies this answer for the owner's ticket. */
export function hopEvidence(f: Facts): Evidence[] {
  const hop = hopOf(f);
  if (!hop) return [];
  const text = hop.detail ? t('ev_answered_by_detail', [hop.name, hop.detail]) : t('ev_answered_by', [hop.name]);
  return [{ text, pointsTo: 'server', source: f.hop ? 'browser' : 'rule' }];
}

/** One cause per code at a CDN: its id, the status codes, and its message keys (`r_<key>_title|summary|ev|step`). */
interface CdnCase {
  cause: string;
  key: string;
  when: (f: Facts) => boolean;
}

const CDN_CASES: CdnCase[] = [
  { cause: 'cdn-origin-unexpected', key: 'cdn_unexpected', when: (f) => status(f) === 520 },
  { cause: 'cdn-origin-refused', key: 'cdn_refused', when: (f) => status(f) === 521 },
  { cause: 'cdn-origin-timeout', key: 'cdn_timeout', when: (f) => status(f) === 522 || (status(f) === 504 && cdn(f)) },
  { cause: 'cdn-origin-unreachable', key: 'cdn_unreachable', when: (f) => status(f) === 523 },
  { cause: 'cdn-origin-slow', key: 'cdn_slow', when: (f) => status(f) === 524 },
  { cause: 'cdn-origin-tls', key: 'cdn_tls', when: (f) => status(f) === 525 },
  { cause: 'cdn-origin-certificate', key: 'cdn_certificate', when: (f) => status(f) === 526 },
  { cause: 'cdn-origin-error', key: 'cdn_error', when: (f) => status(f) === 530 },
  { cause: 'cdn-bad-gateway', key: 'cdn_bad_gateway', when: (f) => status(f) === 502 && cdn(f) },
];

const cdnRule = (c: CdnCase): Rule => ({
  cause: c.cause,
  title: () => t(`r_${c.key}_title`),
  summary: (f) => t(`r_${c.key}_summary`, [f.url.host, name(f)]),
  verdict: 'server',
  score: 0.9,
  when: (f) => cdn(f) && c.when(f),
  evidence: (f) => [
    { text: t('r_http_status_ev', [status(f)]), pointsTo: 'server', source: 'browser' },
    ...hopEvidence(f),
    { text: t(`r_${c.key}_ev`, [name(f)]), pointsTo: 'server', source: 'rule' },
  ],
  steps: (f): Step[] => [
    { audience: 'you', text: t('step_cdn_you', [name(f)]) },
    { audience: 'owner', text: t(`r_${c.key}_step`, [name(f)]) },
    { audience: 'owner', text: t('step_cdn_owner_ticket', [name(f)]) },
  ],
  commands: ['http'],
});

const upstreamSteps = (f: Facts): Step[] => {
  const side = serverSide(f);
  return [
    { audience: 'you', text: t('step_proxy_you') },
    { audience: side, text: t('step_proxy_error_log', [name(f)]) },
    { audience: side, text: t('step_proxy_upstream_setting') },
  ];
};

export const gatewayRules: readonly Rule[] = [
  ...CDN_CASES.map(cdnRule),
  {
    cause: 'proxy-upstream-failed',
    title: () => t('r_proxy_upstream_failed_title'),
    summary: (f) => t('r_proxy_upstream_failed_summary', [f.url.host, name(f)]),
    verdict: 'server',
    score: 0.9,
    when: (f) => proxy(f) && status(f) === 502,
    evidence: (f) => [
      { text: t('r_http_status_ev', [status(f)]), pointsTo: 'server', source: 'browser' },
      ...hopEvidence(f),
    ],
    steps: (f) => [...upstreamSteps(f), { audience: serverSide(f), text: t('step_proxy_upstream_running') }],
    commands: ['http', 'listen'],
  },
  {
    cause: 'proxy-upstream-timeout',
    title: () => t('r_proxy_upstream_timeout_title'),
    summary: (f) => t('r_proxy_upstream_timeout_summary', [f.url.host, name(f)]),
    verdict: 'server',
    score: 0.9,
    when: (f) => proxy(f) && status(f) === 504,
    evidence: (f) => [
      { text: t('r_http_status_ev', [status(f)]), pointsTo: 'server', source: 'browser' },
      ...hopEvidence(f),
    ],
    steps: (f) => [...upstreamSteps(f), { audience: serverSide(f), text: t('step_proxy_upstream_slow') }],
    commands: ['http'],
  },
];

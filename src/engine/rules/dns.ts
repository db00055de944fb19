import type { Facts } from '../facts';
import { list } from '../text';
import type { Rule } from '../types';
import { t } from '../i18n';

const NOT_FOUND = new Set(['ERR_NAME_NOT_RESOLVED', 'ERR_NAME_RESOLUTION_FAILED']);
/** Not when Firefox's unknown host is read as a refusal (see facts.ts): the name loaded minutes ago. */
const notFound = (f: Facts) => NOT_FOUND.has(f.error.code) && !f.unknownHostRead;

const probeNames = () => t('ev_dns_probe_names');

const similar = (f: Facts) => f.failure.context.similarHosts ?? [];
const publicDns = (f: Facts) => f.failure.probes.publicDns?.status;

/**
 * The link offered for a typo: the suggested host's root (scheme and port of the address typed), never the typed
 * path and query, which would hand them to a look-alike site.
 */
function withHost(f: Facts, host: string): string {
  try {
    const u = new URL(f.url.href);
    u.hostname = host;
    return `${u.origin}/`;
  } catch {
    return `https://${host}/`;
  }
}

export const dnsRules: readonly Rule[] = [
  {
    cause: 'url-typo',
    title: () => t('r_url_typo_title'),
    summary: (f) => t('r_url_typo_summary', [f.url.host, similar(f)[0] ?? '']),
    verdict: 'client',
    score: 0.88,
    when: (f) => notFound(f) && similar(f).length > 0,
    evidence: (f) => [
      {
        text: t(similar(f).length === 1 ? 'r_url_typo_ev_one' : 'r_url_typo_ev_many', [f.url.host, list(similar(f))]),
        pointsTo: 'client',
        source: 'history',
      },
    ],
    steps: (f) => [
      ...similar(f).map((h) => ({ audience: 'you' as const, text: t('r_url_typo_step', [h]), link: withHost(f, h) })),
      { audience: 'you', text: t('r_url_typo_step2') },
    ],
    commands: ['dns'],
  },
  {
    cause: 'dns-failure',
    title: () => t('r_dns_failure_title'),
    summary: (f) => t('r_dns_failure_summary', [f.url.host]),
    verdict: 'network',
    score: 0.85,
    when: (f) => notFound(f) && (f.otherHostsFailingAlike.length >= 2 || publicDns(f) === 'exists'),
    evidence: (f) => [
      ...(f.otherHostsFailingAlike.length > 0
        ? [
            {
              text: t('r_dns_failure_ev', [list(f.otherHostsFailingAlike)]),
              pointsTo: 'network' as const,
              source: 'history' as const,
            },
          ]
        : []),
      ...(publicDns(f) === 'exists'
        ? [
            {
              text: t('r_dns_failure_ev2', [f.failure.probes.publicDns!.resolver, f.url.host]),
              pointsTo: 'network' as const,
              source: 'probe' as const,
            },
          ]
        : []),
    ],
    steps: () => [
      { audience: 'you', text: t('r_dns_failure_step') },
      { audience: 'you', text: t('r_dns_failure_step2') },
      { audience: 'you', text: t('r_dns_failure_step3') },
    ],
    commands: ['dns', 'route'],
  },
  {
    cause: 'vpn-required',
    title: () => t('r_vpn_required_title'),
    summary: (f) => t('r_vpn_required_summary', [f.url.host]),
    verdict: 'network',
    score: 0.7,
    when: (f) => notFound(f) && f.url.localName,
    evidence: (f) => [
      {
        text: t('r_vpn_required_ev', [f.url.host.slice(f.url.host.lastIndexOf('.'))]),
        pointsTo: 'network',
        source: 'url',
      },
    ],
    steps: () => [
      { audience: 'you', text: t('r_vpn_required_step') },
      { audience: 'you', text: t('r_vpn_required_step2') },
    ],
    commands: ['dns'],
  },
  {
    cause: 'name-not-found',
    title: () => t('r_name_not_found_title'),
    summary: (f) => t('r_name_not_found_summary', [f.url.host]),
    verdict: (f) => (f.failure.context.hostLastSuccess ? 'server' : 'client'),
    score: 0.6,
    when: notFound,
    evidence: (f) => [
      {
        text: t('r_name_not_found_ev', [f.url.host, probeNames()]),
        pointsTo: f.failure.context.hostLastSuccess ? 'server' : 'client',
        source: 'browser',
      },
      ...(publicDns(f) === 'nxdomain'
        ? [
            {
              text: t('r_name_not_found_ev2', [f.failure.probes.publicDns!.resolver, f.url.host]),
              pointsTo: 'client' as const,
              source: 'probe' as const,
            },
          ]
        : []),
    ],
    steps: (f) => [
      { audience: 'you', text: t('r_name_not_found_step', [f.url.host]) },
      { audience: 'you', text: t('r_name_not_found_step2') },
      { audience: 'owner', text: t('r_name_not_found_step3') },
    ],
    commands: ['dns'],
  },
];

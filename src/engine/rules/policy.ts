import type { Rule } from '../types';
import { t } from '../i18n';

export const policyRules: readonly Rule[] = [
  {
    cause: 'blocked-by-extension',
    title: () => t('r_blocked_by_extension_title'),
    summary: (f) => t('r_blocked_by_extension_summary', [f.url.host]),
    verdict: 'client',
    score: 0.9,
    when: (f) => f.error.code === 'ERR_BLOCKED_BY_CLIENT',
    evidence: () => [{ text: t('r_blocked_by_extension_ev'), pointsTo: 'client', source: 'browser' }],
    steps: (f) => [{ audience: 'you', text: t('r_blocked_by_extension_step', [f.url.host]) }],
  },
  {
    cause: 'blocked-by-policy',
    title: () => t('r_blocked_by_policy_title'),
    summary: (f) => t('r_blocked_by_policy_summary', [f.url.host]),
    verdict: 'client',
    score: 0.9,
    when: (f) => f.error.code === 'ERR_BLOCKED_BY_ADMINISTRATOR',
    evidence: () => [{ text: t('r_blocked_by_policy_ev'), pointsTo: 'client', source: 'browser' }],
    steps: () => [{ audience: 'you', text: t('r_blocked_by_policy_step') }],
  },
  {
    cause: 'proxy-failure',
    title: () => t('r_proxy_failure_title'),
    summary: (f) => t('r_proxy_failure_summary', [f.url.host]),
    verdict: 'network',
    score: 0.7,
    when: (f) => f.error.category === 'proxy',
    evidence: (f) => [{ text: t('r_proxy_failure_ev', [f.error.code]), pointsTo: 'network', source: 'browser' }],
    steps: () => [
      { audience: 'you', text: t('r_proxy_failure_step') },
      { audience: 'you', text: t('r_proxy_failure_step2') },
    ],
    commands: ['connect'],
  },
];

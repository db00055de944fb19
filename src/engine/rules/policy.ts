import type { Rule } from '../types';

export const policyRules: readonly Rule[] = [
  {
    cause: 'blocked-by-extension',
    title: 'Blocked by an extension',
    summary: (f) => `Another extension in your browser blocked the request to ${f.url.host}.`,
    verdict: 'client',
    score: 0.9,
    when: (f) => f.error.code === 'ERR_BLOCKED_BY_CLIENT',
    evidence: () => [{ text: 'The browser says a client-side filter, usually an ad or tracker blocker, cancelled the request before it left this device.', pointsTo: 'client', source: 'browser' }],
    steps: (f) => [
      { audience: 'you', text: `Allow ${f.url.host} in your ad blocker or privacy extension, or turn it off for this site, then reload.` },
    ],
  },
  {
    cause: 'blocked-by-policy',
    title: 'Blocked by your administrator',
    summary: (f) => `The organisation that manages this browser blocks ${f.url.host}.`,
    verdict: 'client',
    score: 0.9,
    when: (f) => f.error.code === 'ERR_BLOCKED_BY_ADMINISTRATOR',
    evidence: () => [{ text: 'A policy installed on this browser blocks the address; the site was never contacted.', pointsTo: 'client', source: 'browser' }],
    steps: () => [{ audience: 'you', text: 'Ask your IT department if you need this site.' }],
  },
  {
    cause: 'proxy-failure',
    title: 'The proxy failed',
    summary: (f) => `The proxy server your browser uses could not reach ${f.url.host} for you.`,
    verdict: 'network',
    score: 0.7,
    when: (f) => f.error.category === 'proxy',
    evidence: (f) => [{ text: `The browser reported ${f.error.code}, an error of the proxy between you and the site.`, pointsTo: 'network', source: 'browser' }],
    steps: () => [
      { audience: 'you', text: 'Check your proxy settings; if you do not know why a proxy is set, remove it.' },
      { audience: 'you', text: 'On a company network, ask your IT department whether the proxy is down.' },
    ],
    commands: ['connect'],
  },
];

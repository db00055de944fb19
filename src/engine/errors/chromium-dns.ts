import { internal } from './define';
import type { ErrorEntry } from './types';

const RESOLVER_STEPS = {
  you: [
    'Check whether other sites load.',
    'Restart your router, or switch to another DNS resolver (or turn secure DNS off and on again).',
  ],
} as const;

/** Chromium net errors -800 to -899: the browser's own DNS resolver. */
export const CHROMIUM_DNS_ERRORS: readonly ErrorEntry[] = [
  {
    code: 'ERR_DNS_MALFORMED_RESPONSE', number: -800, category: 'dns', verdict: 'network', takeover: true,
    title: 'The DNS answer was garbled',
    meaning: 'The DNS resolver sent back an answer the browser could not read.',
    verdictReason: 'The resolver (or a device between you and it) produced the bad answer.',
    steps: RESOLVER_STEPS,
  },
  internal('ERR_DNS_SERVER_REQUIRES_TCP', -801, 'dns', 'DNS answer needs another transport',
    'The DNS resolver said the answer is too large for the usual transport; the browser retries another way.'),
  {
    code: 'ERR_DNS_SERVER_FAILED', number: -802, category: 'dns', verdict: 'network', takeover: true,
    title: 'The DNS resolver failed',
    meaning: 'The DNS resolver reported that it could not complete the lookup.',
    verdictReason: 'The failure is in the name lookup on your network, or in the site\'s DNS servers behind it.',
    steps: RESOLVER_STEPS,
  },
  {
    code: 'ERR_DNS_TIMED_OUT', number: -803, category: 'dns', verdict: 'network', takeover: true,
    title: 'The DNS lookup timed out',
    meaning: 'The DNS resolver did not answer in time.',
    verdictReason: 'The resolver is part of your network connection.',
    steps: RESOLVER_STEPS,
  },
  internal('ERR_DNS_CACHE_MISS', -804, 'dns', 'Not in the DNS cache',
    'A lookup that was only allowed to use saved answers found none.'),
  {
    code: 'ERR_DNS_SEARCH_EMPTY', number: -805, category: 'dns', verdict: 'client', takeover: true,
    title: 'The name cannot be completed',
    meaning: 'The name has no dot, and this computer\'s DNS settings give no domain to complete it with.',
    verdictReason: 'The search settings are on this computer.',
    steps: { you: ['Type the full name, including the domain (for example intranet.example.com).'] },
  },
  internal('ERR_DNS_SORT_ERROR', -806, 'dns', 'Could not order the addresses',
    'The browser could not sort the site\'s addresses into the order it prefers.'),
  {
    code: 'ERR_DNS_SECURE_RESOLVER_HOSTNAME_RESOLUTION_FAILED', number: -808, category: 'dns', verdict: 'network', takeover: true,
    title: 'The secure DNS provider could not be found',
    meaning: 'The browser uses secure DNS (DNS over HTTPS), and it could not look up the address of the secure DNS provider itself.',
    verdictReason: 'The provider or the network path to it failed.',
    steps: { you: ['Check the secure DNS setting of the browser: choose another provider or turn it off.'] },
  },
  internal('ERR_DNS_NAME_HTTPS_ONLY', -809, 'dns', 'The site is secure-only',
    'The site\'s DNS records say it must be reached over https, so the browser switches to https by itself.'),
  internal('ERR_DNS_REQUEST_CANCELLED', -810, 'dns', 'DNS lookup cancelled',
    'The browser cancelled a name lookup it no longer needed.'),
  {
    code: 'ERR_DNS_NO_MATCHING_SUPPORTED_ALPN', number: -811, category: 'dns', verdict: 'server', takeover: true,
    title: 'The site advertises no usable protocol',
    meaning: 'The site\'s DNS records list only web protocol versions this browser cannot use.',
    verdictReason: 'The records are published by the site.',
    steps: { owner: ['Check the alpn values in the site\'s HTTPS DNS records.'] },
  },
  internal('ERR_DNS_SECURE_PROBE_RECORD_INVALID', -814, 'dns', 'Secure DNS test failed',
    'While testing whether secure DNS works, the answer to a test lookup was empty or invalid.'),
  internal('ERR_DNS_CACHE_INVALIDATION_IN_PROGRESS', -815, 'dns', 'DNS cache being cleared',
    'The browser was clearing its saved DNS answers during the lookup; a retry normally works.'),
  {
    code: 'ERR_DNS_FORMAT_ERROR', number: -816, category: 'dns', verdict: 'network', takeover: true,
    title: 'The DNS resolver rejected the question',
    meaning: 'The DNS resolver answered that the lookup it received was badly formed.',
    verdictReason: 'The resolver on your network (or a device in between) rejected it.',
    steps: RESOLVER_STEPS,
  },
  {
    code: 'ERR_DNS_SERVER_FAILURE', number: -817, category: 'dns', verdict: 'unknown', takeover: true,
    title: 'The DNS lookup failed on the server side',
    meaning: 'The DNS resolver answered that it failed to look up the name (SERVFAIL).',
    verdictReason: 'Either the site\'s own DNS servers are broken or your resolver is; if only this site fails, suspect the site.',
    steps: { ...RESOLVER_STEPS, owner: ['Check the domain\'s name servers and its DNSSEC signatures.'] },
  },
  {
    code: 'ERR_DNS_NOT_IMPLEMENTED', number: -818, category: 'dns', verdict: 'network', takeover: true,
    title: 'The DNS resolver does not support the lookup',
    meaning: 'The DNS resolver answered that it does not support this kind of lookup.',
    verdictReason: 'The limitation is in the resolver on your network.',
    steps: RESOLVER_STEPS,
  },
  {
    code: 'ERR_DNS_REFUSED', number: -819, category: 'dns', verdict: 'network', takeover: true,
    title: 'The DNS resolver refused to answer',
    meaning: 'The DNS resolver refused the lookup, for example because this device is not allowed to use it or the name is blocked.',
    verdictReason: 'The refusal comes from the resolver on your network.',
    steps: RESOLVER_STEPS,
  },
  {
    code: 'ERR_DNS_OTHER_FAILURE', number: -820, category: 'dns', verdict: 'network', takeover: true,
    title: 'The DNS lookup failed',
    meaning: 'The DNS resolver reported a failure of a kind the browser has no specific name for.',
    verdictReason: 'The failure was reported by the resolver on your network.',
    steps: RESOLVER_STEPS,
  },
  internal('ERR_DNS_DIRECT_ONLY', -821, 'dns', 'Lookup skipped because of a proxy',
    'The site is reached through a proxy, so the browser did not look its name up itself.'),
];

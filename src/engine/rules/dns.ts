import type { Facts } from '../facts';
import { list } from '../text';
import type { Rule } from '../types';

const NOT_FOUND = new Set(['ERR_NAME_NOT_RESOLVED', 'ERR_NAME_RESOLUTION_FAILED']);
const notFound = (f: Facts) => NOT_FOUND.has(f.error.code);

const probeNames =
  'Chrome may show this as DNS_PROBE_FINISHED_NXDOMAIN, DNS_PROBE_FINISHED_NO_INTERNET or DNS_PROBE_FINISHED_BAD_CONFIG.';

const similar = (f: Facts) => f.failure.context.similarHosts ?? [];
const publicDns = (f: Facts) => f.failure.probes.publicDns?.status;

/** The same URL on another host: the link offered for a typo. */
function withHost(f: Facts, host: string): string {
  try {
    const u = new URL(f.url.href);
    u.hostname = host;
    return u.href;
  } catch {
    return `https://${host}/`;
  }
}

export const dnsRules: readonly Rule[] = [
  {
    cause: 'url-typo',
    title: 'A typo in the address',
    summary: (f) => `${f.url.host} does not exist, but you loaded ${similar(f)[0]} before: did you mean that?`,
    verdict: 'client',
    score: 0.88,
    when: (f) => notFound(f) && similar(f).length > 0,
    evidence: (f) => [{
      text: `${f.url.host} is ${similar(f).length === 1 ? 'one or two letters away from' : 'close to'} ${list(similar(f))}, which loaded fine in this browser.`,
      pointsTo: 'client',
      source: 'history',
    }],
    steps: (f) => [
      ...similar(f).map((h) => ({ audience: 'you' as const, text: `Open ${h} instead:`, link: withHost(f, h) })),
      { audience: 'you', text: 'Fix the bookmark or link you came from, if any.' },
    ],
    commands: ['dns'],
  },
  {
    cause: 'dns-failure',
    title: 'Your DNS resolver is failing',
    summary: (f) => `Several unrelated site names, ${f.url.host} among them, could not be looked up: the problem is the name lookup on your network, not the sites.`,
    verdict: 'network',
    score: 0.85,
    when: (f) => notFound(f) && (f.otherHostsFailingAlike.length >= 2 || publicDns(f) === 'exists'),
    evidence: (f) => [
      ...(f.otherHostsFailingAlike.length > 0
        ? [{ text: `Other names failed to resolve in the last minutes too: ${list(f.otherHostsFailingAlike)}.`, pointsTo: 'network' as const, source: 'history' as const }]
        : []),
      ...(publicDns(f) === 'exists'
        ? [{ text: `A public DNS resolver (${f.failure.probes.publicDns!.resolver}) does know ${f.url.host}: your resolver fails to look it up.`, pointsTo: 'network' as const, source: 'probe' as const }]
        : []),
    ],
    steps: () => [
      { audience: 'you', text: 'Restart your router, or reconnect to your Wi-Fi.' },
      { audience: 'you', text: 'Turn off your VPN, or connect to it if these are company sites.' },
      { audience: 'you', text: 'Try another DNS resolver in your network settings (for example your provider\'s or a public one).' },
    ],
    commands: ['dns', 'route'],
  },
  {
    cause: 'vpn-required',
    title: 'A private name outside its network',
    summary: (f) => `${f.url.host} is a name that only exists inside a private or company network, and this device cannot look it up right now.`,
    verdict: 'network',
    score: 0.7,
    when: (f) => notFound(f) && f.url.localName,
    evidence: (f) => [{
      text: `Names ending like ${f.url.host.slice(f.url.host.lastIndexOf('.'))} only resolve inside a local or company network.`,
      pointsTo: 'network',
      source: 'url',
    }],
    steps: () => [
      { audience: 'you', text: 'Connect to your company VPN or the local network this name belongs to, then reload.' },
      { audience: 'you', text: 'If you are on that network, ask its administrator whether the name changed.' },
    ],
    commands: ['dns'],
  },
  {
    cause: 'name-not-found',
    title: 'The site name does not exist',
    summary: (f) => `The name ${f.url.host} could not be found: it may be misspelled, or it does not exist (any more).`,
    verdict: (f) => (f.failure.context.hostLastSuccess ? 'server' : 'client'),
    score: 0.6,
    when: notFound,
    evidence: (f) => [
      {
        text: `Looking up ${f.url.host} found no address. ${probeNames}`,
        pointsTo: f.failure.context.hostLastSuccess ? 'server' : 'client',
        source: 'browser',
      },
      ...(publicDns(f) === 'nxdomain'
        ? [{ text: `A public DNS resolver (${f.failure.probes.publicDns!.resolver}) confirms that ${f.url.host} does not exist.`, pointsTo: 'client' as const, source: 'probe' as const }]
        : []),
    ],
    steps: (f) => [
      { audience: 'you', text: `Check the spelling of ${f.url.host}.` },
      { audience: 'you', text: 'If the address came from a link, the site may have moved: search for it by name.' },
      { audience: 'owner', text: 'Check that the domain has not expired and that its DNS records (A/AAAA) exist.' },
    ],
    commands: ['dns'],
  },
];

import type { Facts } from '../facts';
import type { Evidence, Rule } from '../types';

const status = (f: Facts) => f.status ?? 0;
const statusIs = (...codes: number[]) => (f: Facts) => codes.includes(status(f));

function statusEvidence(f: Facts): Evidence[] {
  const lines: Evidence[] = [{
    text: `The server answered with HTTP status ${status(f)}${f.failure.ip ? ` from ${f.failure.ip}` : ''}: it was reached and reported a problem on its side.`,
    pointsTo: 'server',
    source: 'browser',
  }];
  return lines;
}

const serverSide = (f: Facts) => (f.url.loopback ? 'developer' : 'owner');

export const httpRules: readonly Rule[] = [
  {
    cause: 'redirect-loop',
    title: 'The site redirects in a loop',
    summary: (f) => `${f.url.host} keeps sending your browser to another address that sends it back again.`,
    verdict: 'server',
    score: 0.8,
    when: (f) => f.error.code === 'ERR_TOO_MANY_REDIRECTS',
    evidence: () => [{ text: 'The browser followed 20 redirects without reaching a page.', pointsTo: 'server', source: 'browser' }],
    steps: (f) => [
      { audience: 'you', text: `Delete the cookies of ${f.url.host} and reload: a stale login cookie can cause the loop.` },
      { audience: serverSide(f), text: 'Check the redirect rules (http to https, www to bare domain, login redirects) for two that point at each other.' },
      { audience: serverSide(f), text: 'Behind a proxy or CDN, make sure the app knows the original scheme (X-Forwarded-Proto).' },
    ],
    commands: ['http'],
  },
  {
    cause: 'http-bad-gateway',
    title: 'The gateway got no good answer',
    summary: (f) => `A proxy or gateway in front of ${f.url.host} could not get an answer from the server behind it (HTTP ${status(f)}).`,
    verdict: 'server',
    score: 0.85,
    when: statusIs(502, 504, 520, 521, 522, 523, 524, 525, 526),
    evidence: (f) => [
      ...statusEvidence(f),
      { text: 'Statuses 502 and 504 come from a proxy, load balancer or CDN whose backend is down, slow or unreachable.', pointsTo: 'server', source: 'rule' },
    ],
    steps: (f) => [
      { audience: 'you', text: 'Wait a minute and reload: these are often brief.' },
      { audience: serverSide(f), text: 'Check that the application behind the proxy is running and answering on the address the proxy uses.' },
      { audience: serverSide(f), text: 'Look at the proxy\'s error log (Nginx: error.log) for "connection refused" or timeouts upstream.' },
    ],
    commands: ['http', 'connect'],
  },
  {
    cause: 'http-unavailable',
    title: 'The service is unavailable',
    summary: (f) => `${f.url.host} says it is temporarily unable to serve the page: it is down for maintenance or overloaded.`,
    verdict: 'server',
    score: 0.85,
    when: statusIs(503),
    evidence: (f) => [
      ...statusEvidence(f),
      ...(f.failure.retryAfter
        ? [{ text: `The server asks to retry after ${f.failure.retryAfter}${/^\d+$/.test(f.failure.retryAfter) ? ' seconds' : ''}.`, pointsTo: 'server' as const, source: 'browser' as const }]
        : []),
    ],
    steps: (f) => [
      { audience: 'you', text: f.failure.retryAfter ? `Reload after the time the server asked for (${f.failure.retryAfter}).` : 'Wait a few minutes and reload.' },
      { audience: serverSide(f), text: 'Check whether the service is in maintenance mode, overloaded, or failing its health checks.' },
    ],
    commands: ['http'],
  },
  {
    cause: 'http-server-error',
    title: 'The server failed',
    summary: (f) => `The server of ${f.url.host} ran into an error while handling this page (HTTP ${status(f)}).`,
    verdict: 'server',
    score: 0.8,
    when: (f) => status(f) >= 500 && status(f) <= 599,
    evidence: statusEvidence,
    steps: (f) => [
      { audience: 'you', text: 'Reload the page; if the error stays, the site has to fix it.' },
      { audience: serverSide(f), text: 'Look at the application log for the exception behind this request.' },
    ],
    commands: ['http'],
  },
  {
    cause: 'http-not-found',
    title: 'No page at this address',
    summary: (f) => `${f.url.host} is up, but has no page at this address (HTTP ${status(f)}).`,
    verdict: 'server',
    score: 0.6,
    when: statusIs(404, 410),
    evidence: statusEvidence,
    steps: (f) => [
      { audience: 'you', text: 'Check the address after the site name for typos, or start from the site\'s home page.' },
      { audience: serverSide(f), text: 'If the page moved, redirect the old address to the new one.' },
    ],
    commands: ['http'],
  },
  {
    cause: 'http-forbidden',
    title: 'Access refused by the site',
    summary: (f) => `${f.url.host} refused to show this page to you (HTTP ${status(f)}).`,
    verdict: 'server',
    score: 0.6,
    when: statusIs(401, 403),
    evidence: statusEvidence,
    steps: () => [
      { audience: 'you', text: 'Sign in, or ask the site for access.' },
      { audience: 'you', text: 'A VPN or an unusual location can be blocked by some sites: try without it.' },
    ],
    commands: ['http'],
  },
  {
    cause: 'http-rate-limited',
    title: 'Too many requests',
    summary: (f) => `${f.url.host} is limiting how often you can load it (HTTP 429).`,
    verdict: 'client',
    score: 0.7,
    when: statusIs(429),
    evidence: statusEvidence,
    steps: () => [{ audience: 'you', text: 'Wait a little before reloading; stop tools or tabs that reload the site often.' }],
    commands: ['http'],
  },
  {
    cause: 'http-client-error',
    title: 'The site rejected the request',
    summary: (f) => `${f.url.host} answered that the request was not acceptable (HTTP ${status(f)}).`,
    verdict: 'unknown',
    score: 0.5,
    when: (f) => status(f) >= 400 && status(f) <= 499,
    evidence: statusEvidence,
    steps: (f) => [
      { audience: 'you', text: `Delete the cookies of ${f.url.host} and reload; then try a private window.` },
    ],
    commands: ['http'],
  },
];

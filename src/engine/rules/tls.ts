import type { Facts } from '../facts';
import type { Rule } from '../types';

const UNTRUSTED = new Set([
  'ERR_CERT_AUTHORITY_INVALID', 'ERR_CERT_INVALID', 'ERR_CERT_SYMANTEC_LEGACY', 'ERR_CERT_KNOWN_INTERCEPTION_BLOCKED',
  'ERR_CERT_NON_UNIQUE_NAME', 'ERR_CERT_WEAK_KEY', 'ERR_CERT_WEAK_SIGNATURE_ALGORITHM', 'ERR_CERT_NAME_CONSTRAINT_VIOLATION',
  'ERR_CERT_VALIDITY_TOO_LONG', 'ERR_CERT_CONTAINS_ERRORS', 'ERR_CERT_SELF_SIGNED_LOCAL_NETWORK',
]);

/** https:// to a plain-HTTP port: Chromium's SSL_PROTOCOL_ERROR, Firefox's SSL_ERROR_RX_RECORD_TOO_LONG. */
function plainPortSuspect(f: Facts): boolean {
  if (f.url.scheme !== 'https') return false;
  return f.error.code === 'ERR_SSL_PROTOCOL_ERROR' || f.error.detail === 'SSL_ERROR_RX_RECORD_TOO_LONG';
}

const DATE_ERRORS = new Set(['ERR_CERT_DATE_INVALID', 'ERR_CERT_VALIDITY_TOO_LONG']);
/** A skew of minutes matters: certificates are checked against this device's clock. */
const SKEW_MS = 5 * 60_000;
const offset = (f: Facts) => f.failure.context.clockOffsetMs ?? 0;

function skewWords(f: Facts): string {
  const minutes = Math.round(Math.abs(offset(f)) / 60_000);
  const amount = minutes >= 2880 ? `${Math.round(minutes / 1440)} days` : minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`;
  return `${amount} ${offset(f) > 0 ? 'ahead' : 'behind'}`;
}

function httpVersion(f: Facts): string {
  return f.url.href.replace(/^https:/i, 'http:');
}

export const tlsRules: readonly Rule[] = [
  {
    cause: 'tls-on-plain-port',
    title: 'https:// sent to a plain http port',
    summary: (f) => `The address asks for a secure (https) connection, but ${f.url.loopback ? 'the server on your computer' : f.url.host} on port ${f.url.port} seems to speak plain http.`,
    verdict: (f) => (f.url.loopback || !f.url.defaultPort ? 'client' : 'server'),
    score: (f) => (f.url.loopback || !f.url.defaultPort ? 0.8 : 0.5),
    when: plainPortSuspect,
    evidence: (f) => [
      {
        text: 'The answer to the secure handshake was not TLS at all, which is what a plain http server sends back.',
        pointsTo: 'server',
        source: 'browser',
      },
      ...(f.url.defaultPort
        ? []
        : [{ text: `Port ${f.url.port} is not 443, the usual https port: development servers there usually speak plain http.`, pointsTo: 'client' as const, source: 'url' as const }]),
    ],
    steps: (f) => [
      { audience: 'you', text: 'Open the same address with http:// instead of https://.', link: httpVersion(f) },
      { audience: f.url.loopback ? 'developer' : 'owner', text: `If the server should speak https, enable TLS on port ${f.url.port} (or put a TLS proxy in front).` },
    ],
    commands: ['tls', 'http'],
  },
  {
    cause: 'certificate-untrusted',
    title: 'The certificate is not trusted',
    summary: (f) => `The certificate of ${f.url.host} was not issued by an authority your browser trusts.`,
    verdict: 'server',
    score: 0.75,
    when: (f) => UNTRUSTED.has(f.error.code),
    evidence: (f) => [{
      text: f.url.loopback || f.url.privateAddress
        ? 'The server is on your computer or local network, where self-signed development certificates are common.'
        : 'A self-signed certificate, a missing intermediate certificate, or a network that inspects encrypted traffic causes this.',
      pointsTo: f.url.loopback ? 'server' : 'neutral',
      source: 'url',
    }],
    steps: (f) => [
      { audience: 'you', text: 'Do not type passwords or card numbers on this site until the warning is explained.' },
      { audience: 'you', text: 'On a company, school or hotel network, the network may intercept secure connections: try another network.' },
      f.url.loopback
        ? { audience: 'developer', text: 'Trust your development certificate authority on this machine (for example with mkcert -install).' }
        : { audience: 'owner', text: 'Serve a certificate from a public authority, with its full chain of intermediate certificates.' },
    ],
    commands: ['tls'],
  },
  {
    cause: 'clock-skew',
    title: 'Your device\'s clock is wrong',
    summary: (f) => `Your device's clock is ${skewWords(f)}, so certificates look ${offset(f) > 0 ? 'expired' : 'not yet valid'} to your browser.`,
    verdict: 'client',
    score: 0.9,
    when: (f) => DATE_ERRORS.has(f.error.code) && Math.abs(offset(f)) >= SKEW_MS,
    evidence: (f) => [{
      text: `Web servers answering just now put the time ${skewWords(f)} from this device's clock (their Date headers).`,
      pointsTo: 'client',
      source: 'history',
    }],
    steps: () => [
      { audience: 'you', text: 'Set your device\'s date and time to automatic (network time), then reload.' },
      { audience: 'you', text: 'If the clock keeps drifting, the device\'s clock battery may need replacing.' },
    ],
  },
  {
    cause: 'certificate-expired',
    title: 'The certificate is out of date',
    summary: (f) => `The certificate of ${f.url.host} is expired or not yet valid, or your device's clock is wrong.`,
    verdict: 'server',
    score: 0.7,
    when: (f) => f.error.code === 'ERR_CERT_DATE_INVALID',
    steps: () => [
      { audience: 'you', text: 'Check that your device\'s date and time are correct.' },
      { audience: 'owner', text: 'Renew the certificate and make sure renewal runs automatically.' },
    ],
    commands: ['tls'],
  },
  {
    cause: 'certificate-name-mismatch',
    title: 'The certificate is for another name',
    summary: (f) => `The certificate presented by ${f.url.host} is valid for other names, not this one.`,
    verdict: 'server',
    score: 0.7,
    when: (f) => f.error.code === 'ERR_CERT_COMMON_NAME_INVALID',
    steps: () => [
      { audience: 'you', text: 'Check the address: a www. missing or added can make this happen.' },
      { audience: 'owner', text: 'Add this name to the certificate (subject alternative names) or redirect to a covered name.' },
    ],
    commands: ['tls'],
  },
];

/**
 * Depth for the errors people meet most: each has a step for the person at the browser, commands to confirm when a
 * server is involved, and a verdict from evidence once other sites are known to load fine. Fails on any that is
 * shallow.
 */
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/diagnose';
import { describe as entryOf } from '../../../src/engine/errors/table';
import { failureOf, NOW } from '../../fixtures/rule-cases';

/** The 40 errors seen most in the wild (Chromium's names; Firefox's normalize onto them). */
const MOST_SEEN = [
  'ERR_NAME_NOT_RESOLVED',
  'ERR_NAME_RESOLUTION_FAILED',
  'ERR_CONNECTION_TIMED_OUT',
  'ERR_TIMED_OUT',
  'ERR_CONNECTION_REFUSED',
  'ERR_CONNECTION_RESET',
  'ERR_CONNECTION_CLOSED',
  'ERR_CONNECTION_ABORTED',
  'ERR_CONNECTION_FAILED',
  'ERR_NETWORK_CHANGED',
  'ERR_ADDRESS_UNREACHABLE',
  'ERR_INTERNET_DISCONNECTED',
  'ERR_NETWORK_ACCESS_DENIED',
  'ERR_SSL_PROTOCOL_ERROR',
  'ERR_SSL_VERSION_OR_CIPHER_MISMATCH',
  'ERR_SSL_OBSOLETE_CIPHER',
  'ERR_BAD_SSL_CLIENT_AUTH_CERT',
  'ERR_SSL_UNRECOGNIZED_NAME_ALERT',
  'ERR_CERT_AUTHORITY_INVALID',
  'ERR_CERT_COMMON_NAME_INVALID',
  'ERR_CERT_DATE_INVALID',
  'ERR_CERT_REVOKED',
  'ERR_TOO_MANY_REDIRECTS',
  'ERR_EMPTY_RESPONSE',
  'ERR_INVALID_RESPONSE',
  'ERR_INVALID_HTTP_RESPONSE',
  'ERR_QUIC_PROTOCOL_ERROR',
  'ERR_HTTP2_PROTOCOL_ERROR',
  'ERR_PROXY_CONNECTION_FAILED',
  'ERR_TUNNEL_CONNECTION_FAILED',
  'ERR_BLOCKED_BY_CLIENT',
  'ERR_BLOCKED_BY_ADMINISTRATOR',
  'ERR_CONTENT_LENGTH_MISMATCH',
  'ERR_INCOMPLETE_CHUNKED_ENCODING',
  'ERR_RESPONSE_HEADERS_TOO_BIG',
  'ERR_CONTENT_DECODING_FAILED',
  'ERR_UNSAFE_PORT',
  'ERR_SOCKET_NOT_CONNECTED',
  'ERR_HTTP_RESPONSE_CODE_FAILURE',
  'ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN',
];

/** Failures that involve no server to check (the browser, the device or a policy decided). */
const NO_SERVER = new Set([
  'ERR_BLOCKED_BY_CLIENT',
  'ERR_BLOCKED_BY_ADMINISTRATOR',
  'ERR_UNSAFE_PORT',
  'ERR_INTERNET_DISCONNECTED',
  'ERR_NETWORK_ACCESS_DENIED',
]);

const othersLoad = {
  recentSuccesses: ['a.example', 'b.example', 'c.example'].map((host) => ({ host, time: NOW - 60_000 })),
  recentFailures: [],
  hostLastSuccess: null,
};

describe('depth for the errors seen most', () => {
  it('lists 40 distinct known codes', () => {
    expect(new Set(MOST_SEEN).size).toBe(40);
    for (const code of MOST_SEEN) expect(entryOf(code).code, code).toBe(code);
  });

  it.each(MOST_SEEN)(
    '%s has a step for you, commands where a server is involved, and a verdict from evidence',
    (code) => {
      const d = diagnose(failureOf({ url: 'https://example.com/', error: `net::${code}`, context: othersLoad }));
      expect(
        d.steps.filter((s) => s.audience === 'you').length,
        'a step for the person at the browser',
      ).toBeGreaterThan(0);
      if (!NO_SERVER.has(code)) expect(d.commands.length, 'commands to confirm').toBeGreaterThan(0);
      expect(d.verdict, 'a verdict once other sites are known to load fine').not.toBe('unknown');
      expect(d.cause.summary.length).toBeGreaterThan(20);
    },
  );
});

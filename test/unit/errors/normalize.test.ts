import { describe, expect, it } from 'vitest';
import { normalizeError } from '../../../src/engine/errors/normalize';
import { ALL_ERRORS } from '../../../src/engine/errors/table';
import { CATEGORIES } from '../../../src/engine/errors/types';

describe('Chromium strings', () => {
  it('normalize net::ERR_* exactly', () => {
    expect(normalizeError('net::ERR_CONNECTION_REFUSED')).toEqual({
      raw: 'net::ERR_CONNECTION_REFUSED',
      code: 'ERR_CONNECTION_REFUSED',
      number: -102,
      category: 'connection',
      source: 'chromium',
    });
    expect(normalizeError('ERR_NAME_NOT_RESOLVED')).toMatchObject({
      code: 'ERR_NAME_NOT_RESOLVED',
      number: -105,
      category: 'dns',
    });
    expect(normalizeError('  net::err_cert_authority_invalid\n')).toMatchObject({
      code: 'ERR_CERT_AUTHORITY_INVALID',
      category: 'certificate',
    });
  });

  it('know every Chromium code', () => {
    for (const entry of ALL_ERRORS.filter((e) => e.number < 0)) {
      expect(normalizeError(`net::${entry.code}`)).toMatchObject({
        code: entry.code,
        number: entry.number,
        category: entry.category,
      });
      expect(normalizeError(String(entry.number)).code).toBe(entry.code);
      expect(normalizeError(entry.number).code).toBe(entry.code);
    }
  });

  it('map renamed codes to their entry', () => {
    expect(normalizeError('net::ERR_BLOCKED_BY_PRIVATE_NETWORK_ACCESS_CHECKS')).toMatchObject({
      code: 'ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS',
      number: -385,
      detail: 'ERR_BLOCKED_BY_PRIVATE_NETWORK_ACCESS_CHECKS',
    });
  });

  it('find the code inside a longer message', () => {
    expect(normalizeError('Failed to load resource: net::ERR_CONNECTION_REFUSED').code).toBe('ERR_CONNECTION_REFUSED');
    expect(normalizeError('Error code: SEC_ERROR_UNKNOWN_ISSUER').code).toBe('ERR_CERT_AUTHORITY_INVALID');
    expect(normalizeError('webNavigation said Error code 2152398861 just now').code).toBe('ERR_CONNECTION_REFUSED');
  });

  it('recognise the names people search for', () => {
    expect(normalizeError('DNS_PROBE_FINISHED_NXDOMAIN')).toMatchObject({
      code: 'ERR_NAME_NOT_RESOLVED',
      source: 'chromium',
    });
    expect(normalizeError('ECONNREFUSED').code).toBe('ERR_CONNECTION_REFUSED');
  });

  it('keep unknown codes as UNKNOWN, certificate ones as a certificate error', () => {
    expect(normalizeError('net::ERR_SOMETHING_NEW')).toMatchObject({
      code: 'UNKNOWN',
      category: 'other',
      detail: 'ERR_SOMETHING_NEW',
      source: 'chromium',
    });
    expect(normalizeError('net::ERR_SSL_SOMETHING_NEW')).toMatchObject({ code: 'UNKNOWN', category: 'tls' });
    expect(normalizeError('net::ERR_DNS_SOMETHING_NEW')).toMatchObject({ code: 'UNKNOWN', category: 'dns' });
    expect(normalizeError('net::ERR_CERT_SYMANTEC_LEGACY')).toMatchObject({
      code: 'ERR_CERT_INVALID',
      category: 'certificate',
      detail: 'ERR_CERT_SYMANTEC_LEGACY',
    });
  });
});

/** A small seeded generator, so the random inputs are the same on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

describe('robustness', () => {
  const hostile = new Proxy(
    {},
    {
      get() {
        throw new Error('no');
      },
      has() {
        throw new Error('no');
      },
    },
  );
  const weird: unknown[] = [
    undefined,
    null,
    true,
    false,
    0,
    -0,
    1,
    -1,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    1e308,
    0x80000000,
    0xffffffff,
    2 ** 53,
    10n,
    Symbol('x'),
    {},
    [],
    ['net::ERR_FAILED'],
    () => 'net::ERR_FAILED',
    new Date(0),
    {
      toString() {
        throw new Error('no');
      },
    },
    hostile,
    new Map(),
    /ERR_/,
    new Error('net::ERR_FAILED'),
  ];

  it.each(weird.map((v, i) => [i, v] as const))('accepts a non-string (#%i) without throwing', (_i, value) => {
    const result = normalizeError(value);
    expect(typeof result.code).toBe('string');
    expect(CATEGORIES).toContain(result.category);
    expect(typeof result.raw).toBe('string');
  });

  it('gives UNKNOWN for strings it does not know', () => {
    for (const text of [
      '',
      '   ',
      'hello world',
      'lorem ipsum',
      'net::',
      'ERR_',
      'NS_',
      '0x',
      'Error code',
      'Error code 0',
      'Error code 12',
      '404',
      'Error code 99999999999999999',
      '-0',
      '-999999',
      'null',
      'undefined',
      '{}',
      '🙂',
      'ÉRR_X',
    ]) {
      expect(normalizeError(text).code, JSON.stringify(text)).toBe('UNKNOWN');
    }
  });

  it('handles huge strings and control characters', () => {
    // How long it takes is bench's figure (bench/engine.ts); here, what comes out.
    const result = normalizeError('x'.repeat(5_000_000));
    expect(result.code).toBe('UNKNOWN');
    expect(result.raw.length).toBeLessThanOrEqual(500);
    expect(normalizeError('\u0000'.repeat(10_000)).code).toBe('UNKNOWN');
    expect(normalizeError('net::ERR_CONNECTION_REFUSED\u0000').code).toBe('ERR_CONNECTION_REFUSED');
    expect(normalizeError('\u200bNS_ERROR_NET_RESET\r\n').code).toBe('ERR_CONNECTION_RESET');
    expect(normalizeError('net::ERR_CONNECTION_REFUSED'.padEnd(100_000, '\u0007')).code).toBe('ERR_CONNECTION_REFUSED');
  });

  it('keeps the raw string as given (cut to 500 characters)', () => {
    expect(normalizeError('  NS_ERROR_NET_RESET ').raw).toBe('  NS_ERROR_NET_RESET ');
    expect(normalizeError('a'.repeat(600)).raw).toHaveLength(500);
  });

  it('never throws on random input', () => {
    const next = random(42);
    const alphabet = "ERR_NS_SSL_SEC_ERROR_CODE_net::()0123456789 ,.'’abcxyz\u0000\u00ff\ud83d\ude00\ud800-";
    for (let i = 0; i < 3000; i += 1) {
      const length = Math.floor(next() * 80);
      let text = '';
      for (let j = 0; j < length; j += 1) text += alphabet[Math.floor(next() * alphabet.length)];
      const result = normalizeError(text);
      expect(CATEGORIES).toContain(result.category);
      expect(result.raw).toBe(text);
    }
  });
});

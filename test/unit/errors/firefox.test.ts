import { describe, expect, it } from 'vitest';
import { entryMeaning } from '../../../src/engine/errors/text';
import {
  decodeNsresult,
  FIREFOX_NETWORK_ERRORS,
  FIREFOX_PHASES,
  makeNsresult,
  MODULE_NETWORK,
  MODULE_SECURITY,
  MODULE_XPCOM_GENERIC,
  PROXY_CODE_BASE,
  PROXY_STATUS_NAMES,
} from '../../../src/engine/errors/firefox';
import { FIREFOX_TLS_SENTENCES } from '../../../src/engine/errors/firefox-sentences';
import { normalizeError } from '../../../src/engine/errors/normalize';
import {
  allNssNames,
  MOZILLA_PKIX_ERROR_BASE,
  nssErrorForCode,
  nssErrorForName,
  SEC_ERROR_BASE,
  SSL_ERROR_BASE,
} from '../../../src/engine/errors/nss';
import { canonicalForFirefoxName, canonicalForNsresult } from '../../../src/engine/errors/firefox-lookup';
import { entryForCode } from '../../../src/engine/errors/table';
import { firefoxRows } from './fixtures';

const errorCode = (nsresult: number) => `Error code ${nsresult}`;
/** The nsresult Firefox makes of an NSS/NSPR PRErrorCode. */
const fromNss = (prCode: number) => makeNsresult(MODULE_SECURITY, -prCode);

describe('the Firefox reference rows', () => {
  const rows = firefoxRows();

  it('are all read', () => {
    expect(rows.length).toBe(32);
  });

  it.each(rows.map((r) => [r.name, r] as const))('%s: hex, decimal and arithmetic agree', (name, row) => {
    expect(row.decimal).toBe(row.hex);
    const known = FIREFOX_NETWORK_ERRORS.find((r) => r.name === name);
    expect(known, `${name} is in FIREFOX_NETWORK_ERRORS`).toBeDefined();
    expect(makeNsresult(known!.module, known!.code)).toBe(row.decimal);
    const decoded = decodeNsresult(row.decimal);
    expect([decoded.module, decoded.code]).toEqual([known!.module, known!.code]);
  });

  it.each(rows.map((r) => [r.name, r] as const))(
    '%s: name and Error code give the same canonical code',
    (name, row) => {
      const expected = row.closest[0] ?? name;
      const byName = normalizeError(name);
      const byNumber = normalizeError(errorCode(row.decimal));
      expect(byName.code).toBe(expected);
      expect(byNumber.code).toBe(expected);
      expect(byName.source).toBe('firefox');
      expect(byNumber.nsresult).toBe(row.decimal);
      expect(byNumber.category).toBe(entryForCode(expected)!.category);
      if (expected !== name) expect(byNumber.detail).toBe(name);
    },
  );

  it('decode proxy errors as PROXY_CODE_BASE + HTTP status', () => {
    for (const row of rows.filter(
      (r) => r.name.startsWith('NS_ERROR_PROXY_') && r.name !== 'NS_ERROR_PROXY_CONNECTION_REFUSED',
    )) {
      const status = PROXY_STATUS_NAMES.find(([, n]) => `NS_ERROR_PROXY_${n}` === row.name)![0];
      expect(row.decimal).toBe(0x804b0000 + PROXY_CODE_BASE + status);
      expect(row.decimal).toBe(2152398848 + 1000 + status);
      expect(normalizeError(errorCode(row.decimal)).httpStatus).toBe(status);
    }
  });
});

describe('nsresult arithmetic', () => {
  it('round-trips every named Firefox error', () => {
    for (const row of FIREFOX_NETWORK_ERRORS) {
      const nsresult = makeNsresult(row.module, row.code);
      expect(decodeNsresult(nsresult), row.name).toEqual({ nsresult, module: row.module, code: row.code });
      expect(canonicalForNsresult(nsresult), row.name).toBe(row.canonical);
      expect(canonicalForFirefoxName(row.name)).toBe(row.canonical);
    }
  });

  it('round-trips any module and code', () => {
    for (const module of [1, 2, MODULE_NETWORK, 13, 14, MODULE_SECURITY, 24, 25, 51]) {
      for (const code of [0, 1, 20, 999, 1502, 12263, 0xffff]) {
        const decoded = decodeNsresult(makeNsresult(module, code));
        expect([decoded.module, decoded.code]).toEqual([module, code]);
      }
    }
    for (const code of [0x4004, 0x4005, 0xffff, 0x7000e, 0x70057]) {
      expect(decodeNsresult(makeNsresult(MODULE_XPCOM_GENERIC, code))).toMatchObject({ module: 0, code });
    }
  });

  it('matches the known values', () => {
    expect(makeNsresult(MODULE_NETWORK, 13)).toBe(2152398861);
    expect(makeNsresult(MODULE_NETWORK, 30)).toBe(2152398878);
    expect(makeNsresult(MODULE_XPCOM_GENERIC, 0x4004)).toBe(0x80004004);
    expect(fromNss(SSL_ERROR_BASE + 25)).toBe(2153394151);
  });

  it('rejects values that are not failures', () => {
    for (const value of [0, 1, 0x7fffffff, -1, 0x100000000, 1.5, Number.NaN]) {
      expect(decodeNsresult(value).module).toBe(-1);
    }
  });

  it('puts unnamed network codes in a sensible category', () => {
    expect(normalizeError(errorCode(makeNsresult(MODULE_NETWORK, 1000 + 418)))).toMatchObject({
      code: 'ERR_TUNNEL_CONNECTION_FAILED',
      category: 'proxy',
      httpStatus: 418,
    });
    expect(normalizeError(errorCode(makeNsresult(MODULE_NETWORK, 1407)))).toMatchObject({
      code: 'ERR_PROXY_AUTH_REQUESTED',
    });
    expect(normalizeError(errorCode(makeNsresult(MODULE_NETWORK, 69)))).toMatchObject({
      code: 'UNKNOWN',
      category: 'cache',
    });
    expect(normalizeError(errorCode(makeNsresult(MODULE_NETWORK, 250)))).toMatchObject({
      code: 'UNKNOWN',
      category: 'connection',
    });
    expect(normalizeError(errorCode(makeNsresult(MODULE_NETWORK, 97)))).toMatchObject({
      code: 'UNKNOWN',
      category: 'connection',
      source: 'firefox',
    });
    expect(normalizeError(errorCode(makeNsresult(24, 99)))).toMatchObject({ code: 'UNKNOWN', category: 'policy' });
  });
});

describe('NSS errors', () => {
  it('use the NSS bases', () => {
    expect(SSL_ERROR_BASE).toBe(-0x3000);
    expect(SEC_ERROR_BASE).toBe(-0x2000);
    expect(MOZILLA_PKIX_ERROR_BASE).toBe(-0x4000);
    expect(nssErrorForName('SSL_ERROR_RX_RECORD_TOO_LONG')?.prCode).toBe(-12263);
    expect(nssErrorForName('SEC_ERROR_UNKNOWN_ISSUER')?.prCode).toBe(-8179);
    expect(nssErrorForName('SEC_ERROR_EXPIRED_CERTIFICATE')?.prCode).toBe(-8181);
    expect(nssErrorForName('SSL_ERROR_BAD_CERT_DOMAIN')?.prCode).toBe(-12276);
    expect(nssErrorForName('MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT')?.prCode).toBe(-16370);
    expect(nssErrorForName('PR_CONNECT_RESET_ERROR')?.prCode).toBe(-5961);
    expect(nssErrorForName('PR_END_OF_FILE_ERROR')?.prCode).toBe(-5938);
  });

  it('decode https to a plain-HTTP port (2153394151)', () => {
    expect(normalizeError('Error code 2153394151')).toEqual({
      raw: 'Error code 2153394151',
      code: 'ERR_SSL_PROTOCOL_ERROR',
      number: -107,
      category: 'tls',
      source: 'firefox',
      nsresult: 2153394151,
      detail: 'SSL_ERROR_RX_RECORD_TOO_LONG',
    });
  });

  it.each([
    ['SSL_ERROR_RX_RECORD_TOO_LONG', 'ERR_SSL_PROTOCOL_ERROR', 'tls'],
    ['SEC_ERROR_UNKNOWN_ISSUER', 'ERR_CERT_AUTHORITY_INVALID', 'certificate'],
    ['MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', 'ERR_CERT_AUTHORITY_INVALID', 'certificate'],
    ['MOZILLA_PKIX_ERROR_MITM_DETECTED', 'ERR_CERT_AUTHORITY_INVALID', 'certificate'],
    ['SEC_ERROR_EXPIRED_CERTIFICATE', 'ERR_CERT_DATE_INVALID', 'certificate'],
    ['SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE', 'ERR_CERT_DATE_INVALID', 'certificate'],
    ['MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE', 'ERR_CERT_DATE_INVALID', 'certificate'],
    ['SSL_ERROR_BAD_CERT_DOMAIN', 'ERR_CERT_COMMON_NAME_INVALID', 'certificate'],
    ['SEC_ERROR_REVOKED_CERTIFICATE', 'ERR_CERT_REVOKED', 'certificate'],
    ['SEC_ERROR_OCSP_TRY_SERVER_LATER', 'ERR_CERT_UNABLE_TO_CHECK_REVOCATION', 'certificate'],
    ['SEC_ERROR_BAD_SIGNATURE', 'ERR_CERT_INVALID', 'certificate'],
    ['SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED', 'ERR_CERT_WEAK_SIGNATURE_ALGORITHM', 'certificate'],
    ['MOZILLA_PKIX_ERROR_KEY_PINNING_FAILURE', 'ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN', 'certificate'],
    ['SSL_ERROR_NO_CYPHER_OVERLAP', 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH', 'tls'],
    ['SSL_ERROR_PROTOCOL_VERSION_ALERT', 'ERR_SSL_VERSION_OR_CIPHER_MISMATCH', 'tls'],
    ['SSL_ERROR_UNRECOGNIZED_NAME_ALERT', 'ERR_SSL_UNRECOGNIZED_NAME_ALERT', 'tls'],
    ['SSL_ERROR_BAD_CERT_ALERT', 'ERR_BAD_SSL_CLIENT_AUTH_CERT', 'tls'],
    ['SSL_ERROR_RX_MALFORMED_SERVER_HELLO', 'ERR_SSL_PROTOCOL_ERROR', 'tls'],
    ['PR_CONNECT_RESET_ERROR', 'ERR_CONNECTION_RESET', 'connection'],
    ['PR_END_OF_FILE_ERROR', 'ERR_CONNECTION_CLOSED', 'connection'],
  ])('%s → %s', (name, code, category) => {
    const byName = normalizeError(name);
    expect(byName).toMatchObject({ code, category, source: 'firefox', detail: name });
    const byNumber = normalizeError(errorCode(byName.nsresult!));
    expect(byNumber).toMatchObject({ code, category, detail: name });
  });

  it('give the same answer by name and by Error code for every known name', () => {
    const names = allNssNames();
    expect(names.length).toBeGreaterThan(390);
    for (const [name, prCode] of names) {
      const byName = normalizeError(name);
      const byNumber = normalizeError(errorCode(fromNss(prCode)));
      expect(byNumber.code, name).toBe(byName.code);
      expect(byNumber.detail, name).toBe(name);
      expect(byName.nsresult, name).toBe(fromNss(prCode));
    }
  });

  it('classify unnamed codes by their range', () => {
    expect(normalizeError(errorCode(fromNss(SSL_ERROR_BASE + 900)))).toMatchObject({
      code: 'ERR_SSL_PROTOCOL_ERROR',
      category: 'tls',
    });
    expect(normalizeError(errorCode(fromNss(SEC_ERROR_BASE + 900)))).toMatchObject({
      code: 'ERR_CERT_INVALID',
      category: 'certificate',
    });
    expect(normalizeError(errorCode(fromNss(MOZILLA_PKIX_ERROR_BASE + 500)))).toMatchObject({
      code: 'ERR_CERT_INVALID',
      category: 'certificate',
    });
    expect(nssErrorForCode(-7000)).toBeUndefined();
    expect(normalizeError(errorCode(makeNsresult(MODULE_SECURITY, 7000)))).toMatchObject({
      code: 'UNKNOWN',
      category: 'tls',
    });
    // Firefox's own security-module codes are not NSS ones.
    expect(normalizeError(errorCode(makeNsresult(MODULE_SECURITY, 96)))).toMatchObject({
      code: 'ERR_BLOCKED_BY_RESPONSE',
      detail: 'NS_ERROR_XFO_VIOLATION',
    });
  });

  it('keep unknown names of a known family in its category', () => {
    expect(normalizeError('SSL_ERROR_SOMETHING_NEW')).toMatchObject({
      code: 'UNKNOWN',
      category: 'tls',
      detail: 'SSL_ERROR_SOMETHING_NEW',
    });
    expect(normalizeError('SEC_ERROR_SOMETHING_NEW')).toMatchObject({
      code: 'ERR_CERT_INVALID',
      category: 'certificate',
    });
    expect(normalizeError('MOZILLA_PKIX_ERROR_SOMETHING_NEW')).toMatchObject({ category: 'certificate' });
  });

  it("read Firefox's generated names", () => {
    expect(
      normalizeError('NS_ERROR_GENERATE_FAILURE(NS_ERROR_MODULE_SECURITY, SSL_ERROR_RX_RECORD_TOO_LONG)'),
    ).toMatchObject({ code: 'ERR_SSL_PROTOCOL_ERROR', detail: 'SSL_ERROR_RX_RECORD_TOO_LONG', nsresult: 2153394151 });
    expect(normalizeError('NS_ERROR_GENERATE_FAILURE(NS_ERROR_MODULE_SECURITY, 12263)')).toMatchObject({
      code: 'ERR_SSL_PROTOCOL_ERROR',
      nsresult: 2153394151,
    });
    expect(normalizeError('NS_ERROR_GENERATE_FAILURE(21, 8179)')).toMatchObject({ code: 'ERR_CERT_AUTHORITY_INVALID' });
    expect(normalizeError('NS_ERROR_GENERATE_FAILURE(NS_ERROR_MODULE_SECURITY, PR_CONNECT_RESET_ERROR)')).toMatchObject(
      { code: 'ERR_CONNECTION_RESET' },
    );
  });
});

describe('Firefox TLS sentences', () => {
  it.each([
    [
      'SSL received a record that exceeded the maximum permissible length.',
      'ERR_SSL_PROTOCOL_ERROR',
      'SSL_ERROR_RX_RECORD_TOO_LONG',
    ],
    ['Peer’s Certificate issuer is not recognized.', 'ERR_CERT_AUTHORITY_INVALID', 'SEC_ERROR_UNKNOWN_ISSUER'],
    ["Peer's Certificate issuer is not recognized.", 'ERR_CERT_AUTHORITY_INVALID', 'SEC_ERROR_UNKNOWN_ISSUER'],
    ["Peer's certificate has an invalid signature.", 'ERR_CERT_INVALID', 'SEC_ERROR_BAD_SIGNATURE'],
    ['peer’s certificate has an invalid signature', 'ERR_CERT_INVALID', 'SEC_ERROR_BAD_SIGNATURE'],
    ["  PEER'S CERTIFICATE HAS EXPIRED.  ", 'ERR_CERT_DATE_INVALID', 'SEC_ERROR_EXPIRED_CERTIFICATE'],
    [
      'The certificate is not trusted because it is self-signed.',
      'ERR_CERT_AUTHORITY_INVALID',
      'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT',
    ],
    [
      "Unable to communicate securely with peer: requested domain name does not match the server's certificate.",
      'ERR_CERT_COMMON_NAME_INVALID',
      'SSL_ERROR_BAD_CERT_DOMAIN',
    ],
    [
      'Cannot communicate securely with peer: no common encryption algorithm(s).',
      'ERR_SSL_VERSION_OR_CIPHER_MISMATCH',
      'SSL_ERROR_NO_CYPHER_OVERLAP',
    ],
    [
      'SSL received a record that exceeded the\nmaximum   permissible length',
      'ERR_SSL_PROTOCOL_ERROR',
      'SSL_ERROR_RX_RECORD_TOO_LONG',
    ],
    [
      'Error: SSL received a record that exceeded the maximum permissible length. (SSL_ERROR_RX_RECORD_TOO_LONG)',
      'ERR_SSL_PROTOCOL_ERROR',
      'SSL_ERROR_RX_RECORD_TOO_LONG',
    ],
  ])('%j', (sentence, code, detail) => {
    expect(normalizeError(sentence)).toMatchObject({ raw: sentence, code, detail, source: 'firefox' });
  });

  it('recognise every sentence in the table', () => {
    for (const [sentence, name] of FIREFOX_TLS_SENTENCES) {
      expect(normalizeError(sentence).detail, sentence).toBe(name);
      expect(normalizeError(sentence).code).toBe(nssErrorForName(name)!.canonical);
    }
  });

  it('put unknown sentences about certificates or secure connections in the right category', () => {
    expect(normalizeError('The server’s certificate uses a brand new kind of problem.')).toMatchObject({
      code: 'ERR_CERT_INVALID',
      category: 'certificate',
    });
    expect(normalizeError('Le certificat n’est pas valide.')).toMatchObject({ category: 'certificate' });
    expect(normalizeError('SSL peer did something unexpected today.')).toMatchObject({
      code: 'UNKNOWN',
      category: 'tls',
    });
    expect(normalizeError('Could not establish a secure connection')).toMatchObject({
      code: 'UNKNOWN',
      category: 'tls',
    });
    expect(normalizeError('TLS went wrong')).toMatchObject({ category: 'tls' });
    expect(normalizeError('Something else went wrong.')).toMatchObject({ code: 'UNKNOWN', category: 'other' });
  });
});

describe('Firefox load phases (NS_ERROR_NET_ON_*)', () => {
  it('each have an entry that says the cause is uncertain', () => {
    expect(FIREFOX_PHASES.length).toBeGreaterThanOrEqual(20);
    for (const name of FIREFOX_PHASES) {
      const entry = entryForCode(name);
      expect(entry, name).toBeDefined();
      expect(entryMeaning(entry!)).toMatch(/uncertain/);
      expect(normalizeError(name)).toMatchObject({
        code: name,
        category: entry!.category,
        source: 'firefox',
        number: 0,
      });
    }
  });

  it.each([
    ['NS_ERROR_NET_ON_RESOLVING', 'dns', 'unknown'],
    ['NS_ERROR_NET_ON_RESOLVED', 'connection', 'unknown'],
    ['NS_ERROR_NET_ON_CONNECTING_TO', 'connection', 'unknown'],
    ['NS_ERROR_NET_ON_CONNECTED_TO', 'connection', 'unknown'],
    ['NS_ERROR_NET_ON_TLS_HANDSHAKE_STARTING', 'tls', 'unknown'],
    ['NS_ERROR_NET_ON_TLS_HANDSHAKE_ENDED', 'connection', 'unknown'],
    ['NS_ERROR_NET_ON_SENDING_TO', 'connection', 'unknown'],
    ['NS_ERROR_NET_ON_WAITING_FOR', 'connection', 'server'],
    ['NS_ERROR_NET_ON_RECEIVING_FROM', 'connection', 'unknown'],
    ['NS_ERROR_NET_ON_REQUEST_BODY_SENT', 'connection', 'server'],
    ['NS_ERROR_NET_ON_TRANSACTION_CLOSE', 'connection', 'unknown'],
    ['NS_ERROR_NET_ON_PROXY_RESPONSE_HEADER', 'proxy', 'network'],
  ])('%s is %s, verdict %s', (name, category, verdict) => {
    expect(entryForCode(name)).toMatchObject({ category, verdict, takeover: true });
    expect(entryForCode(entryForCode(name)!.closest!)).toBeDefined();
  });

  it('accept the spellings people use for them', () => {
    expect(normalizeError('NS_ERROR_NET_ON_TLS_HANDSHAKE_STARTED').code).toBe('NS_ERROR_NET_ON_TLS_HANDSHAKE_STARTING');
    expect(normalizeError('NS_ERROR_NET_ON_TRANSACTION_CLOSED').code).toBe('NS_ERROR_NET_ON_TRANSACTION_CLOSE');
    expect(normalizeError('ns_error_net_on_resolving').code).toBe('NS_ERROR_NET_ON_RESOLVING');
  });

  it('keep unknown phases in the connection category', () => {
    expect(normalizeError('NS_ERROR_NET_ON_SOMETHING_NEW')).toMatchObject({
      code: 'UNKNOWN',
      category: 'connection',
      detail: 'NS_ERROR_NET_ON_SOMETHING_NEW',
    });
    expect(normalizeError('NS_ERROR_NET_UNKNOWN_20490')).toMatchObject({ code: 'UNKNOWN', category: 'connection' });
  });
});

describe('other Firefox names', () => {
  it.each([
    ['NS_BINDING_ABORTED', 'ERR_ABORTED', 'aborted'],
    ['NS_ERROR_ABORT', 'ERR_BLOCKED_BY_CLIENT', 'policy'],
    ['NS_ERROR_OFFLINE', 'ERR_INTERNET_DISCONNECTED', 'connection'],
    ['NS_ERROR_NET_INADEQUATE_SECURITY', 'ERR_HTTP2_INADEQUATE_TRANSPORT_SECURITY', 'tls'],
    ['NS_ERROR_NET_PARTIAL_TRANSFER', 'ERR_CONTENT_LENGTH_MISMATCH', 'http'],
    ['NS_ERROR_UNKNOWN_SOCKET_TYPE', 'NS_ERROR_UNKNOWN_SOCKET_TYPE', 'connection'],
    ['NS_ERROR_HTTPS_ONLY', 'NS_ERROR_HTTPS_ONLY', 'policy'],
    ['NS_ERROR_PROXY_SERVICE_UNAVAILABLE', 'ERR_TUNNEL_CONNECTION_FAILED', 'proxy'],
    ['NS_ERROR_PROXY_AUTHENTICATION_FAILED', 'ERR_PROXY_AUTH_REQUESTED', 'proxy'],
    ['NS_ERROR_PHISHING_URI', 'NS_ERROR_PHISHING_URI', 'policy'],
    ['NS_ERROR_TRACKING_URI', 'NS_ERROR_TRACKING_URI', 'policy'],
    ['NS_ERROR_FINGERPRINTING_URI', 'ERR_BLOCKED_BY_FINGERPRINTING_PROTECTION', 'policy'],
    ['NS_ERROR_BLOCKED_BY_POLICY', 'ERR_BLOCKED_BY_ADMINISTRATOR', 'policy'],
    ['NS_ERROR_DOM_BAD_URI', 'NS_ERROR_DOM_BAD_URI', 'policy'],
    ['NS_ERROR_CONTENT_BLOCKED_SHOW_ALT', 'NS_ERROR_CONTENT_BLOCKED', 'policy'],
    ['NS_ERROR_FILE_NOT_FOUND', 'ERR_FILE_NOT_FOUND', 'other'],
  ])('%s → %s', (name, code, category) => {
    expect(normalizeError(name)).toMatchObject({ code, category, source: 'firefox' });
  });

  it('never let a Firefox security warning be taken over', () => {
    for (const name of [
      'NS_ERROR_HTTPS_ONLY',
      'NS_ERROR_BAD_HSTS_CERT',
      'NS_ERROR_MALWARE_URI',
      'NS_ERROR_PHISHING_URI',
    ]) {
      expect(entryForCode(name)?.takeover, name).toBe(false);
    }
  });

  it('keep unknown NS_ names as UNKNOWN with a guessed category', () => {
    expect(normalizeError('NS_ERROR_SOMETHING_PROXY_BROKE')).toMatchObject({
      code: 'UNKNOWN',
      category: 'proxy',
      source: 'firefox',
    });
    expect(normalizeError('NS_ERROR_WHATEVER')).toMatchObject({ code: 'UNKNOWN', category: 'other' });
  });
});

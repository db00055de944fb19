import type { Facts } from '../facts';
import type { Rule } from '../types';
import { t } from '../i18n';
import { serverSide } from '../text';

const UNTRUSTED = new Set([
  'ERR_CERT_AUTHORITY_INVALID',
  'ERR_CERT_INVALID',
  'ERR_CERT_SYMANTEC_LEGACY',
  'ERR_CERT_KNOWN_INTERCEPTION_BLOCKED',
  'ERR_CERT_NON_UNIQUE_NAME',
  'ERR_CERT_WEAK_KEY',
  'ERR_CERT_WEAK_SIGNATURE_ALGORITHM',
  'ERR_CERT_NAME_CONSTRAINT_VIOLATION',
  'ERR_CERT_VALIDITY_TOO_LONG',
  'ERR_CERT_CONTAINS_ERRORS',
  'ERR_CERT_SELF_SIGNED_LOCAL_NETWORK',
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
  const [unit, amount] =
    minutes >= 2880
      ? ['days', Math.round(minutes / 1440)]
      : minutes >= 120
        ? ['hours', Math.round(minutes / 60)]
        : ['minutes', minutes];
  return t(`skew_${unit}_${offset(f) > 0 ? 'ahead' : 'behind'}`, [amount]);
}

function httpVersion(f: Facts): string {
  return f.url.href.replace(/^https:/i, 'http:');
}

export const tlsRules: readonly Rule[] = [
  {
    cause: 'tls-on-plain-port',
    title: () => t('r_tls_on_plain_port_title'),
    summary: (f) =>
      f.url.loopback
        ? t('r_tls_on_plain_port_summary_local', [f.url.port])
        : t('r_tls_on_plain_port_summary', [f.url.host, f.url.port]),
    verdict: (f) => (f.url.loopback || !f.url.defaultPort ? 'client' : 'server'),
    score: (f) => (f.url.loopback || !f.url.defaultPort ? 0.8 : 0.5),
    when: plainPortSuspect,
    evidence: (f) => [
      {
        text: t('r_tls_on_plain_port_ev'),
        pointsTo: 'server',
        source: 'browser',
      },
      ...(f.url.defaultPort
        ? []
        : [{ text: t('r_tls_on_plain_port_ev2', [f.url.port]), pointsTo: 'client' as const, source: 'url' as const }]),
    ],
    steps: (f) => [
      { audience: 'you', text: t('r_tls_on_plain_port_step'), link: httpVersion(f) },
      { audience: serverSide(f), text: t('r_tls_on_plain_port_step2', [f.url.port]) },
    ],
    commands: ['tls', 'http'],
  },
  {
    cause: 'certificate-untrusted',
    title: () => t('r_certificate_untrusted_title'),
    summary: (f) => t('r_certificate_untrusted_summary', [f.url.host]),
    verdict: 'server',
    score: 0.75,
    when: (f) => UNTRUSTED.has(f.error.code),
    evidence: (f) => [
      {
        text:
          f.url.loopback || f.url.privateAddress ? t('r_certificate_untrusted_ev') : t('r_certificate_untrusted_ev2'),
        pointsTo: f.url.loopback ? 'server' : 'neutral',
        source: 'url',
      },
    ],
    steps: (f) => [
      { audience: 'you', text: t('r_certificate_untrusted_step') },
      { audience: 'you', text: t('r_certificate_untrusted_step2') },
      f.url.loopback
        ? { audience: 'developer', text: t('r_certificate_untrusted_step3') }
        : { audience: 'owner', text: t('r_certificate_untrusted_step4') },
    ],
    commands: ['tls'],
  },
  {
    cause: 'clock-skew',
    title: () => t('r_clock_skew_title'),
    summary: (f) => t(offset(f) > 0 ? 'r_clock_skew_summary_ahead' : 'r_clock_skew_summary_behind', [skewWords(f)]),
    verdict: 'client',
    score: 0.9,
    when: (f) => DATE_ERRORS.has(f.error.code) && Math.abs(offset(f)) >= SKEW_MS,
    evidence: (f) => [
      {
        text: t('r_clock_skew_ev', [skewWords(f)]),
        pointsTo: 'client',
        source: 'history',
      },
    ],
    steps: () => [
      { audience: 'you', text: t('r_clock_skew_step') },
      { audience: 'you', text: t('r_clock_skew_step2') },
    ],
  },
  {
    cause: 'certificate-expired',
    title: () => t('r_certificate_expired_title'),
    summary: (f) => t('r_certificate_expired_summary', [f.url.host]),
    verdict: 'server',
    score: 0.7,
    when: (f) => f.error.code === 'ERR_CERT_DATE_INVALID',
    steps: () => [
      { audience: 'you', text: t('r_certificate_expired_step') },
      { audience: 'owner', text: t('r_certificate_expired_step2') },
    ],
    commands: ['tls'],
  },
  {
    cause: 'certificate-name-mismatch',
    title: () => t('r_certificate_name_mismatch_title'),
    summary: (f) => t('r_certificate_name_mismatch_summary', [f.url.host]),
    verdict: 'server',
    score: 0.7,
    when: (f) => f.error.code === 'ERR_CERT_COMMON_NAME_INVALID',
    steps: () => [
      { audience: 'you', text: t('r_certificate_name_mismatch_step') },
      { audience: 'owner', text: t('r_certificate_name_mismatch_step2') },
    ],
    commands: ['tls'],
  },
];

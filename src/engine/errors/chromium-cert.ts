import type { ErrorEntry } from './types';

/**
 * Chromium net errors -200 to -299: certificate problems. The browser shows its own warning page for these, with the
 * security decision ("proceed anyway") on it, so none of them takes over the tab.
 */
export const CHROMIUM_CERT_ERRORS: readonly ErrorEntry[] = [
  {
    code: 'ERR_CERT_COMMON_NAME_INVALID', number: -200, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate is for another site',
    meaning: 'The site presented a certificate that is not valid for this name.',
    verdictReason: 'The certificate is chosen by the server.',
    steps: {
      you: ['Check the address: the site may only be set up under another name (for example with or without www.).', 'On public Wi-Fi, a sign-in page can cause this: open any http:// page first.'],
      owner: ['Add this host name to the certificate (Subject Alternative Name), or redirect to the name it covers.'],
    },
    aliases: ['SSL_ERROR_BAD_CERT_DOMAIN'],
  },
  {
    code: 'ERR_CERT_DATE_INVALID', number: -201, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate is expired or not yet valid',
    meaning: 'The site\'s certificate is outside its validity dates, or this device\'s clock is wrong.',
    verdictReason: 'Usually an expired certificate on the server; check your clock if many sites show this.',
    steps: {
      you: ['Check that the date and time of this device are correct.'],
      owner: ['Renew the certificate, and automate renewal (for example with an ACME client).'],
    },
    aliases: [
      'SEC_ERROR_EXPIRED_CERTIFICATE', 'SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE',
      'MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE', 'MOZILLA_PKIX_ERROR_NOT_YET_VALID_ISSUER_CERTIFICATE',
    ],
  },
  {
    code: 'ERR_CERT_AUTHORITY_INVALID', number: -202, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate is not trusted',
    meaning: 'The site\'s certificate was not issued by an authority this browser trusts: it may be self-signed, miss an intermediate certificate, or someone may be intercepting the connection.',
    verdictReason: 'The certificate is the server\'s; on a company or school network an inspecting proxy can also cause it.',
    steps: {
      you: ['Do not enter passwords on this site unless you know why its certificate is not trusted.'],
      owner: ['Install a certificate from a public authority and serve the full chain.'],
      developer: ['For local development, trust your development certificate authority (for example with mkcert).'],
    },
    aliases: [
      'SEC_ERROR_UNKNOWN_ISSUER', 'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT', 'SEC_ERROR_UNTRUSTED_ISSUER',
      'MOZILLA_PKIX_ERROR_MITM_DETECTED', 'SEC_ERROR_CA_CERT_INVALID',
    ],
  },
  {
    code: 'ERR_CERT_CONTAINS_ERRORS', number: -203, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate contains errors',
    meaning: 'The site\'s certificate has errors that make it unusable.',
    verdictReason: 'The certificate comes from the server.',
    steps: { owner: ['Reissue the certificate and install it with its full chain.'] },
  },
  {
    code: 'ERR_CERT_NO_REVOCATION_MECHANISM', number: -204, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate cannot be checked for revocation',
    meaning: 'The site\'s certificate gives no way to find out whether it has been cancelled (revoked).',
    verdictReason: 'How the certificate was issued is on the site\'s side.',
  },
  {
    code: 'ERR_CERT_UNABLE_TO_CHECK_REVOCATION', number: -205, category: 'certificate', verdict: 'unknown', takeover: false,
    title: 'The certificate\'s revocation status is unavailable',
    meaning: 'The browser could not find out whether the site\'s certificate has been cancelled, because the service that says so did not answer.',
    verdictReason: 'The checking service may be down, or your network may block it.',
    steps: { you: ['Try again later or from another network.'] },
    aliases: ['MOZILLA_PKIX_ERROR_OCSP_RESPONSE_FOR_CERT_MISSING', 'SEC_ERROR_OCSP_SERVER_ERROR'],
  },
  {
    code: 'ERR_CERT_REVOKED', number: -206, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate was cancelled',
    meaning: 'The authority that issued the site\'s certificate has revoked it, so it must not be trusted any more.',
    verdictReason: 'The certificate belongs to the server, and its issuer withdrew it.',
    steps: {
      you: ['Do not continue to this site.'],
      owner: ['Install a new certificate; find out why the old one was revoked (for example a leaked key).'],
    },
    aliases: ['SEC_ERROR_REVOKED_CERTIFICATE', 'SEC_ERROR_REVOKED_CERTIFICATE_OCSP', 'SEC_ERROR_REVOKED_CERTIFICATE_CRL'],
  },
  {
    code: 'ERR_CERT_INVALID', number: -207, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate is not valid',
    meaning: 'The site\'s certificate is malformed or broken in a way the browser cannot accept.',
    verdictReason: 'The certificate comes from the server.',
    steps: { owner: ['Reissue the certificate and install it with its full chain.'] },
    aliases: ['SEC_ERROR_BAD_SIGNATURE', 'SEC_ERROR_BAD_DER', 'SEC_ERROR_INADEQUATE_KEY_USAGE'],
  },
  {
    code: 'ERR_CERT_WEAK_SIGNATURE_ALGORITHM', number: -208, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate uses a weak signature',
    meaning: 'The site\'s certificate is signed with an outdated method (such as SHA-1) that is no longer considered safe.',
    verdictReason: 'The certificate comes from the server.',
    steps: { owner: ['Reissue the certificate with a SHA-256 (or stronger) signature.'] },
    aliases: ['SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED'],
  },
  {
    code: 'ERR_CERT_NON_UNIQUE_NAME', number: -210, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate is for an internal name',
    meaning: 'The certificate names a host that is not unique on the internet (such as an internal server name), so it proves nothing about who you reach.',
    verdictReason: 'The certificate comes from the server.',
    steps: { owner: ['Use a name under a domain you own, with a certificate for that name.'] },
  },
  {
    code: 'ERR_CERT_WEAK_KEY', number: -211, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate has a weak key',
    meaning: 'The site\'s certificate uses a key that is too short to be safe.',
    verdictReason: 'The certificate comes from the server.',
    steps: { owner: ['Reissue the certificate with at least a 2048-bit RSA or a 256-bit EC key.'] },
    aliases: ['MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE', 'SSL_ERROR_WEAK_SERVER_CERT_KEY'],
  },
  {
    code: 'ERR_CERT_NAME_CONSTRAINT_VIOLATION', number: -212, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate names a site its issuer may not vouch for',
    meaning: 'The authority that issued the certificate is only allowed to issue for certain names, and this one is outside them.',
    verdictReason: 'The certificate and its issuer are on the site\'s side.',
    aliases: ['SEC_ERROR_CERT_NOT_IN_NAME_SPACE'],
  },
  {
    code: 'ERR_CERT_VALIDITY_TOO_LONG', number: -213, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate is valid for too long',
    meaning: 'The certificate was issued for a longer period than browsers accept.',
    verdictReason: 'The certificate comes from the server.',
    steps: { owner: ['Reissue the certificate with a shorter lifetime.'] },
    aliases: ['MOZILLA_PKIX_ERROR_VALIDITY_TOO_LONG'],
  },
  {
    code: 'ERR_CERTIFICATE_TRANSPARENCY_REQUIRED', number: -214, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate was not publicly logged',
    meaning: 'Browsers require certificates to be recorded in public logs, and this one lacks the proof that it was.',
    verdictReason: 'The certificate comes from the server and its issuer.',
    steps: { owner: ['Get a certificate from an authority that logs certificates publicly (all major ones do).'] },
    aliases: ['MOZILLA_PKIX_ERROR_INSUFFICIENT_CERTIFICATE_TRANSPARENCY'],
  },
  {
    code: 'ERR_CERT_KNOWN_INTERCEPTION_BLOCKED', number: -217, category: 'certificate', verdict: 'network', takeover: false,
    title: 'Known interception was blocked',
    meaning: 'The certificate belongs to a system known to intercept encrypted traffic without the device owner\'s consent.',
    verdictReason: 'The interception happens between you and the site.',
    steps: { you: ['Use another network, and do not enter private information on this connection.'] },
  },
  {
    code: 'ERR_CERT_SELF_SIGNED_LOCAL_NETWORK', number: -219, category: 'certificate', verdict: 'server', takeover: false,
    title: 'A device on your network uses a self-signed certificate',
    meaning: 'The address points to a device on your local network (for example a router or printer) whose certificate it made for itself.',
    verdictReason: 'The device chose its own certificate; that is common for home and office equipment.',
    steps: { you: ['If this is your own device, you can continue after checking the address is right.'] },
  },
];

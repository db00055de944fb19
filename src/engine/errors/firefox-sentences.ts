import { normalizeSentence } from './normalized';
/**
 * Firefox's webRequest reports TLS and certificate failures as the localized message of the NSS error instead of its
 * name. These are Firefox's en-US messages for the errors worth recognising, used only as keys to find the NSS name
 * again: they are never shown to users. Matching is loose (see normalizeSentence): case, curly or straight
 * apostrophes, spacing and the final period do not matter.
 */
export const FIREFOX_TLS_SENTENCES: ReadonlyArray<readonly [sentence: string, nssName: string]> = [
  ['SSL received a record that exceeded the maximum permissible length.', 'SSL_ERROR_RX_RECORD_TOO_LONG'],
  ['Cannot communicate securely with peer: no common encryption algorithm(s).', 'SSL_ERROR_NO_CYPHER_OVERLAP'],
  ['Unable to find the certificate or key necessary for authentication.', 'SSL_ERROR_NO_CERTIFICATE'],
  ['Peer using unsupported version of security protocol.', 'SSL_ERROR_UNSUPPORTED_VERSION'],
  [
    'Unable to communicate securely with peer: requested domain name does not match the server’s certificate.',
    'SSL_ERROR_BAD_CERT_DOMAIN',
  ],
  ['SSL received a record with an incorrect Message Authentication Code.', 'SSL_ERROR_BAD_MAC_READ'],
  ['SSL peer reports incorrect Message Authentication Code.', 'SSL_ERROR_BAD_MAC_ALERT'],
  ['SSL peer cannot verify your certificate.', 'SSL_ERROR_BAD_CERT_ALERT'],
  ['SSL peer rejected your certificate as revoked.', 'SSL_ERROR_REVOKED_CERT_ALERT'],
  ['SSL peer rejected your certificate as expired.', 'SSL_ERROR_EXPIRED_CERT_ALERT'],
  ['Cannot connect: SSL is disabled.', 'SSL_ERROR_SSL_DISABLED'],
  ['SSL received a malformed Server Hello handshake message.', 'SSL_ERROR_RX_MALFORMED_SERVER_HELLO'],
  ['SSL received a record with an unknown content type.', 'SSL_ERROR_RX_UNKNOWN_RECORD_TYPE'],
  ['SSL peer has closed this connection.', 'SSL_ERROR_CLOSE_NOTIFY_ALERT'],
  ['SSL peer was not expecting a handshake message it received.', 'SSL_ERROR_HANDSHAKE_UNEXPECTED_ALERT'],
  [
    'SSL peer was unable to successfully decompress an SSL record it received.',
    'SSL_ERROR_DECOMPRESSION_FAILURE_ALERT',
  ],
  ['SSL peer was unable to negotiate an acceptable set of security parameters.', 'SSL_ERROR_HANDSHAKE_FAILURE_ALERT'],
  ['SSL peer rejected a handshake message for unacceptable content.', 'SSL_ERROR_ILLEGAL_PARAMETER_ALERT'],
  ['SSL peer does not support certificates of the type it received.', 'SSL_ERROR_UNSUPPORTED_CERT_ALERT'],
  ['SSL peer had some unspecified issue with the certificate it received.', 'SSL_ERROR_CERTIFICATE_UNKNOWN_ALERT'],
  ['Peer does not recognize and trust the CA that issued your certificate.', 'SSL_ERROR_UNKNOWN_CA_ALERT'],
  ['Peer received a valid certificate, but access was denied.', 'SSL_ERROR_ACCESS_DENIED_ALERT'],
  ['Peer could not decode an SSL handshake message.', 'SSL_ERROR_DECODE_ERROR_ALERT'],
  ['Peer reports failure of signature verification or key exchange.', 'SSL_ERROR_DECRYPT_ERROR_ALERT'],
  ['Peer reports incompatible or unsupported protocol version.', 'SSL_ERROR_PROTOCOL_VERSION_ALERT'],
  ['Server requires ciphers more secure than those supported by client.', 'SSL_ERROR_INSUFFICIENT_SECURITY_ALERT'],
  ['Peer reports it experienced an internal error.', 'SSL_ERROR_INTERNAL_ERROR_ALERT'],
  ['Peer does not permit renegotiation of SSL security parameters.', 'SSL_ERROR_NO_RENEGOTIATION_ALERT'],
  ['Renegotiation is not allowed on this SSL socket.', 'SSL_ERROR_RENEGOTIATION_NOT_ALLOWED'],
  ['SSL peer has no certificate for the requested DNS name.', 'SSL_ERROR_UNRECOGNIZED_NAME_ALERT'],
  [
    'SSL received a weak ephemeral Diffie-Hellman key in Server Key Exchange handshake message.',
    'SSL_ERROR_WEAK_SERVER_EPHEMERAL_DH_KEY',
  ],
  [
    'The server supports no protocols that the client advertises in the ALPN extension.',
    'SSL_ERROR_NEXT_PROTOCOL_NO_PROTOCOL',
  ],
  [
    'The server rejected the handshake because the client downgraded to a lower TLS version than the server supports.',
    'SSL_ERROR_INAPPROPRIATE_FALLBACK_ALERT',
  ],
  ['The server certificate included a public key that was too weak.', 'SSL_ERROR_WEAK_SERVER_CERT_KEY'],
  [
    'The peer used an unsupported combination of signature and hash algorithm.',
    'SSL_ERROR_UNSUPPORTED_SIGNATURE_ALGORITHM',
  ],
  ['An I/O error occurred during security authorization.', 'SEC_ERROR_IO'],
  ['security library failure.', 'SEC_ERROR_LIBRARY_FAILURE'],
  ['security library: improperly formatted DER-encoded message.', 'SEC_ERROR_BAD_DER'],
  ['Peer’s certificate has an invalid signature.', 'SEC_ERROR_BAD_SIGNATURE'],
  ['Peer’s Certificate has expired.', 'SEC_ERROR_EXPIRED_CERTIFICATE'],
  ['Peer’s Certificate has been revoked.', 'SEC_ERROR_REVOKED_CERTIFICATE'],
  ['Peer’s Certificate issuer is not recognized.', 'SEC_ERROR_UNKNOWN_ISSUER'],
  ['Peer’s public key is invalid.', 'SEC_ERROR_BAD_KEY'],
  ['Peer’s certificate issuer has been marked as not trusted by the user.', 'SEC_ERROR_UNTRUSTED_ISSUER'],
  ['Peer’s certificate has been marked as not trusted by the user.', 'SEC_ERROR_UNTRUSTED_CERT'],
  [
    'The certificate issuer’s certificate has expired. Check your system date and time.',
    'SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE',
  ],
  ['Certificate extension value is invalid.', 'SEC_ERROR_EXTENSION_VALUE_INVALID'],
  ['Issuer certificate is invalid.', 'SEC_ERROR_CA_CERT_INVALID'],
  ['Certificate contains unknown critical extension.', 'SEC_ERROR_UNKNOWN_CRITICAL_EXTENSION'],
  ['Certificate key usage inadequate for attempted operation.', 'SEC_ERROR_INADEQUATE_KEY_USAGE'],
  [
    'The Certifying Authority for this certificate is not permitted to issue a certificate with this name.',
    'SEC_ERROR_CERT_NOT_IN_NAME_SPACE',
  ],
  ['The OCSP server experienced an internal error.', 'SEC_ERROR_OCSP_SERVER_ERROR'],
  ['The OCSP server suggests trying again later.', 'SEC_ERROR_OCSP_TRY_SERVER_LATER'],
  ['The OCSP server has no status for the certificate.', 'SEC_ERROR_OCSP_UNKNOWN_CERT'],
  ['The response from the OCSP server was corrupted or improperly formed.', 'SEC_ERROR_OCSP_MALFORMED_RESPONSE'],
  ['The OCSP response is not yet valid (contains a date in the future).', 'SEC_ERROR_OCSP_FUTURE_RESPONSE'],
  ['The OCSP response contains out-of-date information.', 'SEC_ERROR_OCSP_OLD_RESPONSE'],
  ['Invalid OCSP signing certificate in OCSP response.', 'SEC_ERROR_OCSP_INVALID_SIGNING_CERT'],
  ['Issuer’s OCSP responder reports certificate is revoked.', 'SEC_ERROR_REVOKED_CERTIFICATE_OCSP'],
  ['Certificate is revoked in issuer’s certificate revocation list.', 'SEC_ERROR_REVOKED_CERTIFICATE_CRL'],
  [
    'The certificate was signed using a signature algorithm that is disabled because it is not secure.',
    'SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED',
  ],
  [
    'The server uses key pinning (HPKP) but no trusted certificate chain could be constructed that matches the pinset. Key pinning violations cannot be overridden.',
    'MOZILLA_PKIX_ERROR_KEY_PINNING_FAILURE',
  ],
  [
    'The server uses a certificate with a basic constraints extension identifying it as a certificate authority. For a properly-issued certificate, this should not be the case.',
    'MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY',
  ],
  [
    'The server presented a certificate with a key size that is too small to establish a secure connection.',
    'MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE',
  ],
  [
    'An X.509 version 1 certificate that is not a trust anchor was used to issue the server’s certificate. X.509 version 1 certificates are deprecated and should not be used to sign other certificates.',
    'MOZILLA_PKIX_ERROR_V1_CERT_USED_AS_CA',
  ],
  ['The server presented a certificate that is not yet valid.', 'MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE'],
  [
    'A certificate that is not yet valid was used to issue the server’s certificate.',
    'MOZILLA_PKIX_ERROR_NOT_YET_VALID_ISSUER_CERTIFICATE',
  ],
  [
    'The signature algorithm in the signature field of the certificate does not match the algorithm in its signatureAlgorithm field.',
    'MOZILLA_PKIX_ERROR_SIGNATURE_ALGORITHM_MISMATCH',
  ],
  [
    'The OCSP response does not include a status for the certificate being verified.',
    'MOZILLA_PKIX_ERROR_OCSP_RESPONSE_FOR_CERT_MISSING',
  ],
  ['The server presented a certificate that is valid for too long.', 'MOZILLA_PKIX_ERROR_VALIDITY_TOO_LONG'],
  ['A required TLS feature is missing.', 'MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING'],
  [
    'The server presented a certificate that contains an invalid encoding of an integer. Common causes include negative serial numbers, negative RSA moduli, and encodings that are longer than necessary.',
    'MOZILLA_PKIX_ERROR_INVALID_INTEGER_ENCODING',
  ],
  [
    'The server presented a certificate with an empty issuer distinguished name.',
    'MOZILLA_PKIX_ERROR_EMPTY_ISSUER_NAME',
  ],
  [
    'An additional policy constraint failed when validating this certificate.',
    'MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED',
  ],
  ['The certificate is not trusted because it is self-signed.', 'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT'],
  [
    'The certificate authority that issued the certificate was distrusted before the certificate was issued.',
    'MOZILLA_PKIX_ERROR_ISSUER_NO_LONGER_TRUSTED',
  ],
];

const exact = new Map<string, string>();
for (const [sentence, name] of FIREFOX_TLS_SENTENCES) exact.set(normalizeSentence(sentence), name);
/** Longest first, so a message that contains a shorter one is matched by the right one. */
const bySize = [...exact.entries()].sort((a, b) => b[0].length - a[0].length);

/** The NSS name behind one of Firefox's TLS sentences, or undefined. */
export function nssNameForSentence(text: string): string | undefined {
  const key = normalizeSentence(text);
  if (!key) return undefined;
  const hit = exact.get(key);
  if (hit) return hit;
  // The sentence may come wrapped ("Error: ... (code)"): accept it inside a slightly longer string.
  for (const [sentence, name] of bySize) if (sentence.length >= 20 && key.includes(sentence)) return name;
  return undefined;
}

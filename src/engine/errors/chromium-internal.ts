import { internal } from './define';
import type { ErrorEntry } from './types';

// Text lives in src/locales/*/errors.json under e_<CODE>_t (title), _m (meaning), _v (why that verdict).
/**
 * Chromium net errors -500 to -599 (signed exchanges, trust tokens), -700 to -799 (certificate manager) and -900 to
 * -999 (blob storage). Most are internal: they come from browser features that work on this computer only.
 */
export const CHROMIUM_INTERNAL_ERRORS: readonly ErrorEntry[] = [
  { code: 'ERR_INSECURE_RESPONSE', number: -501, category: 'certificate', verdict: 'server', takeover: false },
  internal('ERR_NO_PRIVATE_KEY_FOR_CERT', -502, 'other'),
  internal('ERR_ADD_USER_CERT_FAILED', -503, 'other'),
  { code: 'ERR_INVALID_SIGNED_EXCHANGE', number: -504, category: 'http', verdict: 'server', takeover: true },
  { code: 'ERR_INVALID_WEB_BUNDLE', number: -505, category: 'http', verdict: 'server', takeover: true },
  { code: 'ERR_TRUST_TOKEN_OPERATION_FAILED', number: -506, category: 'other', verdict: 'server', takeover: true },
  internal('ERR_TRUST_TOKEN_OPERATION_SUCCESS_WITHOUT_SENDING_REQUEST', -507, 'other', { takeover: false }),
  internal('ERR_HTTPENGINE_PROVIDER_IN_USE', -508, 'other'),
  internal('ERR_PKCS12_IMPORT_BAD_PASSWORD', -701, 'other'),
  internal('ERR_PKCS12_IMPORT_FAILED', -702, 'other'),
  internal('ERR_IMPORT_CA_CERT_NOT_CA', -703, 'other'),
  internal('ERR_IMPORT_CERT_ALREADY_EXISTS', -704, 'other'),
  internal('ERR_IMPORT_CA_CERT_FAILED', -705, 'other'),
  internal('ERR_IMPORT_SERVER_CERT_FAILED', -706, 'other'),
  internal('ERR_PKCS12_IMPORT_INVALID_MAC', -707, 'other'),
  internal('ERR_PKCS12_IMPORT_INVALID_FILE', -708, 'other'),
  internal('ERR_PKCS12_IMPORT_UNSUPPORTED', -709, 'other'),
  internal('ERR_KEY_GENERATION_FAILED', -710, 'other'),
  internal('ERR_PRIVATE_KEY_EXPORT_FAILED', -712, 'other'),
  internal('ERR_SELF_SIGNED_CERT_GENERATION_FAILED', -713, 'other'),
  internal('ERR_CERT_DATABASE_CHANGED', -714, 'certificate', { takeover: false }),
  internal('ERR_CERT_VERIFIER_CHANGED', -716, 'certificate', { takeover: false }),
  internal('ERR_BLOB_INVALID_CONSTRUCTION_ARGUMENTS', -900, 'other'),
  internal('ERR_BLOB_OUT_OF_MEMORY', -901, 'other'),
  internal('ERR_BLOB_FILE_WRITE_FAILED', -902, 'other'),
  internal('ERR_BLOB_SOURCE_DIED_IN_TRANSIT', -903, 'other'),
  internal('ERR_BLOB_DEREFERENCED_WHILE_BUILDING', -904, 'other'),
  internal('ERR_BLOB_REFERENCED_BLOB_BROKEN', -905, 'other'),
  internal('ERR_BLOB_REFERENCED_FILE_UNAVAILABLE', -906, 'other'),
];

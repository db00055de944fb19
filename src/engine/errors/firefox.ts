/**
 * Firefox's error vocabulary: `NS_ERROR_*` names (webRequest), `Error code <decimal nsresult>` (webNavigation),
 * and the arithmetic that decodes an nsresult into its module and code (xpcom/base/ErrorList.py).
 */

/** nsresult = 0x80000000 | ((module + 0x45) << 16) | code, for failures in a module. */
const MODULE_BASE = 0x45;
export const MODULE_NETWORK = 6;
export const MODULE_FILES = 13;
export const MODULE_DOM = 14;
export const MODULE_SECURITY = 21;
export const MODULE_URILOADER = 24;
export const MODULE_CONTENT = 25;
export const MODULE_GENERAL = 51;
/**
 * The old generic failures (NS_ERROR_FAILURE 0x80004005, NS_ERROR_OUT_OF_MEMORY 0x8007000E, ...) are not in any
 * module: their high bits are below the module offset. We call them module 0 and keep the whole low 31 bits as code.
 */
export const MODULE_XPCOM_GENERIC = 0;

/** Network module: NS_ERROR_PROXY_* = PROXY_CODE_BASE + the HTTP status the proxy answered a CONNECT with. */
export const PROXY_CODE_BASE = 1000;
/** Network module: WebTransport application error codes. */
export const WEBTRANSPORT_CODE_BASE = 200;
export const WEBTRANSPORT_CODE_END = WEBTRANSPORT_CODE_BASE + 255;

export interface DecodedNsresult {
  nsresult: number;
  /** Firefox error module (6 = network, 21 = security, ...), 0 for generic failures, -1 when not a failure nsresult. */
  module: number;
  code: number;
}

/** Splits an nsresult into module and code. Works for any value; never throws. */
export function decodeNsresult(nsresult: number): DecodedNsresult {
  if (!Number.isInteger(nsresult) || nsresult < 0x80000000 || nsresult > 0xffffffff) {
    return { nsresult, module: -1, code: -1 };
  }
  const hi = (nsresult >>> 16) & 0x7fff;
  if (hi < MODULE_BASE) return { nsresult, module: MODULE_XPCOM_GENERIC, code: nsresult - 0x80000000 };
  return { nsresult, module: hi - MODULE_BASE, code: nsresult & 0xffff };
}

/** The inverse of decodeNsresult: decodeNsresult(makeNsresult(m, c)) gives back m and c. */
export function makeNsresult(module: number, code: number): number {
  if (module === MODULE_XPCOM_GENERIC) return (0x80000000 + code) >>> 0;
  return (0x80000000 + ((module + MODULE_BASE) << 16) + code) >>> 0;
}

export interface FirefoxErrorRow {
  name: string;
  module: number;
  code: number;
  /**
   * The canonical code: a Chromium code, or the Firefox name itself for a Firefox-only error (it has its own entry).
   */
  canonical: string;
}

const net = (code: number, name: string, canonical: string): FirefoxErrorRow => ({
  name,
  module: MODULE_NETWORK,
  code,
  canonical,
});
const self = (module: number, code: number, name: string): FirefoxErrorRow => ({ name, module, code, canonical: name });
const mod = (module: number, code: number, name: string, canonical: string): FirefoxErrorRow => ({
  name,
  module,
  code,
  canonical,
});

/**
 * The HTTP statuses Firefox names as NS_ERROR_PROXY_<NAME>. A proxy that refuses to open the tunnel is Chromium's
 * ERR_TUNNEL_CONNECTION_FAILED whatever the status, except 407 (the proxy wants a sign-in).
 */
export const PROXY_STATUS_NAMES: ReadonlyArray<readonly [status: number, name: string]> = [
  [300, 'MULTIPLE_CHOICES'],
  [301, 'MOVED_PERMANENTLY'],
  [302, 'FOUND'],
  [303, 'SEE_OTHER'],
  [304, 'NOT_MODIFIED'],
  [307, 'TEMPORARY_REDIRECT'],
  [308, 'PERMANENT_REDIRECT'],
  [400, 'BAD_REQUEST'],
  [401, 'UNAUTHORIZED'],
  [402, 'PAYMENT_REQUIRED'],
  [403, 'FORBIDDEN'],
  [404, 'NOT_FOUND'],
  [405, 'METHOD_NOT_ALLOWED'],
  [406, 'NOT_ACCEPTABLE'],
  [407, 'AUTHENTICATION_FAILED'],
  [408, 'REQUEST_TIMEOUT'],
  [409, 'CONFLICT'],
  [410, 'GONE'],
  [411, 'LENGTH_REQUIRED'],
  [412, 'PRECONDITION_FAILED'],
  [413, 'REQUEST_ENTITY_TOO_LARGE'],
  [414, 'REQUEST_URI_TOO_LONG'],
  [415, 'UNSUPPORTED_MEDIA_TYPE'],
  [416, 'REQUESTED_RANGE_NOT_SATISFIABLE'],
  [417, 'EXPECTATION_FAILED'],
  [421, 'MISDIRECTED_REQUEST'],
  [425, 'TOO_EARLY'],
  [426, 'UPGRADE_REQUIRED'],
  [428, 'PRECONDITION_REQUIRED'],
  [429, 'TOO_MANY_REQUESTS'],
  [431, 'REQUEST_HEADER_FIELDS_TOO_LARGE'],
  [451, 'UNAVAILABLE_FOR_LEGAL_REASONS'],
  [500, 'INTERNAL_SERVER_ERROR'],
  [501, 'NOT_IMPLEMENTED'],
  [502, 'BAD_GATEWAY'],
  [503, 'SERVICE_UNAVAILABLE'],
  [504, 'GATEWAY_TIMEOUT'],
  [505, 'VERSION_NOT_SUPPORTED'],
  [506, 'VARIANT_ALSO_NEGOTIATES'],
  [510, 'NOT_EXTENDED'],
  [511, 'NETWORK_AUTHENTICATION_REQUIRED'],
];

/** Chromium code for a proxy that answered a tunnel (CONNECT) request with this HTTP status. */
export function canonicalForProxyStatus(status: number): string {
  return status === 407 ? 'ERR_PROXY_AUTH_REQUESTED' : 'ERR_TUNNEL_CONNECTION_FAILED';
}

/**
 * NS_* names → canonical code. Names for Firefox-only errors map to themselves (their entry's code is the Firefox
 * name). Most are in the network module; the others are the few from other modules that a page load reports.
 */
export const FIREFOX_NETWORK_ERRORS: readonly FirefoxErrorRow[] = [
  net(1, 'NS_BINDING_FAILED', 'ERR_FAILED'),
  net(2, 'NS_BINDING_ABORTED', 'ERR_ABORTED'),
  // A load that was redirected or handed to another handler (a download) ended on purpose.
  net(3, 'NS_BINDING_REDIRECTED', 'ERR_ABORTED'),
  net(4, 'NS_BINDING_RETARGETED', 'ERR_ABORTED'),
  net(10, 'NS_ERROR_MALFORMED_URI', 'ERR_INVALID_URL'),
  net(11, 'NS_ERROR_ALREADY_CONNECTED', 'ERR_SOCKET_IS_CONNECTED'),
  net(12, 'NS_ERROR_NOT_CONNECTED', 'ERR_SOCKET_NOT_CONNECTED'),
  net(13, 'NS_ERROR_CONNECTION_REFUSED', 'ERR_CONNECTION_REFUSED'),
  net(14, 'NS_ERROR_NET_TIMEOUT', 'ERR_TIMED_OUT'),
  net(15, 'NS_ERROR_IN_PROGRESS', 'ERR_UNEXPECTED'),
  net(16, 'NS_ERROR_OFFLINE', 'ERR_INTERNET_DISCONNECTED'),
  // Nothing to display (a 204 answer, a mailto: link handed to another app): like Chromium, not a failure.
  net(17, 'NS_ERROR_NO_CONTENT', 'ERR_ABORTED'),
  net(18, 'NS_ERROR_UNKNOWN_PROTOCOL', 'ERR_UNKNOWN_URL_SCHEME'),
  net(19, 'NS_ERROR_PORT_ACCESS_NOT_ALLOWED', 'ERR_UNSAFE_PORT'),
  // Firefox has no separate "empty response": a close and a reset both arrive as NET_RESET.
  net(20, 'NS_ERROR_NET_RESET', 'ERR_CONNECTION_RESET'),
  self(MODULE_NETWORK, 25, 'NS_ERROR_NOT_RESUMABLE'),
  net(27, 'NS_ERROR_INVALID_CONTENT_ENCODING', 'ERR_CONTENT_DECODING_FAILED'),
  net(29, 'NS_ERROR_CORRUPTED_CONTENT', 'ERR_INVALID_RESPONSE'),
  net(30, 'NS_ERROR_UNKNOWN_HOST', 'ERR_NAME_NOT_RESOLVED'),
  net(31, 'NS_ERROR_REDIRECT_LOOP', 'ERR_TOO_MANY_REDIRECTS'),
  self(MODULE_NETWORK, 32, 'NS_ERROR_ENTITY_CHANGED'),
  net(33, 'NS_ERROR_DNS_LOOKUP_QUEUE_FULL', 'ERR_HOST_RESOLVER_QUEUE_TOO_LARGE'),
  net(34, 'NS_ERROR_FIRST_HEADER_FIELD_COMPONENT_EMPTY', 'ERR_INVALID_RESPONSE'),
  net(35, 'NS_ERROR_NET_ERROR_RESPONSE', 'ERR_HTTP_RESPONSE_CODE_FAILURE'),
  net(36, 'NS_ERROR_NET_EMPTY_RESPONSE', 'ERR_HTTP_RESPONSE_CODE_FAILURE'),
  net(42, 'NS_ERROR_UNKNOWN_PROXY_HOST', 'ERR_PROXY_CONNECTION_FAILED'),
  net(43, 'NS_ERROR_DEFINITIVE_UNKNOWN_HOST', 'ERR_NAME_NOT_RESOLVED'),
  self(MODULE_NETWORK, 51, 'NS_ERROR_UNKNOWN_SOCKET_TYPE'),
  self(MODULE_NETWORK, 52, 'NS_ERROR_SOCKET_CREATE_FAILED'),
  self(MODULE_NETWORK, 53, 'NS_ERROR_SOCKET_ADDRESS_NOT_SUPPORTED'),
  net(54, 'NS_ERROR_SOCKET_ADDRESS_IN_USE', 'ERR_ADDRESS_IN_USE'),
  self(MODULE_NETWORK, 58, 'NS_ERROR_INVALID_SIGNATURE'),
  net(61, 'NS_ERROR_CACHE_KEY_NOT_FOUND', 'ERR_CACHE_MISS'),
  net(62, 'NS_ERROR_CACHE_DATA_IS_STREAM', 'ERR_CACHE_OPERATION_NOT_SUPPORTED'),
  net(63, 'NS_ERROR_CACHE_DATA_IS_NOT_STREAM', 'ERR_CACHE_OPERATION_NOT_SUPPORTED'),
  net(64, 'NS_ERROR_CACHE_WAIT_FOR_VALIDATION', 'ERR_CACHE_LOCK_TIMEOUT'),
  net(65, 'NS_ERROR_CACHE_ENTRY_DOOMED', 'ERR_CACHE_DOOM_FAILURE'),
  net(66, 'NS_ERROR_CACHE_READ_ACCESS_DENIED', 'ERR_CACHE_READ_FAILURE'),
  net(67, 'NS_ERROR_CACHE_WRITE_ACCESS_DENIED', 'ERR_CACHE_WRITE_FAILURE'),
  net(68, 'NS_ERROR_CACHE_IN_USE', 'ERR_CACHE_RACE'),
  net(70, 'NS_ERROR_DOCUMENT_NOT_CACHED', 'ERR_CACHE_MISS'),
  net(71, 'NS_ERROR_NET_INTERRUPT', 'ERR_CONNECTION_CLOSED'),
  net(72, 'NS_ERROR_PROXY_CONNECTION_REFUSED', 'ERR_PROXY_CONNECTION_FAILED'),
  net(73, 'NS_ERROR_ALREADY_OPENED', 'ERR_UNEXPECTED'),
  self(MODULE_NETWORK, 74, 'NS_ERROR_UNSAFE_CONTENT_TYPE'),
  net(76, 'NS_ERROR_NET_PARTIAL_TRANSFER', 'ERR_CONTENT_LENGTH_MISMATCH'),
  self(MODULE_NETWORK, 77, 'NS_ERROR_LOAD_SHOWED_ERRORPAGE'),
  // The tab or frame was being closed.
  net(78, 'NS_ERROR_DOCSHELL_DYING', 'ERR_ABORTED'),
  net(79, 'NS_ERROR_DOCUMENT_LOAD_LISTENER_NO_PARENT_CHANNEL', 'ERR_ABORTED'),
  net(80, 'NS_ERROR_INSUFFICIENT_DOMAIN_LEVELS', 'ERR_UNEXPECTED'),
  net(81, 'NS_ERROR_HOST_IS_IP_ADDRESS', 'ERR_UNEXPECTED'),
  net(82, 'NS_ERROR_NET_INADEQUATE_SECURITY', 'ERR_HTTP2_INADEQUATE_TRANSPORT_SECURITY'),
  net(83, 'NS_ERROR_NET_HTTP2_SENT_GOAWAY', 'ERR_HTTP2_PROTOCOL_ERROR'),
  net(84, 'NS_ERROR_NET_HTTP3_PROTOCOL_ERROR', 'ERR_QUIC_PROTOCOL_ERROR'),
  net(85, 'NS_ERROR_NET_TIMEOUT_EXTERNAL', 'ERR_TIMED_OUT'),
  self(MODULE_NETWORK, 86, 'NS_ERROR_HTTPS_ONLY'),
  self(MODULE_NETWORK, 87, 'NS_ERROR_WEBSOCKET_CONNECTION_REFUSED'),
  self(MODULE_NETWORK, 88, 'NS_ERROR_NON_LOCAL_CONNECTION_REFUSED'),
  self(MODULE_NETWORK, 89, 'NS_ERROR_BAD_HSTS_CERT'),
  net(90, 'NS_ERROR_PARSING_HTTP_STATUS_LINE', 'ERR_INVALID_HTTP_RESPONSE'),
  self(MODULE_NETWORK, 92, 'NS_ERROR_BASIC_HTTP_AUTH_DISABLED'),
  net(93, 'NS_ERROR_LOCAL_NETWORK_ACCESS_DENIED', 'ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS'),
  net(94, 'NS_ERROR_HTTP2_FALLBACK_TO_HTTP1', 'ERR_HTTP_1_1_REQUIRED'),
  net(95, 'NS_ERROR_OS_LOCAL_NETWORK_ACCESS_DENIED', 'ERR_LOCAL_NETWORK_PERMISSION_MISSING'),
  net(96, 'NS_ERROR_NET_BODY_NOT_REPLAYABLE', 'ERR_UPLOAD_STREAM_REWIND_NOT_SUPPORTED'),
  self(MODULE_NETWORK, 100, 'NS_ERROR_INTERCEPTION_FAILED'),
  net(101, 'NS_ERROR_NET_UNCLEAN_SHUTDOWN', 'ERR_CONNECTION_CLOSED'),
  net(199, 'NS_ERROR_WEBTRANSPORT_SESSION_LIMIT_EXCEEDED', 'ERR_INSUFFICIENT_RESOURCES'),
  ...PROXY_STATUS_NAMES.map(([status, name]) =>
    net(PROXY_CODE_BASE + status, `NS_ERROR_PROXY_${name}`, canonicalForProxyStatus(status)),
  ),

  // Generic failures outside any module.
  mod(MODULE_XPCOM_GENERIC, 0x4001, 'NS_ERROR_NOT_IMPLEMENTED', 'ERR_NOT_IMPLEMENTED'),
  // Firefox's webRequest reports a request cancelled by an extension this way.
  mod(MODULE_XPCOM_GENERIC, 0x4004, 'NS_ERROR_ABORT', 'ERR_BLOCKED_BY_CLIENT'),
  mod(MODULE_XPCOM_GENERIC, 0x4005, 'NS_ERROR_FAILURE', 'ERR_FAILED'),
  mod(MODULE_XPCOM_GENERIC, 0xffff, 'NS_ERROR_UNEXPECTED', 'ERR_UNEXPECTED'),
  mod(MODULE_XPCOM_GENERIC, 0x7000e, 'NS_ERROR_OUT_OF_MEMORY', 'ERR_OUT_OF_MEMORY'),
  mod(MODULE_XPCOM_GENERIC, 0x70057, 'NS_ERROR_ILLEGAL_VALUE', 'ERR_INVALID_ARGUMENT'),
  mod(MODULE_XPCOM_GENERIC, 0x40111, 'NS_ERROR_NOT_AVAILABLE', 'ERR_FAILED'),

  // Files (file:// loads).
  mod(MODULE_FILES, 8, 'NS_ERROR_FILE_ALREADY_EXISTS', 'ERR_FILE_EXISTS'),
  mod(MODULE_FILES, 15, 'NS_ERROR_FILE_TOO_BIG', 'ERR_FILE_TOO_BIG'),
  mod(MODULE_FILES, 16, 'NS_ERROR_FILE_NO_DEVICE_SPACE', 'ERR_FILE_NO_SPACE'),
  mod(MODULE_FILES, 17, 'NS_ERROR_FILE_NAME_TOO_LONG', 'ERR_FILE_PATH_TOO_LONG'),
  mod(MODULE_FILES, 18, 'NS_ERROR_FILE_NOT_FOUND', 'ERR_FILE_NOT_FOUND'),
  mod(MODULE_FILES, 21, 'NS_ERROR_FILE_ACCESS_DENIED', 'ERR_ACCESS_DENIED'),

  // Cross-origin rules (fetch, frames, embedding).
  self(MODULE_DOM, 1012, 'NS_ERROR_DOM_BAD_URI'),
  mod(MODULE_DOM, 1036, 'NS_ERROR_DOM_CORP_FAILED', 'ERR_BLOCKED_BY_RESPONSE'),
  mod(MODULE_DOM, 1040, 'NS_ERROR_DOM_COEP_FAILED', 'ERR_BLOCKED_BY_RESPONSE'),
  mod(MODULE_DOM, 1041, 'NS_ERROR_DOM_COOP_FAILED', 'ERR_BLOCKED_BY_RESPONSE'),

  // Security module codes of Firefox's own (the NSS codes of the same module are in nss.ts).
  mod(MODULE_SECURITY, 96, 'NS_ERROR_XFO_VIOLATION', 'ERR_BLOCKED_BY_RESPONSE'),
  mod(MODULE_SECURITY, 97, 'NS_ERROR_CSP_FORM_ACTION_VIOLATION', 'ERR_BLOCKED_BY_CSP'),
  mod(MODULE_SECURITY, 98, 'NS_ERROR_CSP_FRAME_ANCESTOR_VIOLATION', 'ERR_BLOCKED_BY_RESPONSE'),
  self(MODULE_SECURITY, 200, 'NS_ERROR_SRI_CORRUPT'),

  // Safe Browsing and tracking protection.
  self(MODULE_URILOADER, 30, 'NS_ERROR_MALWARE_URI'),
  self(MODULE_URILOADER, 31, 'NS_ERROR_PHISHING_URI'),
  self(MODULE_URILOADER, 34, 'NS_ERROR_TRACKING_URI'),
  self(MODULE_URILOADER, 35, 'NS_ERROR_UNWANTED_URI'),
  self(MODULE_URILOADER, 37, 'NS_ERROR_BLOCKED_URI'),
  self(MODULE_URILOADER, 38, 'NS_ERROR_HARMFUL_URI'),
  mod(MODULE_URILOADER, 39, 'NS_BINDING_CANCELLED_OLD_LOAD', 'ERR_ABORTED'),
  mod(MODULE_URILOADER, 41, 'NS_ERROR_FINGERPRINTING_URI', 'ERR_BLOCKED_BY_FINGERPRINTING_PROTECTION'),
  self(MODULE_URILOADER, 42, 'NS_ERROR_CRYPTOMINING_URI'),
  self(MODULE_URILOADER, 43, 'NS_ERROR_SOCIALTRACKING_URI'),
  self(MODULE_URILOADER, 44, 'NS_ERROR_EMAILTRACKING_URI'),
  self(MODULE_URILOADER, 45, 'NS_ERROR_RESTRICTED_CONTENT'),
  self(MODULE_URILOADER, 46, 'NS_ERROR_HARMFULADDON_URI'),

  // Content policies and content processes.
  self(MODULE_CONTENT, 6, 'NS_ERROR_CONTENT_BLOCKED'),
  mod(MODULE_CONTENT, 7, 'NS_ERROR_CONTENT_BLOCKED_SHOW_ALT', 'NS_ERROR_CONTENT_BLOCKED'),
  mod(MODULE_CONTENT, 14, 'NS_ERROR_FRAME_CRASHED', 'NS_ERROR_CONTENT_CRASHED'),
  self(MODULE_CONTENT, 16, 'NS_ERROR_CONTENT_CRASHED'),
  self(MODULE_CONTENT, 17, 'NS_ERROR_BUILDID_MISMATCH'),

  // Enterprise policies.
  mod(MODULE_GENERAL, 3, 'NS_ERROR_BLOCKED_BY_POLICY', 'ERR_BLOCKED_BY_ADMINISTRATOR'),
];

/**
 * Firefox's webRequest has no error name when a request dies without one; it then reports the last activity it saw
 * as a synthetic `NS_ERROR_NET_ON_<phase>`: the nsISocketTransport / nsITransport STATUS_* and the
 * nsIHttpActivityObserver ACTIVITY_SUBTYPE_* names with their prefix replaced. Each has its own entry.
 */
export const FIREFOX_PHASES: readonly string[] = [
  // nsISocketTransport and nsITransport statuses, in the order a connection goes through them.
  'RESOLVING',
  'RESOLVED',
  'CONNECTING_TO',
  'CONNECTED_TO',
  'TLS_HANDSHAKE_STARTING',
  'TLS_HANDSHAKE_ENDED',
  'SENDING_TO',
  'WAITING_FOR',
  'RECEIVING_FROM',
  'READING',
  'WRITING',
  // nsIHttpActivityObserver subtypes.
  'REQUEST_HEADER',
  'REQUEST_BODY_SENT',
  'RESPONSE_START',
  'RESPONSE_HEADER',
  'RESPONSE_COMPLETE',
  'TRANSACTION_CLOSE',
  'PROXY_RESPONSE_HEADER',
  'DNSANDSOCKET_CREATED',
  'SPECULATIVE_DNSANDSOCKET_CREATED',
  'ECH_SET',
  'CONNECTION_CREATED',
  'EARLYHINT_RESPONSE_HEADER',
].map((phase) => `NS_ERROR_NET_ON_${phase}`);

/** Firefox's own fallback when the last activity has no name: `NS_ERROR_NET_UNKNOWN_<number>`. */
export const FIREFOX_UNKNOWN_PHASE = /^NS_ERROR_NET_UNKNOWN_\d{1,10}$/;

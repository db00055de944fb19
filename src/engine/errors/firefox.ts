/**
 * Firefox's error vocabulary: `NS_ERROR_*` names (webRequest), `Error code <decimal nsresult>` (webNavigation),
 * and the arithmetic that decodes an nsresult into its module and code.
 */

/** nsresult = 0x80000000 | ((module + 0x45) << 16) | code. */
const MODULE_BASE = 0x45;
export const MODULE_NETWORK = 6;
export const MODULE_SECURITY = 21;
export const MODULE_XPCOM_GENERIC = 0; // NS_ERROR_ABORT, NS_ERROR_FAILURE live here (0x8000xxxx)

export interface DecodedNsresult {
  nsresult: number;
  /** Firefox error module (6 = network, 21 = security), or -1 when the value is not a failure nsresult. */
  module: number;
  code: number;
}

/** Splits an nsresult into module and code. Works for any 32-bit value; never throws. */
export function decodeNsresult(nsresult: number): DecodedNsresult {
  if (!Number.isInteger(nsresult) || nsresult < 0x80000000 || nsresult > 0xffffffff) {
    return { nsresult, module: -1, code: -1 };
  }
  const hi = (nsresult >>> 16) & 0x7fff;
  const code = nsresult & 0xffff;
  // The generic XPCOM failures (0x8000xxxx) have module bits of 0, not 0x45.
  const module = hi === 0 ? MODULE_XPCOM_GENERIC : hi - MODULE_BASE;
  return { nsresult, module, code };
}

export function makeNsresult(module: number, code: number): number {
  return (0x80000000 + ((module + MODULE_BASE) << 16) + code) >>> 0;
}

/**
 * NS_ERROR_* names → canonical code. Names for Firefox-only errors map to themselves (their entry's code is the
 * Firefox name). Codes are the network module's unless noted.
 */
export const FIREFOX_NETWORK_ERRORS: ReadonlyArray<{ name: string; module: number; code: number; canonical: string }> = [
  { name: 'NS_BINDING_ABORTED', module: MODULE_NETWORK, code: 2, canonical: 'ERR_ABORTED' },
  { name: 'NS_ERROR_MALFORMED_URI', module: MODULE_NETWORK, code: 10, canonical: 'ERR_INVALID_URL' },
  { name: 'NS_ERROR_CONNECTION_REFUSED', module: MODULE_NETWORK, code: 13, canonical: 'ERR_CONNECTION_REFUSED' },
  { name: 'NS_ERROR_NET_TIMEOUT', module: MODULE_NETWORK, code: 14, canonical: 'ERR_TIMED_OUT' },
  { name: 'NS_ERROR_OFFLINE', module: MODULE_NETWORK, code: 16, canonical: 'ERR_INTERNET_DISCONNECTED' },
  { name: 'NS_ERROR_UNKNOWN_PROTOCOL', module: MODULE_NETWORK, code: 18, canonical: 'ERR_UNKNOWN_URL_SCHEME' },
  { name: 'NS_ERROR_PORT_ACCESS_NOT_ALLOWED', module: MODULE_NETWORK, code: 19, canonical: 'ERR_UNSAFE_PORT' },
  { name: 'NS_ERROR_NET_RESET', module: MODULE_NETWORK, code: 20, canonical: 'ERR_CONNECTION_RESET' },
  { name: 'NS_ERROR_UNKNOWN_HOST', module: MODULE_NETWORK, code: 30, canonical: 'ERR_NAME_NOT_RESOLVED' },
  { name: 'NS_ERROR_REDIRECT_LOOP', module: MODULE_NETWORK, code: 31, canonical: 'ERR_TOO_MANY_REDIRECTS' },
  { name: 'NS_ERROR_DEFINITIVE_UNKNOWN_HOST', module: MODULE_NETWORK, code: 43, canonical: 'ERR_NAME_NOT_RESOLVED' },
  { name: 'NS_ERROR_NET_INTERRUPT', module: MODULE_NETWORK, code: 71, canonical: 'ERR_CONNECTION_CLOSED' },
  { name: 'NS_ERROR_ABORT', module: MODULE_XPCOM_GENERIC, code: 0x4004, canonical: 'ERR_BLOCKED_BY_CLIENT' },
  { name: 'NS_ERROR_FAILURE', module: MODULE_XPCOM_GENERIC, code: 0x4005, canonical: 'ERR_FAILED' },
];

import type { Category, ErrorEntry, Verdict } from './types';

/**
 * Errors only Firefox reports, with no Chromium code of the same meaning: their entry's code is the Firefox name and
 * their number 0. `closest` names the Chromium code rules may treat them like, where one is near enough.
 */
export const FIREFOX_ONLY_ERRORS: readonly ErrorEntry[] = [
  {
    code: 'NS_ERROR_UNKNOWN_SOCKET_TYPE', number: 0, category: 'connection', verdict: 'client', takeover: true,
    title: 'Firefox could not set up this kind of connection',
    meaning: 'Firefox lacks the component for the kind of connection it needed, usually its security component or a proxy type it does not know.',
    verdictReason: 'The missing component or setting is in this browser.',
    steps: {
      you: ['Restart Firefox.', 'Check the proxy settings.', 'If it persists, refresh Firefox (Help > More troubleshooting information) or reinstall it.'],
    },
  },
  {
    code: 'NS_ERROR_SOCKET_CREATE_FAILED', number: 0, category: 'connection', verdict: 'client', takeover: true,
    title: 'Firefox could not open a network connection',
    meaning: 'The computer would not let Firefox create a network connection, because it ran out of resources or security software blocked it.',
    verdictReason: 'The refusal comes from this computer.',
    steps: { you: ['Close programs you do not need, check firewall or antivirus settings, then restart Firefox.'] },
    closest: 'ERR_INSUFFICIENT_RESOURCES',
  },
  {
    code: 'NS_ERROR_SOCKET_ADDRESS_NOT_SUPPORTED', number: 0, category: 'connection', verdict: 'client', takeover: true,
    title: 'This computer cannot use this kind of address',
    meaning: 'The operating system does not support the type of network address Firefox tried to use, for example because IPv6 is turned off.',
    verdictReason: 'The limitation is in this computer\'s network settings.',
    steps: { you: ['Check whether IPv6 (or IPv4) is turned off in the network settings.'] },
    closest: 'ERR_ADDRESS_INVALID',
  },
  {
    code: 'NS_ERROR_NOT_RESUMABLE', number: 0, category: 'http', verdict: 'server', takeover: true,
    title: 'The download cannot be resumed',
    meaning: 'Firefox tried to continue an interrupted download, and the server does not support continuing it.',
    verdictReason: 'Whether a download can be resumed depends on the server.',
    steps: { you: ['Start the download again from the beginning.'] },
    closest: 'ERR_REQUEST_RANGE_NOT_SATISFIABLE',
  },
  {
    code: 'NS_ERROR_ENTITY_CHANGED', number: 0, category: 'http', verdict: 'server', takeover: true,
    title: 'The file changed on the server',
    meaning: 'Firefox tried to continue an interrupted download, but the file on the server has changed since it started.',
    verdictReason: 'The file was replaced on the server.',
    steps: { you: ['Start the download again from the beginning.'] },
    closest: 'ERR_REQUEST_RANGE_NOT_SATISFIABLE',
  },
  {
    code: 'NS_ERROR_INVALID_SIGNATURE', number: 0, category: 'other', verdict: 'client', takeover: true, internal: true,
    title: 'Signed content did not check out',
    meaning: 'Content Firefox expected to be signed (used for its own updates and lists) failed the signature check. It is an internal browser error, not a problem with the site.',
    verdictReason: 'The check concerns Firefox\'s own data.',
    steps: { you: ['Restart Firefox; if it keeps happening, check the computer\'s date and time.'] },
  },
  {
    code: 'NS_ERROR_UNSAFE_CONTENT_TYPE', number: 0, category: 'policy', verdict: 'server', takeover: true,
    title: 'The content is not of the expected type',
    meaning: 'Firefox refused content because its type was not what the address requires, for example inside a jar: archive.',
    verdictReason: 'The content type is set where the content is served.',
    closest: 'ERR_BLOCKED_BY_ORB',
  },
  {
    code: 'NS_ERROR_LOAD_SHOWED_ERRORPAGE', number: 0, category: 'other', verdict: 'unknown', takeover: false,
    title: 'Firefox already showed an error page',
    meaning: 'The load ended with one of Firefox\'s own error pages, which already explains what went wrong.',
    verdictReason: 'This only says an error page was shown; the error behind it decides the side.',
  },
  {
    code: 'NS_ERROR_HTTPS_ONLY', number: 0, category: 'policy', verdict: 'server', takeover: false,
    title: 'No secure version of the site (HTTPS-Only Mode)',
    meaning: 'Firefox\'s HTTPS-Only Mode is on and the site could not be reached over a secure connection; Firefox shows its own page that lets you continue to the insecure version.',
    verdictReason: 'The site does not offer a working secure version; HTTPS-Only Mode is a setting of this browser.',
    steps: {
      you: ['Continue to the http:// version only if you trust the network and do not send private data.'],
      owner: ['Serve the site over https.'],
    },
  },
  {
    code: 'NS_ERROR_WEBSOCKET_CONNECTION_REFUSED', number: 0, category: 'connection', verdict: 'unknown', takeover: true,
    title: 'The live (WebSocket) connection failed',
    meaning: 'The page tried to open a live WebSocket connection and it could not be set up.',
    verdictReason: 'The WebSocket server may be down or refuse the connection, or the network may block it.',
    steps: { developer: ['Check that the WebSocket server runs and that its address (ws:// or wss://) and port are right.'] },
    closest: 'ERR_CONNECTION_FAILED',
  },
  {
    code: 'NS_ERROR_NON_LOCAL_CONNECTION_REFUSED', number: 0, category: 'policy', verdict: 'client', takeover: true,
    title: 'Firefox only allows connections to this computer',
    meaning: 'Firefox is set to refuse every connection that does not stay on this computer, a setting used for automated testing.',
    verdictReason: 'It is a setting of this browser.',
    steps: { you: ['If this is not a test browser, reset Firefox\'s advanced settings or use a normal profile.'] },
    closest: 'ERR_ACCESS_DENIED',
  },
  {
    code: 'NS_ERROR_BAD_HSTS_CERT', number: 0, category: 'certificate', verdict: 'server', takeover: false,
    title: 'Certificate problem on a site that requires security',
    meaning: 'The site has told browsers to always use a secure connection, and its certificate has a problem, so Firefox offers no way to continue.',
    verdictReason: 'The certificate comes from the server; the strict rule was also set by the site.',
    steps: {
      you: ['Check the date and time of this device; on public Wi-Fi, sign in to the network first.'],
      owner: ['Fix the certificate: visitors cannot bypass the warning on this site.'],
    },
    closest: 'ERR_CERT_INVALID',
  },
  {
    code: 'NS_ERROR_BASIC_HTTP_AUTH_DISABLED', number: 0, category: 'policy', verdict: 'server', takeover: true,
    title: 'Unsafe password prompt blocked',
    meaning: 'The site asked for a password with the basic method over an unencrypted connection, and Firefox is set to refuse that.',
    verdictReason: 'The site sends the prompt without encryption; the refusal is a Firefox setting.',
    steps: { owner: ['Serve the sign-in over https.'] },
    closest: 'ERR_UNSUPPORTED_AUTH_SCHEME',
  },
  {
    code: 'NS_ERROR_INTERCEPTION_FAILED', number: 0, category: 'other', verdict: 'server', takeover: true,
    title: 'The site\'s service worker failed',
    meaning: 'A service worker, a script the site installed in your browser to handle its requests, failed to answer this one.',
    verdictReason: 'The service worker is the site\'s code, even though it runs in your browser.',
    steps: {
      you: ['Reload while holding Shift to bypass it.', 'If the site stays broken, clear the site\'s data in the browser settings.'],
      developer: ['Check the service worker in the browser\'s developer tools (Application / Storage) for errors in its fetch handler.'],
    },
    closest: 'ERR_FAILED',
  },
  {
    code: 'NS_ERROR_DOM_BAD_URI', number: 0, category: 'policy', verdict: 'server', takeover: true,
    title: 'Blocked by cross-origin rules',
    meaning: 'The page asked for something from another address that does not allow it, usually a fetch the other server did not approve with CORS headers.',
    verdictReason: 'The other server decides whether to allow cross-origin requests.',
    steps: {
      developer: ['Check the browser console for the CORS message and add the right Access-Control-Allow-Origin header on the server that answers.'],
    },
    closest: 'ERR_FAILED',
  },
  {
    code: 'NS_ERROR_SRI_CORRUPT', number: 0, category: 'policy', verdict: 'server', takeover: true,
    title: 'A file failed its integrity check',
    meaning: 'The page said exactly what a file must contain (subresource integrity), and the file that arrived is different, so Firefox refused it.',
    verdictReason: 'The page and the server it loads from disagree about the file.',
    steps: { developer: ['Update the integrity attribute, or make sure the file is not changed by a CDN or proxy.'] },
    closest: 'ERR_BLOCKED_BY_RESPONSE',
  },
  {
    code: 'NS_ERROR_MALWARE_URI', number: 0, category: 'policy', verdict: 'server', takeover: false,
    title: 'Blocked: the site is reported to spread malware',
    meaning: 'Firefox\'s Safe Browsing list reports this site as distributing harmful software, so Firefox shows a warning instead.',
    verdictReason: 'The warning is about the site; it may have been hacked without its owner knowing.',
    steps: {
      you: ['Do not continue unless you are sure the warning is wrong.'],
      owner: ['Check the site for injected code and request a review with the Safe Browsing service.'],
    },
  },
  {
    code: 'NS_ERROR_PHISHING_URI', number: 0, category: 'policy', verdict: 'server', takeover: false,
    title: 'Blocked: the site is reported as deceptive',
    meaning: 'Firefox\'s Safe Browsing list reports this site as trying to trick people into giving away passwords or money.',
    verdictReason: 'The warning is about the site.',
    steps: { you: ['Do not enter any information there; reach the service you wanted by typing its address yourself.'] },
  },
  {
    code: 'NS_ERROR_UNWANTED_URI', number: 0, category: 'policy', verdict: 'server', takeover: false,
    title: 'Blocked: the site offers unwanted software',
    meaning: 'Firefox\'s Safe Browsing list reports this site as offering software that makes unwanted changes to computers.',
    verdictReason: 'The warning is about the site.',
    steps: { you: ['Do not download anything from it.'] },
  },
  {
    code: 'NS_ERROR_HARMFUL_URI', number: 0, category: 'policy', verdict: 'server', takeover: false,
    title: 'Blocked: the site is reported as harmful',
    meaning: 'Firefox\'s Safe Browsing list reports this site as potentially harmful.',
    verdictReason: 'The warning is about the site.',
    steps: { you: ['Do not continue unless you are sure the warning is wrong.'] },
  },
  {
    code: 'NS_ERROR_HARMFULADDON_URI', number: 0, category: 'policy', verdict: 'server', takeover: false,
    title: 'Blocked: the site offers harmful add-ons',
    meaning: 'Firefox blocks this site because it is known to distribute harmful browser add-ons.',
    verdictReason: 'The warning is about the site.',
    steps: { you: ['Install add-ons only from addons.mozilla.org.'] },
  },
  {
    code: 'NS_ERROR_BLOCKED_URI', number: 0, category: 'policy', verdict: 'client', takeover: true,
    title: 'Blocked by a block list',
    meaning: 'A block list used by Firefox on this device (for example parental controls) blocks this address.',
    verdictReason: 'The block list is applied on this device.',
    steps: { you: ['Ask whoever manages the block list (a parent, a school, an IT department) if you need this site.'] },
    closest: 'ERR_BLOCKED_BY_ADMINISTRATOR',
  },
  {
    code: 'NS_ERROR_RESTRICTED_CONTENT', number: 0, category: 'policy', verdict: 'client', takeover: true,
    title: 'Blocked by a content restriction',
    meaning: 'A content restriction set in Firefox on this device blocks this address.',
    verdictReason: 'The restriction is applied on this device.',
    steps: { you: ['Ask whoever manages this browser if you need this site.'] },
    closest: 'ERR_BLOCKED_BY_ADMINISTRATOR',
  },
  {
    code: 'NS_ERROR_TRACKING_URI', number: 0, category: 'policy', verdict: 'client', takeover: true,
    title: 'Blocked by tracking protection',
    meaning: 'Firefox\'s Enhanced Tracking Protection blocked this request because it goes to a known tracker.',
    verdictReason: 'The protection is in this browser; the page keeps working without the tracker in most cases.',
    steps: { you: ['If the page is broken, turn tracking protection off for this site (shield icon in the address bar).'] },
    closest: 'ERR_BLOCKED_BY_CLIENT',
  },
  {
    code: 'NS_ERROR_SOCIALTRACKING_URI', number: 0, category: 'policy', verdict: 'client', takeover: true,
    title: 'Blocked: social media tracker',
    meaning: 'Firefox\'s Enhanced Tracking Protection blocked this request because it goes to a social media tracker.',
    verdictReason: 'The protection is in this browser.',
    steps: { you: ['If the page is broken, turn tracking protection off for this site (shield icon in the address bar).'] },
    closest: 'ERR_BLOCKED_BY_CLIENT',
  },
  {
    code: 'NS_ERROR_EMAILTRACKING_URI', number: 0, category: 'policy', verdict: 'client', takeover: true,
    title: 'Blocked: email tracker',
    meaning: 'Firefox\'s Enhanced Tracking Protection blocked this request because it goes to an email tracker.',
    verdictReason: 'The protection is in this browser.',
    steps: { you: ['If the page is broken, turn tracking protection off for this site (shield icon in the address bar).'] },
    closest: 'ERR_BLOCKED_BY_CLIENT',
  },
  {
    code: 'NS_ERROR_CRYPTOMINING_URI', number: 0, category: 'policy', verdict: 'client', takeover: true,
    title: 'Blocked: cryptominer',
    meaning: 'Firefox blocked this request because it goes to a script known to mine cryptocurrency with your computer.',
    verdictReason: 'The protection is in this browser.',
    closest: 'ERR_BLOCKED_BY_CLIENT',
  },
  {
    code: 'NS_ERROR_CONTENT_BLOCKED', number: 0, category: 'policy', verdict: 'client', takeover: true,
    title: 'Blocked by a content rule',
    meaning: 'A content rule in Firefox refused this load, for example insecure content on a secure page or a block by an extension.',
    verdictReason: 'The rule was applied in this browser.',
    steps: { you: ['Check the shield and lock icons in the address bar, and your extensions, for what blocked it.'] },
    closest: 'ERR_BLOCKED_BY_CLIENT',
    aliases: ['NS_ERROR_CONTENT_BLOCKED_SHOW_ALT'],
  },
  {
    code: 'NS_ERROR_CONTENT_CRASHED', number: 0, category: 'other', verdict: 'client', takeover: false,
    title: 'The tab crashed',
    meaning: 'The part of Firefox that was showing this page stopped unexpectedly.',
    verdictReason: 'The crash happened in this browser, although a heavy page can trigger it.',
    steps: { you: ['Restore the tab; if it keeps crashing, update Firefox and check your extensions.'] },
    aliases: ['NS_ERROR_FRAME_CRASHED'],
  },
  {
    code: 'NS_ERROR_BUILDID_MISMATCH', number: 0, category: 'other', verdict: 'client', takeover: false,
    title: 'Firefox was updated and needs a restart',
    meaning: 'Firefox was updated while it was running, and the old and new parts cannot work together until it restarts.',
    verdictReason: 'It concerns this browser\'s installation.',
    steps: { you: ['Restart Firefox.'] },
  },
];

/** Firefox's load phases: what each means and what it most resembles. */
interface PhaseInfo {
  category: Category;
  verdict: Verdict;
  title: string;
  /** What had happened when the load failed. */
  reached: string;
  /** What that usually points to. */
  likely: string;
  closest: string;
}

const UNSURE = 'Firefox did not name the error, only the step the load had reached, so the exact cause is uncertain.';

const PHASES: Readonly<Record<string, PhaseInfo>> = {
  RESOLVING: {
    category: 'dns', verdict: 'unknown', title: 'Failed while looking up the address',
    reached: 'The load failed while Firefox was still looking up the site\'s address.',
    likely: 'The name may not exist, or the DNS lookup may have failed.', closest: 'ERR_NAME_NOT_RESOLVED',
  },
  RESOLVED: {
    category: 'connection', verdict: 'unknown', title: 'Failed after finding the address',
    reached: 'The site\'s address was found, and the load failed before a connection was opened.',
    likely: 'The connection could not be started.', closest: 'ERR_CONNECTION_FAILED',
  },
  CONNECTING_TO: {
    category: 'connection', verdict: 'unknown', title: 'Failed while connecting',
    reached: 'The load failed while Firefox was connecting to the server.',
    likely: 'The server may be down or unreachable, or a firewall may drop the connection.', closest: 'ERR_CONNECTION_FAILED',
  },
  CONNECTED_TO: {
    category: 'connection', verdict: 'unknown', title: 'Failed right after connecting',
    reached: 'A connection to the server was opened, and the load failed before the request was sent.',
    likely: 'The connection was probably closed by the server or something in between.', closest: 'ERR_CONNECTION_CLOSED',
  },
  TLS_HANDSHAKE_STARTING: {
    category: 'tls', verdict: 'unknown', title: 'Failed while setting up the secure connection',
    reached: 'The load failed while the secure (TLS) connection was being set up.',
    likely: 'The server may not speak TLS on this port, or something in between interfered.', closest: 'ERR_SSL_PROTOCOL_ERROR',
  },
  TLS_HANDSHAKE_ENDED: {
    category: 'connection', verdict: 'unknown', title: 'Failed right after the secure connection was set up',
    reached: 'The secure connection was set up, and the load failed before the request went out.',
    likely: 'The connection was probably closed by the server or something in between.', closest: 'ERR_CONNECTION_CLOSED',
  },
  SENDING_TO: {
    category: 'connection', verdict: 'unknown', title: 'Failed while sending the request',
    reached: 'The load failed while Firefox was sending the request to the server.',
    likely: 'The connection was probably cut off.', closest: 'ERR_CONNECTION_RESET',
  },
  WRITING: {
    category: 'connection', verdict: 'unknown', title: 'Failed while sending data',
    reached: 'The load failed while Firefox was sending data.',
    likely: 'The connection was probably cut off.', closest: 'ERR_CONNECTION_RESET',
  },
  WAITING_FOR: {
    category: 'connection', verdict: 'server', title: 'The server did not answer',
    reached: 'The request reached the server, and the load failed while Firefox waited for the answer.',
    likely: 'The server most likely closed the connection or took too long to answer.', closest: 'ERR_EMPTY_RESPONSE',
  },
  RECEIVING_FROM: {
    category: 'connection', verdict: 'unknown', title: 'Failed while receiving the answer',
    reached: 'The server had started to answer, and the load failed while the answer was arriving.',
    likely: 'The connection was probably cut off by the server or the network.', closest: 'ERR_CONNECTION_CLOSED',
  },
  READING: {
    category: 'connection', verdict: 'unknown', title: 'Failed while receiving data',
    reached: 'The load failed while Firefox was receiving data.',
    likely: 'The connection was probably cut off by the server or the network.', closest: 'ERR_CONNECTION_CLOSED',
  },
  REQUEST_HEADER: {
    category: 'connection', verdict: 'unknown', title: 'Failed after sending the request',
    reached: 'The request was sent, and the load failed before any answer arrived.',
    likely: 'The server may have closed the connection, or the network dropped it.', closest: 'ERR_EMPTY_RESPONSE',
  },
  REQUEST_BODY_SENT: {
    category: 'connection', verdict: 'server', title: 'No answer after the request was sent',
    reached: 'The whole request, including any data sent with it, reached the server, and no answer came back.',
    likely: 'The server most likely closed the connection or failed while handling the request.', closest: 'ERR_EMPTY_RESPONSE',
  },
  RESPONSE_START: {
    category: 'connection', verdict: 'server', title: 'The answer broke off at the start',
    reached: 'The server began to answer, and the answer stopped before its headers were complete.',
    likely: 'The server or a proxy in front of it probably stopped sending.', closest: 'ERR_RESPONSE_HEADERS_TRUNCATED',
  },
  RESPONSE_HEADER: {
    category: 'http', verdict: 'server', title: 'The answer broke off after its headers',
    reached: 'The server\'s answer headers arrived, and the load failed before the page itself was complete.',
    likely: 'The server or a proxy in front of it probably stopped sending.', closest: 'ERR_CONTENT_LENGTH_MISMATCH',
  },
  RESPONSE_COMPLETE: {
    category: 'other', verdict: 'unknown', title: 'Failed after the answer arrived',
    reached: 'The server\'s answer arrived in full, and Firefox still reported a failure.',
    likely: 'Something after the download, such as a content check, may have rejected it.', closest: 'ERR_FAILED',
  },
  TRANSACTION_CLOSE: {
    category: 'connection', verdict: 'unknown', title: 'The exchange closed without a usable answer',
    reached: 'The request and answer exchange was closed before a usable answer arrived.',
    likely: 'The connection was probably closed by the server or something in between.', closest: 'ERR_CONNECTION_CLOSED',
  },
  PROXY_RESPONSE_HEADER: {
    category: 'proxy', verdict: 'network', title: 'Failed after the proxy answered',
    reached: 'The proxy between you and the site answered, and the load failed after that.',
    likely: 'The proxy probably refused or could not open the connection to the site.', closest: 'ERR_TUNNEL_CONNECTION_FAILED',
  },
  DNSANDSOCKET_CREATED: {
    category: 'connection', verdict: 'unknown', title: 'Failed while preparing the connection',
    reached: 'The load failed while Firefox was looking up the address and preparing a connection.',
    likely: 'The lookup or the connection could not be completed.', closest: 'ERR_CONNECTION_FAILED',
  },
  SPECULATIVE_DNSANDSOCKET_CREATED: {
    category: 'connection', verdict: 'unknown', title: 'Failed while preparing a connection in advance',
    reached: 'The load failed while Firefox was preparing a connection ahead of time.',
    likely: 'The lookup or the connection could not be completed.', closest: 'ERR_CONNECTION_FAILED',
  },
  ECH_SET: {
    category: 'tls', verdict: 'unknown', title: 'Failed while setting up an encrypted hello',
    reached: 'The load failed after Firefox prepared Encrypted Client Hello for the secure connection.',
    likely: 'The secure connection setup did not complete.', closest: 'ERR_SSL_PROTOCOL_ERROR',
  },
  CONNECTION_CREATED: {
    category: 'connection', verdict: 'unknown', title: 'Failed right after the connection was made',
    reached: 'A connection to the server was made, and the load failed before it could be used.',
    likely: 'The connection was probably closed by the server or something in between.', closest: 'ERR_CONNECTION_CLOSED',
  },
  EARLYHINT_RESPONSE_HEADER: {
    category: 'http', verdict: 'server', title: 'Only an early hint arrived',
    reached: 'The server sent an early hint about the page, and the real answer never came.',
    likely: 'The server most likely failed while preparing the page.', closest: 'ERR_EMPTY_RESPONSE',
  },
};

/** Names people may write for a phase that Firefox spells differently. */
const PHASE_ALIASES: Readonly<Record<string, readonly string[]>> = {
  TLS_HANDSHAKE_STARTING: ['NS_ERROR_NET_ON_TLS_HANDSHAKE_STARTED'],
  TRANSACTION_CLOSE: ['NS_ERROR_NET_ON_TRANSACTION_CLOSED'],
};

const VERDICT_REASON: Readonly<Record<Verdict, string>> = {
  server: 'By this step the request had reached the server, so the server is the likely side; the exact cause is not known.',
  network: 'The step points to the proxy between you and the site; the exact cause is not known.',
  client: 'The step points to this device; the exact cause is not known.',
  unknown: 'Knowing only the step, either side could be at fault.',
};

export const FIREFOX_PHASE_ERRORS: readonly ErrorEntry[] = Object.entries(PHASES).map(([phase, p]) => {
  const entry: ErrorEntry = {
    code: `NS_ERROR_NET_ON_${phase}`,
    number: 0,
    category: p.category,
    verdict: p.verdict,
    takeover: true,
    title: p.title,
    // Two sentences: what happened and what it suggests, then that the cause is uncertain.
    meaning: `${p.reached.replace(/\.$/, '')}; ${p.likely.charAt(0).toLowerCase()}${p.likely.slice(1)} ${UNSURE}`,
    verdictReason: VERDICT_REASON[p.verdict],
    steps: { you: ['Reload the page.', 'If it keeps failing, check whether other sites load, to tell your connection from the site.'] },
    closest: p.closest,
  };
  const aliases = PHASE_ALIASES[phase];
  if (aliases) entry.aliases = aliases;
  return entry;
});

/** Every Firefox-only entry: named errors first, then the load phases. */
export const FIREFOX_ERRORS: readonly ErrorEntry[] = [...FIREFOX_ONLY_ERRORS, ...FIREFOX_PHASE_ERRORS];

import type { ErrorEntry } from './types';

/**
 * Chromium net errors, in our own words. One row per code; `number` is Chromium's net error number.
 * The full list of active codes is checked against test/fixtures/chromium-net-errors.tsv.
 */
export const CHROMIUM_ERRORS: readonly ErrorEntry[] = [
  {
    code: 'ERR_FAILED', number: -2, category: 'other', verdict: 'unknown', takeover: true,
    title: 'The load failed',
    meaning: 'The browser gave up on the page for a reason it did not name.',
    verdictReason: 'The browser reports no detail that points to either side.',
    steps: { you: ['Reload the page.', 'If it keeps failing, try another browser or network to narrow it down.'] },
  },
  {
    code: 'ERR_ABORTED', number: -3, category: 'aborted', verdict: 'client', takeover: false,
    title: 'The load was stopped',
    meaning: 'The load was cancelled: you stopped it, a download took over, or another navigation replaced it.',
    verdictReason: 'Loads are cancelled by this browser, not by the network or the site.',
    aliases: ['NS_BINDING_ABORTED'],
  },
  {
    code: 'ERR_TIMED_OUT', number: -7, category: 'connection', verdict: 'unknown', takeover: true,
    title: 'The site took too long to answer',
    meaning: 'The browser waited for an answer and none came in time.',
    verdictReason: 'Silence can come from a slow or overloaded server or from a network that drops the traffic.',
    steps: {
      you: ['Reload in a minute.', 'Check whether other sites load; if they do not, restart your router or Wi-Fi.'],
      owner: ['Check that the server is up and not overloaded.', 'Check that a firewall is not silently dropping the port.'],
    },
    aliases: ['NS_ERROR_NET_TIMEOUT'],
  },
  {
    code: 'ERR_ACCESS_DENIED', number: -10, category: 'policy', verdict: 'client', takeover: true,
    title: 'Access denied',
    meaning: 'This device refused the browser access to what it asked for, often a file or a device permission.',
    verdictReason: 'The refusal comes from this device, not from the site.',
  },
  {
    code: 'ERR_SOCKET_NOT_CONNECTED', number: -15, category: 'connection', verdict: 'server', takeover: true,
    title: 'The connection closed before it was used',
    meaning: 'The connection was closed by the other side right after it opened.',
    verdictReason: 'Closing a fresh connection is usually the server, or a device in front of it, refusing to talk.',
  },
  {
    code: 'ERR_BLOCKED_BY_CLIENT', number: -20, category: 'policy', verdict: 'client', takeover: true,
    title: 'Blocked by an extension',
    meaning: 'Another extension in this browser (often an ad or tracker blocker) stopped this request.',
    verdictReason: 'The request never left this browser: an extension here blocked it.',
    steps: { you: ['Turn off your blocking extensions for this site, then reload.'] },
    aliases: ['NS_ERROR_ABORT'],
  },
  {
    code: 'ERR_BLOCKED_BY_ADMINISTRATOR', number: -22, category: 'policy', verdict: 'client', takeover: true,
    title: 'Blocked by your administrator',
    meaning: 'The organisation that manages this browser has blocked this site.',
    verdictReason: 'A policy installed on this browser blocks the site; the site itself was never asked.',
    steps: { you: ['Ask your IT department if you need this site for work.'] },
  },
  {
    code: 'ERR_CONNECTION_CLOSED', number: -100, category: 'connection', verdict: 'server', takeover: true,
    title: 'The connection was closed',
    meaning: 'The server (or something in between) closed the connection without sending a full answer.',
    verdictReason: 'The site, or a device in front of it, ended the connection.',
    aliases: ['NS_ERROR_NET_INTERRUPT'],
  },
  {
    code: 'ERR_CONNECTION_RESET', number: -101, category: 'connection', verdict: 'server', takeover: true,
    title: 'The connection was reset',
    meaning: 'The connection was cut off abruptly while the browser was talking to the server.',
    verdictReason: 'A reset usually comes from the server or a firewall in front of it; if many sites reset, suspect your network.',
    steps: {
      you: ['Reload the page.', 'If many sites reset, turn off your VPN or proxy, or try another network.'],
      owner: ['Look at the server logs for crashes or aborted connections.', 'Check firewalls and load balancers in front of the server.'],
    },
    aliases: ['NS_ERROR_NET_RESET', 'ECONNRESET'],
  },
  {
    code: 'ERR_CONNECTION_REFUSED', number: -102, category: 'connection', verdict: 'server', takeover: true,
    title: 'Connection refused',
    meaning: 'The computer at this address answered, but nothing accepts connections on this port.',
    verdictReason: 'A refusal is an answer: the machine was reached, but no server is listening on that port.',
    steps: {
      you: ['Check the address and the port number for typos.', 'Try again in a minute: the site may be restarting.'],
      owner: [
        'Check that the web server (Nginx, Apache, your app) is running.',
        'Check that it listens on this port and on the right network interface, not only on 127.0.0.1.',
        'Check that no firewall rule rejects connections to the port.',
      ],
      developer: [
        'Start your server and watch its output for errors.',
        'Check the port and host it binds to (environment variables such as PORT and HOST).',
      ],
    },
    aliases: ['NS_ERROR_CONNECTION_REFUSED', 'ECONNREFUSED'],
  },
  {
    code: 'ERR_CONNECTION_ABORTED', number: -103, category: 'connection', verdict: 'server', takeover: true,
    title: 'The connection was aborted',
    meaning: 'The connection stopped because no acknowledgement came back for data the browser sent.',
    verdictReason: 'The other side stopped answering in the middle of the exchange.',
  },
  {
    code: 'ERR_CONNECTION_FAILED', number: -104, category: 'connection', verdict: 'unknown', takeover: true,
    title: 'The connection failed',
    meaning: 'The browser could not open a connection to the server.',
    verdictReason: 'The browser does not say why, so it could be either side.',
  },
  {
    code: 'ERR_NAME_NOT_RESOLVED', number: -105, category: 'dns', verdict: 'client', takeover: true,
    title: 'The address could not be found',
    meaning: 'The name of the site could not be turned into a network address: it does not exist, is misspelled, or your DNS resolver failed.',
    verdictReason: 'Most often the name is misspelled or does not exist; if many names fail, your DNS resolver is at fault.',
    steps: {
      you: ['Check the spelling of the address.', 'If other sites fail too, restart your router or change your DNS settings.'],
      owner: ['Check that the domain has not expired and that its DNS records exist.'],
    },
    aliases: [
      'NS_ERROR_UNKNOWN_HOST', 'DNS_PROBE_FINISHED_NXDOMAIN', 'DNS_PROBE_FINISHED_NO_INTERNET',
      'DNS_PROBE_FINISHED_BAD_CONFIG', 'DNS_PROBE_FINISHED_BAD_SECURE_CONFIG', 'DNS_PROBE_POSSIBLE',
    ],
  },
  {
    code: 'ERR_INTERNET_DISCONNECTED', number: -106, category: 'connection', verdict: 'client', takeover: true,
    title: 'No internet connection',
    meaning: 'This device is not connected to any network.',
    verdictReason: 'The device itself reports that it has no network connection.',
    steps: { you: ['Check Wi-Fi or the network cable.', 'Turn airplane mode off.', 'Restart your router.'] },
    aliases: ['NS_ERROR_OFFLINE'],
  },
  {
    code: 'ERR_SSL_PROTOCOL_ERROR', number: -107, category: 'tls', verdict: 'server', takeover: true,
    title: 'The secure connection failed',
    meaning: 'The browser and the server could not agree on a secure (TLS) connection. A common reason is https:// sent to a port that speaks plain http.',
    verdictReason: 'The server answered in a way that is not valid TLS.',
    steps: {
      you: ['Try the address with http:// instead of https:// if the site is your own.'],
      owner: ['Check the TLS configuration of the server on this port.'],
    },
    aliases: ['SSL_ERROR_RX_RECORD_TOO_LONG'],
  },
  {
    code: 'ERR_ADDRESS_UNREACHABLE', number: -109, category: 'connection', verdict: 'network', takeover: true,
    title: 'The address is unreachable',
    meaning: 'There is no network route from this device to the server.',
    verdictReason: 'Routing failures happen between you and the server.',
  },
  {
    code: 'ERR_UNSAFE_PORT', number: -312, category: 'policy', verdict: 'client', takeover: true,
    title: 'The browser blocks this port',
    meaning: 'Browsers refuse some ports on purpose because they belong to other protocols (mail, file sharing) and could be abused.',
    verdictReason: 'The browser refused to connect; the server was never asked.',
    steps: {
      you: ['Use the address the site gives for the web, usually without a port number.'],
      developer: ['Move your server to another port (for example 3000, 8000 or 8080).'],
    },
    aliases: ['NS_ERROR_PORT_ACCESS_NOT_ALLOWED'],
  },
  {
    code: 'ERR_CONNECTION_TIMED_OUT', number: -118, category: 'connection', verdict: 'unknown', takeover: true,
    title: 'The connection timed out',
    meaning: 'The browser tried to connect and got no answer at all.',
    verdictReason: 'No answer means packets were lost or dropped: a firewall, the network, or a server that is down.',
  },
  {
    code: 'ERR_TOO_MANY_REDIRECTS', number: -310, category: 'http', verdict: 'server', takeover: true,
    title: 'The page redirects in a loop',
    meaning: 'The site keeps sending the browser to another address that sends it back again.',
    verdictReason: 'The redirects come from the site; stale cookies on your side can sometimes cause them.',
    steps: {
      you: ['Delete this site\'s cookies and reload.'],
      owner: ['Check the redirect rules (http to https, www to bare domain) for a loop.'],
    },
    aliases: ['NS_ERROR_REDIRECT_LOOP'],
  },
  {
    code: 'ERR_EMPTY_RESPONSE', number: -324, category: 'connection', verdict: 'server', takeover: true,
    title: 'The server sent nothing',
    meaning: 'The server accepted the connection and closed it without sending any answer.',
    verdictReason: 'The server (or a proxy in front of it) closed the connection without replying.',
    steps: { owner: ['Look at the server logs: the process may have crashed while handling the request.'] },
  },
  {
    code: 'ERR_INVALID_HTTP_RESPONSE', number: -370, category: 'http', verdict: 'server', takeover: true,
    title: 'The server sent something that is not a web page',
    meaning: 'The server answered, but not in the HTTP language browsers speak. Often another kind of service runs on this port.',
    verdictReason: 'The answer came from the server and was not valid HTTP.',
    steps: { developer: ['Check which program listens on this port; it may not be a web server.'] },
  },
  {
    code: 'ERR_HTTP_RESPONSE_CODE_FAILURE', number: -379, category: 'http', verdict: 'server', takeover: true,
    title: 'The server answered with an error and no page',
    meaning: 'The server replied with an HTTP error status and an empty page.',
    verdictReason: 'The error status came from the server.',
  },
  {
    code: 'ERR_INVALID_URL', number: -300, category: 'other', verdict: 'client', takeover: true,
    title: 'The address is not valid',
    meaning: 'The address typed or linked is not a valid web address.',
    verdictReason: 'The problem is in the address itself.',
  },
  {
    code: 'ERR_UNKNOWN_URL_SCHEME', number: -302, category: 'other', verdict: 'client', takeover: false,
    title: 'Unknown kind of address',
    meaning: 'The address starts with a scheme this browser cannot open.',
    verdictReason: 'The browser does not know how to open this kind of address.',
  },
  {
    code: 'ERR_CERT_COMMON_NAME_INVALID', number: -200, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate is for another site',
    meaning: 'The site presented a certificate that is not valid for this name.',
    verdictReason: 'The certificate is chosen by the server.',
  },
  {
    code: 'ERR_CERT_DATE_INVALID', number: -201, category: 'certificate', verdict: 'server', takeover: false,
    title: 'The certificate is expired or not yet valid',
    meaning: 'The site\'s certificate is outside its validity dates, or this device\'s clock is wrong.',
    verdictReason: 'Usually an expired certificate on the server; check your clock if many sites show this.',
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
    aliases: ['SEC_ERROR_UNKNOWN_ISSUER', 'MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT'],
  },
];

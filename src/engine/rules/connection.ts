import type { Facts } from '../facts';
import { list, machine, where } from '../text';
import type { Evidence, Rule, Step } from '../types';
import { triedEvidence } from './local-dev';

const DROPPED = new Set([
  'ERR_CONNECTION_RESET', 'ERR_EMPTY_RESPONSE', 'ERR_SOCKET_NOT_CONNECTED', 'ERR_CONNECTION_CLOSED',
  'ERR_CONNECTION_ABORTED',
]);

const INVALID = new Set([
  'ERR_INVALID_HTTP_RESPONSE', 'ERR_INVALID_RESPONSE', 'ERR_RESPONSE_HEADERS_TOO_BIG', 'ERR_INVALID_CHUNKED_ENCODING',
  'ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_LENGTH', 'ERR_RESPONSE_HEADERS_MULTIPLE_LOCATION',
  'ERR_RESPONSE_HEADERS_MULTIPLE_CONTENT_DISPOSITION', 'ERR_RESPONSE_HEADERS_TRUNCATED',
  'ERR_CONTENT_LENGTH_MISMATCH', 'ERR_INCOMPLETE_CHUNKED_ENCODING', 'ERR_CONTENT_DECODING_FAILED',
]);

const is = (code: string) => (f: Facts) => f.error.code === code;

function portEvidence(f: Facts): Evidence[] {
  if (f.url.defaultPort || !f.url.port) return [];
  return [{
    text: `Port ${f.url.port} is not the usual web port (80 for http, 443 for https): only a program set up for it listens there.`,
    pointsTo: 'neutral',
    source: 'url',
  }];
}

function listenerSteps(f: Facts): Step[] {
  const port = f.url.port;
  if (f.url.loopback) {
    return [
      { audience: 'developer', text: `Start your server (npm run dev, python -m http.server ${port}, ...) and watch its output for errors.` },
      { audience: 'developer', text: `Check the port it listens on: environment variables such as PORT or HOST may differ from ${port}.` },
      { audience: 'developer', text: 'If it runs in Docker or a VM, publish the port to this machine (for example -p ' + port + ':' + port + ').' },
      { audience: 'developer', text: 'If it crashed on start, look for a dependency conflict or an outdated runtime in its output.' },
      { audience: 'you', text: `Check the port number in the address: ${port}.` },
    ];
  }
  return [
    { audience: 'you', text: 'Check the address and the port number for typos.' },
    { audience: 'you', text: 'Try again in a minute: the site may be restarting.' },
    { audience: 'owner', text: `Check that the web server (Nginx, Apache, your app) is running on ${f.url.host}.` },
    { audience: 'owner', text: `Check that it listens on port ${port} on the public interface, not only on 127.0.0.1.` },
    { audience: 'owner', text: `Check that no firewall rule rejects connections to port ${port}.` },
  ];
}

export const connectionRules: readonly Rule[] = [
  {
    cause: 'offline',
    title: 'This device is offline',
    summary: 'Your device is not connected to a network, so no site can load.',
    verdict: 'client',
    score: 0.95,
    when: (f) => f.error.code === 'ERR_INTERNET_DISCONNECTED' || (f.failure.online === false && f.error.category !== 'http'),
    evidence: (f) =>
      f.error.code === 'ERR_INTERNET_DISCONNECTED'
        ? [{ text: 'The browser reports that this device has no network connection.', pointsTo: 'client', source: 'browser' }]
        : [],
    steps: () => [
      { audience: 'you', text: 'Check Wi-Fi or the network cable, and turn airplane mode off.' },
      { audience: 'you', text: 'Restart your router if other devices are offline too.' },
      { audience: 'you', text: 'Reload once you are connected again.' },
    ],
    commands: ['route'],
  },
  {
    cause: 'no-listener',
    title: 'Nothing is listening on that port',
    summary: (f) =>
      f.url.loopback
        ? `Nothing on your computer is answering at port ${f.url.port}.`
        : `${f.url.host} answered, but nothing accepts connections on port ${f.url.port}.`,
    verdict: 'server',
    score: 0.8,
    when: is('ERR_CONNECTION_REFUSED'),
    evidence: (f) => [
      {
        text: `The connection was refused: ${machine(f)} was reached and answered that nothing accepts connections on port ${f.url.port}. A refusal is not a timeout: the machine is up.`,
        pointsTo: 'server',
        source: 'browser',
      },
      ...portEvidence(f),
      ...(f.failure.probes.otherFamily ? [{ text: `${f.failure.probes.otherFamily.target} did not answer either.`, pointsTo: 'server' as const, source: 'probe' as const }] : []),
      ...triedEvidence(f),
    ],
    steps: listenerSteps,
    commands: ['connect', 'listen', 'route'],
  },
  {
    cause: 'connection-dropped',
    title: 'The connection was dropped',
    summary: (f) =>
      f.otherHostsFailingAlike.length >= 2
        ? `Connections to ${f.url.host} and other sites are being cut off before an answer arrives.`
        : `${where(f)} closed the connection without sending an answer.`,
    verdict: (f) => (f.otherHostsFailingAlike.length >= 2 ? 'network' : 'server'),
    score: 0.7,
    when: (f) => DROPPED.has(f.error.code),
    evidence: (f) => {
      const lines: Evidence[] = [{
        text: f.error.code === 'ERR_EMPTY_RESPONSE'
          ? `The server accepted the connection, then closed it without sending a single byte.`
          : `The connection to ${where(f)} was cut off before a full answer arrived.`,
        pointsTo: 'server',
        source: 'browser',
      }];
      if (f.otherHostsFailingAlike.length >= 2) {
        lines.push({
          text: `Connections to other sites were cut off the same way just now: ${list(f.otherHostsFailingAlike)}.`,
          pointsTo: 'network',
          source: 'history',
        });
      }
      return lines;
    },
    steps: (f) =>
      f.url.loopback
        ? [
            { audience: 'developer', text: 'Look at your server\'s output: it may have crashed or thrown while handling the request.' },
            { audience: 'developer', text: 'Check that the port really serves HTTP and that nothing else took it.' },
          ]
        : [
            { audience: 'you', text: 'Reload the page.' },
            { audience: 'you', text: 'If many sites fail this way, turn off your VPN or proxy, or try another network.' },
            { audience: 'owner', text: 'Look at the server logs for crashes, restarts or aborted requests.' },
            { audience: 'owner', text: 'Check proxies, load balancers and firewalls in front of the server for dropped connections.' },
          ],
    commands: ['connect', 'http', 'listen'],
  },
  {
    cause: 'invalid-response',
    title: 'The answer was not valid HTTP',
    summary: (f) => `${where(f)} answered, but not with a web page the browser can read.`,
    verdict: 'server',
    score: 0.75,
    when: (f) => INVALID.has(f.error.code),
    evidence: (f) => [{
      text: `The browser reported ${f.error.code}: the bytes that came back do not follow the HTTP rules.`,
      pointsTo: 'server',
      source: 'browser',
    }, ...portEvidence(f)],
    steps: (f) => [
      { audience: f.url.loopback ? 'developer' : 'owner', text: `Check which program listens on port ${f.url.port}: it may be another kind of service (a database, SSH, a mail server).` },
      { audience: f.url.loopback ? 'developer' : 'owner', text: 'Check the server\'s response headers and encoding for mistakes.' },
    ],
    commands: ['http', 'listen'],
  },
  {
    cause: 'unsafe-port',
    title: 'The browser blocks this port',
    summary: (f) => `Your browser refuses to connect to port ${f.url.port} on purpose: that port belongs to another protocol.`,
    verdict: 'client',
    score: 0.95,
    when: is('ERR_UNSAFE_PORT'),
    evidence: (f) => [{
      text: `Port ${f.url.port} is on the browser's list of blocked ports; the server was never contacted.`,
      pointsTo: 'client',
      source: 'browser',
    }],
    steps: (f) => [
      { audience: 'you', text: 'Use the address without a port number, or the one the site gives for the web.' },
      { audience: 'developer', text: `Move your server from port ${f.url.port} to a port browsers allow, such as 3000, 8000 or 8080.` },
    ],
  },
];

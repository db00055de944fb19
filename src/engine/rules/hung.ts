/** Loads that hang or crawl: the browser says nothing, netwhy says which phase is stuck and what it means. */
import type { Facts } from '../facts';
import { list } from '../text';
import type { Evidence, Rule } from '../types';

const load = (f: Facts) => f.failure.load;
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;
const hung = (f: Facts) => f.error.code === 'LOAD_HUNG' && !!load(f);

function neighbours(f: Facts): Evidence[] {
  const lines: Evidence[] = [];
  if (f.otherHostsOk.length > 0 && !f.url.loopback) {
    lines.push({ text: `Other sites answer right now (${list(f.otherHostsOk)}): your connection works.`, pointsTo: 'server', source: 'history' });
  }
  return lines;
}

export const hungRules: readonly Rule[] = [
  {
    cause: 'server-not-answering',
    title: "Waiting for the server's answer",
    summary: (f) =>
      f.url.loopback
        ? `The server on your computer at port ${f.url.port} accepted the request ${seconds(load(f)!.waitedMs)} ago and has not answered.`
        : `${f.url.host} got the request ${seconds(load(f)!.waitedMs)} ago and has not answered yet.`,
    verdict: 'server',
    score: (f) => (f.url.loopback ? 0.85 : 0.65),
    when: (f) => hung(f) && load(f)!.phase === 'sent',
    evidence: (f) => [
      {
        text: f.url.loopback
          ? 'On this computer a connection is accepted or refused at once: it was accepted, so the server is up but stuck on the request.'
          : 'The request went out; no answer has come back. A server that accepted the connection and does not answer is on the server side.',
        pointsTo: 'server',
        source: 'browser',
      },
      ...neighbours(f),
    ],
    steps: (f) =>
      f.url.loopback
        ? [
            { audience: 'developer', text: 'Look at your server: a request handler that never responds (a missing res.end(), an await that never resolves, a deadlock, a breakpoint).' },
            { audience: 'developer', text: 'Check for a blocked event loop or a long synchronous task.' },
            { audience: 'you', text: 'Stop the load and try again once the server is fixed or restarted.' },
          ]
        : [
            { audience: 'you', text: 'Wait a little longer, or stop and reload: the site may be overloaded.' },
            { audience: 'owner', text: 'Check the application for slow or stuck requests (database locks, upstream timeouts).' },
          ],
    commands: ['http', 'connect'],
  },
  {
    cause: 'receiving-slowly',
    title: 'The page arrives very slowly',
    summary: (f) => `${f.url.host} started answering, but the page is still arriving after ${seconds(load(f)!.waitedMs)}.`,
    verdict: (f) => (f.otherHostsOk.length > 0 || f.url.loopback ? 'server' : 'unknown'),
    score: 0.6,
    when: (f) => hung(f) && load(f)!.phase === 'receiving',
    evidence: (f) => [{ text: 'The server answered, then stopped or slowed down while sending the page.', pointsTo: 'server', source: 'browser' }, ...neighbours(f)],
    steps: () => [
      { audience: 'you', text: 'Wait, or reload later.' },
      { audience: 'owner', text: 'Check for a response that streams very slowly or never finishes.' },
    ],
    commands: ['http'],
  },
  {
    cause: 'connection-stalled',
    title: 'The connection does not get through',
    summary: (f) => `The browser has been trying to reach ${f.url.host} for ${seconds(load(f)!.waitedMs)} and the request has not gone out.`,
    verdict: (f) => (f.otherHostsOk.length > 0 ? 'server' : 'network'),
    score: 0.55,
    when: (f) => hung(f) && load(f)!.phase === 'starting',
    evidence: (f) => [
      { text: 'Looking up the name or opening the connection never finishes: packets are lost or silently dropped, by a firewall or the network.', pointsTo: f.otherHostsOk.length > 0 ? 'server' : 'network', source: 'browser' },
      ...neighbours(f),
    ],
    steps: () => [
      { audience: 'you', text: 'Check whether other sites load; if not, restart your router or reconnect.' },
      { audience: 'you', text: 'Turn off a VPN or proxy and try again.' },
      { audience: 'owner', text: 'Check that a firewall does not silently drop connections to the port.' },
    ],
    commands: ['connect', 'route', 'dns'],
  },
  {
    cause: 'slow-load',
    title: 'The page loaded, slowly',
    summary: (f) => `${f.url.host} took ${seconds(load(f)!.waitedMs)} to load, most of it ${load(f)!.phase === 'starting' ? 'connecting' : load(f)!.phase === 'sent' ? "waiting for the server's first answer" : 'receiving the page'}.`,
    verdict: (f) => (load(f)!.phase === 'starting' && f.otherHostsOk.length === 0 ? 'network' : 'server'),
    score: 0.7,
    when: (f) => f.error.code === 'LOAD_SLOW' && !!load(f),
    evidence: (f) => [{ text: `The ${load(f)!.phase === 'sent' ? 'wait for the first answer' : load(f)!.phase === 'starting' ? 'connection' : 'transfer'} took ${seconds(load(f)!.phaseMs)}.`, pointsTo: load(f)!.phase === 'starting' ? 'network' : 'server', source: 'browser' }],
    steps: () => [{ audience: 'owner', text: 'Profile the slow phase: server processing time for the first byte, the network for the connection.' }],
    commands: ['http'],
  },
];

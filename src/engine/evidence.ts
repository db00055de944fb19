import type { Facts } from './facts';
import { clock, list } from './text';
import type { Evidence } from './types';

/** Evidence lines every diagnosis gets from context, whatever the rule. */
export function contextEvidence(f: Facts): Evidence[] {
  const lines: Evidence[] = [];
  const online = f.failure.online;
  if (online === false && f.error.code !== 'ERR_INTERNET_DISCONNECTED') {
    lines.push({ text: 'This device reports that it is offline.', pointsTo: 'client', source: 'device' });
  }
  if (f.url.loopback) {
    lines.push({ text: `${f.url.host} is this computer: the server you are trying to reach runs here.`, pointsTo: 'neutral', source: 'url' });
  } else if (f.url.privateAddress) {
    lines.push({ text: `${f.url.host} is an address on a local network, not on the internet.`, pointsTo: 'neutral', source: 'url' });
  }
  const ok = f.otherHostsOk;
  // Other sites loading says the connection works: meaningless for a server on this computer.
  if (ok.length > 0 && f.error.category !== 'http' && !f.url.loopback) {
    lines.push({
      text: `${ok.length === 1 ? 'Another site' : `${ok.length} other sites`} loaded fine in the last minutes (${list(ok)}), so your connection works.`,
      pointsTo: 'server',
      source: 'history',
    });
  }
  const last = f.failure.context.hostLastSuccess;
  if (last && last < f.failure.time) {
    lines.push({
      text: `${f.url.host} loaded fine at ${clock(last)}: something changed since.`,
      pointsTo: 'server',
      source: 'history',
    });
  }
  const load = f.failure.load;
  if (load?.state === 'failed') {
    lines.push({ text: `The browser waited ${Math.round(load.waitedMs / 1000)} s before giving up, most of it ${load.phase === 'starting' ? 'connecting' : load.phase === 'sent' ? 'waiting for the first answer' : 'receiving'}.`, pointsTo: 'neutral', source: 'browser' });
  }
  const proxy = f.failure.context.proxy;
  if (proxy && proxy !== 'direct' && proxy !== 'system' && f.error.category !== 'http') {
    lines.push({ text: `Your browser sends its traffic through a proxy (${proxy}): a proxy problem looks like a site problem.`, pointsTo: 'network', source: 'device' });
  }
  if (f.failure.count > 1) {
    lines.push({
      text: `This failed ${f.failure.count} times since ${clock(f.failure.firstTime)}.`,
      pointsTo: 'neutral',
      source: 'history',
    });
  }
  return lines;
}

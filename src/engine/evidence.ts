import type { Facts } from './facts';
import { clock, list } from './text';
import type { ContextLine, Evidence } from './types';
import { t } from './i18n';

/** Evidence lines every diagnosis gets from context, whatever the rule. */
export function contextEvidence(f: Facts, covered: readonly ContextLine[] = []): Evidence[] {
  const lines: Evidence[] = [];
  const online = f.failure.online;
  if (online === false && f.error.code !== 'ERR_INTERNET_DISCONNECTED') {
    lines.push({ text: t('ev_device_offline'), pointsTo: 'client', source: 'device' });
  }
  if (f.url.loopback) {
    lines.push({ text: t('ev_loopback', [f.url.host]), pointsTo: 'neutral', source: 'url' });
  } else if (f.url.privateAddress) {
    lines.push({ text: t('ev_private_address', [f.url.host]), pointsTo: 'neutral', source: 'url' });
  }
  const ok = f.otherHostsOk;
  // Other sites loading says the connection works: meaningless for a server on this computer.
  if (ok.length > 0 && f.error.category !== 'http' && !f.url.loopback) {
    lines.push({
      text: ok.length === 1 ? t('ev_others_ok_one', [list(ok)]) : t('ev_others_ok', [ok.length, list(ok)]),
      pointsTo: 'server',
      source: 'history',
    });
  }
  const last = f.failure.context.hostLastSuccess;
  if (last && last < f.failure.time && !covered.includes('host-loaded-before')) {
    lines.push({
      text: t('ev_host_loaded_before', [f.url.host, clock(last)]),
      pointsTo: 'server',
      source: 'history',
    });
  }
  const load = f.failure.load;
  if (load?.state === 'failed') {
    lines.push({
      text: t(`ev_waited_${load.phase}`, [Math.round(load.waitedMs / 1000)]),
      pointsTo: 'neutral',
      source: 'browser',
    });
  }
  const proxy = f.failure.context.proxy;
  if (proxy && proxy !== 'direct' && proxy !== 'system' && f.error.category !== 'http') {
    lines.push({ text: t('ev_proxy', [proxy]), pointsTo: 'network', source: 'device' });
  }
  if (f.failure.count > 1) {
    lines.push({
      text: t('ev_repeated', [f.failure.count, clock(f.failure.firstTime)]),
      pointsTo: 'neutral',
      source: 'history',
    });
  }
  return lines;
}

/** Loads that hang or crawl: the browser says nothing, netwhy says which phase is stuck and what it means. */
import type { Facts } from '../facts';
import { list } from '../text';
import type { Evidence, Rule } from '../types';
import { t } from '../i18n';

const load = (f: Facts) => f.failure.load;
const seconds = (ms: number) => t('unit_seconds', [Math.round(ms / 1000)]);
const hung = (f: Facts) => f.error.code === 'LOAD_HUNG' && !!load(f);

function neighbours(f: Facts): Evidence[] {
  const lines: Evidence[] = [];
  if (f.otherHostsOk.length > 0 && !f.url.loopback) {
    lines.push({ text: t('ev_others_answer', [list(f.otherHostsOk)]), pointsTo: 'server', source: 'history' });
  }
  return lines;
}

export const hungRules: readonly Rule[] = [
  {
    cause: 'server-not-answering',
    title: () => t('r_server_not_answering_title'),
    summary: (f) =>
      f.url.loopback
        ? t('r_server_not_answering_summary', [f.url.port, seconds(load(f)!.waitedMs)])
        : t('r_server_not_answering_summary2', [f.url.host, seconds(load(f)!.waitedMs)]),
    verdict: 'server',
    score: (f) => (f.url.loopback ? 0.85 : 0.65),
    when: (f) => hung(f) && load(f)!.phase === 'sent',
    evidence: (f) => [
      {
        text: f.url.loopback ? t('r_server_not_answering_ev') : t('r_server_not_answering_ev2'),
        pointsTo: 'server',
        source: 'browser',
      },
      ...neighbours(f),
    ],
    steps: (f) =>
      f.url.loopback
        ? [
            { audience: 'developer', text: t('r_server_not_answering_step') },
            { audience: 'developer', text: t('r_server_not_answering_step2') },
            { audience: 'you', text: t('r_server_not_answering_step3') },
          ]
        : [
            { audience: 'you', text: t('r_server_not_answering_step4') },
            { audience: 'owner', text: t('r_server_not_answering_step5') },
          ],
    commands: ['http', 'connect'],
  },
  {
    cause: 'receiving-slowly',
    title: () => t('r_receiving_slowly_title'),
    summary: (f) => t('r_receiving_slowly_summary', [f.url.host, seconds(load(f)!.waitedMs)]),
    verdict: (f) => (f.otherHostsOk.length > 0 || f.url.loopback ? 'server' : 'unknown'),
    score: 0.6,
    when: (f) => hung(f) && load(f)!.phase === 'receiving',
    evidence: (f) => [{ text: t('r_receiving_slowly_ev'), pointsTo: 'server', source: 'browser' }, ...neighbours(f)],
    steps: () => [
      { audience: 'you', text: t('r_receiving_slowly_step') },
      { audience: 'owner', text: t('r_receiving_slowly_step2') },
    ],
    commands: ['http'],
  },
  {
    cause: 'connection-stalled',
    title: () => t('r_connection_stalled_title'),
    summary: (f) => t('r_connection_stalled_summary', [f.url.host, seconds(load(f)!.waitedMs)]),
    verdict: (f) => (f.otherHostsOk.length > 0 ? 'server' : 'network'),
    score: 0.55,
    when: (f) => hung(f) && load(f)!.phase === 'starting',
    evidence: (f) => [
      {
        text: t('r_connection_stalled_ev'),
        pointsTo: f.otherHostsOk.length > 0 ? 'server' : 'network',
        source: 'browser',
      },
      ...neighbours(f),
    ],
    steps: () => [
      { audience: 'you', text: t('r_connection_stalled_step') },
      { audience: 'you', text: t('r_connection_stalled_step2') },
      { audience: 'owner', text: t('r_connection_stalled_step3') },
    ],
    commands: ['connect', 'route', 'dns'],
  },
  {
    cause: 'slow-load',
    title: () => t('r_slow_load_title'),
    summary: (f) => t(`r_slow_load_summary_${load(f)!.phase}`, [f.url.host, seconds(load(f)!.waitedMs)]),
    verdict: (f) => (load(f)!.phase === 'starting' && f.otherHostsOk.length === 0 ? 'network' : 'server'),
    score: 0.7,
    when: (f) => f.error.code === 'LOAD_SLOW' && !!load(f),
    evidence: (f) => [
      {
        text: t(`r_slow_load_ev_${load(f)!.phase}`, [seconds(load(f)!.phaseMs)]),
        pointsTo: load(f)!.phase === 'starting' ? 'network' : 'server',
        source: 'browser',
      },
    ],
    steps: () => [{ audience: 'owner', text: t('r_slow_load_step') }],
    commands: ['http'],
  },
];

/**
 * Marks on the worker's own performance timeline, read by `npm run bench` over DevTools to time a cold start from the
 * worker's side (issue #21.3): `evaluating`, its modules started to run (this module is the entry's first import, so
 * it runs once every module of the worker is fetched and compiled and the shared chunks the entry imports, the
 * taxonomy's data and the words, have run); `ready`, its modules had run and its listeners were registered; `event`,
 * it handled a page's failure; `diagnosing`, the takeover's diagnosis started; `takeover`, it asked for the takeover;
 * `served` (or `servedFromFile`: in words read from the catalog's file, background/language.ts), it served the
 * explanation page's HTML (Chromium); `probing` and `probed`, its active checks for a failure (the loopback probes,
 * the proxy) started and ended: the explanation is complete only after them. One entry per name, replaced each time:
 * nothing accumulates.
 */
export type TimelineMark =
  'evaluating' | 'ready' | 'event' | 'diagnosing' | 'takeover' | 'served' | 'servedFromFile' | 'probing' | 'probed';

export function mark(name: TimelineMark): void {
  try {
    performance.clearMarks(`netwhy:${name}`);
    performance.mark(`netwhy:${name}`);
  } catch {
    // No User Timing here (an old browser, a test's fake): nothing to mark.
  }
}

mark('evaluating');

/**
 * Bench scenario (e), the limit of issue #21's design: the least an extension can do that shows netwhy's explanation
 * and diagnoses in its worker. Never shipped; built by bench/run.mjs.
 *
 * - Its worker carries what #21 puts in netwhy's (the rules engine, the error taxonomy, the reports, the loopback
 *   probes) and webextension-polyfill (the fixed stack), all evaluated when it starts, as netwhy's are: a cold start
 *   compiles and runs them before the first event. It diagnoses nothing.
 * - On the first error event of a top-level load it sends the tab to `page.html`: netwhy's own first paint for a
 *   refused connection (headline, verdict, first evidence, the page's styles), written by the bench as a static
 *   file. No extension can show words of a failure sooner than a file that already holds them.
 * - The page asks for the evidence as netwhy's does, and this worker runs netwhy's loopback probes for it: the least
 *   the explanation's complete form waits on.
 */
import polyfill from 'webextension-polyfill';
import { probeLoopback } from '../../src/background/probes';
import { diagnose } from '../../src/engine/diagnose';
import { normalizeError } from '../../src/engine/errors/normalize';
import type { Failure } from '../../src/engine/failure';
import { buildReport } from '../../src/engine/report/build';
import { toMarkdown, toText } from '../../src/engine/report/render';

// Kept, so that the bundle keeps them, and their modules run at start as netwhy's do.
(globalThis as { netwhyLimit?: unknown }).netwhyLimit = [
  polyfill,
  diagnose,
  normalizeError,
  buildReport,
  toMarkdown,
  toText,
];

interface Chrome {
  runtime: {
    getURL(path: string): string;
    onMessage: {
      addListener(
        f: (m: { probe?: string }, sender: unknown, respond: (answer: unknown) => void) => boolean | undefined,
      ): void;
    };
  };
  tabs: { update(tabId: number, props: { url: string }): Promise<unknown> };
  webRequest: {
    onErrorOccurred: {
      addListener(
        f: (d: { tabId: number; url: string; error: string; timeStamp: number }) => void,
        filter: { urls: string[]; types: string[] },
      ): void;
    };
  };
}
const chrome = (globalThis as unknown as { chrome: Chrome }).chrome;

/** netwhy's worker marks (src/background/timeline.ts), so the bench reads both timelines the same way. */
function mark(name: string): void {
  performance.clearMarks(`netwhy:${name}`);
  performance.mark(`netwhy:${name}`);
}

chrome.webRequest.onErrorOccurred.addListener(
  (d) => {
    if (d.tabId < 0 || d.error === 'net::ERR_ABORTED') return;
    mark('event');
    // The event's timeStamp rides along in the fragment, as in (c).
    const page = `${chrome.runtime.getURL('page.html')}?url=${encodeURIComponent(d.url)}#${d.timeStamp}`;
    void chrome.tabs.update(d.tabId, { url: page });
    mark('takeover');
  },
  { urls: ['<all_urls>'], types: ['main_frame'] },
);

chrome.runtime.onMessage.addListener((message, _sender, respond) => {
  if (typeof message?.probe !== 'string') return undefined;
  const failure = { url: message.probe, error: 'net::ERR_CONNECTION_REFUSED' } as unknown as Failure;
  mark('probing');
  void probeLoopback(failure, 'loopback', (url, init) => fetch(url, init))
    .then((probes) => (mark('probed'), probes))
    .then(respond, () => respond(null));
  return true;
});

mark('ready');

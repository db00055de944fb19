/**
 * The worker: wiring only. Listeners are registered synchronously at start (MV3 may start the worker for an event),
 * and no state lives only here: history in storage.local, neighbourhood and tab state in storage.session.
 */
import { diagnose } from '../engine/diagnose';
import { normalizeError } from '../engine/errors/normalize';
import type { Failure } from '../engine/failure';
import { browser, isTopDocument } from '../platform/browser';
import { listen } from '../platform/messages';
import { readProxy } from '../platform/proxy';
import { getLocal, getSession, setLocal, setSession } from '../platform/storage';
import type { HistoryEntry } from '../platform/types';
import { Capture } from './capture';
import { HistoryStore } from './history';
import { toEntry } from './history-list';
import { NeighbourhoodTracker } from './neighbourhood';
import { checkPublicDns, probeLoopback } from './probes';
import { clearBadge, setBadge, takeover } from './presenter';
import { settings, settingsLoaded, settingsReady, updateSettings } from './settings-cache';
import { TabStates } from './tabs';
import { Explained } from './explained';

const neighbourhood = new NeighbourhoodTracker((state) => setSession('neighbourhood', state));
const tabStates = new TabStates((tabs) => setSession('tabs', tabs));
const history = new HistoryStore(
  { read: () => getLocal('history'), write: (list) => setLocal('history', list) },
  () => ({ limit: settings().historyLimit, retentionDays: settings().retentionDays }),
);
const explained = new Explained();

/** Failures seen by this worker, for the explanation page to fetch by id. */
const recent = new Map<string, Failure>();
const remember = (f: Failure) => {
  recent.set(f.id, f);
  if (recent.size > 100) recent.delete(recent.keys().next().value!);
};

const restored = Promise.all([
  getSession('neighbourhood').then((state) => neighbourhood.restore(state)),
  getSession('tabs').then((tabs) => tabStates.restore(tabs)),
]).catch((err: unknown) => console.warn('netwhy: session state unreadable', err));

let counter = 0;
const newId = () => `${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

/** Incognito tabs are never written to storage.local. */
async function isPrivate(tabId: number): Promise<boolean> {
  if (tabId < 0) return false;
  try {
    return (await browser.tabs.get(tabId)).incognito;
  } catch {
    return false;
  }
}

async function record(failure: Failure): Promise<void> {
  await restored;
  const entry = toEntry(failure);
  if (await isPrivate(failure.tabId)) {
    const list = ((await getSession('privateHistory')) as HistoryEntry[] | undefined) ?? [];
    await setSession('privateHistory', [entry, ...list.filter((e) => e.id !== entry.id)].slice(0, settings().historyLimit));
    return;
  }
  await history.add(entry);
}

/** Failures still being enriched by probes: the explanation page waits for them (bounded by the probe budget). */
const enriching = new Map<string, Promise<Failure>>();

/** Adds what active checks and settings can tell (loopback probes, proxy, opt-in public DNS), within budgets. */
async function enrich(failure: Failure): Promise<Failure> {
  const mode = settings().probes;
  const host = failure.url ? new URL(failure.url).hostname : '';
  const dnsError = failure.error !== null && normalizeError(failure.error).category === 'dns';
  const refused = failure.error !== null && normalizeError(failure.error).code === 'ERR_CONNECTION_REFUSED';
  const [loopback, publicDns, proxy] = await Promise.all([
    refused ? probeLoopback(failure, mode, fetchProbe).catch(() => ({})) : Promise.resolve({}),
    dnsError ? checkPublicDns(host, mode, fetchProbe) : Promise.resolve(undefined),
    readProxy(),
  ]);
  failure.probes = { ...failure.probes, ...loopback, ...(publicDns ? { publicDns } : {}) };
  if (proxy) failure.context.proxy = proxy;
  return failure;
}

const fetchProbe = (url: string, init: RequestInit) => fetch(url, init);

const capture = new Capture({
  ownOrigin: browser.runtime.getURL(''),
  now: Date.now,
  online: () => (typeof navigator === 'object' ? navigator.onLine : null),
  settings,
  neighbourhood,
  newId,
  takeover: (failure) => {
    explained.shown(failure.tabId, failure.url);
    takeover(failure);
  },
  recordTop: (failure) => {
    remember(failure);
    tabStates.topFailed(failure.tabId, failure.id);
    markTab(failure);
    const done = (enriching.get(failure.id) ?? enrich(failure)).then((f) => {
      markTab(f);
      void record(f);
      return f;
    });
    enriching.set(failure.id, done);
    void done.finally(() => enriching.delete(failure.id));
  },
  failedPageShown: markTab,
  recordSub: (failure) => {
    const total = tabStates.subFailed(failure.tabId, failure.url, failure.error, failure.httpStatus);
    setBadge(failure.tabId, total > 99 ? '99+' : String(total), 'unknown', `netwhy: ${total} failed requests on this page`);
    void record(failure);
  },
  topLoaded: (tabId) => {
    tabStates.loaded(tabId);
    clearBadge(tabId);
  },
  isReturnToExplained: (tabId, url) => explained.isReturn(tabId, url),
  goBack: (tabId) => {
    browser.tabs.goBack(tabId).catch(() => undefined); // no earlier entry: the browser's page stays
  },
});

/** The toolbar mark for a tab whose page failed, coloured by verdict. */
function markTab(failure: Failure): void {
  const d = diagnose(failure);
  setBadge(failure.tabId, '!', d.verdict, `netwhy: ${d.cause.title}`);
}

/** On a cold start the settings may still be loading: wait for them (a few ms) only then. */
function withSettings<T>(handler: (d: T) => void): (d: T) => void {
  return (d) => {
    if (settingsLoaded()) handler(d);
    else void settingsReady.then(() => handler(d));
  };
}

const filter = { urls: ['<all_urls>'] };
browser.webRequest.onErrorOccurred.addListener(withSettings((d) => capture.onRequestError(d)), filter);
browser.webRequest.onCompleted.addListener(
  withSettings((d) => capture.onCompleted({ ...d, type: isTopDocument(d) ? 'main_frame' : d.type })),
  filter,
  ['responseHeaders'],
);
browser.webNavigation.onErrorOccurred.addListener(
  withSettings((d: { tabId: number; url: string; frameId: number; error?: string; timeStamp: number }) => capture.onNavigationError(d)),
);
browser.webNavigation.onBeforeNavigate.addListener((d) => capture.onBeforeNavigate(d));
browser.webNavigation.onCommitted.addListener((d) => {
  explained.committed(d.tabId, d.frameId, d.url, d.url.startsWith(browser.runtime.getURL('')));
  capture.onCommitted(d);
});
browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status === 'complete') capture.onTabComplete(tabId, tab.url);
});
browser.tabs.onRemoved.addListener((tabId) => {
  capture.tabClosed(tabId);
  tabStates.closed(tabId);
  explained.closed(tabId);
});

listen({
  'failure:get': async ({ id }) => {
    const pending = enriching.get(id);
    if (pending) return pending;
    const hit = recent.get(id);
    if (hit) return hit;
    const list = await history.list();
    return list.find((e) => e.id === id) ?? null;
  },
  'history:list': async () => {
    const priv = ((await getSession('privateHistory')) as HistoryEntry[] | undefined) ?? [];
    const list = await history.list();
    return [...priv, ...list].sort((a, b) => b.time - a.time);
  },
  'history:delete': async ({ id }) => {
    await history.delete(id);
    return true;
  },
  'history:clear': async () => {
    await history.clear();
    await setSession('privateHistory', []);
    return true;
  },
  'tab:state': async ({ tabId }) => {
    await restored;
    return tabStates.get(tabId);
  },
  'retry:intent': ({ tabId, url }) => {
    explained.retrying(tabId, url);
    return true;
  },
  'settings:get': async () => {
    await settingsReady;
    return settings();
  },
  'settings:set': (patch) => updateSettings(patch),
});

/**
 * The worker: wiring only. Listeners are registered synchronously at start (MV3 may start the worker for an event),
 * and no state lives only here: history in storage.local, neighbourhood and tab state in storage.session.
 */
// First, the timeline: its first mark says when the worker's modules start to run (all fetched and compiled).
import './timeline';
// Then: every module after this one calls the browser through webextension-polyfill.
import '../platform/polyfill';
import { corsWhy } from '../engine/banner';
import { normalizeError } from '../engine/errors/normalize';
import { toFailure, type Failure, type LoadTiming } from '../engine/failure';
import { deferredTranslate, plural, t, withTranslator } from '../engine/i18n';
import { diagnose } from '../engine/diagnose';
import {
  browser,
  extensionUrl,
  isTopDocument,
  notificationsApi,
  type Runtime,
  RECEIVED_HEADERS,
  SCRIPT_REQUESTS,
  SEND_HEADERS,
  TOP_DOCUMENTS,
} from '../platform/browser';
import {
  browserTranslate,
  catalogFileSay,
  catalogLoaded,
  openCatalogFile,
  useBrowserLanguage,
  useCatalog,
} from '../platform/i18n';
import { useBrowserVocabulary } from '../platform/vocabulary';
import { listen, listenContent } from '../platform/messages';
import { EXPLAIN_PAGE, explainUrl } from '../platform/pages';
import { startExplanationServer } from '../platform/explain-server';
import { deliver } from './inject';
import { InPageNotices } from './in-page';
import { readProxy } from '../platform/proxy';
import { activeRules, loadRules, ruleProblems, rulesSettled, watchRules } from './rules';
import { getLocal, getSession, journalArea, setLocal, setLocalMany, setSession } from '../platform/storage';
import { watchHostAccess } from '../platform/host-access';
import type { HistoryEntry } from '../shared/types';
import { Capture } from './capture';
import { CorsTracker } from './cors-tracker';
import { HistoryStore } from './history';
import { Journal } from './journal';
import { RequestFailureBatch } from './request-batch';
import { toEntry, withCurrentTitles } from '../shared/history-list';
import { LoadTracker } from './loads';
import { NeighbourhoodTracker } from './neighbourhood';
import { KnownPages } from './known-pages';
import { TabPrivacy } from './privacy';
import { PrivateHistory } from './private-history';
import { checkPublicDns, probeLoopback } from './probes';
import { sessionLanguage } from './language';
import { clearBadge, firstPaint, setBadge, takeover } from './presenter';
import { mark } from './timeline';
import {
  currentPolicy,
  policyReady,
  settings,
  settingsLoaded,
  settingsReady,
  updateSettings,
  withPolicyKnown,
} from './settings-cache';
import { TabStates } from './tabs';
import { Explained } from './explained';
import { QuietWindow } from './quiet';
import { Diagnoses } from './diagnoses';
import { renderReport } from './reports';
import { testRules } from './rule-tester';
import type { FailureAddress } from '../shared/messages';

// Every sentence the worker produces (diagnoses, badge tooltips, notifications) in the browser's language.
useBrowserLanguage();
useBrowserVocabulary();

/** While an explanation page is on its way (until it commits, at most 300 ms), the writes below wait. */
const quiet = new QuietWindow(300);
/** A state mirrored to storage.session, written when no explanation page is on its way. */
const mirror =
  <K extends Parameters<typeof setSession>[0]>(key: K) =>
  (value: Parameters<typeof setSession<K>>[1]) =>
    quiet.write(key, () => void setSession(key, value).catch((err) => console.warn(`netwhy: ${key} not saved`, err)));

const neighbourhood = new NeighbourhoodTracker(mirror('neighbourhood'));
/** Incognito tabs (and tabs not known to be normal) get their own neighbourhood: in memory only, never persisted. */
const privateNeighbourhood = new NeighbourhoodTracker(() => undefined, 60_000);
const privacy = new TabPrivacy((tabId) => browser.tabs.get(tabId));
const neighbourhoodFor = (tabId: number) => (privacy.isNormal(tabId) ? neighbourhood : privateNeighbourhood);
const knownPages = new KnownPages(mirror('pages'));
const privateHistory = new PrivateHistory({
  read: () => getSession('privateHistory'),
  write: (list) => setSession('privateHistory', list),
});
const tabStates = new TabStates(mirror('tabs'));
/** Every failure in storage.session as soon as it is seen, replayed if the worker stops before the history has it. */
const journal = new Journal(journalArea);
/** The journal's replay: the history writes nothing before it has read what the last worker left. */
const journalReplay = getLocal('journalApplied').then(
  (applied) => journal.replay(applied),
  () => journal.replay({}),
);
const history = new HistoryStore(
  {
    read: () => getLocal('history'),
    write: async (list, added) => {
      await journalReplay;
      await quiet.idle();
      await setLocalMany({ history: list, journalApplied: journal.appliedWith(added) });
      journal.written(added);
    },
  },
  () => ({ limit: settings().historyLimit, retentionDays: settings().retentionDays }),
);
const explained = new Explained();
const notices = new InPageNotices({ settings, rules: activeRules, tabState: (tabId) => tabStates.get(tabId), deliver });

/** Failures seen by this worker, for the explanation page to fetch by id. */
const recent = new Map<string, Failure>();
/** Every diagnosis the worker and its pages show, made once per failure and its evidence. */
const diagnoses = new Diagnoses(activeRules);
const remember = (f: Failure) => {
  recent.set(f.id, f);
  if (recent.size > 100) recent.delete(recent.keys().next().value!);
};

/**
 * Journals a failure with what is decided about it now, from the live state of its tab: incognito or not (and the
 * hung record it replaces). Returns that decision for record(); when the tab's state is not known yet, the answer is
 * journaled too once the browser gives it. The replay uses these decisions, never the tab's state at replay time.
 */
function noted(failure: Failure, replaces?: string): Promise<boolean> {
  const known = privacy.decided(failure.tabId);
  const decided = { ...(known === undefined ? {} : { private: known }), ...(replaces ? { replaces } : {}) };
  journal.note(failure, decided);
  if (known !== undefined) return Promise.resolve(known);
  const asked = privacy.isPrivate(failure.tabId);
  void asked.then((priv) => journal.decide(failure, { ...decided, private: priv }));
  return asked;
}

/** Hung and slow top-level loads. */
let loadsTimer: ReturnType<typeof setTimeout> | null = null;
const loads = new LoadTracker({
  now: Date.now,
  thresholdMs: () => settings().hangThresholdSec * 1000,
  newId: () => newId(),
  persist: mirror('loads'),
  wakeAt: (time) => {
    if (loadsTimer) clearTimeout(loadsTimer);
    loadsTimer = setTimeout(() => loads.check(), Math.max(0, time - Date.now()) + 50);
    // If the worker is stopped meanwhile, an alarm wakes it (alarms fire no sooner than 30 s for packed extensions).
    browser.alarms?.create(LOADS_ALARM, { when: Math.max(time, Date.now() + 30_000) });
  },
  onHung: (load, timing) => {
    const failure = pageFailure(load.hungId!, load.tabId, load.url, timing);
    const priv = noted(failure);
    remember(failure);
    tabStates.topFailed(load.tabId, failure.id);
    markTab(failure);
    void record(failure, priv);
    if (settings().hangNotify) notifyHung(failure);
  },
  onSlow: (load, timing) => {
    const failure = pageFailure(load.hungId ?? newId(), load.tabId, load.url, timing);
    void record(failure, noted(failure));
  },
});
const LOADS_ALARM = 'netwhy-loads';

/** A top-level failure made from a load's timing (no error event: hung or slow). */
function pageFailure(id: string, tabId: number, url: string, timing: LoadTiming): Failure {
  const now = Date.now();
  return {
    id,
    time: now,
    firstTime: now,
    count: 1,
    url,
    tabId,
    resourceType: 'main_frame',
    error: null,
    httpStatus: null,
    ip: null,
    retryAfter: null,
    online: typeof navigator === 'object' ? navigator.onLine : null,
    context: neighbourhoodFor(tabId).snapshot(url, now),
    probes: {},
    load: timing,
  };
}

function notifyHung(failure: Failure): void {
  const d = diagnoses.of(failure);
  const api = notificationsApi();
  try {
    void Promise.resolve(
      api?.create(`netwhy-${failure.id}`, {
        type: 'basic',
        iconUrl: browser.runtime.getURL('icons/icon-128.png'),
        title: d.cause.title,
        message: d.cause.summary,
      }),
    ).catch(() => undefined);
  } catch {
    // No notification surface: the badge and the popup still say it.
  }
}

watchRules();
const restored = Promise.all([
  loadRules(),
  getSession('loads').then((list) => {
    loads.restore(list);
    return settingsReady.then(() => {
      loads.check();
      adoptLoadingTabs();
    });
  }),
  getSession('neighbourhood').then((state) => neighbourhood.restore(state)),
  getSession('pages').then((hosts) => knownPages.restore(hosts)),
  getSession('tabs').then((tabs) => tabStates.restore(tabs)),
]).catch((err: unknown) => console.warn('netwhy: session state unreadable', err));

/**
 * Tabs already loading when the worker starts (a restored session, a page opened while it started): their start event
 * may have come before the listeners, or not at all. Tracked from now, so a page that never answers is still reported.
 */
function adoptLoadingTabs(): void {
  void browser.tabs.query({ status: 'loading' }).then(
    (tabs) => {
      for (const tab of tabs) {
        const url = (tab as { pendingUrl?: string }).pendingUrl ?? tab.url ?? '';
        if (tab.id !== undefined && /^https?:/i.test(url)) loads.adopt(tab.id, url);
      }
    },
    () => undefined,
  );
}

let counter = 0;
const newId = () => `${Date.now().toString(36)}-${(counter++).toString(36)}-${Math.random().toString(36).slice(2, 6)}`;

// Every open tab's incognito state, known before its next navigation (a restarted worker learns them here).
void browser.tabs.query({}).then(
  (tabs) => {
    for (const tab of tabs) if (tab.id !== undefined) privacy.known(tab.id, tab.incognito);
  },
  () => undefined,
);
browser.tabs.onCreated.addListener((tab) => {
  if (tab.id !== undefined) privacy.known(tab.id, tab.incognito);
});
/** Events that say it themselves (Firefox's webRequest details carry `incognito`; Chromium's do not). */
function told<T extends { tabId: number }>(d: T): T {
  privacy.known(d.tabId, (d as { incognito?: unknown }).incognito);
  return d;
}

/** The failed-requests count on the badge, at most a few times a second per tab. */
const badgeTimers = new Map<number, ReturnType<typeof setTimeout>>();
function countOnBadge(tabId: number): void {
  if (badgeTimers.has(tabId)) return;
  badgeTimers.set(
    tabId,
    setTimeout(() => {
      badgeTimers.delete(tabId);
      const state = tabStates.get(tabId);
      if (!state || state.failureId || state.subresources.length === 0) return;
      const total = state.subresources.reduce((n, g) => n + g.count, 0);
      setBadge(
        tabId,
        total > 99 ? '99+' : String(total),
        'unknown',
        t(plural(total, 'badge_requests_one', 'badge_requests_other'), [total]),
      );
    }, 200),
  );
}

/**
 * A page's requests fail in bursts of the same kind: their summary (cause, verdict, title) is diagnosed once per
 * URL, error, status and type. Top-level failures carry their own context and are always diagnosed.
 */
const subSummaries = new Map<string, Omit<HistoryEntry, keyof Failure>>();
function entryFor(failure: Failure): HistoryEntry {
  if (failure.resourceType === 'main_frame') return toEntry(failure, activeRules(), diagnoses.of(failure));
  const key = `${failure.resourceType}|${failure.error}|${failure.httpStatus}|${failure.url}`;
  let summary = subSummaries.get(key);
  if (!summary) {
    const { host, code, category, verdict, cause, title, local } = toEntry(failure, activeRules());
    summary = { host, code, category, verdict, cause, title, local };
    if (subSummaries.size >= 500) subSummaries.clear();
    subSummaries.set(key, summary);
  }
  return { ...failure, ...summary };
}

/** `promise`, or nothing after `ms`. */
function within(promise: Promise<unknown>, ms: number): Promise<unknown> {
  return Promise.race([promise, new Promise((resolve) => setTimeout(resolve, ms))]);
}

/** The latest "Delete all": failures that happened until then are not recorded any more. */
let clearedUpTo = 0;

/**
 * Records a failure: in storage.local only for a tab known to be normal; incognito tabs, tabs not known (closed
 * before tabs.get answered) and requests outside tabs stay in storage.session. `priv` is the answer asked for when
 * the failure happened (the tab may be gone by the time it is recorded).
 */
async function record(failure: Failure, priv: Promise<boolean> = privacy.isPrivate(failure.tabId)): Promise<void> {
  await restored;
  await settingsReady;
  if (superseded.delete(failure.id) || ignoredHost(failure.url) || failure.time <= clearedUpTo) {
    // Replaced by the failure of the corrected navigation, a host the settings ignore (seen before they were read),
    // or one the user cleared (seen before the clear, met by the worker after it).
    journal.recordedElsewhere(failure.id);
    return;
  }
  const entry = entryFor(failure);
  const isPrivate = await priv;
  if (failure.time <= clearedUpTo) {
    // Cleared while the tab's privacy was asked: "Delete all" came after the failure, before its write.
    journal.recordedElsewhere(failure.id);
    return;
  }
  if (isPrivate) {
    await privateHistory.add(entry, settings().historyLimit);
    journal.recordedElsewhere(entry.id);
    return;
  }
  await history.add(entry);
}

/** Failed requests of pages, counted for a moment before they are recorded. */
const requestFailures = new RequestFailureBatch(record, undefined, undefined, undefined, (from, into) =>
  journal.merged(from, into),
);

// Failures a stopped worker had seen but not written to the history: recorded now, once (see journal.ts), as decided
// when they were seen (a normal tab closed since is still a normal tab's failure).
void journalReplay.then((replayed) => {
  for (const { failure, private: priv, replaces } of replayed) {
    // Its load may still be in the restored list (its removal waited for the explanation page): done now.
    if (failure.resourceType === 'main_frame' && failure.error)
      void restored.then(() => loads.ended(failure.tabId, failure.url, failure.time));
    const decided = priv === undefined ? privacy.isPrivate(failure.tabId) : Promise.resolve(priv);
    if (replaces) void decided.then((p) => (p ? undefined : history.delete(replaces)));
    void record(failure, decided);
  }
});

/** Failures still being enriched by probes: the explanation page waits for them (bounded by the probe budget). */
const enriching = new Map<string, Promise<Failure>>();

/**
 * Failures whose explanation page is on its way. Their probes wait until the page asks for the evidence (or
 * 400 ms): started at the redirect, the probes' fetches slowed the page's commit and first paint (the bench measured
 * ~25 ms of ~200 ms); the page asks once its headline is painted, and shows the evidence when they are done.
 */
const explanationComing = new Map<string, () => void>();
function explanationAsks(id: string): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      explanationComing.delete(id);
      resolve();
    };
    const timer = setTimeout(done, 400);
    explanationComing.set(id, done);
  });
}

/** Adds what active checks and settings can tell (loopback probes, proxy, opt-in public DNS), within budgets. */
async function enrich(failure: Failure): Promise<Failure> {
  const mode = settings().probes;
  const host = failure.url ? new URL(failure.url).hostname : '';
  const dnsError = failure.error !== null && normalizeError(failure.error).category === 'dns';
  const refused = failure.error !== null && normalizeError(failure.error).code === 'ERR_CONNECTION_REFUSED';
  mark('probing');
  const [loopback, publicDns, proxy] = await Promise.all([
    refused ? probeLoopback(failure, mode, fetchProbe).catch(() => ({})) : Promise.resolve({}),
    dnsError ? checkPublicDns(host, mode, fetchProbe) : Promise.resolve(undefined),
    readProxy(),
  ]);
  mark('probed');
  failure.probes = { ...failure.probes, ...loopback, ...(publicDns ? { publicDns } : {}) };
  if (proxy) failure.context.proxy = proxy;
  return failure;
}

const fetchProbe = (url: string, init: RequestInit) => fetch(url, init);

/** What cross-origin requests said, for a moment: a request the browser then blocks is explained with it. */
const cors = new CorsTracker();

const capture = new Capture({
  corsOf: (d) => cors.take(d),
  ownOrigin: browser.runtime.getURL(''),
  now: Date.now,
  online: () => (typeof navigator === 'object' ? navigator.onLine : null),
  settings,
  neighbourhood,
  incognito: { isNormal: (tabId) => privacy.isNormal(tabId), neighbourhood: privateNeighbourhood },
  knownPages,
  newId,
  takeover: (failure) => {
    // The tabs.update first; what the worker writes about the failure waits for the page (the journal excepted).
    mark('diagnosing');
    // Its first words go in the page's address. Before the worker's first lookup (a cold start) they go as keys (not
    // cached: the page asks for the diagnosis in words): the page looks them up, and the catalog loads once this
    // event's task is done, after the tabs.update and the journal's write (a synchronous wait of tens of ms).
    const cold = !catalogLoaded();
    const first = cold
      ? withTranslator(deferredTranslate, () => firstPaint(diagnose(failure, activeRules())))
      : firstPaint(diagnoses.of(failure));
    mark('takeover');
    takeover(failure, first);
    // The page's HTML for the worker to serve (explain-server): its reads go out now, as the browser starts the page's
    // navigation. Once this event's task is done (after the journal's write), the language kept for the next cold
    // start is looked up (language.ts): on a cold start that loads the catalog, a synchronous wait, which then waits
    // for the page to be served when the worker could serve it in words read from the catalog's file.
    const whenFree = explanationServer.warm(cold);
    setTimeout(() => void whenFree.then(() => language.learn()), 0);
    quiet.begin(failure.tabId);
    if (provisionalPeriod) provisional.set(failure.id, failure);
    explained.shown(failure.tabId, failure.url);
  },
  recordTop: (failure, pageComing) => {
    // A load that failed after a long wait: keep its timing, and let it replace its hung record.
    const waited = loads.failed(failure.tabId);
    if (waited) {
      failure.load = waited.timing;
      if (waited.hungId) void history.delete(waited.hungId);
    }
    const priv = noted(failure, waited?.hungId ?? undefined);
    remember(failure);
    tabStates.topFailed(failure.tabId, failure.id);
    // With the explanation page on its way, the toolbar mark waits too (its API calls compete with the page's load).
    if (!pageComing) markTab(failure);
    const shown = pageComing ? explanationAsks(failure.id) : Promise.resolve();
    const done = (enriching.get(failure.id) ?? shown.then(() => enrich(failure))).then((f) => {
      markTab(f);
      void record(f, priv);
      return f;
    });
    enriching.set(failure.id, done);
    void done.finally(() => enriching.delete(failure.id));
  },
  failedPageShown: (failure, documentId) => {
    markTab(failure);
    void notices.overlay(failure, documentId);
  },
  recordSub: (failure, pageUrl, documentId) => {
    void noted(failure);
    tabStates.subFailed(failure.tabId, failure.url, failure.error, failure.httpStatus, corsWhy(failure.cors));
    countOnBadge(failure.tabId);
    if (settings().devBanner) notices.requestFailed(failure, pageUrl, documentId);
    requestFailures.add(failure);
  },
  topLoaded: (tabId, _url, documentId) => {
    notices.pageLoaded(tabId, documentId);
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
  const d = diagnoses.of(failure);
  setBadge(failure.tabId, '!', d.verdict, t('badge_failure', [d.cause.title]));
}

/**
 * Cold start (issue 21.3): events no longer wait for the stored settings. Until they are read (a few ms after the
 * worker starts), the defaults apply, and what a default decided that the settings forbid is corrected once they
 * are known: a takeover the user turned off (or of a host the user ignores, or that a policy forbids) sends the tab
 * back to the failed address, whose new failure is recorded as the settings say, and the provisional one is dropped
 * (recorded once, never twice). Failures of ignored hosts seen meanwhile are dropped when recorded.
 */
function withSettings<T>(handler: (d: T) => void): (d: T) => void {
  return handler;
}

/** Until the settings and the policy are known (or the policy's wait ran out), takeovers are provisional. */
let provisionalPeriod = true;
void policyReady.then(() => {
  if (settingsLoaded()) provisionalPeriod = false;
});
/** Takeovers decided with default settings (before the stored ones were read), to check once they are. */
const provisional = new Map<string, Failure>();
/** Failures that a correction replaced: never recorded. */
const superseded = new Set<string>();

function ignoredHost(url: string): boolean {
  const hosts = settings().ignoredHosts;
  if (hosts.length === 0) return false;
  try {
    const host = new URL(url).hostname;
    return hosts.some((h) => host === h || host.endsWith(`.${h}`));
  } catch {
    return false;
  }
}

function correctProvisional(): void {
  for (const failure of provisional.values()) {
    if (settings().takeover && !ignoredHost(failure.url)) continue;
    provisional.delete(failure.id);
    superseded.add(failure.id);
    explained.closed(failure.tabId);
    browser.tabs.update(failure.tabId, { url: failure.url }).catch(() => undefined);
  }
}
void settingsReady.then(() => {
  correctProvisional();
  // The policy may answer later (a fresh profile: seconds): checked again then, then nothing is provisional.
  void withPolicyKnown().then(() => {
    correctProvisional();
    provisional.clear();
    provisionalPeriod = false;
  });
});

const filter = { urls: ['<all_urls>'] };
const explainPage = browser.runtime.getURL(EXPLAIN_PAGE);
/** Chromium: the worker serves the explanation page's HTML with its first paint in it (platform/explain-server). */
const version = browser.runtime.getManifest().version;
const explanationServer = startExplanationServer({
  words: () => language.words(),
  served: (words) => mark(words === 'file' ? 'servedFromFile' : 'served'),
  // Cleared by the browser when the extension is updated or reloaded; the version is checked anyway.
  kept: {
    read: () => getSession('pageShell').then((kept) => (kept?.version === version ? kept.shell : '')),
    write: async (shell) => mirror('pageShell')({ version, shell }),
  },
});
/** The browser's language for netwhy, kept for cold starts; its one write, like the page's, waits for quiet. */
const language = sessionLanguage({
  read: () => getSession('language'),
  write: async (lang) => mirror('language')(lang),
  open: (lang) => openCatalogFile(lang, (path) => fetch(extensionUrl(path))),
  words: (file) => catalogFileSay(file),
  lookUp: () => browserTranslate('lang'),
  use: useCatalog,
});
browser.webRequest.onErrorOccurred.addListener(
  withSettings((d) => {
    if (d.type === 'main_frame') mark('event');
    capture.onRequestError(told(d));
  }),
  filter,
);
browser.webRequest.onSendHeaders.addListener((d) => cors.sent(d), SCRIPT_REQUESTS, SEND_HEADERS);
browser.webRequest.onHeadersReceived.addListener((d) => cors.received(d), SCRIPT_REQUESTS, RECEIVED_HEADERS);
browser.webRequest.onCompleted.addListener(
  withSettings((d) => {
    if (d.type !== 'main_frame') cors.completed(d.requestId);
    capture.onCompleted({ ...told(d), type: isTopDocument(d) ? 'main_frame' : d.type });
  }),
  filter,
  ['responseHeaders'],
);
browser.webRequest.onHeadersReceived.addListener(
  withSettings((d) => capture.onHeaders({ ...told(d), type: 'main_frame' })),
  TOP_DOCUMENTS,
  ['responseHeaders'],
);
browser.webNavigation.onErrorOccurred.addListener(
  withSettings((d: { tabId: number; url: string; frameId: number; error?: string; timeStamp: number }) => {
    capture.onNavigationError(d);
    if (d.frameId === 0) loads.dropped(d.tabId, d.url); // stopped by the user, or already handled as a failure
  }),
);
// Every navigation event goes through withSettings too, so a cold start keeps them in their order.
browser.webNavigation.onBeforeNavigate.addListener(
  withSettings((d) => {
    // Learn the tab's incognito state now, before any failure of this navigation needs it.
    if (d.frameId === 0) privacy.learn(told(d).tabId);
    capture.onBeforeNavigate(d);
    if (d.frameId === 0 && /^https?:/i.test(d.url)) loads.started(d.tabId, d.url);
  }),
);
browser.webRequest.onSendHeaders.addListener(
  withSettings((d) => {
    if (isTopDocument(d)) loads.sent(d.tabId, d.url);
  }),
  TOP_DOCUMENTS,
);
browser.webRequest.onResponseStarted.addListener(
  withSettings((d) => {
    if (isTopDocument(d)) loads.responded(d.tabId);
  }),
  TOP_DOCUMENTS,
);
browser.alarms?.onAlarm.addListener((alarm) => {
  if (alarm.name === LOADS_ALARM) void restored.then(() => loads.check());
});
browser.webNavigation.onCommitted.addListener(
  withSettings((d) => {
    if (d.frameId === 0) loads.committed(d.tabId);
    if (d.frameId === 0 && d.url.startsWith(explainPage)) quiet.end(d.tabId);
    explained.committed(d.tabId, d.frameId, d.url, d.url.startsWith(browser.runtime.getURL('')));
    capture.onCommitted(d);
  }),
);
browser.tabs.onUpdated.addListener((tabId, change, tab) => {
  if (change.status === 'complete') withSettings(() => capture.onTabComplete(tabId, tab.url))(undefined);
});
// Firefox lets the user withhold or revoke host access, and then no webRequest event arrives: say so on the button.
watchHostAccess();
browser.tabs.onRemoved.addListener((tabId) => {
  privacy.closed(tabId);
  notices.closed(tabId);
  loads.closed(tabId);
  capture.tabClosed(tabId);
  tabStates.closed(tabId);
  explained.closed(tabId);
});

listenContent((request, tabId) => {
  const failure =
    request.what === 'banner' ? notices.lastFailedRequest(tabId) : recent.get(tabStates.get(tabId)?.failureId ?? '');
  if (failure) void browser.tabs.create({ url: explainUrl(failure), openerTabId: tabId }).catch(() => undefined);
});

/**
 * The failure a page asks about: the one being enriched (its probes still running), a recent one, or the history's;
 * when the worker knows none (it restarted, the entry was deleted), what the explanation page's address says.
 */
async function findFailure(
  id: string,
  sender: Runtime.MessageSender,
  address?: FailureAddress,
): Promise<Failure | null> {
  // The page is asking: it has committed, so the writes that waited for it go now.
  if (sender.tab?.id !== undefined) quiet.end(sender.tab.id);
  explanationComing.get(id)?.();
  const pending = enriching.get(id);
  const found = pending
    ? await pending
    : (recent.get(id) ??
      (await history.list()).find((e) => e.id === id) ??
      (await privateHistory.list()).find((e) => e.id === id) ??
      null);
  // The explanation page asks once it has committed, and a commit resets the tab's toolbar mark: when the mark was
  // set before (the page slow to commit on a loaded machine), the tab showed plain "netwhy". Set it again now.
  if (found && sender.tab?.id === found.tabId) markTab(found);
  if (found || !address) return found;
  return toFailure({
    id,
    url: address.url,
    error: address.error,
    httpStatus: address.status,
    tabId: address.tabId,
    resourceType: address.type,
  });
}

listen({
  'diagnosis:get': async ({ id, address }, sender) => {
    // The administrator's rules count: a fresh profile may read the policy seconds after the failure was recorded.
    // Bounded: storage.managed may never answer (then there is no policy to wait for).
    await Promise.all([withPolicyKnown().then(() => within(rulesSettled(), 1000)), restored]);
    const failure = await findFailure(id, sender, address);
    if (!failure) return null;
    const diagnosis = diagnoses.of(failure);
    return { failure, diagnosis, entry: toEntry(failure, activeRules(), diagnosis) };
  },
  'report:get': async ({ id, format, address }, sender) => {
    const failure = await findFailure(id, sender, address);
    if (!failure) return null;
    await Promise.all([settingsReady, withPolicyKnown()]);
    return renderReport(failure, diagnoses.of(failure), format, settings(), currentPolicy().supportContact);
  },
  'rules:test': (request) => testRules(request),
  'rules:get': () => getLocal('customRules'),
  'rules:set': async ({ text }) => {
    await setLocal('customRules', String(text));
    return true;
  },
  'history:list': async () => {
    await requestFailures.flush();
    const priv = await privateHistory.list();
    const list = await history.list();
    return withCurrentTitles(
      [...priv, ...list].sort((a, b) => b.time - a.time),
      activeRules(),
    );
  },
  'history:delete': async ({ id }) => {
    // From whichever list holds it (incognito entries are in the session's list).
    await requestFailures.flush();
    if (!(await privateHistory.delete(id))) await history.delete(id);
    return true;
  },
  'history:clear': async ({ upTo }) => {
    // Failures the browser reported before the user asked are cleared even when a storm keeps the worker seconds
    // behind: record() drops them when it meets them. Never a time in the future (that would stop the recording).
    const now = Date.now();
    clearedUpTo = Math.max(clearedUpTo, typeof upTo === 'number' && Number.isFinite(upTo) ? Math.min(upTo, now) : now);
    await requestFailures.flush(); // counted but not yet recorded: cleared with the rest
    await history.clear();
    await privateHistory.clear();
    return true;
  },
  'history:status': () => ({ problem: history.problem }),
  'tab:state': async ({ tabId }) => {
    await restored;
    loads.check();
    await enriching.get(tabStates.get(tabId)?.failureId ?? '');
    await history.settled();
    return tabStates.get(tabId);
  },
  'retry:intent': ({ tabId, url }) => {
    explained.retrying(tabId, url);
    return true;
  },
  'settings:get': async () => {
    await Promise.all([settingsReady, withPolicyKnown()]);
    return settings();
  },
  'settings:set': (patch) => updateSettings(patch),
  'policy:get': async () => {
    await Promise.all([settingsReady, restored, withPolicyKnown()]);
    await loadRules(0);
    const policy = currentPolicy();
    return { locked: policy.locked, supportContact: policy.supportContact, ruleProblems: [...ruleProblems()] };
  },
});

// Every listener is registered: the worker can take events (the bench's cold-start timeline).
mark('ready');

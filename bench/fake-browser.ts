import { substitute } from '../src/engine/i18n';
import { JOURNAL_PREFIX } from '../src/shared/storage-schema';
import { ENGLISH } from './english';
import { shippedKey } from '../src/shared/message-key';
/**
 * An in-memory `browser` for running the real worker (src/background/index.ts) in Node: the bench's Node build
 * aliases `webextension-polyfill` to this module. It does what the worker needs and counts what it costs:
 * - storage.local / storage.session: values are structured-cloned on the way in and out (the worker serializes
 *   them for the browser, and that CPU is the worker's), every call resolves after `latencyMs` on a timer (an
 *   async gap during which more events arrive), and every set() is counted per area and key;
 * - webRequest, webNavigation, tabs, runtime events: `dispatch()` calls the listeners synchronously;
 * - every other API call (action.setBadgeText, tabs.update, ...) resolves at once and is counted.
 * Anything not modelled is a namespace whose `on*` members are events (listeners kept, never fired) and whose other
 * members are counted calls resolving to undefined, so new product code does not break it.
 */

type Listener = (...args: never[]) => unknown;

export class FakeEvent {
  readonly listeners: Listener[] = [];
  /** What each listener asked for (a webRequest filter, a webNavigation URL filter), in the listeners' order. */
  readonly filters: unknown[] = [];
  addListener(fn: Listener, filter?: unknown): void {
    this.listeners.push(fn);
    this.filters.push(filter);
  }
  removeListener(fn: Listener): void {
    const i = this.listeners.indexOf(fn);
    if (i < 0) return;
    this.listeners.splice(i, 1);
    this.filters.splice(i, 1);
  }
  hasListener(fn: Listener): boolean {
    return this.listeners.includes(fn);
  }
  hasListeners(): boolean {
    return this.listeners.length > 0;
  }
  dispatch(...args: unknown[]): unknown[] {
    return this.listeners.map((l) => (l as (...a: unknown[]) => unknown)(...args));
  }
}

export const counters = {
  /** storage set() calls, by `area.key`. */
  writes: {} as Record<string, number>,
  reads: 0,
  /** Other API calls, by `namespace.method`. */
  calls: {} as Record<string, number>,
};

/**
 * `latencyMs`: how long each call takes to answer. `gate`: while set, no call answers before it resolves (a test's
 * "the storage has not answered yet", which no latency can promise on a loaded machine).
 */
export const config: { latencyMs: number; gate: Promise<void> | null } = { latencyMs: 1, gate: null };

/**
 * Every storage call and API call in order, with its time (performance.now()), when `tracing` is on (the takeover
 * bench reads what the worker did before and after its tabs.update). `resolved` entries: when a read answered.
 */
export const trace = { on: false, log: [] as { t: number; what: string }[] };
const note = (what: string) => {
  if (trace.on) trace.log.push({ t: performance.now(), what });
};

const later = <T>(value: () => T): Promise<T> =>
  new Promise<void>((resolve) => {
    if (config.gate) void config.gate.then(() => resolve());
    else resolve();
  }).then(
    () =>
      new Promise((resolve, reject) =>
        setTimeout(() => {
          try {
            resolve(value());
          } catch (err) {
            reject(err as Error);
          }
        }, config.latencyMs),
      ),
  );

const onChanged = new FakeEvent();

class Area {
  readonly data = new Map<string, unknown>();
  /** This area's own change event (storage.<area>.onChanged), beside the global one. */
  readonly onChanged = new FakeEvent();
  constructor(private readonly name: string) {}
  get(keys?: string | string[] | Record<string, unknown> | null): Promise<Record<string, unknown>> {
    counters.reads++;
    const what = `storage.${this.name}.get ${keys == null ? '*' : typeof keys === 'string' ? keys : Object.keys(keys).join(',')}`;
    note(what);
    return later(() => {
      note(`${what} answered`);
      const list =
        keys == null
          ? [...this.data.keys()]
          : typeof keys === 'string'
            ? [keys]
            : Array.isArray(keys)
              ? keys
              : Object.keys(keys);
      const out: Record<string, unknown> = {};
      for (const k of list) if (this.data.has(k)) out[k] = structuredClone(this.data.get(k));
      return out;
    });
  }
  set(items: Record<string, unknown>): Promise<void> {
    const copy = structuredClone(items);
    // The journal writes one key per failure (journal:<start>:<n>): counted together.
    const keys = Object.keys(copy).map((key) => (key.startsWith(JOURNAL_PREFIX) ? 'journal' : key));
    note(`storage.${this.name}.set ${keys}`);
    for (const k of keys) counters.writes[`${this.name}.${k}`] = (counters.writes[`${this.name}.${k}`] ?? 0) + 1;
    return later(() => {
      const changes: Record<string, { oldValue?: unknown; newValue?: unknown }> = {};
      for (const [k, v] of Object.entries(copy)) {
        changes[k] = { oldValue: this.data.get(k), newValue: v };
        this.data.set(k, v);
      }
      onChanged.dispatch(changes, this.name);
      this.onChanged.dispatch(changes);
    });
  }
  remove(keys: string | string[]): Promise<void> {
    counters.writes[`${this.name}.remove`] = (counters.writes[`${this.name}.remove`] ?? 0) + 1;
    note(`storage.${this.name}.remove`);
    return later(() => {
      for (const k of typeof keys === 'string' ? [keys] : keys) this.data.delete(k);
    });
  }
  clear(): Promise<void> {
    return later(() => this.data.clear());
  }
}

export const storage = {
  local: new Area('local'),
  session: new Area('session'),
  managed: new Area('managed'),
  onChanged,
};

const count = (name: string) => {
  counters.calls[name] = (counters.calls[name] ?? 0) + 1;
  note(name);
};

/** A namespace whose unknown members are events (`on*`) or counted async no-ops. */
function namespace(name: string, known: Record<string, unknown> = {}): Record<string, unknown> {
  return new Proxy(known, {
    get(target, prop: string) {
      if (prop in target) return target[prop];
      if (typeof prop !== 'string' || prop === 'then') return undefined;
      const value = /^on[A-Z]/.test(prop)
        ? new FakeEvent()
        : (..._args: unknown[]) => {
            count(`${name}.${prop}`);
            return Promise.resolve(undefined);
          };
      target[prop] = value;
      return value;
    },
  });
}

export const EXTENSION_ORIGIN = 'chrome-extension://netwhybenchfakeextensionid/';

export const tabs = new Map<
  number,
  { id: number; url: string; incognito: boolean; active: boolean; windowId: number }
>();

/** The English catalog as messages.json ships it: by each message's shipped name (src/shared/message-key.ts). */
const SHIPPED = new Map(Object.entries(ENGLISH).map(([key, { message }]) => [shippedKey(key), message]));

const fake = {
  runtime: namespace('runtime', {
    id: 'netwhybenchfakeextensionid',
    getURL: (path: string) => EXTENSION_ORIGIN + path.replace(/^\//, ''),
    getManifest: () => ({ name: 'netwhy', version: '0.0.0-bench', manifest_version: 3 }),
    onMessage: new FakeEvent(),
  }),
  storage,
  i18n: {
    getMessage: (name: string, params?: string[]) => {
      const message = SHIPPED.get(name);
      return message === undefined ? '' : substitute(message, params);
    },
    getUILanguage: () => 'en',
  },
  tabs: namespace('tabs', {
    get: (tabId: number) => {
      count('tabs.get');
      return later(() => {
        const tab = tabs.get(tabId);
        if (!tab) throw new Error(`No tab with id: ${tabId}`);
        return { ...tab };
      });
    },
    query: () => {
      note('tabs.query');
      return later(() => [...tabs.values()].map((t) => ({ ...t })));
    },
  }),
  webRequest: namespace('webRequest'),
  webNavigation: namespace('webNavigation'),
  action: namespace('action'),
  permissions: namespace('permissions', {
    contains: () => Promise.resolve(false),
  }),
};

/** Unknown namespaces (alarms, scripting, ...) are namespaces too: events and counted no-ops. */
export const browser = new Proxy(fake as Record<string, unknown>, {
  get(target, prop: string) {
    if (prop in target) return target[prop];
    if (typeof prop !== 'string' || prop === 'then') return undefined;
    target[prop] = namespace(prop);
    return target[prop];
  },
}) as unknown as typeof fake & Record<string, Record<string, FakeEvent>>;

/** The event `namespace.onX` the worker listens to. */
export function event(ns: 'webRequest' | 'webNavigation' | 'tabs' | 'runtime', name: string): FakeEvent {
  return (browser[ns] as unknown as Record<string, FakeEvent>)[name]!;
}

export default browser;

import { beforeEach, describe, expect, it } from 'vitest';
import { LoadTracker, type PendingLoad } from '../../../src/background/loads';
import { SESSION_REPAIRS } from '../../../src/shared/storage-repair';
import type { LoadTiming } from '../../../src/engine/failure';

let now = 0;
let saved: PendingLoad[] = [];
let events: { kind: string; timing: LoadTiming; id: string | null }[] = [];
let wakes: number[] = [];
const make = () =>
  new LoadTracker({
    now: () => now,
    thresholdMs: () => 10_000,
    newId: () => `hung-${events.length + 1}`,
    persist: (l) => (saved = structuredClone(l)),
    wakeAt: (t) => wakes.push(t),
    onHung: (load, timing) => events.push({ kind: 'hung', timing, id: load.hungId }),
    onSlow: (load, timing) => events.push({ kind: 'slow', timing, id: load.hungId }),
  });

beforeEach(() => {
  now = 1000;
  saved = [];
  events = [];
  wakes = [];
});

describe('hung and slow loads', () => {
  it('reports a load past the threshold once, in the phase it is stuck in', () => {
    const t = make();
    t.started(1, 'http://127.0.0.1:4000/hang');
    expect(wakes).toEqual([11_000]);
    now += 50;
    t.sent(1, 'http://127.0.0.1:4000/hang');
    now = 9_000;
    t.check();
    expect(events).toEqual([]);
    now = 12_000;
    t.check();
    t.check();
    expect(events).toEqual([
      { kind: 'hung', timing: { state: 'hung', phase: 'sent', waitedMs: 11_000, phaseMs: 10_950 }, id: 'hung-1' },
    ]);
  });

  it('a load whose start was not seen (the worker was starting) is tracked from its request, or adopted from the tab', () => {
    const t = make();
    t.sent(1, 'http://127.0.0.1:4000/hang'); // no onBeforeNavigate before it
    t.adopt(2, 'http://127.0.0.1:4000/restored'); // a tab found loading at start
    t.adopt(2, 'http://127.0.0.1:4000/other'); // already tracked: kept as it was
    t.sent(-1, 'http://127.0.0.1:4000/prefetch'); // no tab: never a hung page
    now += 10_500;
    t.check();
    expect(events.map((e) => [e.kind, e.timing.phase])).toEqual([
      ['hung', 'sent'],
      ['hung', 'starting'],
    ]);
    expect(saved.map((l) => l.url).sort()).toEqual(['http://127.0.0.1:4000/hang', 'http://127.0.0.1:4000/restored']);
  });

  // Firefox can report a load's request as sent after the load ended: after its commit (a tab opened with
  // tabs.create), or after the user stopped it (window.stop(): webNavigation.onErrorOccurred, NS_BINDING_ABORTED).
  it.each([
    ['committed', (t: LoadTracker) => t.committed(1)],
    ['stopped', (t: LoadTracker) => t.dropped(1, 'http://127.0.0.1:4000/page')],
  ])('does not take the late request of a load that %s for a new load', (_, end) => {
    const t = make();
    t.started(1, 'http://127.0.0.1:4000/page');
    now += 700;
    end(t);
    now += 150;
    t.sent(1, 'http://127.0.0.1:4000/page'); // its onSendHeaders, delivered after
    now += 20_000;
    t.check();
    expect(events).toEqual([]);
    expect(saved).toEqual([]);
    // Another address in that tab, its start not seen: still adopted.
    t.sent(1, 'http://127.0.0.1:4000/other');
    expect(saved.map((l) => l.url)).toEqual(['http://127.0.0.1:4000/other']);
  });

  it('keeps nothing of a closed tab: a request in it is a load of its own', () => {
    const t = make();
    t.started(1, 'http://127.0.0.1:4000/page');
    t.dropped(1, 'http://127.0.0.1:4000/page');
    t.closed(1);
    t.sent(1, 'http://127.0.0.1:4000/page');
    expect(saved.map((l) => l.url)).toEqual(['http://127.0.0.1:4000/page']);
  });

  it('takes up the request of a navigation that replaced an aborted one, though it started before the error', () => {
    const t = make();
    t.started(1, 'http://127.0.0.1:4000/first');
    now += 100;
    t.started(1, 'http://127.0.0.1:4000/second'); // onBeforeNavigate of the one that replaces it...
    t.dropped(1, 'http://127.0.0.1:4000/first'); // ...before the first one's onErrorOccurred (ERR_ABORTED)
    t.sent(1, 'http://127.0.0.1:4000/second');
    expect(saved.map((l) => l.url)).toEqual(['http://127.0.0.1:4000/second']);
    now += 20_000;
    t.check();
    expect(events.map((e) => e.kind)).toEqual(['hung']);
  });

  it('says "starting" when the request never went out, "receiving" after the answer began', () => {
    const t = make();
    t.started(1, 'https://a.example/');
    t.started(2, 'https://b.example/');
    t.sent(2, 'https://b.example/');
    t.responded(2);
    now = 20_000;
    t.check();
    expect(events.map((e) => e.timing.phase)).toEqual(['starting', 'receiving']);
  });

  it('records a slow load that commits after the threshold, with the phase that took the time', () => {
    const t = make();
    t.started(1, 'https://a.example/');
    now += 100;
    t.sent(1, 'https://a.example/');
    now += 12_000;
    t.responded(1);
    now += 100;
    t.committed(1);
    expect(events).toEqual([
      { kind: 'slow', timing: { state: 'slow', phase: 'sent', waitedMs: 12_200, phaseMs: 12_000 }, id: null },
    ]);
  });

  it('does not record a fast load, and forgets stopped ones', () => {
    const t = make();
    t.started(1, 'https://a.example/');
    now += 500;
    t.committed(1);
    t.started(2, 'https://b.example/');
    t.dropped(2);
    now += 60_000;
    t.check();
    expect(events).toEqual([]);
    expect(saved).toEqual([]);
  });

  it('gives a failure after a long wait its timing and the hung record to replace', () => {
    const t = make();
    t.started(1, 'https://a.example/');
    now += 30_000;
    t.check();
    now += 30_000;
    const done = t.failed(1);
    expect(done).toEqual({
      hungId: 'hung-1',
      timing: { state: 'failed', phase: 'starting', waitedMs: 60_000, phaseMs: 60_000 },
    });
    expect(make().failed(1)).toBeNull();
  });

  it('survives a worker restart: a new tracker restores and reports', () => {
    const a = make();
    a.started(7, 'http://127.0.0.1:4000/hang');
    a.sent(7, 'http://127.0.0.1:4000/hang');
    const b = make();
    b.restore(structuredClone(saved));
    // Garbage, as platform/storage.ts's getSession('loads') repairs it.
    b.restore(SESSION_REPAIRS.loads('garbage'));
    b.restore(SESSION_REPAIRS.loads([null, { tabId: 'x' }]));
    now = 30_000;
    b.check();
    expect(events.map((e) => [e.kind, e.timing.phase])).toEqual([['hung', 'sent']]);
  });
});

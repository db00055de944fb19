/**
 * What the explanation page's entry (main.ts) hands its app (app.tsx): the address it parsed, and the worker's answer
 * to `diagnosis:get`, asked as soon as the headline was painted. Asked by the entry, the worker's loopback probes run
 * while the app loads instead of after it (the page is complete sooner); one parse of the address for both.
 * Types only: the two modules share no code, so that the entry imports nothing before the first paint.
 */
import type { Protocol } from '../../shared/messages';
import type { ExplainParams } from './params';

export interface Handoff {
  params: ExplainParams;
  /** The browser's raw reply (a `Reply`, for `unwrap()`), or its rejection when no worker answered. */
  reply: Promise<unknown>;
  /** A User Timing mark for `npm run bench` (`netwhy:<name>`, read by bench/tab-timing.ts); nothing the user sees. */
  mark(name: string): void;
}

/** The envelope of `diagnosis:get`, as `send()` (src/platform/messages.ts) makes it. */
export interface DiagnosisAsk {
  netwhy: 1;
  type: 'diagnosis:get';
  data: Protocol['diagnosis:get']['req'];
}

/** Where the entry leaves it for the app. */
export type HandoffGlobal = typeof globalThis & { netwhyExplain?: Handoff };

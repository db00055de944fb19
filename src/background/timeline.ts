/**
 * Marks on the worker's own performance timeline: when its modules had run, when it handled a page's failure, when it
 * asked for the takeover. `npm run bench` reads them over DevTools to time a cold start from the worker's side
 * (issue #21.3). One entry per name, replaced each time: nothing accumulates.
 */
export type TimelineMark = 'ready' | 'event' | 'takeover';

export function mark(name: TimelineMark): void {
  try {
    performance.clearMarks(`netwhy:${name}`);
    performance.mark(`netwhy:${name}`);
  } catch {
    // No User Timing here (an old browser, a test's fake): nothing to mark.
  }
}

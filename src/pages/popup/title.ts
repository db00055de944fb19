/** The title a history row shows, in the language in use now. */
import { buildFacts } from '../../engine/facts';
import { render } from '../../engine/text';
import type { HistoryEntry } from '../../platform/types';
import { activeRules } from '../../platform/rules';

/**
 * History keeps the cause's title in the words of the day it was recorded; after the browser's language changes,
 * the row says it again in the current one (from the same rule), or keeps the stored words when the rule is gone.
 */
export function causeTitle(entry: HistoryEntry): string {
  const rule = activeRules().find((r) => r.cause === entry.cause);
  if (!rule) return entry.title;
  try {
    return render(rule.title, buildFacts(entry)) || entry.title;
  } catch {
    return entry.title;
  }
}

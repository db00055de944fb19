import type { Category, ErrorEntry } from './types';

/** Said of every internal code, so the catalogue stays consistent and honest about them. */
export const INTERNAL_NOTE = 'It is an internal browser error, not a problem with the site.';
const INTERNAL_REASON = 'It comes from inside this browser, not from the site or the network.';
const INTERNAL_STEPS = { you: ['Reload the page.', 'If it keeps happening, restart the browser.'] } as const;

/**
 * An entry for a code raised inside the browser's own machinery (cache, blob storage, certificate manager, retries
 * it handles by itself). `what` says in one sentence what went wrong; the helper adds that it is internal.
 */
export function internal(
  code: string,
  number: number,
  category: Category,
  title: string,
  what: string,
  extra: Partial<ErrorEntry> = {},
): ErrorEntry {
  return {
    code,
    number,
    category,
    title,
    meaning: `${what} ${INTERNAL_NOTE}`,
    verdict: 'client',
    verdictReason: INTERNAL_REASON,
    takeover: true,
    internal: true,
    steps: INTERNAL_STEPS,
    ...extra,
  };
}

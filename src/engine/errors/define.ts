import type { Category, ErrorEntry } from './types';

/**
 * An entry for a code raised inside the browser's own machinery (cache, blob storage, certificate manager, retries
 * it handles by itself). Its meaning (`e_<CODE>_m`) says in one sentence what went wrong; entryText adds the shared
 * note that it is internal, and the reason and steps are shared too.
 */
export function internal(
  code: string,
  number: number,
  category: Category,
  extra: Partial<ErrorEntry> = {},
): ErrorEntry {
  return {
    code,
    number,
    category,
    verdict: 'client',
    why: 'e_internal_v',
    takeover: true,
    internal: true,
    steps: { you: ['e_internal_you1', 'e_internal_you2'] },
    ...extra,
  };
}

/** Finds taxonomy entries for whatever a person pasted: a code, a Firefox name or decimal, a number, words. */
import { normalizeError } from '../../engine/errors/normalize';
import { ALL_ERRORS } from '../../engine/errors/table';
import { entryMeaning, entryTitle } from '../../engine/errors/text';
import type { ErrorEntry } from '../../engine/errors/types';

export function searchErrors(query: string, entries: readonly ErrorEntry[] = ALL_ERRORS): ErrorEntry[] {
  const q = query.trim().replace(/^net::/i, '');
  if (!q) return [...entries];
  // A pasted browser string (net::ERR_*, NS_ERROR_*, "Error code 2152398861", a bare nsresult) resolves exactly.
  const asError = /^\d{9,10}$/.test(q) ? `Error code ${q}` : q;
  const code = normalizeError(asError).code;
  const exact = code !== 'UNKNOWN' ? entries.filter((e) => e.code === code) : [];
  const upper = q.toUpperCase();
  const words = q.toLowerCase().split(/\s+/);
  const matched = entries.filter((e) => {
    if (exact.includes(e)) return false;
    if (/^-?\d+$/.test(q)) return String(e.number) === q || String(e.number) === `-${q}`;
    if (e.code.includes(upper) || (e.aliases ?? []).some((a) => a.toUpperCase().includes(upper))) return true;
    const text = `${entryTitle(e)} ${entryMeaning(e)}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  return [...exact, ...matched];
}

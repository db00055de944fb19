import { t } from '../i18n';
import type { Audience, ErrorEntry } from './types';

/** An entry's words in the user's language. */
export interface EntryText {
  title: string;
  meaning: string;
  verdictReason: string;
  steps: Partial<Record<Audience, string[]>>;
}

const stepKey = (code: string, key: string) => (key.startsWith('.') ? `e_${code}_${key.slice(1)}` : key);

export function entryTitle(entry: ErrorEntry): string {
  return t(`e_${entry.code}_t`);
}

export function entryMeaning(entry: ErrorEntry): string {
  const what = t(`e_${entry.code}_m`);
  return entry.internal ? `${what} ${t('e_internal_note')}` : what;
}

/** Why the entry's default verdict, in one sentence. */
export function entryReason(entry: ErrorEntry): string {
  return t(entry.why ?? `e_${entry.code}_v`);
}

/** The entry's steps per audience, in words. */
export function entrySteps(entry: ErrorEntry): EntryText['steps'] {
  const steps: EntryText['steps'] = {};
  for (const [audience, keys] of Object.entries(entry.steps ?? {}) as [Audience, readonly string[]][]) {
    steps[audience] = keys.map((key) => t(stepKey(entry.code, key)));
  }
  return steps;
}

export function entryText(entry: ErrorEntry): EntryText {
  return {
    title: entryTitle(entry),
    meaning: entryMeaning(entry),
    verdictReason: entryReason(entry),
    steps: entrySteps(entry),
  };
}

/** Every message key an entry uses (for the locale tests). */
export function entryKeys(entry: ErrorEntry): string[] {
  const keys = [`e_${entry.code}_t`, `e_${entry.code}_m`, entry.why ?? `e_${entry.code}_v`];
  if (entry.internal) keys.push('e_internal_note');
  for (const list of Object.values(entry.steps ?? {}) as (readonly string[])[]) {
    for (const key of list) keys.push(stepKey(entry.code, key));
  }
  return keys;
}

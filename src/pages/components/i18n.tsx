/**
 * Helpers for the pages' words. Every string a page shows comes from the message catalogs through `t()`; these two
 * cover what `t()` alone does not: messages with elements inside (a host in <strong>, a code in <code>), and the
 * locale for dates. Counts pick their message with `plural()` (src/engine/i18n.ts).
 */
import { Fragment, type ComponentChildren } from 'preact';
import { t } from '../../engine/i18n';

/** Private-use characters stand in for the parts while the message is looked up; no message contains them. */
const FIRST_MARK = 0xe000;
const MARKS = /([\uE000-\uE008])/;

/**
 * The message `key` with its `$1`..`$9` filled by `parts`, which may be elements: one message per sentence, so a
 * translation can put the parts wherever its language needs them.
 */
export function rich(key: string, parts: readonly ComponentChildren[]): ComponentChildren[] {
  const text = t(
    key,
    parts.map((_, i) => String.fromCharCode(FIRST_MARK + i)),
  );
  return text
    .split(MARKS)
    .filter((piece) => piece !== '')
    .map((piece, i) => {
      const index = piece.length === 1 ? piece.charCodeAt(0) - FIRST_MARK : -1;
      return index >= 0 && index < parts.length ? <Fragment key={i}>{parts[index]}</Fragment> : piece;
    });
}

/**
 * The locale for dates and times: the browser's own (its regional format) when it is in the language of the catalog
 * in use, else the catalog's language, so that a month name never comes in another language than the text around it.
 */
export function dateLocale(): string {
  const lang = t('lang');
  const own = typeof navigator === 'object' ? navigator.language : '';
  return own && own.split('-')[0]!.toLowerCase() === lang.split('-')[0]!.toLowerCase() ? own : lang;
}

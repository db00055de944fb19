import { useMemo, useState } from 'preact/hooks';
import { CATEGORIES } from '../../engine/errors/types';
import { entryText } from '../../engine/errors/text';
import type { ErrorEntry } from '../../engine/errors/types';
import { plural, t } from '../../engine/i18n';
import { rich } from '../components/i18n';
import { audienceLabel, categoryLabel, verdictLabel } from '../../shared/words';
import { searchErrors } from './search';

/** What people paste, shown as examples in the introduction (codes and the browsers' own words: not translated). */
const EXAMPLES = [
  'ERR_CONNECTION_REFUSED',
  'NS_ERROR_UNKNOWN_HOST',
  'Error code 2152398861',
  'DNS_PROBE_FINISHED_NXDOMAIN',
];

function EntryCard({ e }: { e: ErrorEntry }) {
  const text = entryText(e);
  return (
    <article class="card" id={e.code} data-code={e.code} data-category={e.category}>
      <h3>
        <code>{e.code}</code> <span class="muted small">{e.number ? e.number : ''}</span>
      </h3>
      <p class="title">{text.title}</p>
      <p>{text.meaning}</p>
      <p class="small">
        <span class={`verdict verdict-${e.verdict}`}>{verdictLabel(e.verdict, false)}</span>{' '}
        <span class="muted">{text.verdictReason}</span>
      </p>
      {(['you', 'owner', 'developer'] as const).map((a) =>
        text.steps[a]?.length ? (
          <div key={a} class="small">
            <strong>{t('common_label', [audienceLabel(a)])}</strong> {text.steps[a]!.join(' ')}
          </div>
        ) : null,
      )}
      {e.aliases?.length ? <p class="small muted">{t('cat_aliases', [e.aliases.join(', ')])}</p> : null}
    </article>
  );
}

export function Catalogue({ initialQuery }: { initialQuery: string }) {
  const [query, setQuery] = useState(initialQuery);
  const found = useMemo(() => searchErrors(query), [query]);
  return (
    <main class="catalogue">
      <h1>{t('cat_heading')}</h1>
      <p class="muted">
        {rich(
          'cat_intro',
          EXAMPLES.map((example) => <code>{example}</code>),
        )}
      </p>
      <div role="search">
        <label for="q">{t('cat_search_label')}</label>
        <input
          id="q"
          type="search"
          value={query}
          autoFocus
          onInput={(e) => setQuery(e.currentTarget.value)}
          placeholder={t('cat_search_placeholder')}
        />
      </div>
      <p role="status" class="small muted" data-count={found.length}>
        {t(plural(found.length, 'cat_count_one', 'cat_count_other'), [found.length])}
      </p>
      {CATEGORIES.map((c) => {
        const inCategory = found.filter((e) => e.category === c);
        if (inCategory.length === 0) return null;
        return (
          <section key={c} aria-labelledby={`cat-${c}`}>
            <h2 id={`cat-${c}`}>{categoryLabel(c)}</h2>
            {inCategory.slice(0, 400).map((e) => (
              <EntryCard key={e.code} e={e} />
            ))}
          </section>
        );
      })}
    </main>
  );
}

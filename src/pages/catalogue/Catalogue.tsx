import { useMemo, useState } from 'preact/hooks';
import { CATEGORIES } from '../../engine/errors/types';
import type { ErrorEntry } from '../../engine/errors/types';
import { verdictLabel } from '../components/verdict';
import { searchErrors } from './search';

const STEP_LABELS = { you: 'You', owner: 'If you run the site', developer: 'If this is your server' } as const;

function EntryCard({ e }: { e: ErrorEntry }) {
  return (
    <article class="card" id={e.code} data-code={e.code} data-category={e.category}>
      <h3>
        <code>{e.code}</code> <span class="muted small">{e.number ? e.number : ''}</span>
      </h3>
      <p class="title">{e.title}</p>
      <p>{e.meaning}</p>
      <p class="small">
        <span class={`verdict verdict-${e.verdict}`}>{verdictLabel(e.verdict, false)}</span> <span class="muted">{e.verdictReason}</span>
      </p>
      {e.steps
        ? (['you', 'owner', 'developer'] as const).map((a) =>
            e.steps?.[a]?.length ? (
              <div key={a} class="small">
                <strong>{STEP_LABELS[a]}:</strong> {e.steps[a]!.join(' ')}
              </div>
            ) : null,
          )
        : null}
      {e.aliases?.length ? <p class="small muted">Also seen as: {e.aliases.join(', ')}</p> : null}
    </article>
  );
}

export function Catalogue({ initialQuery }: { initialQuery: string }) {
  const [query, setQuery] = useState(initialQuery);
  const found = useMemo(() => searchErrors(query), [query]);
  return (
    <main class="catalogue">
      <h1>Browser error codes, explained</h1>
      <p class="muted">
        Every network error Chromium and Firefox can report, in plain words. Paste what you saw: <code>ERR_CONNECTION_REFUSED</code>,{' '}
        <code>NS_ERROR_UNKNOWN_HOST</code>, <code>Error code 2152398861</code>, <code>DNS_PROBE_FINISHED_NXDOMAIN</code> or words.
      </p>
      <div role="search">
        <label for="q">Search error codes</label>
        <input id="q" type="search" value={query} autoFocus onInput={(e) => setQuery(e.currentTarget.value)} placeholder="ERR_…, NS_ERROR_…, a number or words" />
      </div>
      <p role="status" class="small muted" data-count={found.length}>
        {found.length} {found.length === 1 ? 'error' : 'errors'}
      </p>
      {CATEGORIES.map((c) => {
        const inCategory = found.filter((e) => e.category === c);
        if (inCategory.length === 0) return null;
        return (
          <section key={c} aria-labelledby={`cat-${c}`}>
            <h2 id={`cat-${c}`}>{c}</h2>
            {inCategory.slice(0, 400).map((e) => (
              <EntryCard key={e.code} e={e} />
            ))}
          </section>
        );
      })}
    </main>
  );
}

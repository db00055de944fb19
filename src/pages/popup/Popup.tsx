import { useMemo, useState } from 'preact/hooks';
import { diagnose } from '../../engine/diagnose';
import { CATEGORIES, VERDICTS } from '../../engine/errors/types';
import { activeRules } from '../../platform/rules';
import type { Settings } from '../../platform/settings';
import type { HistoryEntry, TabState } from '../../platform/types';
import { CopyButton } from '../components/CopyButton';
import { Commands, Evidence, Steps } from '../components/DiagnosisView';
import { renderReport, reportFor, type ReportFormat } from '../components/report';
import { CONFIDENCE_WORDS, verdictLabel } from '../components/verdict';

export interface PopupActions {
  explainUrl: (entry: HistoryEntry) => string;
  open: (url: string) => void;
  retry: (entry: HistoryEntry) => void;
  remove: (id: string) => Promise<void>;
  clear: () => Promise<void>;
  openOptions: () => void;
  openCatalogue: () => void;
}

export interface PopupProps {
  history: HistoryEntry[];
  tab: TabState | null;
  settings: Settings;
  supportContact: string | null;
  actions: PopupActions;
}

const FORMATS: { format: ReportFormat; label: string }[] = [
  { format: 'markdown', label: 'Copy report' },
  { format: 'text', label: 'as text' },
  { format: 'json', label: 'as JSON' },
];

const VERDICT_FILTER: Record<string, string> = { client: 'Your device', network: 'Your network', server: 'The site', unknown: "Can't tell" };

function time(ms: number): string {
  const d = new Date(ms);
  const today = new Date().toDateString() === d.toDateString();
  return today ? d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }) : d.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

function Details({ entry, settings, actions, support, idPrefix }: { entry: HistoryEntry; settings: Settings; actions: PopupActions; support: string | null; idPrefix: string }) {
  // Diagnosed only when opened: the list itself stays cheap with hundreds of entries.
  const d = useMemo(() => diagnose(entry, activeRules()), [entry]);
  const web = /^https?:\/\//i.test(entry.url);
  return (
    <div class="entry-body">
      <p>{d.cause.summary}</p>
      <p class={`verdict verdict-${d.verdict}`}>
        {verdictLabel(d.verdict, d.local)} <span class="small">({CONFIDENCE_WORDS[d.confidenceWord]})</span>
      </p>
      <p class="small muted">
        <code>{entry.code}</code> · {entry.resourceType.replace('_', ' ')} · <code class="url">{entry.url}</code>
      </p>
      <div class="actions">
        {web && entry.resourceType === 'main_frame' ? (
          <button type="button" onClick={() => actions.retry(entry)}>
            Retry
          </button>
        ) : null}
        {entry.resourceType === 'main_frame' ? (
          <button type="button" onClick={() => actions.open(actions.explainUrl(entry))}>
            Open explanation
          </button>
        ) : null}
        {FORMATS.map((f) => (
          <CopyButton key={f.format} text={() => renderReport(reportFor(entry, settings, support), f.format)} label={f.label} />
        ))}
        <button type="button" class="danger" onClick={() => void actions.remove(entry.id)}>
          Delete
        </button>
      </div>
      <Evidence diagnosis={d} level={3} idPrefix={idPrefix} />
      <Steps diagnosis={d} level={3} idPrefix={idPrefix} />
      <Commands diagnosis={d} level={3} idPrefix={idPrefix} />
    </div>
  );
}

/** `scope` keeps ids unique when the same failure is listed twice (this tab, and the history). */
function Entry({ entry, settings, actions, open, support, scope }: { entry: HistoryEntry; settings: Settings; actions: PopupActions; open?: boolean; support: string | null; scope: 'tab' | 'list' }) {
  const [expanded, setExpanded] = useState(!!open);
  const bodyId = `${scope}-body-${entry.id}`;
  return (
    <li
      data-failure-id={entry.id}
      data-error-code={entry.code}
      data-verdict={entry.verdict}
      data-cause={entry.cause}
      data-host={entry.host}
      class="entry"
    >
      <button type="button" class="entry-head" aria-expanded={expanded} aria-controls={bodyId} onClick={() => setExpanded(!expanded)}>
        <span class={`dot verdict-${entry.verdict}`} aria-hidden="true" />
        <span class="entry-title">
          <strong>{entry.host || entry.url}</strong> <span class="muted small">{entry.title}</span>
        </span>
        <span class="muted small">
          {entry.count > 1 ? `${entry.count}× · ` : ''}
          {time(entry.time)}
        </span>
      </button>
      {expanded ? (
        <div id={bodyId}>
          <Details entry={entry} settings={settings} actions={actions} support={support} idPrefix={`${scope}-${entry.id}-`} />
        </div>
      ) : null}
    </li>
  );
}

function matches(entry: HistoryEntry, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return [entry.url, entry.code, entry.title, entry.cause, entry.error ?? '', String(entry.httpStatus ?? '')].some((f) => f.toLowerCase().includes(q));
}

export function Popup({ history, tab, settings, supportContact, actions }: PopupProps) {
  const [entries, setEntries] = useState(history);
  const [query, setQuery] = useState('');
  const [verdict, setVerdict] = useState('');
  const [category, setCategory] = useState('');
  const [confirmClear, setConfirmClear] = useState(false);

  const shown = useMemo(
    () => entries.filter((e) => matches(e, query.trim()) && (!verdict || e.verdict === verdict) && (!category || e.category === category)),
    [entries, query, verdict, category],
  );
  const current = tab?.failureId ? entries.find((e) => e.id === tab.failureId) : undefined;
  const subs = tab?.subresources ?? [];
  const listActions: PopupActions = {
    ...actions,
    remove: async (id) => {
      await actions.remove(id);
      setEntries((list) => list.filter((e) => e.id !== id));
    },
  };

  // The whole popup is its main content (its header bar included: a popup has no banner of its own).
  return (
    <main class="popup">
      <header class="bar">
        <h1 class="brand">
          <img src="/icons/icon-32.png" alt="" width="16" height="16" />
          netwhy
        </h1>
        <span class="muted small">why pages fail to load</span>
        <span class="spacer" />
        <button type="button" class="link" onClick={actions.openCatalogue}>
          Error codes
        </button>
        <button type="button" class="link" onClick={actions.openOptions}>
          Settings
        </button>
      </header>
      {current || subs.length > 0 ? (
        <section aria-labelledby="this-tab" class="current">
          <h2 id="this-tab">This tab</h2>
          {current ? (
            <ul class="entries">
              <Entry entry={current} settings={settings} actions={listActions} open support={supportContact} scope="tab" />
            </ul>
          ) : null}
          {subs.length > 0 ? (
            <ul class="subs">
              {subs.map((g) => (
                <li key={`${g.host}|${g.code}`} data-sub-host={g.host} data-error-code={g.code} data-count={g.count}>
                  {g.count} request{g.count === 1 ? '' : 's'} to <strong>{g.host}</strong> failed: <code>{g.code}</code>
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="recent">
        <h2 id="recent">Recent failures</h2>
        {entries.length > 0 ? (
          <div class="filters" role="search">
            <label class="sr-only" for="q">Search failures</label>
            <input id="q" type="search" placeholder="Search host, code, cause…" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
            <label class="sr-only" for="verdict">Where the fault lies</label>
            <select id="verdict" value={verdict} onChange={(e) => setVerdict(e.currentTarget.value)}>
              <option value="">Any side</option>
              {VERDICTS.map((v) => (
                <option key={v} value={v}>
                  {VERDICT_FILTER[v]}
                </option>
              ))}
            </select>
            <label class="sr-only" for="category">Kind of error</label>
            <select id="category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
              <option value="">Any kind</option>
              {[...CATEGORIES.filter((c) => c !== 'aborted'), 'hung', 'slow'].map((c) => (
                <option key={c} value={c}>
                  {c === 'slow' ? 'slow loads' : c === 'hung' ? 'hanging loads' : c}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {entries.length === 0 ? (
          <p class="empty muted">No failed page loads yet. When one happens, it is explained here.</p>
        ) : shown.length === 0 ? (
          <p class="empty muted" role="status">Nothing matches. Clear the search or the filters.</p>
        ) : (
          <ul class="entries" aria-label="Failures, newest first">
            {shown.map((e) => (
              <Entry key={e.id} entry={e} settings={settings} actions={listActions} support={supportContact} scope="list" />
            ))}
          </ul>
        )}
        {entries.length > 0 ? (
          <div class="footer-actions">
            {confirmClear ? (
              <>
                <span>Delete all {entries.length} entries?</span>
                <button
                  type="button"
                  class="danger"
                  onClick={async () => {
                    await actions.clear();
                    setEntries([]);
                    setConfirmClear(false);
                  }}
                >
                  Delete all
                </button>
                <button type="button" onClick={() => setConfirmClear(false)}>
                  Keep
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirmClear(true)}>
                Clear history
              </button>
            )}
          </div>
        ) : null}
      </section>
    </main>
  );
}

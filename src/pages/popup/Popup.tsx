import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Category, Verdict } from '../../engine/errors/types';
import { plural, t } from '../../engine/i18n';
import type { Diagnosis } from '../../engine/types';
import type { ReportFormat } from '../../shared/messages';
import type { HistoryEntry, TabState } from '../../shared/types';
import { CopyButton } from '../components/CopyButton';
import { Commands, Evidence, Steps } from '../components/DiagnosisView';
import { dateLocale, rich } from '../components/i18n';
import { CATEGORY_NAMES, categoryLabel, confidenceNote, verdictLabel } from '../../shared/words';

export interface PopupActions {
  explainUrl: (entry: HistoryEntry) => string;
  open: (url: string) => void;
  retry: (entry: HistoryEntry) => void;
  remove: (id: string) => Promise<void>;
  clear: () => Promise<void>;
  openOptions: () => void;
  openCatalogue: () => void;
  /** The worker's diagnosis of an entry (null when it no longer has it). */
  diagnosis: (entry: HistoryEntry) => Promise<Diagnosis | null>;
  /** The report of an entry, built by the worker. */
  report: (entry: HistoryEntry, format: ReportFormat) => Promise<string>;
}

export interface PopupProps {
  history: HistoryEntry[];
  tab: TabState | null;
  actions: PopupActions;
  /** Why the worker could not save the history (it keeps the newest entries in memory and retries), if it could not. */
  historyProblem?: string | null;
}

/** Message keys, looked up when the popup renders. */
const FORMATS: { format: ReportFormat; label: string }[] = [
  { format: 'markdown', label: 'common_copy_report' },
  { format: 'text', label: 'popup_copy_text' },
  { format: 'json', label: 'popup_copy_json' },
];

const VERDICT_FILTER: Record<Verdict, string> = {
  client: 'popup_filter_client',
  network: 'popup_filter_network',
  server: 'popup_filter_server',
  unknown: 'popup_filter_unknown',
};
const VERDICTS = Object.keys(VERDICT_FILTER) as Verdict[];

/** Kinds of the history filter beyond the error categories: loads that hung or were slow (not errors). */
const LOAD_KINDS = { hung: 'popup_kind_hung', slow: 'popup_kind_slow' } as const;

function kindLabel(kind: string): string {
  return kind === 'hung' || kind === 'slow' ? t(LOAD_KINDS[kind]) : categoryLabel(kind as Category);
}

/** webRequest resource types (Chromium's and Firefox's), in words; an unlisted one shows as the browser names it. */
const RESOURCE_TYPES: Record<string, string> = {
  main_frame: 'popup_type_main_frame',
  sub_frame: 'popup_type_sub_frame',
  stylesheet: 'popup_type_stylesheet',
  script: 'popup_type_script',
  image: 'popup_type_image',
  imageset: 'popup_type_imageset',
  font: 'popup_type_font',
  object: 'popup_type_object',
  object_subrequest: 'popup_type_object_subrequest',
  xmlhttprequest: 'popup_type_xmlhttprequest',
  ping: 'popup_type_ping',
  beacon: 'popup_type_beacon',
  csp_report: 'popup_type_csp_report',
  media: 'popup_type_media',
  websocket: 'popup_type_websocket',
  webtransport: 'popup_type_webtransport',
  webbundle: 'popup_type_webbundle',
  web_manifest: 'popup_type_web_manifest',
  speculative: 'popup_type_speculative',
  xml_dtd: 'popup_type_xml_dtd',
  xslt: 'popup_type_xslt',
  json: 'popup_type_json',
  other: 'popup_type_other',
};

function resourceTypeLabel(type: string): string {
  return Object.hasOwn(RESOURCE_TYPES, type) ? t(RESOURCE_TYPES[type]!) : type.replace('_', ' ');
}

/** One formatter of each kind per popup: building an Intl formatter costs far more than using one. */
let formats: { locale: string; clock: Intl.DateTimeFormat; day: Intl.DateTimeFormat; today: string } | null = null;
function time(ms: number): string {
  const locale = dateLocale();
  if (formats?.locale !== locale) {
    formats = {
      locale,
      clock: new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }),
      day: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric' }),
      today: new Date().toDateString(),
    };
  }
  const d = new Date(ms);
  return (d.toDateString() === formats.today ? formats.clock : formats.day).format(d);
}

/**
 * Entries rendered in the first frame: more than a popup shows at once. The rest follow right after it is painted,
 * so a long history does not hold back the first paint.
 */
const FIRST_FRAME = 40;

function Details({ entry, actions, idPrefix }: { entry: HistoryEntry; actions: PopupActions; idPrefix: string }) {
  // Asked for only when opened: the list itself stays cheap with hundreds of entries.
  const [d, setDiagnosis] = useState<Diagnosis | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    actions.diagnosis(entry).then(
      (found) => live && setDiagnosis(found),
      () => live && setDiagnosis(null),
    );
    return () => {
      live = false;
    };
  }, [entry, actions]);
  const web = /^https?:\/\//i.test(entry.url);
  if (!d) {
    return (
      <div class="entry-body" aria-busy={d === undefined}>
        <p class="muted">{d === undefined ? t('popup_loading') : t('popup_entry_gone')}</p>
      </div>
    );
  }
  return (
    <div class="entry-body">
      <p>{d.cause.summary}</p>
      <p class={`verdict verdict-${d.verdict}`}>
        {verdictLabel(d.verdict, d.local)} <span class="small">{confidenceNote(d.confidenceWord)}</span>
      </p>
      <p class="small muted">
        <code>{entry.code}</code> · {resourceTypeLabel(entry.resourceType)} · <code class="url">{entry.url}</code>
      </p>
      <div class="actions">
        {web && entry.resourceType === 'main_frame' ? (
          <button type="button" onClick={() => actions.retry(entry)}>
            {t('common_retry')}
          </button>
        ) : null}
        {entry.resourceType === 'main_frame' ? (
          <button type="button" onClick={() => actions.open(actions.explainUrl(entry))}>
            {t('popup_open_explanation')}
          </button>
        ) : null}
        {FORMATS.map((f) => (
          <CopyButton key={f.format} text={() => actions.report(entry, f.format)} label={t(f.label)} />
        ))}
        <button type="button" class="danger" onClick={() => void actions.remove(entry.id)}>
          {t('popup_delete')}
        </button>
      </div>
      <Evidence diagnosis={d} level={3} idPrefix={idPrefix} />
      <Steps diagnosis={d} level={3} idPrefix={idPrefix} />
      <Commands diagnosis={d} level={3} idPrefix={idPrefix} />
    </div>
  );
}

/** `scope` keeps ids unique when the same failure is listed twice (this tab, and the history). */
function Entry({
  entry,
  actions,
  open,
  scope,
}: {
  entry: HistoryEntry;
  actions: PopupActions;
  open?: boolean;
  scope: 'tab' | 'list';
}) {
  const [expanded, setExpanded] = useState(!!open);
  const title = entry.title;
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
      <button
        type="button"
        class="entry-head"
        aria-expanded={expanded}
        aria-controls={bodyId}
        onClick={() => setExpanded(!expanded)}
      >
        <span class={`dot verdict-${entry.verdict}`} aria-hidden="true" />
        <span class="entry-title">
          <strong>{entry.host || entry.url}</strong> <span class="muted small">{title}</span>
        </span>
        <span class="muted small">
          {entry.count > 1 ? `${t('popup_times', [entry.count])} · ` : ''}
          {time(entry.time)}
        </span>
      </button>
      {expanded ? (
        <div id={bodyId}>
          <Details entry={entry} actions={actions} idPrefix={`${scope}-${entry.id}-`} />
        </div>
      ) : null}
    </li>
  );
}

function matches(entry: HistoryEntry, query: string): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return [entry.url, entry.code, entry.title, entry.cause, entry.error ?? '', String(entry.httpStatus ?? '')].some(
    (f) => f.toLowerCase().includes(q),
  );
}

export function Popup({ history, tab, actions, historyProblem = null }: PopupProps) {
  const [entries, setEntries] = useState(history);
  const [query, setQuery] = useState('');
  const [verdict, setVerdict] = useState('');
  const [category, setCategory] = useState('');
  const [confirmClear, setConfirmClear] = useState(false);

  const shown = useMemo(
    () =>
      entries.filter(
        (e) =>
          matches(e, query.trim()) && (!verdict || e.verdict === verdict) && (!category || e.category === category),
      ),
    [entries, query, verdict, category],
  );
  const [all, setAll] = useState(false);
  useEffect(() => {
    if (all || shown.length <= FIRST_FRAME) return;
    // After the first frame is painted (a frame, then a task after it).
    let task: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      task = setTimeout(() => setAll(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(task);
    };
  }, [all, shown.length]);
  const listed = all ? shown : shown.slice(0, FIRST_FRAME);
  const current = tab?.failureId ? entries.find((e) => e.id === tab.failureId) : undefined;
  const subs = tab?.subresources ?? [];
  /** A delete or clear the worker could not do: said, not swallowed (the list stays as it is). */
  const [problem, setProblem] = useState<string | null>(null);
  const attempt = async (run: () => Promise<void>) => {
    try {
      await run();
      setProblem(null);
    } catch (err) {
      setProblem(t('popup_action_failed', [err instanceof Error ? err.message : String(err)]));
    }
  };
  const listActions: PopupActions = {
    ...actions,
    remove: (id) =>
      attempt(async () => {
        await actions.remove(id);
        setEntries((list) => list.filter((e) => e.id !== id));
      }),
  };

  // The whole popup is its main content (its header bar included: a popup has no banner of its own).
  return (
    <main class="popup">
      <header class="bar">
        <h1 class="brand">
          <img src="/icons/icon-32.png" alt="" width="16" height="16" />
          {t('extName')}
        </h1>
        <span class="muted small">{t('popup_tagline')}</span>
        <span class="spacer" />
        <button type="button" class="link" onClick={actions.openCatalogue}>
          {t('popup_error_codes')}
        </button>
        <button type="button" class="link" onClick={actions.openOptions}>
          {t('popup_settings')}
        </button>
      </header>
      {problem && (
        <p role="alert" class="problem" data-problem="action">
          {problem}
        </p>
      )}
      {historyProblem && (
        <p role="alert" class="problem" data-problem="storage">
          {t('popup_history_unsaved', [historyProblem])}
        </p>
      )}
      {current || subs.length > 0 ? (
        <section aria-labelledby="this-tab" class="current">
          <h2 id="this-tab">{t('popup_this_tab')}</h2>
          {current ? (
            <ul class="entries">
              <Entry entry={current} actions={listActions} open scope="tab" />
            </ul>
          ) : null}
          {subs.length > 0 ? (
            <ul class="subs">
              {subs.map((g) => (
                <li
                  key={`${g.host}|${g.code}|${g.reason ?? ''}`}
                  data-sub-host={g.host}
                  data-error-code={g.code}
                  data-count={g.count}
                  data-reason={g.reason}
                >
                  {rich(plural(g.count, 'popup_sub_failed_one', 'popup_sub_failed_other'), [
                    g.count,
                    <strong>{g.host}</strong>,
                    <code>{g.code}</code>,
                  ])}
                  {g.reason && <span class="small muted"> — {g.reason}</span>}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      <section aria-labelledby="recent">
        <h2 id="recent">{t('popup_recent')}</h2>
        {entries.length > 0 ? (
          <div class="filters" role="search">
            <label class="sr-only" for="q">
              {t('popup_search_label')}
            </label>
            <input
              id="q"
              type="search"
              placeholder={t('popup_search_placeholder')}
              value={query}
              onInput={(e) => setQuery(e.currentTarget.value)}
            />
            <label class="sr-only" for="verdict">
              {t('popup_filter_verdict_label')}
            </label>
            <select id="verdict" value={verdict} onChange={(e) => setVerdict(e.currentTarget.value)}>
              <option value="">{t('popup_filter_any_side')}</option>
              {VERDICTS.map((v) => (
                <option key={v} value={v}>
                  {t(VERDICT_FILTER[v])}
                </option>
              ))}
            </select>
            <label class="sr-only" for="category">
              {t('popup_filter_kind_label')}
            </label>
            <select id="category" value={category} onChange={(e) => setCategory(e.currentTarget.value)}>
              <option value="">{t('popup_filter_any_kind')}</option>
              {[...CATEGORY_NAMES.filter((c) => c !== 'aborted'), 'hung', 'slow'].map((c) => (
                <option key={c} value={c}>
                  {kindLabel(c)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {entries.length === 0 ? (
          <p class="empty muted">{t('popup_empty')}</p>
        ) : shown.length === 0 ? (
          <p class="empty muted" role="status">
            {t('popup_no_match')}
          </p>
        ) : (
          <ul class="entries" aria-label={t('popup_list_label')}>
            {listed.map((e) => (
              <Entry key={e.id} entry={e} actions={listActions} scope="list" />
            ))}
          </ul>
        )}
        {entries.length > 0 ? (
          <div class="footer-actions">
            {confirmClear ? (
              <>
                <span>
                  {t(plural(entries.length, 'popup_clear_confirm_one', 'popup_clear_confirm_other'), [entries.length])}
                </span>
                <button
                  type="button"
                  class="danger"
                  onClick={() =>
                    attempt(async () => {
                      await actions.clear();
                      setEntries([]);
                      setConfirmClear(false);
                    })
                  }
                >
                  {t('popup_delete_all')}
                </button>
                <button type="button" onClick={() => setConfirmClear(false)}>
                  {t('popup_keep')}
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirmClear(true)}>
                {t('popup_clear_history')}
              </button>
            )}
          </div>
        ) : null}
      </section>
    </main>
  );
}

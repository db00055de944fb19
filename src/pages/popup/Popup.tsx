import { useState } from 'preact/hooks';
import { diagnose } from '../../engine/diagnose';
import type { Settings } from '../../platform/settings';
import type { HistoryEntry, TabState } from '../../platform/types';
import { CopyButton } from '../components/CopyButton';
import { Commands, Evidence, Steps } from '../components/DiagnosisView';
import { renderReport, reportFor } from '../components/report';
import { CONFIDENCE_WORDS, verdictLabel } from '../components/verdict';

export interface PopupProps {
  history: HistoryEntry[];
  tab: TabState | null;
  settings: Settings;
  explainUrl: (entry: HistoryEntry) => string;
  onOpen: (url: string) => void;
}

function time(ms: number): string {
  return new Date(ms).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function Entry({ entry, props, open }: { entry: HistoryEntry; props: PopupProps; open?: boolean }) {
  const [expanded, setExpanded] = useState(!!open);
  const d = diagnose(entry);
  return (
    <li
      data-failure-id={entry.id}
      data-error-code={entry.code}
      data-verdict={entry.verdict}
      data-cause={entry.cause}
      data-host={entry.host}
      class="entry"
    >
      <button type="button" class="entry-head" aria-expanded={expanded} onClick={() => setExpanded(!expanded)}>
        <span class={`dot verdict-${entry.verdict}`} aria-hidden="true" />
        <span class="entry-title">
          <strong>{entry.host || entry.url}</strong> <span class="muted small">{d.cause.title}</span>
        </span>
        <span class="muted small">
          {entry.count > 1 ? `${entry.count}× · ` : ''}
          {time(entry.time)}
        </span>
      </button>
      {expanded ? (
        <div class="entry-body">
          <p>{d.cause.summary}</p>
          <p class={`verdict verdict-${d.verdict}`}>
            {verdictLabel(d.verdict, d.local)} <span class="small">({CONFIDENCE_WORDS[d.confidenceWord]})</span>
          </p>
          <p class="small muted">
            <code>{entry.code}</code> · {entry.resourceType.replace('_', ' ')} · <code class="url">{entry.url}</code>
          </p>
          <div class="actions">
            {entry.resourceType === 'main_frame' ? (
              <button type="button" onClick={() => props.onOpen(props.explainUrl(entry))}>
                Open explanation
              </button>
            ) : null}
            <CopyButton text={() => renderReport(reportFor(entry, props.settings), 'markdown')} label="Copy report" />
          </div>
          <Evidence diagnosis={d} />
          <Steps diagnosis={d} />
          <Commands diagnosis={d} />
        </div>
      ) : null}
    </li>
  );
}

export function Popup(props: PopupProps) {
  const current = props.tab?.failureId ? props.history.find((e) => e.id === props.tab!.failureId) : undefined;
  const subs = props.tab?.subresources ?? [];
  return (
    <div class="popup">
      <header class="bar">
        <strong>netwhy</strong>
        <span class="muted small">why pages fail to load</span>
      </header>
      {current || subs.length > 0 ? (
        <section aria-labelledby="this-tab" class="current">
          <h2 id="this-tab">This tab</h2>
          {current ? (
            <ul class="entries">
              <Entry entry={current} props={props} open />
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
        {props.history.length === 0 ? (
          <p class="empty muted">No failed page loads yet. When one happens, it is explained here.</p>
        ) : (
          <ul class="entries">
            {props.history.map((e) => (
              <Entry key={e.id} entry={e} props={props} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

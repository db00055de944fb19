import type { Failure } from '../../engine/failure';
import { t } from '../../engine/i18n';
import type { Diagnosis } from '../../engine/types';
import { CopyButton } from '../components/CopyButton';
import { Commands, Evidence, Steps } from '../components/DiagnosisView';
import { rich } from '../components/i18n';
import { SidePath } from '../components/SidePath';
import { confidenceNote, verdictLabel } from '../../shared/words';

export interface ExplainProps {
  failure: Failure;
  diagnosis: Diagnosis;
  /** `host`, or `host:port` off the scheme's usual port: how people tell servers apart. */
  site: string;
  canRetry: boolean;
  onRetry: () => void;
  report: () => Promise<string>;
  watching: boolean;
  watchStatus: string;
  onWatch: () => void;
}

export function Explain({
  failure,
  diagnosis: d,
  site: where,
  canRetry,
  onRetry,
  report,
  watching,
  watchStatus,
  onWatch,
}: ExplainProps) {
  return (
    <main
      data-error-code={d.error.code}
      data-verdict={d.verdict}
      data-cause={d.cause.id}
      data-local={String(d.local)}
      data-url={failure.url}
      data-ready="true"
    >
      <header>
        <p class="muted small brand">
          <img src="/icons/icon-32.png" alt="" width="16" height="16" />
          <span>{where ? t('explain_brand', [where]) : t('explain_brand_no_host')}</span>
        </p>
        <h1>{d.cause.summary}</h1>
        <div class="where">
          <p class={`verdict verdict-${d.verdict}`} data-testid="verdict">
            <span>{verdictLabel(d.verdict, d.local)}</span>
            <span class="small">{confidenceNote(d.confidenceWord)}</span>
          </p>
          <SidePath verdict={d.verdict} local={d.local} hop={d.hop} />
        </div>
        <p class="muted">{t('explain_cause_title', [d.cause.title])}</p>
        <div class="actions">
          {canRetry ? (
            <button type="button" class="primary" onClick={onRetry}>
              {t('common_retry')}
            </button>
          ) : null}
          {canRetry ? (
            <button type="button" aria-pressed={watching} onClick={onWatch}>
              {watching ? t('explain_watch_stop') : t('explain_watch')}
            </button>
          ) : null}
          <CopyButton text={report} label={t('common_copy_report')} />
          <p class="small muted" role="status" data-testid="watch-status">
            {watching ? watchStatus : ''}
          </p>
        </div>
      </header>
      <Evidence diagnosis={d} />
      <Steps diagnosis={d} />
      <Commands diagnosis={d} />
      {d.alternatives.length > 0 ? (
        <section aria-labelledby="alt">
          <h2 id="alt">{t('explain_alternatives')}</h2>
          <ul>
            {d.alternatives.map((a) => (
              <li key={a.id} data-alternative={a.id}>
                <strong>{t('common_label', [a.title])}</strong> {a.summary}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <footer class="small muted">
        <p>
          {d.error.number
            ? rich('explain_error_number', [<code data-testid="error-code">{d.error.code}</code>, d.error.number])
            : rich('explain_error', [<code data-testid="error-code">{d.error.code}</code>])}
          {' · '}
          {rich('explain_browser_said', [<code>{d.error.raw}</code>])}
          {failure.httpStatus ? ` · ${t('common_http_status', [failure.httpStatus])}` : ''}
        </p>
        <p>{d.error.meaning}</p>
        {d.error.aliases.length > 0 ? <p>{t('explain_aliases', [d.error.aliases.join(', ')])}</p> : null}
        <p class="url">{rich('explain_address', [<code>{failure.url}</code>])}</p>
      </footer>
    </main>
  );
}

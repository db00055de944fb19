import { useEffect, useMemo, useState } from 'preact/hooks';
import { plural, t } from '../../engine/i18n';
import type { RuleTest, RuleTestResult } from '../../shared/messages';
import { rich } from '../components/i18n';

export interface CustomRulesProps {
  initial: string;
  save: (text: string) => Promise<void>;
  /** Problems the worker found in the saved rules (including the administrator's). */
  problems: readonly string[];
  /** The worker checks the rules and tries them on the sample (the page carries no engine). */
  test: (request: RuleTest) => Promise<RuleTestResult>;
}

/** An example rule: its JSON as written by hand, its words (title, summary, step) in the user's language. */
function example(): string {
  const text = (key: string) => JSON.stringify(t(key));
  return `[
  {
    "id": "corp-vpn",
    "match": { "hosts": ["*.corp.example.com"], "codes": ["ERR_NAME_NOT_RESOLVED"] },
    "title": ${text('rules_example_title')},
    "summary": ${text('rules_example_summary')},
    "verdict": "network",
    "steps": [{ "audience": "you", "text": ${text('rules_example_step')}, "link": "https://help.example.com/vpn" }]
  }
]`;
}

export function CustomRules({ initial, save, problems, test }: CustomRulesProps) {
  const [text, setText] = useState(initial);
  const [status, setStatus] = useState('');
  const [sampleUrl, setSampleUrl] = useState('https://wiki.corp.example.com/');
  const [sampleError, setSampleError] = useState('net::ERR_NAME_NOT_RESOLVED');
  const exampleText = useMemo(example, []);
  // The newest answer wins: a slow answer for older text never replaces a newer one.
  const [result, setResult] = useState<RuleTestResult | null>(null);
  useEffect(() => {
    let live = true;
    test({ text, sampleUrl, sampleError }).then(
      (r) => live && setResult(r),
      () => live && setResult({ errors: [t('rules_check_failed')], count: 0, sample: null }),
    );
    return () => {
      live = false;
    };
  }, [text, sampleUrl, sampleError, test]);
  const compiled = result ?? { errors: [], count: 0, sample: null };
  const sample = result?.sample ?? null;

  const onSave = async () => {
    const checked = await test({ text, sampleUrl, sampleError }).catch(() => null);
    if (!checked || checked.errors.length > 0) {
      setStatus(t('rules_fix_first'));
      return;
    }
    try {
      await save(text);
      setStatus(t(plural(checked.count, 'rules_saved_one', 'rules_saved_other'), [checked.count]));
    } catch {
      setStatus(t('rules_save_failed'));
    }
  };

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 256 * 1024) {
      setStatus(t('rules_file_too_large'));
      return;
    }
    setText(await file.text());
    setStatus(t('rules_loaded', [file.name]));
  };

  const onExport = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = 'netwhy-rules.json';
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };

  return (
    <section aria-labelledby="rules">
      <h2 id="rules">{t('rules_heading')}</h2>
      <p class="help">{t('rules_help')}</p>
      <div class="field column">
        <label for="rules-json">{t('rules_json_label')}</label>
        <textarea
          id="rules-json"
          rows={12}
          spellcheck={false}
          value={text}
          placeholder={exampleText}
          onInput={(e) => setText(e.currentTarget.value)}
        />
      </div>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void onSave()}>
          {t('rules_save')}
        </button>
        <button type="button" onClick={() => setText(exampleText)}>
          {t('rules_insert_example')}
        </button>
        <label class="button">
          {t('rules_import')}
          <input
            type="file"
            accept="application/json,.json"
            class="sr-only"
            onChange={(e) => void onImport(e.currentTarget.files?.[0])}
          />
        </label>
        <button type="button" onClick={onExport} disabled={!text.trim()}>
          {t('rules_export')}
        </button>
      </div>
      <p role="status" class="status" data-testid="rules-status">
        {status}
      </p>
      {compiled.errors.length > 0 || problems.length > 0 ? (
        <ul class="problems" data-testid="rules-errors">
          {[...compiled.errors, ...problems].map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ) : result ? (
        <p class="help" data-testid="rules-ok">
          {t(plural(compiled.count, 'rules_valid_one', 'rules_valid_other'), [compiled.count])}
        </p>
      ) : null}
      <h3>{t('rules_try_heading')}</h3>
      <div class="field">
        <label for="sample-url">{t('rules_sample_url')}</label>
        <input id="sample-url" type="url" value={sampleUrl} onInput={(e) => setSampleUrl(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="sample-error">{t('rules_sample_error')}</label>
        <input
          id="sample-error"
          type="text"
          value={sampleError}
          onInput={(e) => setSampleError(e.currentTarget.value)}
        />
      </div>
      {!result ? null : sample ? (
        <p data-testid="sample-result" data-cause={sample.cause.id} data-verdict={sample.verdict}>
          {rich('rules_sample_result', [
            <strong>{sample.cause.title}</strong>,
            sample.cause.id,
            sample.verdict,
            sample.cause.summary,
          ])}
        </p>
      ) : (
        <p class="help">{t('rules_sample_missing')}</p>
      )}
    </section>
  );
}

import { useMemo, useState } from 'preact/hooks';
import { parseCustomRules } from '../../engine/custom-rules';
import { diagnose } from '../../engine/diagnose';
import { toFailure } from '../../engine/failure';
import { RULES } from '../../engine/rules';

export interface CustomRulesProps {
  initial: string;
  save: (text: string) => Promise<void>;
  /** Problems the worker found in the saved rules (including the administrator's). */
  problems: readonly string[];
}

const EXAMPLE = `[
  {
    "id": "corp-vpn",
    "match": { "hosts": ["*.corp.example.com"], "codes": ["ERR_NAME_NOT_RESOLVED"] },
    "title": "Company site: connect to the VPN",
    "summary": "{host} only resolves inside the company network.",
    "verdict": "network",
    "steps": [{ "audience": "you", "text": "Connect to the VPN, then reload.", "link": "https://help.example.com/vpn" }]
  }
]`;

export function CustomRules({ initial, save, problems }: CustomRulesProps) {
  const [text, setText] = useState(initial);
  const [status, setStatus] = useState('');
  const [sampleUrl, setSampleUrl] = useState('https://wiki.corp.example.com/');
  const [sampleError, setSampleError] = useState('net::ERR_NAME_NOT_RESOLVED');
  const compiled = useMemo(() => parseCustomRules(text), [text]);
  const sample = useMemo(() => {
    const failure = toFailure({ id: 'sample', url: sampleUrl, error: /^\d{3}$/.test(sampleError.trim()) ? null : sampleError, httpStatus: /^\d{3}$/.test(sampleError.trim()) ? Number(sampleError) : null });
    return failure ? diagnose(failure, [...compiled.rules, ...RULES]) : null;
  }, [compiled, sampleUrl, sampleError]);

  const onSave = async () => {
    if (compiled.errors.length > 0) {
      setStatus('Fix the problems listed below first; nothing was saved.');
      return;
    }
    try {
      await save(text);
      setStatus(`Saved ${compiled.rules.length} rule${compiled.rules.length === 1 ? '' : 's'}.`);
    } catch {
      setStatus('Could not save the rules. Reload this page and try again.');
    }
  };

  const onImport = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > 256 * 1024) {
      setStatus('That file is too large for a rules file (the limit is 256 KB).');
      return;
    }
    setText(await file.text());
    setStatus(`Loaded ${file.name}: check the result below, then save.`);
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
      <h2 id="rules">Custom rules</h2>
      <p class="help">
        Explain your own sites: match a failure by host pattern, error code or category, port, scheme or HTTP status, and say
        what it means and what to do. Custom rules come before the built-in ones. {'{host}'}, {'{port}'} and {'{code}'} are filled in.
      </p>
      <div class="field column">
        <label for="rules-json">Rules (JSON)</label>
        <textarea id="rules-json" rows={12} spellcheck={false} value={text} placeholder={EXAMPLE} onInput={(e) => setText(e.currentTarget.value)} />
      </div>
      <div class="actions">
        <button type="button" class="primary" onClick={() => void onSave()}>
          Save rules
        </button>
        <button type="button" onClick={() => setText(EXAMPLE)}>
          Insert an example
        </button>
        <label class="button">
          Import…
          <input type="file" accept="application/json,.json" class="sr-only" onChange={(e) => void onImport(e.currentTarget.files?.[0])} />
        </label>
        <button type="button" onClick={onExport} disabled={!text.trim()}>
          Export
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
      ) : (
        <p class="help" data-testid="rules-ok">
          {compiled.rules.length} valid rule{compiled.rules.length === 1 ? '' : 's'}.
        </p>
      )}
      <h3>Try them on a failure</h3>
      <div class="field">
        <label for="sample-url">Address</label>
        <input id="sample-url" type="url" value={sampleUrl} onInput={(e) => setSampleUrl(e.currentTarget.value)} />
      </div>
      <div class="field">
        <label for="sample-error">Error or HTTP status</label>
        <input id="sample-error" type="text" value={sampleError} onInput={(e) => setSampleError(e.currentTarget.value)} />
      </div>
      {sample ? (
        <p data-testid="sample-result" data-cause={sample.cause.id} data-verdict={sample.verdict}>
          <strong>{sample.cause.title}</strong> ({sample.cause.id}, {sample.verdict}): {sample.cause.summary}
        </p>
      ) : (
        <p class="help">Enter a web address to try the rules.</p>
      )}
    </section>
  );
}

import { useState } from 'preact/hooks';
import { CustomRules } from './CustomRules';
import type { ProbeMode, Settings } from '../../platform/settings';

export interface OptionsProps {
  initial: Settings;
  save: (patch: Partial<Settings>) => Promise<Settings>;
  /** Settings the administrator locked, the policy's support contact and rule problems. */
  locked: readonly string[];
  supportContact: string | null;
  ruleProblems: readonly string[];
  rulesText: string;
  saveRules: (text: string) => Promise<void>;
  /** Asks for (or gives back) the optional notifications permission; resolves to whether it is granted now. */
  setNotificationsAllowed: (allow: boolean) => Promise<boolean>;
  proxyAllowed: boolean;
  /** Asks for (or gives back) the optional proxy permission; resolves to whether it is granted now. */
  setProxyAllowed: (allow: boolean) => Promise<boolean>;
}

type BoolKey = 'takeover' | 'overlay5xx' | 'overlay4xx' | 'devBanner' | 'redactQuery' | 'redactPath';

const SWITCHES: { key: BoolKey; label: string; help: string }[] = [
  { key: 'takeover', label: 'Show the explanation page when a page fails to load', help: 'Off: the browser keeps its own error page; netwhy marks the toolbar icon and explains in its popup.' },
  { key: 'overlay5xx', label: 'Explain server errors (5xx) on the site\'s own error page', help: 'A small card on top of the page; it never hides the site\'s message.' },
  { key: 'overlay4xx', label: 'Also explain 4xx errors (not found, forbidden) on the page', help: 'Off by default: those pages usually explain themselves.' },
  { key: 'devBanner', label: 'Developer banner for failing requests', help: 'A slim banner on pages whose own requests fail, e.g. "4 requests to localhost:8000 were refused".' },
  { key: 'redactQuery', label: 'Remove query strings, fragments and credentials from reports', help: 'Tokens often travel in the query (?token=...).' },
  { key: 'redactPath', label: 'Also remove the path from reports', help: 'Reports then name only the site.' },
];

const PROBES: { value: ProbeMode; label: string; help: string }[] = [
  { value: 'off', label: 'Off', help: 'netwhy makes no requests of its own.' },
  { value: 'loopback', label: 'Only on this computer (default)', help: 'For a refused localhost address, netwhy knocks on nearby ports of this computer (127.0.0.1 and ::1). Nothing leaves your device.' },
  { value: 'remote', label: 'This computer and remote checks', help: 'Adds a DNS-over-HTTPS lookup of names that fail to resolve: the name is sent to the public resolver you choose.' },
];

export function Options(props: OptionsProps) {
  const { initial, save, proxyAllowed, setProxyAllowed, setNotificationsAllowed, locked } = props;
  const isLocked = (key: string) => locked.includes(key);
  const lockNote = (key: string) => (isLocked(key) ? <span class="locked">Set by your organisation</span> : null);
  const [settings, setSettings] = useState(initial);
  const [proxy, setProxy] = useState(proxyAllowed);
  const [status, setStatus] = useState('');
  const [hosts, setHosts] = useState(initial.ignoredHosts.join('\n'));

  const update = async (patch: Partial<Settings>) => {
    try {
      const saved = await save(patch);
      setSettings(saved);
      setStatus('Saved.');
    } catch {
      setStatus('Could not save the settings. Reload this page and try again.');
    }
  };

  return (
    <main class="options">
      <h1>netwhy settings</h1>
      {locked.length > 0 ? <p class="help">Some settings are managed by your organisation and cannot be changed here.</p> : null}
      <section aria-labelledby="show">
        <h2 id="show">What netwhy shows</h2>
        {SWITCHES.map((s) => (
          <div class="setting" key={s.key}>
            <input id={s.key} type="checkbox" checked={settings[s.key]} disabled={isLocked(s.key)} onChange={(e) => void update({ [s.key]: e.currentTarget.checked })} />
            <label for={s.key}>
              {s.label}
              <span class="help">{s.help}</span>
              {lockNote(s.key)}
            </label>
          </div>
        ))}
      </section>
      <section aria-labelledby="checks">
        <h2 id="checks">Checks netwhy may run</h2>
        <fieldset>
          <legend class="sr-only">Active checks</legend>
          {lockNote('probes')}
          {PROBES.map((p) => (
            <div class="setting" key={p.value}>
              <input id={`probes-${p.value}`} type="radio" name="probes" checked={settings.probes === p.value} disabled={isLocked('probes')} onChange={() => void update({ probes: p.value })} />
              <label for={`probes-${p.value}`}>
                {p.label}
                <span class="help">{p.help}</span>
              </label>
            </div>
          ))}
        </fieldset>
        <div class="setting">
          <input
            id="proxy"
            type="checkbox"
            checked={proxy}
            onChange={async (e) => {
              const granted = await setProxyAllowed(e.currentTarget.checked).catch(() => proxy);
              setProxy(granted);
              setStatus(granted ? 'netwhy may now read your proxy setting.' : 'netwhy does not read your proxy setting.');
            }}
          />
          <label for="proxy">
            Use my proxy setting as evidence
            <span class="help">Asks the browser for the "proxy" permission. netwhy only reads whether a proxy is set; it never changes it.</span>
          </label>
        </div>
      </section>
      <section aria-labelledby="slow">
        <h2 id="slow">Pages that never finish loading</h2>
        <div class="field">
          <label for="hangThresholdSec">Explain a page as hanging after</label>
          <input id="hangThresholdSec" type="number" min={1} max={300} disabled={isLocked('hangThresholdSec')} value={settings.hangThresholdSec} onChange={(e) => void update({ hangThresholdSec: Number(e.currentTarget.value) })} />
          <span>seconds</span>
        </div>
        <div class="setting">
          <input
            id="hangNotify"
            type="checkbox"
            checked={settings.hangNotify}
            disabled={isLocked('hangNotify')}
            onChange={async (e) => {
              const want = e.currentTarget.checked;
              const granted = await setNotificationsAllowed(want).catch(() => false);
              await update({ hangNotify: want && granted });
            }}
          />
          <label for="hangNotify">
            Notify me when a page hangs
            <span class="help">A system notification; asks the browser for the notifications permission.</span>
          </label>
        </div>
      </section>
      <section aria-labelledby="history">
        <h2 id="history">History</h2>
        <div class="field">
          <label for="historyLimit">Keep at most</label>
          <input id="historyLimit" type="number" min={10} max={2000} disabled={isLocked('historyLimit')} value={settings.historyLimit} onChange={(e) => void update({ historyLimit: Number(e.currentTarget.value) })} />
          <span>entries</span>
        </div>
        <div class="field">
          <label for="retentionDays">Forget entries after</label>
          <input id="retentionDays" type="number" min={1} max={365} disabled={isLocked('retentionDays')} value={settings.retentionDays} onChange={(e) => void update({ retentionDays: Number(e.currentTarget.value) })} />
          <span>days</span>
        </div>
        <div class="field column">
          <label for="ignoredHosts">Never record these hosts (one per line; subdomains included)</label>
          <textarea
            id="ignoredHosts"
            rows={4}
            disabled={isLocked('ignoredHosts')}
            value={hosts}
            onInput={(e) => setHosts(e.currentTarget.value)}
            onBlur={() => void update({ ignoredHosts: hosts.split(/\s+/).map((h) => h.trim().toLowerCase()).filter(Boolean) })}
          />
        </div>
        <p class="help">Failures in private windows are never written to disk.</p>
      </section>
      <CustomRules initial={props.rulesText} save={props.saveRules} problems={props.ruleProblems} />
      {props.supportContact ? (
        <p class="help">
          Support for this browser: <strong>{props.supportContact}</strong> (included in reports).
        </p>
      ) : null}
      <p role="status" class="status">
        {status}
      </p>
    </main>
  );
}

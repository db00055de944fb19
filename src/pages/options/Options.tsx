import { useState } from 'preact/hooks';
import { t } from '../../engine/i18n';
import { rich } from '../components/i18n';
import { CustomRules } from './CustomRules';
import type { RuleTest, RuleTestResult } from '../../shared/messages';
import type { ProbeMode, Settings } from '../../shared/settings';

export interface OptionsProps {
  initial: Settings;
  save: (patch: Partial<Settings>) => Promise<Settings>;
  /** Settings the administrator locked, the policy's support contact and rule problems. */
  locked: readonly string[];
  supportContact: string | null;
  ruleProblems: readonly string[];
  rulesText: string;
  saveRules: (text: string) => Promise<void>;
  testRules: (request: RuleTest) => Promise<RuleTestResult>;
  /** Asks for (or gives back) the optional notifications permission; resolves to whether it is granted now. */
  setNotificationsAllowed: (allow: boolean) => Promise<boolean>;
  proxyAllowed: boolean;
  /** Asks for (or gives back) the optional proxy permission; resolves to whether it is granted now. */
  setProxyAllowed: (allow: boolean) => Promise<boolean>;
}

type BoolKey = 'takeover' | 'overlay5xx' | 'overlay4xx' | 'devBanner' | 'redactQuery' | 'redactPath';

/** `label` and `help` are message keys, looked up when the page renders. */
const SWITCHES: { key: BoolKey; label: string; help: string }[] = [
  { key: 'takeover', label: 'options_takeover', help: 'options_takeover_help' },
  { key: 'overlay5xx', label: 'options_overlay5xx', help: 'options_overlay5xx_help' },
  { key: 'overlay4xx', label: 'options_overlay4xx', help: 'options_overlay4xx_help' },
  { key: 'devBanner', label: 'options_dev_banner', help: 'options_dev_banner_help' },
  { key: 'redactQuery', label: 'options_redact_query', help: 'options_redact_query_help' },
  { key: 'redactPath', label: 'options_redact_path', help: 'options_redact_path_help' },
];

const PROBES: { value: ProbeMode; label: string; help: string }[] = [
  { value: 'off', label: 'options_probes_off', help: 'options_probes_off_help' },
  { value: 'loopback', label: 'options_probes_loopback', help: 'options_probes_loopback_help' },
  { value: 'remote', label: 'options_probes_remote', help: 'options_probes_remote_help' },
];

export function Options(props: OptionsProps) {
  const { initial, save, proxyAllowed, setProxyAllowed, setNotificationsAllowed, locked } = props;
  const isLocked = (key: string) => locked.includes(key);
  const lockNote = (key: string) => (isLocked(key) ? <span class="locked">{t('options_locked')}</span> : null);
  const [settings, setSettings] = useState(initial);
  const [proxy, setProxy] = useState(proxyAllowed);
  const [status, setStatus] = useState('');
  const [hosts, setHosts] = useState(initial.ignoredHosts.join('\n'));

  const update = async (patch: Partial<Settings>) => {
    try {
      const saved = await save(patch);
      setSettings(saved);
      setStatus(t('options_saved'));
    } catch {
      setStatus(t('options_save_failed'));
    }
  };

  return (
    <main class="options">
      <h1>{t('options_heading')}</h1>
      {locked.length > 0 ? <p class="help">{t('options_managed')}</p> : null}
      <section aria-labelledby="show">
        <h2 id="show">{t('options_shows_heading')}</h2>
        {SWITCHES.map((s) => (
          <div class="setting" key={s.key}>
            <input
              id={s.key}
              type="checkbox"
              checked={settings[s.key]}
              disabled={isLocked(s.key)}
              onChange={(e) => void update({ [s.key]: e.currentTarget.checked })}
            />
            <label for={s.key}>
              {t(s.label)}
              <span class="help">{t(s.help)}</span>
              {lockNote(s.key)}
            </label>
          </div>
        ))}
      </section>
      <section aria-labelledby="checks">
        <h2 id="checks">{t('options_checks_heading')}</h2>
        <fieldset>
          <legend class="sr-only">{t('options_checks_legend')}</legend>
          {lockNote('probes')}
          {PROBES.map((p) => (
            <div class="setting" key={p.value}>
              <input
                id={`probes-${p.value}`}
                type="radio"
                name="probes"
                checked={settings.probes === p.value}
                disabled={isLocked('probes')}
                onChange={() => void update({ probes: p.value })}
              />
              <label for={`probes-${p.value}`}>
                {t(p.label)}
                <span class="help">{t(p.help)}</span>
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
              setStatus(granted ? t('options_proxy_granted') : t('options_proxy_not_granted'));
            }}
          />
          <label for="proxy">
            {t('options_proxy')}
            <span class="help">{t('options_proxy_help')}</span>
          </label>
        </div>
      </section>
      <section aria-labelledby="slow">
        <h2 id="slow">{t('options_hang_heading')}</h2>
        <div class="field">
          <label for="hangThresholdSec">{t('options_hang_after')}</label>
          <input
            id="hangThresholdSec"
            type="number"
            min={1}
            max={300}
            disabled={isLocked('hangThresholdSec')}
            value={settings.hangThresholdSec}
            onChange={(e) => void update({ hangThresholdSec: Number(e.currentTarget.value) })}
          />
          <span>{t('options_hang_after_unit')}</span>
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
            {t('options_hang_notify')}
            <span class="help">{t('options_hang_notify_help')}</span>
          </label>
        </div>
      </section>
      <section aria-labelledby="history">
        <h2 id="history">{t('options_history_heading')}</h2>
        <div class="field">
          <label for="historyLimit">{t('options_history_limit')}</label>
          <input
            id="historyLimit"
            type="number"
            min={10}
            max={2000}
            disabled={isLocked('historyLimit')}
            value={settings.historyLimit}
            onChange={(e) => void update({ historyLimit: Number(e.currentTarget.value) })}
          />
          <span>{t('options_history_limit_unit')}</span>
        </div>
        <div class="field">
          <label for="retentionDays">{t('options_retention')}</label>
          <input
            id="retentionDays"
            type="number"
            min={1}
            max={365}
            disabled={isLocked('retentionDays')}
            value={settings.retentionDays}
            onChange={(e) => void update({ retentionDays: Number(e.currentTarget.value) })}
          />
          <span>{t('options_retention_unit')}</span>
        </div>
        <div class="field column">
          <label for="ignoredHosts">{t('options_ignored_hosts')}</label>
          <textarea
            id="ignoredHosts"
            rows={4}
            disabled={isLocked('ignoredHosts')}
            value={hosts}
            onInput={(e) => setHosts(e.currentTarget.value)}
            onBlur={() =>
              void update({
                ignoredHosts: hosts
                  .split(/\s+/)
                  .map((h) => h.trim().toLowerCase())
                  .filter(Boolean),
              })
            }
          />
        </div>
        <p class="help">{t('options_private')}</p>
      </section>
      <CustomRules
        initial={props.rulesText}
        save={props.saveRules}
        problems={props.ruleProblems}
        test={props.testRules}
      />
      {props.supportContact ? (
        <p class="help">{rich('options_support', [<strong>{props.supportContact}</strong>])}</p>
      ) : null}
      <p role="status" class="status">
        {status}
      </p>
    </main>
  );
}

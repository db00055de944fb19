import { render } from 'preact';
import { t } from '../../engine/i18n';
import { browser } from '../../platform/browser';
import { send } from '../../platform/messages';
import { hasProxyPermission } from '../../platform/proxy';
import { DEFAULT_SETTINGS } from '../../shared/settings';
import { useBrowserLanguage } from '../../platform/i18n';
import '../components/base.css';
import { Options } from './Options';
import './style.css';

// The user's language before anything renders or asks the engine for words.
useBrowserLanguage();
document.title = t('options_title');

/** Optional permissions are asked for only when the user turns the feature on, and given back when off. */
function setPermission(permission: 'proxy' | 'notifications', allow: boolean): Promise<boolean> {
  return allow
    ? browser.permissions.request({ permissions: [permission] })
    : browser.permissions.remove({ permissions: [permission] }).then(() => false);
}

async function start() {
  const [initial, proxyAllowed, policy, rulesText] = await Promise.all([
    send('settings:get', {}).catch(() => null),
    hasProxyPermission(),
    send('policy:get', {}).catch(() => null),
    send('rules:get', {}).catch(() => ''),
  ]);
  render(
    <Options
      initial={initial ?? { ...DEFAULT_SETTINGS }}
      save={(patch) => send('settings:set', patch)}
      proxyAllowed={proxyAllowed}
      locked={policy?.locked ?? []}
      supportContact={policy?.supportContact ?? null}
      ruleProblems={policy?.ruleProblems ?? []}
      rulesText={rulesText}
      saveRules={(text) => send('rules:set', { text }).then(() => undefined)}
      testRules={(request) => send('rules:test', request)}
      setProxyAllowed={(allow) => setPermission('proxy', allow)}
      setNotificationsAllowed={(allow) => setPermission('notifications', allow)}
    />,
    document.getElementById('app')!,
  );
}

void start();

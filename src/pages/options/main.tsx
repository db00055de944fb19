import { render } from 'preact';
import { browser } from '../../platform/browser';
import { send } from '../../platform/messages';
import { hasProxyPermission } from '../../platform/proxy';
import { DEFAULT_SETTINGS } from '../../platform/settings';
import '../components/base.css';
import { Options } from './Options';
import './style.css';

async function start() {
  const [initial, proxyAllowed] = await Promise.all([send('settings:get', {}).catch(() => null), hasProxyPermission()]);
  render(
    <Options
      initial={initial ?? { ...DEFAULT_SETTINGS }}
      save={(patch) => send('settings:set', patch)}
      proxyAllowed={proxyAllowed}
      setProxyAllowed={(allow) =>
        allow ? browser.permissions.request({ permissions: ['proxy'] }) : browser.permissions.remove({ permissions: ['proxy'] }).then(() => false)
      }
    />,
    document.getElementById('app')!,
  );
}

void start();

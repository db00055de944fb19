import { render } from 'preact';
import { send } from '../../platform/messages';
import { DEFAULT_SETTINGS } from '../../platform/settings';
import '../components/base.css';
import { Options } from './Options';
import './style.css';

async function start() {
  const initial = await send('settings:get', {}).catch(() => null);
  render(<Options initial={initial ?? { ...DEFAULT_SETTINGS }} save={(patch) => send('settings:set', patch)} />, document.getElementById('app')!);
}

void start();

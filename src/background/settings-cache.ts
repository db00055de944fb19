/** The worker's copy of the settings: read once at start, kept current by storage.onChanged. */
import { browser } from '../platform/browser';
import { DEFAULT_SETTINGS, repairSettings, type Settings } from '../platform/settings';
import { getLocal, setLocal } from '../platform/storage';

let current: Settings = { ...DEFAULT_SETTINGS };
let loaded = false;

export const settingsReady: Promise<void> = getLocal('settings')
  .then((raw) => {
    current = repairSettings(raw);
    loaded = true;
  })
  .catch((err: unknown) => {
    console.warn('netwhy: settings unreadable, using defaults', err);
    loaded = true;
  });

browser.storage.onChanged.addListener((changes, area) => {
  if (area === 'local' && changes.settings) current = repairSettings(changes.settings.newValue);
});

export function settings(): Settings {
  return current;
}

export function settingsLoaded(): boolean {
  return loaded;
}

export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  await settingsReady;
  current = repairSettings({ ...current, ...patch });
  await setLocal('settings', current);
  return current;
}

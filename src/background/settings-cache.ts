/**
 * The worker's copy of the settings: read once at start, kept current by the changes of the local and managed
 * storage areas. What is in force is the user's choices over the administrator's defaults, with locked settings from
 * the policy over both.
 */
import { forgetManaged, NO_POLICY, readManaged, withPolicy, type ManagedConfig } from '../platform/managed';
import { DEFAULT_SETTINGS, repairSettings, SETTINGS_VERSION, userSettings, type Settings } from '../shared/settings';
import { getLocal, onAreaChanged, setLocal } from '../platform/storage';

/** Only the keys the user changed are stored, so policy defaults keep applying to the rest. */
let user: Partial<Settings> = {};
let policy: ManagedConfig = NO_POLICY;
let current: Settings = { ...DEFAULT_SETTINGS };
let loaded = false;
/** A change seen before the first read answered is newer than that read: the read must not overwrite it. */
let changedWhileLoading = false;

function recompute(): void {
  current = repairSettings(withPolicy(user, policy));
}

// Events wait for the user's settings (a few ms); the policy is applied whenever storage.managed answers.
/** Resolves once the policy is known (pages that show settings wait for it; events do not). */
export const policyReady: Promise<void> = readManaged().then((managed) => {
  policy = managed;
  recompute();
});

export const settingsReady: Promise<void> = getLocal('settings')
  .then((stored) => {
    if (changedWhileLoading) return;
    user = stored;
    recompute();
  })
  .catch((err: unknown) => console.warn('netwhy: settings unreadable, using defaults', err))
  .finally(() => {
    loaded = true;
  });

onAreaChanged('local', (changes) => {
  if (!changes.settings) return;
  if (!loaded) changedWhileLoading = true;
  user = userSettings(changes.settings.newValue);
  recompute();
});
onAreaChanged('managed', () => {
  forgetManaged();
  void readManaged().then((managed) => {
    policy = managed;
    recompute();
  });
});

export function settings(): Settings {
  return current;
}

export function settingsLoaded(): boolean {
  return loaded;
}

/** Waits for the policy, at most `ms` (a fresh profile can take seconds to answer). */
export function withPolicyKnown(ms = 5000): Promise<void> {
  return Promise.race([policyReady, new Promise<void>((resolve) => setTimeout(resolve, ms))]);
}

export function currentPolicy(): ManagedConfig {
  return policy;
}

/** Saves what the user changed; locked settings cannot be changed. */
export async function updateSettings(patch: Partial<Settings>): Promise<Settings> {
  await Promise.all([settingsReady, withPolicyKnown()]);
  const allowed = Object.fromEntries(
    Object.entries(patch).filter(([k]) => !policy.locked.includes(k as keyof Settings)),
  );
  // Repair the user's part (drop junk) but keep only the keys the user actually set.
  user = { ...userSettings({ ...user, ...allowed }), version: SETTINGS_VERSION };
  recompute();
  await setLocal('settings', user);
  return current;
}

/** An administrator's policy as data: parsing and how it combines with the user's settings. Pure, tested in Node. */
import type { Settings } from './settings';

export interface ManagedConfig {
  /** Defaults for settings; the user may change them unless locked. */
  settings: Partial<Record<keyof Settings, unknown>>;
  /** Settings the user may not change (names of Settings keys). */
  locked: (keyof Settings)[];
  customRules: unknown;
  supportContact: string | null;
}

export const NO_POLICY: ManagedConfig = { settings: {}, locked: [], customRules: undefined, supportContact: null };

/** Pure: whatever the policy holds becomes a well-formed config. */
export function toManaged(raw: unknown): ManagedConfig {
  if (!raw || typeof raw !== 'object') return NO_POLICY;
  const v = raw as Record<string, unknown>;
  return {
    settings:
      v.settings && typeof v.settings === 'object' && !Array.isArray(v.settings)
        ? (v.settings as ManagedConfig['settings'])
        : {},
    locked: Array.isArray(v.locked) ? (v.locked.filter((k) => typeof k === 'string') as (keyof Settings)[]) : [],
    customRules: v.customRules,
    supportContact:
      typeof v.supportContact === 'string' && v.supportContact.trim() ? v.supportContact.trim().slice(0, 300) : null,
  };
}

/** Pure: the settings in force: policy defaults under the user's choices, locked ones over them. */
export function withPolicy(user: Record<string, unknown>, policy: ManagedConfig): Record<string, unknown> {
  const locked = Object.fromEntries(
    policy.locked.filter((k) => k in policy.settings).map((k) => [k, policy.settings[k]]),
  );
  return { ...policy.settings, ...user, ...locked };
}

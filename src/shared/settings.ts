/** User settings: typed, versioned, repaired on read. Pure (no browser API) so it is tested in Node. */
export const SETTINGS_VERSION = 1;

export type ProbeMode = 'off' | 'loopback' | 'remote';

export interface Settings {
  version: number;
  /** Replace the tab with the explanation page on top-frame network failures. */
  takeover: boolean;
  overlay5xx: boolean;
  overlay4xx: boolean;
  devBanner: boolean;
  probes: ProbeMode;
  historyLimit: number;
  /** Days to keep history entries. */
  retentionDays: number;
  /** Remove query, fragment and credentials from URLs in reports. */
  redactQuery: boolean;
  /** Also drop the path from URLs in reports. */
  redactPath: boolean;
  /** Hosts never recorded or explained. */
  ignoredHosts: string[];
  /** A top-level load that has not committed after this many seconds is explained as hung. */
  hangThresholdSec: number;
  /** Show a system notification for hung loads (asks for the notifications permission). */
  hangNotify: boolean;
}

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  takeover: true,
  overlay5xx: true,
  overlay4xx: false,
  devBanner: false,
  probes: 'loopback',
  historyLimit: 200,
  retentionDays: 30,
  redactQuery: true,
  redactPath: false,
  ignoredHosts: [],
  hangThresholdSec: 10,
  hangNotify: false,
});

type Stored = Record<string, unknown>;

/**
 * Upgrades from each older version, one step at a time. Version 0 is the unversioned pre-release shape, which had
 * one `redact` switch and `overlay` for 5xx only.
 */
const MIGRATIONS: Record<number, (old: Stored) => Stored> = {
  0: ({ redact, overlay, ...rest }) => ({
    ...rest,
    ...(typeof redact === 'boolean' ? { redactQuery: redact } : {}),
    ...(typeof overlay === 'boolean' ? { overlay5xx: overlay } : {}),
    version: 1,
  }),
};

export function migrateSettings(raw: Stored): Stored {
  let v = raw;
  // A negative or odd version is garbage: start from the unversioned shape (never loop from -1e15 upwards).
  let version = typeof v.version === 'number' && Number.isInteger(v.version) && v.version >= 0 ? v.version : 0;
  while (version < SETTINGS_VERSION) {
    const step = MIGRATIONS[version];
    v = step ? step(v) : { ...v };
    version++;
  }
  return v;
}

/**
 * Whether repairSettings would change or drop something stored, beyond moving an older version forward: a value of
 * the wrong kind, out of range, or a key it does not know.
 */
export function settingsNeedRepair(raw: unknown): boolean {
  if (raw === undefined) return false;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return true;
  const migrated = migrateSettings(raw as Stored);
  const repaired = repairSettings(migrated) as unknown as Record<string, unknown>;
  return Object.entries(migrated).some(
    ([k, v]) => k !== 'version' && JSON.stringify(repaired[k]) !== JSON.stringify(v),
  );
}

/**
 * The part of stored settings the user set: those keys only (policy defaults apply to the rest), moved to the current
 * version, each with its repaired value (unknown keys dropped). Whatever is stored becomes a valid `Partial<Settings>`.
 */
export function userSettings(raw: unknown): Partial<Settings> {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return {};
  const migrated = migrateSettings(raw as Stored);
  const repaired = repairSettings(migrated);
  return Object.fromEntries(
    Object.keys(migrated)
      .filter((k) => k in repaired)
      .map((k) => [k, repaired[k as keyof Settings]]),
  );
}

/** Whatever is stored (nothing, garbage, an older version) becomes valid current settings. */
export function repairSettings(raw: unknown): Settings {
  const v = migrateSettings(raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Stored) : {});
  const bool = (k: keyof Settings) =>
    typeof v[k] === 'boolean' ? (v[k] as boolean) : (DEFAULT_SETTINGS[k] as boolean);
  const int = (k: keyof Settings, min: number, max: number) => {
    const n = v[k];
    return typeof n === 'number' && Number.isFinite(n)
      ? Math.min(max, Math.max(min, Math.round(n)))
      : (DEFAULT_SETTINGS[k] as number);
  };
  return {
    version: SETTINGS_VERSION,
    takeover: bool('takeover'),
    overlay5xx: bool('overlay5xx'),
    overlay4xx: bool('overlay4xx'),
    devBanner: bool('devBanner'),
    probes: v.probes === 'off' || v.probes === 'loopback' || v.probes === 'remote' ? v.probes : DEFAULT_SETTINGS.probes,
    historyLimit: int('historyLimit', 10, 2000),
    retentionDays: int('retentionDays', 1, 365),
    redactQuery: bool('redactQuery'),
    redactPath: bool('redactPath'),
    hangThresholdSec: int('hangThresholdSec', 1, 300),
    hangNotify: bool('hangNotify'),
    ignoredHosts: Array.isArray(v.ignoredHosts)
      ? v.ignoredHosts.filter((h): h is string => typeof h === 'string' && h.length > 0 && h.length < 256).slice(0, 500)
      : [],
  };
}

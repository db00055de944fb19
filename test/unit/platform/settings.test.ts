import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS,
  migrateSettings,
  repairSettings,
  settingsNeedRepair,
  SETTINGS_VERSION,
} from '../../../src/shared/settings';

describe('settings', () => {
  it('gives the defaults for nothing or garbage', () => {
    for (const raw of [undefined, null, 42, 'x', [], { takeover: 'yes', historyLimit: 'many', probes: 'all' }]) {
      expect(repairSettings(raw)).toEqual(DEFAULT_SETTINGS);
    }
  });

  it('keeps valid values and clamps numbers', () => {
    const s = repairSettings({
      version: SETTINGS_VERSION,
      takeover: false,
      historyLimit: 1e9,
      retentionDays: 0,
      probes: 'off',
      ignoredHosts: ['a.example', 5, ''],
    });
    expect(s.takeover).toBe(false);
    expect(s.historyLimit).toBe(2000);
    expect(s.retentionDays).toBe(1);
    expect(s.probes).toBe('off');
    expect(s.ignoredHosts).toEqual(['a.example']);
  });

  it('migrates the first, unversioned shape', () => {
    const s = repairSettings({ redact: false, overlay: false, takeover: false });
    expect(s).toMatchObject({ version: SETTINGS_VERSION, redactQuery: false, overlay5xx: false, takeover: false });
    expect(s).not.toHaveProperty('redact');
  });

  it('migrates step by step and leaves the current version as it is', () => {
    expect(migrateSettings({ version: SETTINGS_VERSION, takeover: true })).toEqual({
      version: SETTINGS_VERSION,
      takeover: true,
    });
    expect(migrateSettings({}).version).toBe(SETTINGS_VERSION);
  });

  it('says when stored settings needed repair: junk yes, nothing, valid or only older no', () => {
    expect(settingsNeedRepair(undefined)).toBe(false);
    expect(settingsNeedRepair({ ...DEFAULT_SETTINGS })).toBe(false);
    expect(settingsNeedRepair({ version: SETTINGS_VERSION, takeover: false })).toBe(false);
    // The unversioned shape is migrated, not repaired.
    expect(settingsNeedRepair({ redact: false, overlay: false, takeover: false })).toBe(false);
    for (const raw of [
      null,
      42,
      [],
      { takeover: 'yes' },
      { historyLimit: 1e9 },
      { probes: 'all' },
      { colour: 'red' },
    ]) {
      expect(settingsNeedRepair(raw), JSON.stringify(raw)).toBe(true);
    }
  });
});

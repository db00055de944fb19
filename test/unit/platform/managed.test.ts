import { describe, expect, it } from 'vitest';
import { NO_POLICY, toManaged, withPolicy } from '../../../src/shared/managed-policy';
import { repairSettings } from '../../../src/shared/settings';

describe('managed policy', () => {
  it('reads a policy, and anything else as no policy', () => {
    expect(toManaged(undefined)).toEqual(NO_POLICY);
    expect(toManaged('x')).toEqual(NO_POLICY);
    expect(toManaged({ settings: [], locked: 'takeover', supportContact: '  ' })).toEqual({
      ...NO_POLICY,
      customRules: undefined,
    });
    expect(
      toManaged({ settings: { takeover: false }, locked: ['takeover', 5], supportContact: ' Help desk ' }),
    ).toEqual({
      settings: { takeover: false },
      locked: ['takeover'],
      customRules: undefined,
      supportContact: 'Help desk',
    });
  });

  it('policy values are defaults; locked ones win over the user', () => {
    const policy = toManaged({
      settings: { takeover: false, devBanner: true, historyLimit: 50 },
      locked: ['takeover'],
    });
    const s = repairSettings(withPolicy({ takeover: true, devBanner: false }, policy));
    expect(s.takeover).toBe(false); // locked
    expect(s.devBanner).toBe(false); // the user's choice over a default
    expect(s.historyLimit).toBe(50); // a default the user did not change
  });
});

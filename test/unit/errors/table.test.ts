import { describe, expect, it } from 'vitest';
import { CHROMIUM_ERRORS } from '../../../src/engine/errors/chromium';
import { canonicalForFirefoxName } from '../../../src/engine/errors/firefox-lookup';
import { entryText } from '../../../src/engine/errors/text';
import { t } from '../../../src/engine/i18n';
import { FIREFOX_NETWORK_ERRORS, FIREFOX_PHASES } from '../../../src/engine/errors/firefox';
import { FIREFOX_ERRORS, FIREFOX_PHASE_ERRORS } from '../../../src/engine/errors/firefox-entries';
import { allNssNames, nssErrorForName } from '../../../src/engine/errors/nss';
import {
  ALL_ERRORS,
  describe as describeCode,
  entryForAlias,
  entryForCode,
  entryForNumber,
  takeoverFor,
  UNKNOWN_ENTRY,
} from '../../../src/engine/errors/table';
import { CATEGORIES, VERDICTS } from '../../../src/engine/errors/types';
import { chromiumRows, requiredChromiumRows } from './fixtures';

const sentences = (text: string) => text.split(/[.!?](?:\s|$)/).filter((s) => s.trim() !== '').length;

describe('Chromium coverage', () => {
  const required = requiredChromiumRows();

  it('reads the reference list (240 active codes and the later additions)', () => {
    expect(chromiumRows().filter((r) => r.status === 'active')).toHaveLength(240);
    expect(required.length).toBeGreaterThanOrEqual(256);
  });

  it('has an entry for every active code and every later addition, with its number', () => {
    const missing = required.filter((row) => entryForCode(row.code)?.number !== row.number);
    expect(missing.map((r) => `${r.code} (${r.number})`)).toEqual([]);
  });

  it('keeps renamed codes findable under their old name', () => {
    for (const row of chromiumRows().filter((r) => r.change.startsWith('renamed'))) {
      expect(row.code).toMatch(/LOCAL_NETWORK/);
      expect(entryForAlias(row.code.replace('LOCAL_NETWORK', 'PRIVATE_NETWORK'))?.code).toBe(row.code);
    }
  });

  it('numbers every Chromium entry as the reference list does (no typos, no invented codes)', () => {
    const rows = new Map(chromiumRows().map((r) => [r.number, r]));
    for (const entry of CHROMIUM_ERRORS) {
      const row = rows.get(entry.number);
      expect(row, `${entry.code} has a number the list does not know`).toBeDefined();
      expect(row!.code, `number ${entry.number}`).toBe(entry.code);
      expect(['removed', 'marker', 'obsolete'], `${entry.code} is no longer used`).not.toContain(row!.status);
    }
  });

  it('finds entries by number', () => {
    expect(entryForNumber(-102)?.code).toBe('ERR_CONNECTION_REFUSED');
    expect(entryForNumber(-821)?.code).toBe('ERR_DNS_DIRECT_ONLY');
    expect(entryForNumber(0)).toBeUndefined();
    expect(entryForNumber(-216)).toBeUndefined();
  });
});

describe('every entry', () => {
  it.each(ALL_ERRORS.map((e) => [e.code, e] as const))('%s is complete and well formed', (_code, data) => {
    const entry = { ...data, ...entryText(data) };
    expect(entry.title.trim()).not.toBe('');
    expect(entry.title).not.toMatch(/\.$/);
    expect(entry.meaning.trim()).not.toBe('');
    expect(entry.meaning).toMatch(/[.)]$/);
    expect(sentences(entry.meaning), entry.meaning).toBeLessThanOrEqual(2);
    expect(entry.meaning.length).toBeLessThanOrEqual(300);
    expect(entry.verdictReason.trim()).not.toBe('');
    expect(entry.verdictReason).toMatch(/\.$/);
    expect(CATEGORIES).toContain(entry.category);
    expect(VERDICTS).toContain(entry.verdict);
    expect(typeof entry.takeover).toBe('boolean');
    for (const list of Object.values(entry.steps ?? {})) {
      expect(list.length).toBeGreaterThan(0);
      for (const step of list) expect(step).toMatch(/^[A-Z].*[.)]$/);
    }
    if (entry.internal) expect(entry.meaning).toContain(t('e_internal_note'));
    if (entry.closest) expect(entryForCode(entry.closest)?.number, entry.closest).toBeLessThan(0);
  });

  it('uses Chromium names with negative numbers, and Firefox names with number 0', () => {
    for (const entry of CHROMIUM_ERRORS) {
      expect(entry.code).toMatch(/^ERR_[A-Z0-9_]+$/);
      expect(entry.number).toBeLessThan(0);
    }
    for (const entry of FIREFOX_ERRORS) {
      expect(entry.code).toMatch(/^NS_[A-Z0-9_]+$/);
      expect(entry.number).toBe(0);
    }
  });

  it('has unique codes', () => {
    const codes = ALL_ERRORS.map((e) => e.code);
    expect(codes.filter((c, i) => codes.indexOf(c) !== i)).toEqual([]);
  });

  it('has aliases that clash with nothing', () => {
    const codes = new Set(ALL_ERRORS.map((e) => e.code));
    const owner = new Map<string, string>();
    for (const entry of ALL_ERRORS) {
      for (const alias of entry.aliases ?? []) {
        const key = alias.toUpperCase();
        expect(codes.has(key), `${alias} is also a code`).toBe(false);
        expect(owner.get(key), `${alias} is on ${owner.get(key)} and ${entry.code}`).toBeUndefined();
        owner.set(key, entry.code);
      }
    }
  });

  it('lists each Firefox or NSS alias on the entry its name maps to', () => {
    for (const entry of ALL_ERRORS) {
      for (const alias of entry.aliases ?? []) {
        if (!/^(NS_|SSL_ERROR_|SEC_ERROR_|MOZILLA_PKIX_ERROR_|PR_)/.test(alias)) continue;
        expect(canonicalForFirefoxName(alias), alias).toBe(entry.code);
      }
    }
  });
});

describe('takeover', () => {
  it("never replaces the browser's certificate warning", () => {
    const certs = CHROMIUM_ERRORS.filter((e) => e.code.startsWith('ERR_CERT'));
    expect(certs.length).toBeGreaterThanOrEqual(17);
    for (const entry of certs) {
      expect(entry.takeover, entry.code).toBe(false);
      expect(entry.category, entry.code).toBe('certificate');
    }
  });

  it('leaves aborts and unknown schemes alone', () => {
    expect(entryForCode('ERR_ABORTED')?.takeover).toBe(false);
    expect(entryForCode('ERR_UNKNOWN_URL_SCHEME')?.takeover).toBe(false);
    for (const entry of ALL_ERRORS.filter((e) => e.category === 'aborted'))
      expect(entry.takeover, entry.code).toBe(false);
  });

  it('takes over for the usual network failures', () => {
    for (const code of [
      'ERR_CONNECTION_REFUSED',
      'ERR_NAME_NOT_RESOLVED',
      'ERR_SSL_PROTOCOL_ERROR',
      'ERR_TOO_MANY_REDIRECTS',
    ]) {
      expect(entryForCode(code)?.takeover, code).toBe(true);
    }
  });

  it('keeps certificate and aborted categories from taking over, whatever the code', () => {
    expect(takeoverFor({ code: 'UNKNOWN', category: 'certificate' })).toBe(false);
    expect(takeoverFor({ code: 'UNKNOWN', category: 'aborted' })).toBe(false);
    expect(takeoverFor({ code: 'UNKNOWN', category: 'other' })).toBe(true);
    expect(takeoverFor({ code: 'ERR_CONNECTION_REFUSED', category: 'connection' })).toBe(true);
  });
});

describe('Firefox names', () => {
  it('map to codes that have an entry', () => {
    for (const row of FIREFOX_NETWORK_ERRORS)
      expect(entryForCode(row.canonical), `${row.name} → ${row.canonical}`).toBeDefined();
    for (const [name] of allNssNames()) {
      const canonical = nssErrorForName(name)!.canonical;
      expect(entryForCode(canonical), `${name} → ${canonical}`).toBeDefined();
    }
  });

  it('have unique names and nsresults', () => {
    const names = FIREFOX_NETWORK_ERRORS.map((r) => r.name);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
    const keys = FIREFOX_NETWORK_ERRORS.map((r) => `${r.module}:${r.code}`);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]);
  });

  it('give every Firefox-only entry a name that reaches it', () => {
    const reachable = new Set([...FIREFOX_NETWORK_ERRORS.map((r) => r.canonical), ...FIREFOX_PHASES]);
    for (const entry of FIREFOX_ERRORS) expect(reachable.has(entry.code), entry.code).toBe(true);
  });

  it('have one entry per load phase', () => {
    expect(FIREFOX_PHASE_ERRORS.map((e) => e.code).sort()).toEqual([...FIREFOX_PHASES].sort());
  });
});

describe('describe()', () => {
  it('returns the entry, or the generic one', () => {
    expect(describeCode('ERR_CONNECTION_REFUSED').number).toBe(-102);
    expect(describeCode('NS_ERROR_HTTPS_ONLY').code).toBe('NS_ERROR_HTTPS_ONLY');
    expect(describeCode('nope')).toBe(UNKNOWN_ENTRY);
    expect(describeCode('')).toBe(UNKNOWN_ENTRY);
  });
});

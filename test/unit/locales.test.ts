/**
 * The message catalogs: every language has every message, with the same parameters; every English message is used
 * by the code and every message the code names exists; every rule fixture and every taxonomy entry reads without a
 * missing message in every language.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_LOCALE, locales, readCatalog, readParts } from '../../scripts/locales';
import { diagnose } from '../../src/engine/diagnose';
import { ALL_ERRORS, UNKNOWN_ENTRY } from '../../src/engine/errors/table';
import { entryKeys, entryText } from '../../src/engine/errors/text';
import { catalogTranslator, setTranslator, substitute } from '../../src/engine/i18n';
import { buildReport } from '../../src/engine/report/build';
import { toMarkdown, toText } from '../../src/engine/report/render';
import { failureOf, RULE_CASES } from '../fixtures/rule-cases';
import { ENGLISH } from '../support/english';

const ROOT = join(import.meta.dirname, '..', '..');
const LANGS = locales();
const OTHERS = LANGS.filter((l) => l !== DEFAULT_LOCALE);
const params = (m: string) =>
  [...m.matchAll(/\$([1-9])/g)]
    .map((x) => x[1])
    .sort()
    .join(',');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(d.name) ? [path] : [];
  });
}

const SOURCES = sourceFiles(join(ROOT, 'src')).map((file) => ({
  file: relative(ROOT, file),
  text: readFileSync(file, 'utf8'),
}));

describe('message catalogs', () => {
  it('exist for English and at least German, Spanish and French', () => {
    expect(LANGS).toEqual(expect.arrayContaining(['en', 'de', 'es', 'fr']));
  });

  it.each(OTHERS)('%s has every English message in the same part, with the same parameters', (lang) => {
    const en = readParts(DEFAULT_LOCALE);
    const tr = readParts(lang);
    expect(Object.keys(tr).sort()).toEqual(Object.keys(en).sort());
    for (const [part, messages] of Object.entries(en)) {
      const problems: string[] = [];
      for (const [key, { message }] of Object.entries(messages)) {
        const got = tr[part]![key]?.message;
        if (typeof got !== 'string' || got.trim() === '') problems.push(`${key}: missing`);
        else if (params(got) !== params(message))
          problems.push(`${key}: parameters ${params(got)} instead of ${params(message)}`);
      }
      for (const key of Object.keys(tr[part]!)) if (!(key in messages)) problems.push(`${key}: not in English`);
      expect(problems, `${lang}/${part}`).toEqual([]);
    }
  });

  it.each(OTHERS)('%s is translated, not a copy of English', (lang) => {
    const catalog = readCatalog(lang);
    const words = Object.entries(ENGLISH).filter(([, { message }]) => /[a-z]{4}/.test(message));
    const same = words.filter(([key, { message }]) => catalog[key]?.message === message);
    expect(
      same.length,
      same
        .slice(0, 10)
        .map(([k]) => k)
        .join(', '),
    ).toBeLessThan(words.length * 0.05);
  });

  it.each(LANGS)('%s: names and dollars are what the browsers accept', (lang) => {
    const catalog = readCatalog(lang); // throws on a key defined twice, ignoring case
    for (const [key, { message }] of Object.entries(catalog)) {
      expect(key, lang).toMatch(/^[A-Za-z0-9_]+$/);
      // `$1`..`$9` and `$$` only: `$word$` would need a placeholder definition and Chromium refuses to load without it.
      expect(message.replace(/\$[1-9$]/g, ''), `${lang} ${key}`).not.toContain('$');
      expect(message, `${lang} ${key}`).toBe(message.trim());
    }
  });

  it.each(LANGS)('%s: the name and description fit the stores (45 and 132 characters)', (lang) => {
    const catalog = readCatalog(lang);
    expect(catalog.extName!.message.length).toBeLessThanOrEqual(45);
    expect(catalog.extDescription!.message.length).toBeLessThanOrEqual(132);
    expect(catalog.lang!.message).toBe(lang);
  });

  it('names every message the code uses, and uses every English message', () => {
    const english = new Set(Object.keys(ENGLISH));
    const called = new Set<string>(['lang']);
    const named = new Set<string>();
    const prefixes = new Set<string>();
    for (const { text } of SOURCES) {
      for (const m of text.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) called.add(m[1]!);
      // Keys picked by a condition: t(x ? 'a' : 'b'), and plain literals that are keys anywhere in the code.
      for (const m of text.matchAll(/'([a-z][A-Za-z0-9]*_[A-Za-z0-9_]+)'/g)) if (english.has(m[1]!)) named.add(m[1]!);
      // Keys built from a prefix: t(`banner_${name}_one`) uses every key starting with `banner_`.
      for (const m of text.matchAll(/`([a-z][a-z0-9]*_[A-Za-z0-9_]*)\$\{/g)) prefixes.add(m[1]!);
    }
    for (const entry of [...ALL_ERRORS, UNKNOWN_ENTRY]) for (const key of entryKeys(entry)) called.add(key);
    const manifest = readFileSync(join(ROOT, 'manifest.json'), 'utf8');
    for (const m of manifest.matchAll(/__MSG_([A-Za-z0-9_]+)__/g)) called.add(m[1]!);
    for (const key of called) named.add(key);

    const undefinedKeys = [...called].filter((key) => !english.has(key));
    expect(undefinedKeys, 'named in the code but not in src/locales/en').toEqual([]);
    const unused = [...english].filter((key) => !named.has(key) && ![...prefixes].some((p) => key.startsWith(p)));
    expect(unused, 'in src/locales/en but never used').toEqual([]);
  });
});

describe('every language reads completely', () => {
  afterAll(() => setTranslator(catalogTranslator(ENGLISH)));
  const looksLikeKey =
    /\b(e|r|report|cmd|ev|custom|banner|popup|explain|options|rules|cat|overlay|common)_[A-Za-z0-9_]+\b/;

  it.each(LANGS)('%s: every rule fixture and its report', (lang) => {
    setTranslator(catalogTranslator(readCatalog(lang)));
    for (const c of RULE_CASES) {
      const failure = failureOf(c.failure);
      const d = diagnose(failure);
      const texts = [
        d.cause.title,
        d.cause.summary,
        d.error.title,
        d.error.meaning,
        ...d.evidence.map((e) => e.text),
        ...d.steps.map((s) => s.text),
        ...d.commands.map((x) => x.label),
        ...d.alternatives.flatMap((a) => [a.title, a.summary]),
      ];
      for (const text of texts) {
        expect(text.trim(), `${lang} ${c.name}`).not.toBe('');
        expect(text, `${lang} ${c.name}`).not.toMatch(looksLikeKey);
        expect(text, `${lang} ${c.name}: a parameter was not filled`).not.toMatch(/\$[1-9]/);
      }
      const report = buildReport(failure, d, {
        browser: { name: 'Chromium', version: '140', os: 'Linux' },
        extension: { name: 'netwhy', version: '0.1.0' },
        generatedAt: new Date(0),
      } as never);
      for (const rendered of [toMarkdown(report), toText(report)])
        expect(rendered, `${lang} ${c.name}`).not.toMatch(looksLikeKey);
    }
  });

  it.each(LANGS)('%s: every taxonomy entry', (lang) => {
    setTranslator(catalogTranslator(readCatalog(lang)));
    for (const entry of [...ALL_ERRORS, UNKNOWN_ENTRY]) {
      const text = entryText(entry);
      for (const s of [text.title, text.meaning, text.verdictReason, ...Object.values(text.steps).flat()]) {
        expect(s, `${lang} ${entry.code}`).not.toMatch(/^e_/);
        expect(s.trim(), `${lang} ${entry.code}`).not.toBe('');
      }
    }
  });
});

describe('substitution', () => {
  it('follows the browsers: $1..$9 take parameters, $$ is a dollar, missing parameters are empty', () => {
    expect(substitute('Port $1 on $2', [8080, 'example.com'])).toBe('Port 8080 on example.com');
    expect(substitute('costs $$5 and $1', ['x'])).toBe('costs $5 and x');
    expect(substitute('$2 before $1', ['a', 'b'])).toBe('b before a');
    expect(substitute('nothing for $3', ['a'])).toBe('nothing for ');
  });

  it('gives back the key for a message the catalog lacks, so it shows', () => {
    expect(catalogTranslator({})('no_such_key')).toBe('no_such_key');
    expect(catalogTranslator({ a: { message: 'A' } })('toString')).toBe('toString');
  });
});

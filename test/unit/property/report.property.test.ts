/**
 * buildReport + its three renderings over arbitrary failures: the JSON validates against docs/report.schema.json,
 * Markdown keeps its template structure (no field becomes a heading, a line, HTML, a link or code), plain text has
 * no line breaks from fields, and the default settings redact query, fragment and credentials everywhere.
 */
import Ajv from 'ajv';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/diagnose';
import { toFailure, type Failure } from '../../../src/engine/failure';
import { buildReport, type Report, type ReportMeta } from '../../../src/engine/report/build';
import { toMarkdown, toText } from '../../../src/engine/report/render';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { check, failureArb, hostileString, SECRET, secretUrl, timeout } from './arbitraries';

const schema = JSON.parse(readFileSync(new URL('../../../docs/report.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

const metaArb: fc.Arbitrary<ReportMeta> = fc.record({
  generatedAt: fc.oneof(
    fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
    fc.constantFrom(0, 8.64e15, -1, Number.NaN),
  ),
  extension: fc.record({
    name: fc.oneof(fc.constant('netwhy'), hostileString),
    version: fc.oneof(fc.constant('0.1.0'), hostileString),
  }),
  browser: fc.record({ name: hostileString, version: hostileString, os: hostileString }),
  redactQuery: fc.boolean(),
  redactPath: fc.boolean(),
  proxy: fc.option(hostileString, { nil: null }),
  supportContact: fc.option(hostileString, { nil: null }),
});

const DEFAULT_META: Omit<ReportMeta, 'redactQuery' | 'redactPath'> = {
  generatedAt: Date.UTC(2026, 10, 27, 12),
  extension: { name: 'netwhy', version: '0.1.0' },
  browser: { name: 'Chromium', version: '156', os: 'Linux' },
};

/** Failures as the pages get them: from capture, storage or a URL, always through toFailure. */
const failures: fc.Arbitrary<Failure> = failureArb
  .map((f) => toFailure(JSON.parse(JSON.stringify(f))))
  .filter((f): f is Failure => f !== null);

function reportOf(f: Failure, meta: ReportMeta): Report {
  return buildReport(f, diagnose(f), meta);
}

/** The same report with every free-text string replaced by "x" (lookup keys kept): the template's own shape. */
const KEYS_KEPT = new Set(['schema', 'verdict', 'confidenceWord', 'audience']);
function benign<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (KEYS_KEPT.has(key) || value === '' ? value : 'x') as T;
  if (Array.isArray(value)) return value.map((v) => benign(v, key)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, benign(v, k)])) as T;
  }
  return value;
}

const escapedAt = (s: string, i: number): boolean => {
  let n = 0;
  for (let j = i - 1; j >= 0 && s[j] === '\\'; j--) n++;
  return n % 2 === 1;
};

/** Removes CommonMark code spans; throws on a backtick run that opens no span (a field broke out of one). */
function withoutCodeSpans(line: string): string {
  let out = '';
  let i = 0;
  while (i < line.length) {
    if (line[i] === '`' && !escapedAt(line, i)) {
      let n = 0;
      while (line[i + n] === '`') n++;
      const rest = line.slice(i + n);
      const close = new RegExp(`(?<!\`)\`{${n}}(?!\`)`).exec(rest);
      if (!close) throw new Error(`unclosed code span in: ${line}`);
      out += ' ';
      i += n + close.index + n;
      continue;
    }
    out += line[i];
    i++;
  }
  return out;
}

/** Unicode's mandatory line breaks (UAX #14: BK, CR, LF, NL). */
const LINE_BREAKS = /[\n\r\v\f\u0085\u2028\u2029]/;

describe('reports (property)', () => {
  it(
    'JSON validates against docs/report.schema.json for arbitrary failures and settings',
    () => {
      check(
        'report/json-schema',
        700,
        fc.property(failures, metaArb, (f, meta) => {
          const report = reportOf(f, meta);
          const json = JSON.parse(JSON.stringify(report)) as { failure: { count: number } };
          const ok = validate(json);
          if (!ok) throw new Error(JSON.stringify(validate.errors?.slice(0, 3)));
          expect(json.failure.count).toBe(f.count);
        }),
      );
    },
    timeout(6_000),
  );

  it(
    'Markdown keeps the template structure: no field adds a line, a heading, HTML, a link or a code span',
    () => {
      check(
        'report/markdown',
        700,
        fc.property(failures, metaArb, (f, meta) => {
          const report = reportOf(f, meta);
          const md = toMarkdown(report).split('\n');
          const shape = toMarkdown(benign(report)).split('\n');
          expect(md.length).toBe(shape.length);
          md.forEach((line, i) => {
            const template = shape[i]!;
            // The template's text before the first field is the line's start: a field can never begin a line.
            const prefix = template.slice(0, Math.max(0, template.search(/x|`|\\/)));
            expect(line.startsWith(prefix === '' && template !== '' ? template.slice(0, 2) : prefix)).toBe(true);
            if (line.startsWith('#')) expect(line.replace(/:.*/, '')).toBe(template.replace(/:.*/, ''));
            const prose = withoutCodeSpans(line);
            for (let p = 0; p < prose.length; p++) {
              const ch = prose[p]!;
              if ('<>[]`!'.includes(ch) && !escapedAt(prose, p))
                throw new Error(`unescaped ${ch} in line ${i}: ${line}`);
            }
          });
          expect(md.filter((l) => /^#{1,6} /.test(l))).toHaveLength(shape.filter((l) => /^#{1,6} /.test(l)).length);
        }),
      );
    },
    timeout(6_000),
  );

  it(
    'plain text has no line breaks from fields',
    () => {
      check(
        'report/text',
        700,
        fc.property(failures, metaArb, (f, meta) => {
          const report = reportOf(f, meta);
          const text = toText(report).split('\n');
          const shape = toText(benign(report)).split('\n');
          expect(text.length).toBe(shape.length);
          text.forEach((line, i) => {
            if (LINE_BREAKS.test(line))
              throw new Error(`line break from a field in line ${i}: ${JSON.stringify(line)}`);
            const template = shape[i]!;
            const prefix = template.slice(0, Math.max(0, template.indexOf('x')));
            if (!line.startsWith(prefix))
              throw new Error(`line ${i} ${JSON.stringify(line)} does not start with ${JSON.stringify(prefix)}`);
          });
        }),
      );
    },
    timeout(6_000),
  );

  it(
    'with the default settings no rendering carries the query, fragment or credentials of the URL',
    () => {
      const { redactQuery, redactPath } = DEFAULT_SETTINGS;
      check(
        'report/redacted',
        700,
        fc.property(secretUrl, failures, fc.oneof(fc.constant(null), hostileString), ({ url }, base, error) => {
          if (!URL.canParse(url)) return;
          const f = toFailure({ ...base, url, error: error ?? base.error })!;
          const report = reportOf(f, { ...DEFAULT_META, redactQuery, redactPath });
          for (const out of [JSON.stringify(report), toMarkdown(report), toText(report)])
            expect(out).not.toContain(SECRET);
        }),
      );
    },
    timeout(5_000),
  );
});

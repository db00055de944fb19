import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/diagnose';
import { buildReport, type ReportMeta } from '../../../src/engine/report/build';
import { code, md, toMarkdown, toText } from '../../../src/engine/report/render';
import { failureOf, NOW, RULE_CASES } from '../../fixtures/rule-cases';

const schema = JSON.parse(readFileSync('docs/report.schema.json', 'utf8'));
export const validateReport = new Ajv({ allErrors: true, strict: false }).compile(schema);

const meta: ReportMeta = {
  generatedAt: NOW,
  extension: { name: 'netwhy', version: '0.1.0' },
  browser: { name: 'Chromium', version: '156', os: 'Linux' },
  redactQuery: true,
  redactPath: false,
};

describe('reports', () => {
  it.each(RULE_CASES)('JSON for "$name" validates against docs/report.schema.json', (c) => {
    const f = failureOf(c.failure);
    const report = buildReport(f, diagnose(f), meta);
    const ok = validateReport(JSON.parse(JSON.stringify(report)));
    expect(validateReport.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  it('redacts query, fragment and credentials everywhere by default', () => {
    const f = failureOf({
      url: 'http://user:pw@127.0.0.1:3000/app?token=secret#frag',
      error: 'net::ERR_CONNECTION_REFUSED',
    });
    const report = buildReport(f, diagnose(f), meta);
    for (const text of [JSON.stringify(report), toMarkdown(report), toText(report)]) {
      expect(text).not.toContain('secret');
      expect(text).not.toContain('frag');
      expect(text).not.toContain('pw@');
      expect(text).toContain('127.0.0.1:3000/app');
    }
  });

  it('names no other site the user loaded, in any format and whatever the settings: counts only (issue 18)', () => {
    const ok = ['news.example', 'bank.example:8443', 'mail.example', 'chat.example', '[2001:db8::1]:8080'];
    const failing = ['shop.example', 'forum.example', 'wiki.example'];
    const context = {
      recentSuccesses: ok.map((host, i) => ({ host, time: NOW - 1000 * (i + 1) })),
      recentFailures: failing.map((host, i) => ({ host, code: 'ERR_NAME_NOT_RESOLVED', time: NOW - 500 * (i + 1) })),
      hostLastSuccess: null,
    };
    const cases = [
      failureOf({ url: 'https://down.example/app?q=1', error: 'net::ERR_CONNECTION_REFUSED', context }),
      failureOf({ url: 'https://other.example/', error: 'net::ERR_NAME_NOT_RESOLVED', context }),
      failureOf({
        url: 'https://down.example/',
        error: 'net::ERR_CONNECTION_RESET',
        context: {
          ...context,
          recentFailures: failing.map((host) => ({ host, code: 'ERR_CONNECTION_RESET', time: NOW - 100 })),
        },
      }),
    ];
    for (const f of cases) {
      const d = diagnose(f);
      // The diagnosis on the user's own screen names them (so this test is not vacuous)...
      expect(JSON.stringify(d)).toMatch(/news\.example|shop\.example/);
      for (const redact of [
        { redactQuery: true, redactPath: false },
        { redactQuery: false, redactPath: false },
        { redactQuery: false, redactPath: true },
      ]) {
        const report = buildReport(f, d, { ...meta, ...redact });
        // ...a report never does.
        for (const text of [JSON.stringify(report), toMarkdown(report), toText(report)]) {
          for (const host of [...ok, ...failing])
            expect(text).not.toContain(host.replace(/:\d+$/, '').replace(/^\[|\]$/g, ''));
          expect(text).toContain(new URL(f.url).hostname);
        }
        expect(report.context).toMatchObject({ recentSuccesses: 5, recentFailures: 3, otherHostsFailing: 3 });
        expect(validateReport(JSON.parse(JSON.stringify(report)))).toBe(true);
      }
    }
    const refused = buildReport(cases[0]!, diagnose(cases[0]!), meta);
    expect(toMarkdown(refused)).toContain('5 other sites loaded fine in the last minutes (5 other sites)');
    expect(toMarkdown(refused)).toContain('how many other sites loaded or failed recently, never which ones');
    expect(toText(refused)).toContain('how many other sites loaded or failed recently, never which ones');
  });

  it('keeps the typo suggestion and the failed host: they are the diagnosis, not other browsing', () => {
    const f = failureOf({
      url: 'https://githbu.com/x',
      error: 'net::ERR_NAME_NOT_RESOLVED',
      context: {
        recentSuccesses: [
          { host: 'github.com', time: NOW - 1000 },
          { host: 'news.example', time: NOW - 500 },
        ],
        recentFailures: [],
        hostLastSuccess: null,
        similarHosts: ['github.com'],
      },
    });
    const report = buildReport(f, diagnose(f), meta);
    const text = toMarkdown(report);
    expect(text).toContain('github.com');
    expect(text).not.toContain('news.example');
  });

  it('can drop the path too, and keeps everything when redaction is off', () => {
    const f = failureOf({ url: 'https://example.com/private/path?q=1', error: 'net::ERR_CONNECTION_RESET' });
    expect(buildReport(f, diagnose(f), { ...meta, redactPath: true }).failure.url).toBe('https://example.com/');
    expect(buildReport(f, diagnose(f), { ...meta, redactQuery: false }).failure.url).toBe(
      'https://example.com/private/path?q=1',
    );
  });

  it('keeps hostile text inert in Markdown', () => {
    const f = failureOf({ url: 'http://127.0.0.1:3000/', error: '<img src=x onerror=alert(1)>\n## injected `code`' });
    const out = toMarkdown(buildReport(f, diagnose(f), meta));
    // The raw string only ever appears inside a code span, which Markdown renders as literal text.
    expect(out).toContain('raw `` <img src=x onerror=alert(1)> ## injected `code` ``');
    expect(out.replace(/`` .*? ``/g, '')).not.toContain('<img');
    expect(out.split('\n').some((l) => l.startsWith('## injected'))).toBe(false);
    expect(md('a*b_c[d](e)')).toBe('a\\*b\\_c\\[d\\](e)');
    expect(code('x`y')).toBe('``x`y``');
  });

  it('says what a person needs in the Markdown: verdict, code, steps, commands', () => {
    const f = failureOf({ url: 'http://localhost:3000/', error: 'net::ERR_CONNECTION_REFUSED' });
    const out = toMarkdown(buildReport(f, diagnose(f), meta));
    expect(out).toContain('a server on this computer');
    expect(out).toContain('`ERR_CONNECTION_REFUSED`');
    expect(out).toContain('### What to do');
    expect(out).toContain("`ss -ltnp 'sport = :3000'`");
  });
});

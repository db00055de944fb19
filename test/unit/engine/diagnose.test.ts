import { describe, expect, it } from 'vitest';
import { causeTitle, diagnose } from '../../../src/engine/diagnose';
import { ALL_ERRORS } from '../../../src/engine/errors/table';
import { toFailure } from '../../../src/engine/failure';
import { failureOf, NOW } from '../../fixtures/rule-cases';

describe('diagnose', () => {
  it('explains a refused localhost port as your own server not running', () => {
    const d = diagnose(failureOf({ url: 'http://localhost:3000/app', error: 'net::ERR_CONNECTION_REFUSED' }));
    expect(d.cause.summary).toBe('Nothing on your computer is answering at port 3000.');
    expect(d.verdict).toBe('server');
    expect(d.local).toBe(true);
    expect(d.steps.some((s) => s.audience === 'developer')).toBe(true);
    expect(d.steps.some((s) => s.audience === 'owner')).toBe(false);
    expect(d.evidence.some((e) => /not the usual web port/.test(e.text))).toBe(true);
  });

  it('fills commands with the real host and port, and never the query string', () => {
    const d = diagnose(
      failureOf({ url: 'http://example.com:8080/x?token=secret#frag', error: 'net::ERR_CONNECTION_REFUSED' }),
    );
    const all = d.commands.map((c) => c.command).join('\n');
    expect(all).toContain('curl -v http://example.com:8080/x');
    expect(all).toContain('nc -vz example.com 8080');
    expect(all).toContain('Test-NetConnection example.com -Port 8080');
    expect(all).toContain("ss -ltnp 'sport = :8080'");
    expect(all).toContain('traceroute example.com');
    expect(all).toContain('tracert example.com');
    expect(all).not.toContain('secret');
    for (const platform of ['linux', 'macos', 'windows'])
      expect(d.commands.some((c) => c.platform === platform)).toBe(true);
  });

  it('brackets IPv6 hosts in commands and sentences', () => {
    const d = diagnose(failureOf({ url: 'http://[::1]:3000/', error: 'net::ERR_CONNECTION_REFUSED' }));
    expect(d.local).toBe(true);
    expect(d.commands.some((c) => c.command === "curl -v 'http://[::1]:3000/'")).toBe(true);
  });

  it('says other sites work when they loaded fine recently', () => {
    const d = diagnose(
      failureOf({
        url: 'https://example.com/',
        error: 'net::ERR_CONNECTION_RESET',
        context: {
          recentSuccesses: [{ host: 'news.example', time: NOW - 60_000 }],
          recentFailures: [],
          hostLastSuccess: NOW - 120_000,
        },
      }),
    );
    const lines = d.evidence.map((e) => `${e.pointsTo}: ${e.text}`);
    expect(lines.some((l) => l.startsWith('server: Another site loaded fine') && l.includes('news.example'))).toBe(
      true,
    );
    expect(lines.some((l) => /example\.com loaded fine at \d\d:\d\d/.test(l))).toBe(true);
  });

  it('does not count other sites for a server on this computer', () => {
    const d = diagnose(
      failureOf({
        url: 'http://127.0.0.1:3000/',
        error: 'net::ERR_CONNECTION_REFUSED',
        context: {
          recentSuccesses: [{ host: 'news.example', time: NOW - 60_000 }],
          recentFailures: [],
          hostLastSuccess: null,
        },
      }),
    );
    expect(d.evidence.some((e) => /Another site/.test(e.text))).toBe(false);
  });

  it('keeps a specific cause first and lists other matches as alternatives', () => {
    const d = diagnose(
      failureOf({
        url: 'https://one.example/',
        error: 'net::ERR_NAME_NOT_RESOLVED',
        context: {
          recentSuccesses: [],
          recentFailures: [
            { host: 'a.example', code: 'ERR_NAME_NOT_RESOLVED', time: NOW },
            { host: 'b.example', code: 'ERR_NAME_NOT_RESOLVED', time: NOW },
          ],
          hostLastSuccess: null,
        },
      }),
    );
    expect(d.cause.id).toBe('dns-failure');
    expect(d.alternatives.map((a) => a.id)).toContain('name-not-found');
  });

  it('raises confidence with supporting evidence and lowers it with contrary evidence', () => {
    const base = diagnose(failureOf({ url: 'https://example.com/', error: 'net::ERR_CONNECTION_RESET' }));
    const supported = diagnose(
      failureOf({
        url: 'https://example.com/',
        error: 'net::ERR_CONNECTION_RESET',
        context: {
          recentSuccesses: [{ host: 'a.example', time: NOW }],
          recentFailures: [],
          hostLastSuccess: NOW - 60_000,
        },
      }),
    );
    // A proxy in the path: the reset may come from it, not from the server. Same cause, less sure.
    const contrary = diagnose(
      failureOf({
        url: 'https://example.com/',
        error: 'net::ERR_CONNECTION_RESET',
        context: { recentSuccesses: [], recentFailures: [], hostLastSuccess: null, proxy: 'fixed_servers' },
      }),
    );
    expect(supported.cause.id).toBe(base.cause.id);
    expect(supported.confidence).toBeGreaterThan(base.confidence);
    expect(contrary.cause.id).toBe(base.cause.id);
    expect(contrary.confidence).toBeLessThan(base.confidence);
    // Evidence that changes the story changes the cause.
    expect(
      diagnose(failureOf({ url: 'https://example.com/', error: 'net::ERR_CONNECTION_RESET', online: false })).cause.id,
    ).toBe('offline');
  });

  it('never throws on a failing rule', () => {
    const bad = [
      {
        cause: 'boom',
        title: 'x',
        summary: 'x',
        verdict: 'server' as const,
        score: 1,
        when: () => {
          throw new Error('x');
        },
      },
    ];
    const d = diagnose(failureOf({ url: 'https://example.com/', error: 'net::ERR_FAILED' }), bad);
    expect(d.cause.id).toBe('browser-error');
  });
});

describe('what to do', () => {
  it('always says something, for every code, on this computer and for a remote site', () => {
    for (const entry of ALL_ERRORS) {
      for (const url of ['https://shop.example.com/cart', 'http://127.0.0.1:3000/']) {
        const d = diagnose(toFailure({ id: 'x', url, error: entry.number < 0 ? `net::${entry.code}` : entry.code })!);
        expect(d.steps.length, `${entry.code} at ${url}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('causeTitle', () => {
  it("gives the title the cause's rule gives now, and nothing for a cause no rule has", () => {
    const failure = toFailure({ id: 'x', url: 'http://127.0.0.1:3000/', error: 'net::ERR_CONNECTION_REFUSED' })!;
    expect(causeTitle(failure, 'no-listener')).toBe(diagnose(failure).cause.title);
    expect(causeTitle(failure, 'browser-error')).toBe('Connection refused');
    expect(causeTitle(failure, 'a-rule-that-was-removed')).toBeUndefined();
  });
});

/**
 * toFailure repairs anything into null or a well-formed Failure; diagnose never throws and always gives a well-formed
 * diagnosis whose commands never carry the query string and quote hostile hosts as one shell token.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ps, sh } from '../../../src/engine/commands';
import { diagnose } from '../../../src/engine/diagnose';
import { CATEGORIES, VERDICTS } from '../../../src/engine/errors/types';
import { toFailure, type Failure } from '../../../src/engine/failure';
import type { Diagnosis } from '../../../src/engine/types';
import { check, failureArb, hostileString, jsonish, SECRET, secretUrl, timeout } from './arbitraries';

const KEBAB = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
const strOrNull = (v: unknown) => v === null || typeof v === 'string';

/** What every consumer of a Failure (engine, storage, messages, URL) relies on. */
export function expectWellFormedFailure(f: Failure): void {
  expect(typeof f.id).toBe('string');
  expect(finite(f.time)).toBe(true);
  expect(finite(f.firstTime)).toBe(true);
  expect(Number.isSafeInteger(f.count) || (Number.isInteger(f.count) && f.count > 0)).toBe(true);
  expect(f.count).toBeGreaterThanOrEqual(1);
  expect(typeof f.url).toBe('string');
  expect(f.url.length).toBeGreaterThan(0);
  expect(f.url.length).toBeLessThanOrEqual(4096);
  expect(Number.isInteger(f.tabId)).toBe(true);
  expect(typeof f.resourceType).toBe('string');
  expect(strOrNull(f.error)).toBe(true);
  expect(f.httpStatus === null || (Number.isInteger(f.httpStatus) && f.httpStatus >= 100 && f.httpStatus <= 999)).toBe(true);
  expect(strOrNull(f.ip)).toBe(true);
  expect(strOrNull(f.retryAfter)).toBe(true);
  expect(f.online === null || typeof f.online === 'boolean').toBe(true);
  const c = f.context;
  expect(Array.isArray(c.recentSuccesses) && Array.isArray(c.recentFailures)).toBe(true);
  for (const s of c.recentSuccesses) expect(typeof s.host === 'string' && finite(s.time)).toBe(true);
  for (const s of c.recentFailures) expect(typeof s.host === 'string' && typeof s.code === 'string' && finite(s.time)).toBe(true);
  expect(c.hostLastSuccess === null || finite(c.hostLastSuccess)).toBe(true);
  expect(typeof f.probes === 'object' && f.probes !== null).toBe(true);
  for (const p of [f.probes.otherFamily, ...(f.probes.ports ?? [])]) {
    if (p === undefined) continue;
    expect(typeof p.target === 'string' && typeof p.host === 'string' && typeof p.open === 'boolean').toBe(true);
    expect(Number.isInteger(p.port) && p.port >= 0 && p.port <= 65535).toBe(true);
  }
  // Plain data: survives storage and messages unchanged (JSON is what chrome.storage and messaging keep).
  expect(JSON.parse(JSON.stringify(f))).toEqual(JSON.parse(JSON.stringify(JSON.parse(JSON.stringify(f)))));
  // Repairing a repaired failure changes nothing.
  expect(toFailure(JSON.parse(JSON.stringify(f)))).toEqual(JSON.parse(JSON.stringify(f)));
}

const SUSPICIOUS = /\bundefined\b|\[object Object\]|\bNaN\b|\bnull\b/;

export function expectWellFormedDiagnosis(d: Diagnosis, input: Failure): void {
  expect(VERDICTS).toContain(d.verdict);
  expect(typeof d.local).toBe('boolean');
  expect(d.cause.id).toMatch(KEBAB);
  expect(d.cause.title.length).toBeGreaterThan(0);
  expect(d.cause.summary.length).toBeGreaterThan(0);
  expect(d.confidence >= 0 && d.confidence <= 1).toBe(true);
  expect(['likely', 'probably', 'unsure']).toContain(d.confidenceWord);
  for (const a of d.alternatives) {
    expect(a.id).toMatch(KEBAB);
    expect(VERDICTS).toContain(a.verdict);
    expect(a.confidence >= 0 && a.confidence <= 1).toBe(true);
    expect(a.title.length > 0 && a.summary.length > 0).toBe(true);
  }
  expect(d.evidence.length).toBeGreaterThan(0);
  for (const e of d.evidence) {
    expect(e.text.length).toBeGreaterThan(0);
    expect([...VERDICTS, 'neutral']).toContain(e.pointsTo);
    expect(['browser', 'url', 'device', 'history', 'probe', 'rule']).toContain(e.source);
  }
  expect(d.steps.length).toBeGreaterThan(0);
  for (const s of d.steps) {
    expect(['you', 'owner', 'developer']).toContain(s.audience);
    expect(s.text.length).toBeGreaterThan(0);
    if (s.link !== undefined) expect(['http:', 'https:']).toContain(new URL(s.link).protocol);
  }
  for (const c of d.commands) {
    expect(c.label.length > 0 && c.command.length > 0).toBe(true);
    expect(['any', 'linux', 'macos', 'windows']).toContain(c.platform);
  }
  expect(d.error.code.length).toBeGreaterThan(0);
  expect(CATEGORIES).toContain(d.error.category);
  expect(Number.isInteger(d.error.number)).toBe(true);
  // Sentences built from templates never show a missing value.
  const inputText = JSON.stringify(input);
  const texts = [d.cause.title, d.cause.summary, ...d.alternatives.flatMap((a) => [a.title, a.summary]), ...d.evidence.map((e) => e.text), ...d.steps.map((s) => s.text), ...d.commands.flatMap((c) => [c.label, c.command])];
  for (const t of texts) {
    const m = SUSPICIOUS.exec(t);
    if (m && !inputText.includes(m[0])) throw new Error(`template hole "${m[0]}" in: ${t}`);
  }
}

describe('toFailure (property)', () => {
  it('turns arbitrary JSON and values into null or a well-formed Failure, never throwing', () => {
    check('toFailure/any', 1500, fc.property(jsonish, (v) => {
      const f = toFailure(v);
      if (f !== null) expectWellFormedFailure(f);
    }));
  }, timeout(5_000));

  it('keeps a failure that is already well-formed', () => {
    check('toFailure/roundtrip', 500, fc.property(failureArb, (input) => {
      const f = toFailure(JSON.parse(JSON.stringify(input)));
      if (input.url.length === 0) {
        expect(f).toBeNull();
        return;
      }
      expect(f).not.toBeNull();
      expectWellFormedFailure(f!);
      expect(f!.url).toBe(input.url.slice(0, 4096));
      expect(f!.error).toBe(input.error === null ? null : input.error.slice(0, 1000));
    }));
  }, timeout(3_000));
});

describe('diagnose (property)', () => {
  it('never throws on arbitrary failures and gives a well-formed diagnosis', () => {
    check('diagnose/any', 1500, fc.property(failureArb, (input) => {
      const f = toFailure(JSON.parse(JSON.stringify(input)));
      if (!f) return;
      expectWellFormedDiagnosis(diagnose(f), f);
    }));
  }, timeout(6_000));

  it('never puts the query string, fragment or credentials into a command', () => {
    check(
      'diagnose/commands-redacted',
      800,
      fc.property(secretUrl, failureArb, ({ url }, base) => {
        const f = toFailure({ ...base, url })!;
        for (const c of diagnose(f).commands) expect(c.command).not.toContain(SECRET);
      }),
    );
  }, timeout(4_000));
});

/** Runs `printf '%s\0' <token>` in a real shell; returns the argument(s) the shell made of the token. */
function shellWords(shell: string, token: string, opts: string[] = []): string[] | null {
  const r = spawnSync(shell, [...opts, '-c', `printf '%s\\0' ${token}`], { encoding: 'utf8', env: { LC_ALL: 'C.UTF-8', PATH: process.env.PATH }, cwd: '/' });
  if (r.status !== 0) return null;
  return r.stdout.split('\0').slice(0, -1);
}

/** PowerShell's lexer: single-quote class characters, doubled inside a single-quoted string for a literal one. */
const PS_SINGLE = /['\u2018\u2019\u201a\u201b]/;
function psSingleQuotedToken(token: string): string | null {
  if (!PS_SINGLE.test(token[0] ?? '')) return null;
  let out = '';
  for (let i = 1; i < token.length; i++) {
    const ch = token[i]!;
    if (PS_SINGLE.test(ch)) {
      if (PS_SINGLE.test(token[i + 1] ?? '')) {
        out += token[i + 1];
        i++;
        continue;
      }
      return i === token.length - 1 ? out : null; // the string closed before the end: the rest is code
    }
    out += ch;
  }
  return null; // never closed
}

const SHELL_HOSTILE = fc.oneof(
  hostileString,
  fc.constantFrom("a'b", 'a b', '$(id)', '`id`', "'; id; '", '"; id; "', "\\'", "a'\\''b", '[::1]:443', '*', '?', '~root', '=ls', '!!', '{a,b}', 'a\nb'),
);

describe('shell quoting of hostile values (property)', () => {
  const posix = fc.property(SHELL_HOSTILE, (raw) => {
    const v = raw.replace(/\0/g, '').toWellFormed();
    if (v === '') return;
    const token = sh(v);
    // One token, the value itself, in dash and in bash; also when globs that match nothing are errors (zsh's default).
    expect(shellWords('dash', token)).toEqual([v]);
    expect(shellWords('bash', token, ['-O', 'failglob'])).toEqual([v]);
  });
  it('sh() makes any value one POSIX shell word equal to the value (real dash and bash)', () => {
    check('sh/quoting', 150, posix);
  }, timeout(15_000));

  it('ps() makes any value one PowerShell token: bare and safe, or a single-quoted string closed at the end', () => {
    check('ps/quoting', 1000, fc.property(SHELL_HOSTILE, (v) => {
      const token = ps(v);
      if (/^[A-Za-z0-9._:-]+$/.test(token)) expect(token).toBe(v);
      else expect(psSingleQuotedToken(token)).toBe(v);
    }));
  }, timeout(3_000));

  it('hosts with quotes, spaces, $() and backticks reach every command as one quoted token', () => {
    check(
      'commands/hostile-host',
      300,
      fc.property(
        fc.array(fc.constantFrom("'", '$(id)', '`id`', '$', '(', ')', ';', '&', '!', '*', '{', '}', '=', 'a', 'b', '~', '"'), { minLength: 1, maxLength: 6 }).map((p) => `x${p.join('')}.example`),
        fc.constantFrom('net::ERR_CONNECTION_REFUSED', 'net::ERR_NAME_NOT_RESOLVED', 'net::ERR_SSL_PROTOCOL_ERROR', 'net::ERR_CONNECTION_RESET'),
        (rawHost, error) => {
          let host: string;
          try {
            host = new URL(`http://${rawHost}:8080/`).hostname;
          } catch {
            return; // not a host a browser could report
          }
          const f = toFailure({ url: `http://${rawHost}:8080/p?q=${SECRET}`, error })!;
          const commands = diagnose(f).commands;
          expect(commands.length).toBeGreaterThan(0);
          for (const c of commands) {
            if (!c.command.includes(host) && !c.command.includes(host.replace(/'/g, "'\\''")) && !c.command.includes(host.replace(/'/g, "''"))) continue;
            const quoted = c.platform === 'windows' ? ps(host) : sh(host);
            expect(c.command).toContain(quoted);
            if (quoted === host) expect(host).toMatch(/^[A-Za-z0-9._-]+$/);
          }
        },
      ),
    );
  }, timeout(3_000));
});

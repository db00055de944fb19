/**
 * toFailure repairs anything into null or a well-formed Failure; diagnose never throws and always gives a well-formed
 * diagnosis whose commands never carry the query string and quote hostile hosts as one shell token.
 */
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ps, sh } from '../../../src/engine/commands';
import { diagnose } from '../../../src/engine/diagnose';
import { toFailure } from '../../../src/engine/failure';
import { check, failureArb, hostileString, jsonish, SECRET, secretUrl, timeout } from './arbitraries';
import { expectWellFormedDiagnosis, expectWellFormedFailure } from './wellformed';

describe('toFailure (property)', () => {
  it(
    'turns arbitrary JSON and values into null or a well-formed Failure, never throwing',
    () => {
      check(
        'toFailure/any',
        1000,
        fc.property(jsonish, (v) => {
          const f = toFailure(v);
          if (f !== null) expectWellFormedFailure(f);
        }),
      );
    },
    timeout(5_000),
  );

  it(
    'keeps a failure that is already well-formed',
    () => {
      check(
        'toFailure/roundtrip',
        500,
        fc.property(failureArb, (input) => {
          const f = toFailure(JSON.parse(JSON.stringify(input)));
          if (input.url.length === 0) {
            expect(f).toBeNull();
            return;
          }
          expect(f).not.toBeNull();
          expectWellFormedFailure(f!);
          expect(f!.url).toBe(input.url.slice(0, 4096));
          expect(f!.error).toBe(input.error === null ? null : input.error.slice(0, 1000));
        }),
      );
    },
    timeout(3_000),
  );
});

describe('diagnose (property)', () => {
  it(
    'never throws on arbitrary failures and gives a well-formed diagnosis',
    () => {
      check(
        'diagnose/any',
        1500,
        fc.property(failureArb, (input) => {
          const f = toFailure(JSON.parse(JSON.stringify(input)));
          if (!f) return;
          expectWellFormedDiagnosis(diagnose(f), f);
        }),
      );
    },
    timeout(6_000),
  );

  it(
    'never puts the query string, fragment or credentials into a command',
    () => {
      check(
        'diagnose/commands-redacted',
        800,
        fc.property(secretUrl, failureArb, ({ url }, base) => {
          const f = toFailure({ ...base, url })!;
          for (const c of diagnose(f).commands) expect(c.command).not.toContain(SECRET);
        }),
      );
    },
    timeout(4_000),
  );
});

/** Lone surrogates become U+FFFD (what a UTF-8 shell script gets): String.prototype.toWellFormed. */
const wellFormed = (s: string) =>
  s.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** Runs `printf '%s\0' <token>` in a real shell; returns the argument(s) the shell made of the token. */
function shellWords(shell: string, token: string, opts: string[] = []): string[] | null {
  const r = spawnSync(shell, [...opts, '-c', `printf '%s\\0' ${token}`], {
    encoding: 'utf8',
    env: { LC_ALL: 'C.UTF-8', PATH: process.env.PATH },
    cwd: '/',
  });
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

/** Splits a PowerShell command line into words: bare runs, or single-quoted strings (null if one never closes). */
function psWords(command: string): string[] | null {
  const words: string[] = [];
  let i = 0;
  while (i < command.length) {
    if (command[i] === ' ') {
      i++;
      continue;
    }
    if (PS_SINGLE.test(command[i]!)) {
      let j = i + 1;
      let word = '';
      for (;;) {
        if (j >= command.length) return null;
        if (PS_SINGLE.test(command[j]!)) {
          if (PS_SINGLE.test(command[j + 1] ?? '')) {
            word += command[j + 1];
            j += 2;
            continue;
          }
          break;
        }
        word += command[j++];
      }
      words.push(word);
      i = j + 1;
      continue;
    }
    const m = /^[^\s'\u2018\u2019\u201a\u201b]+/.exec(command.slice(i))!;
    words.push(m[0]);
    i += m[0].length;
  }
  return words;
}

const SHELL_HOSTILE = fc.oneof(
  hostileString,
  fc.constantFrom(
    "a'b",
    'a b',
    '$(id)',
    '`id`',
    "'; id; '",
    '"; id; "',
    "\\'",
    "a'\\''b",
    '[::1]:443',
    '*',
    '?',
    '~root',
    '=ls',
    '!!',
    '{a,b}',
    'a\nb',
  ),
);

describe('shell quoting of hostile values (property)', () => {
  it(
    'sh() makes any value one POSIX shell word equal to the value (real dash and bash)',
    () => {
      // Many values per shell run (spawning is the cost): each must come back as exactly one word, unchanged.
      const posix = fc.property(fc.array(SHELL_HOSTILE, { minLength: 1, maxLength: 80, size: 'max' }), (raws) => {
        const values = raws.map((r) => wellFormed(r.replace(/\0/g, ''))).filter((v) => v !== '');
        if (values.length === 0) return;
        const tokens = values.map(sh).join(' ');
        expect(shellWords('dash', tokens)).toEqual(values);
        // Globs that match nothing are errors in zsh (macOS's shell): bash's failglob does the same.
        expect(shellWords('bash', tokens, ['-O', 'failglob'])).toEqual(values);
      });
      const known = [
        "a'b",
        'a b',
        '$(id)',
        '`id`',
        "'; id; '",
        '[::1]:443',
        'http://[::1]:3000/',
        '*',
        '=ls',
        '~root',
        '{a,b}',
        'a\nb',
      ];
      expect(shellWords('bash', known.map(sh).join(' '), ['-O', 'failglob'])).toEqual(known);
      check('sh/quoting', 12, posix);
    },
    // Each sample starts real shells: a guard against a hang, not a time limit (a loaded machine takes minutes).
    timeout(15_000) * 6,
  );

  it(
    'ps() makes any value one PowerShell token: bare and safe, or a single-quoted string closed at the end',
    () => {
      check(
        'ps/quoting',
        1000,
        fc.property(SHELL_HOSTILE, (v) => {
          const token = ps(v);
          if (/^[A-Za-z0-9._:-]+$/.test(token)) expect(token).toBe(v);
          else expect(psSingleQuotedToken(token)).toBe(v);
        }),
      );
    },
    timeout(3_000),
  );

  it(
    'hosts with quotes, $() and backticks: every command keeps its shape, the host stays one literal word',
    () => {
      const BENIGN = 'benign.example';
      check(
        'commands/hostile-host',
        40,
        fc.property(
          fc
            .array(
              fc.constantFrom(
                "'",
                "''",
                '$(id)',
                '`id`',
                '$',
                '(',
                ')',
                ';',
                '&',
                '|',
                '!',
                '*',
                '{',
                '}',
                '=',
                '~',
                '"',
                ',',
                'x',
              ),
              { minLength: 1, maxLength: 6 },
            )
            .map((p) => `x${p.join('')}.example`),
          fc.constantFrom(
            'net::ERR_CONNECTION_REFUSED',
            'net::ERR_NAME_NOT_RESOLVED',
            'net::ERR_SSL_PROTOCOL_ERROR',
            'net::ERR_CONNECTION_RESET',
          ),
          (rawHost, error) => {
            if (!URL.canParse(`http://${rawHost}:8080/`)) return; // not a host a browser could report
            const host = new URL(`http://${rawHost}:8080/`).hostname;
            const hostile = diagnose(toFailure({ url: `http://${rawHost}:8080/p?q=${SECRET}`, error })!).commands;
            const benign = diagnose(toFailure({ url: `http://${BENIGN}:8080/p?q=${SECRET}`, error })!).commands;
            expect(hostile.map((c) => [c.label, c.platform])).toEqual(benign.map((c) => [c.label, c.platform]));
            hostile.forEach((c, i) => {
              const b = benign[i]!;
              if (c.platform === 'windows') {
                // PowerShell: the host is one single-quoted token (or bare when it needs no quotes).
                const words = psWords(c.command);
                expect(words).not.toBeNull();
                expect(words).toEqual(psWords(b.command)!.map((w) => w.split(BENIGN).join(host)));
                return;
              }
              // POSIX: the real shell splits both commands into the same words, with the host in place of the benign
              // one.
              const words = shellWords('dash', `${c.command.replace(/^\S+/, '').replace(/<\/dev\/null$/, '')}`);
              const expected = shellWords('dash', `${b.command.replace(/^\S+/, '').replace(/<\/dev\/null$/, '')}`);
              expect(words).not.toBeNull();
              expect(words).toEqual(expected!.map((w) => w.split(BENIGN).join(host)));
            });
          },
        ),
      );
    },
    timeout(10_000) * 6, // real shells again
  );

  it(
    'no command gets a host that starts with "-" (it would be read as an option)',
    () => {
      check(
        'commands/dash-host',
        200,
        fc.property(
          fc.stringMatching(/^-[a-z0-9-]{1,12}$/),
          fc.constantFrom('net::ERR_CONNECTION_REFUSED', 'net::ERR_NAME_NOT_RESOLVED', 'net::ERR_SSL_PROTOCOL_ERROR'),
          (host, error) => {
            const f = toFailure({ url: `http://${host}:8080/`, error })!;
            for (const c of diagnose(f).commands) {
              for (const word of c.command.split(' ')) expect(word.replace(/^'/, '').startsWith(host)).toBe(false);
            }
          },
        ),
      );
    },
    timeout(3_000),
  );
});

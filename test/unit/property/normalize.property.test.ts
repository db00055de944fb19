/**
 * normalizeError never throws and always returns a well-formed NormalizedError, whatever the browser (or anyone) hands
 * it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeError } from '../../../src/engine/errors/normalize';
import { CATEGORIES } from '../../../src/engine/errors/types';
import type { NormalizedError } from '../../../src/engine/errors/types';
import { HUGE_ERROR_STRINGS, longErrorString } from '../../fixtures/hostile-inputs';
import { check, errorString, hostileString, timeout } from './arbitraries';

function wellFormed(n: NormalizedError, input: unknown): void {
  expect(typeof n.code).toBe('string');
  expect(n.code.length).toBeGreaterThan(0);
  expect(n.code).toMatch(/^[A-Z0-9_]+$/);
  expect(CATEGORIES).toContain(n.category);
  expect(Number.isInteger(n.number)).toBe(true);
  expect(['chromium', 'firefox', 'unknown']).toContain(n.source);
  expect(typeof n.raw).toBe('string');
  if (typeof input === 'string') expect(input.startsWith(n.raw)).toBe(true);
  else if (typeof input !== 'number') expect(n.raw).toBe('');
  if (n.nsresult !== undefined) expect(Number.isInteger(n.nsresult)).toBe(true);
  if (n.httpStatus !== undefined) expect(n.httpStatus >= 100 && n.httpStatus < 600).toBe(true);
  // Plain data: it is stored and sent in messages.
  expect(JSON.parse(JSON.stringify(n))).toEqual(n);
}

describe('normalizeError (property)', () => {
  it(
    'never throws on arbitrary strings, codes and unicode; the result is well-formed',
    () => {
      check(
        'normalizeError/strings',
        1500,
        fc.property(errorString, (s) => wellFormed(normalizeError(s), s)),
      );
    },
    timeout(5_000),
  );

  it(
    'is deterministic and ignores surrounding whitespace and control characters',
    () => {
      check(
        'normalizeError/stable',
        300,
        fc.property(errorString, fc.constantFrom(' ', '\n', '\t', '\u0000', '\u200b'), (s, pad) => {
          const a = normalizeError(s);
          expect(normalizeError(s)).toEqual(a);
          if (s.length + 2 <= 500) expect(normalizeError(pad + s + pad).code).toBe(a.code);
        }),
      );
    },
    timeout(3_000),
  );

  it(
    'never throws on non-strings (numbers, objects, arrays, symbols, functions, null)',
    () => {
      check(
        'normalizeError/anything',
        500,
        fc.property(
          fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withNullPrototype: true }),
          (v) => wellFormed(normalizeError(v), v),
        ),
      );
      const hostile: unknown[] = [
        Symbol('x'),
        () => 'net::ERR_CONNECTION_REFUSED',
        {
          toString: () => {
            throw new Error('boom');
          },
        },
        new Proxy(
          {},
          {
            get: () => {
              throw new Error('trap');
            },
            has: () => {
              throw new Error('trap');
            },
          },
        ),
        Object.create(null),
        NaN,
        Infinity,
        -0,
        10n,
      ];
      for (const v of hostile) wellFormed(normalizeError(v), v);
    },
    timeout(3_000),
  );

  // How fast is bench's figure (bench/engine.ts, the same inputs); here, what comes out. A catastrophic backtrack
  // would still fail, by the test's timeout.
  it(
    'stays sane on huge inputs',
    () => {
      for (const s of HUGE_ERROR_STRINGS) wellFormed(normalizeError(s), s);
      check(
        'normalizeError/long',
        100,
        fc.property(longErrorString, (s) => {
          wellFormed(normalizeError(s), s);
        }),
      );
    },
    timeout(5_000),
  );

  it(
    'gives the same code for a known error wherever it sits in a longer message',
    () => {
      check(
        'normalizeError/embedded',
        300,
        fc.property(
          fc.constantFrom(
            'ERR_CONNECTION_REFUSED',
            'ERR_NAME_NOT_RESOLVED',
            'ERR_CONNECTION_RESET',
            'ERR_CERT_AUTHORITY_INVALID',
          ),
          hostileString,
          (codeName, prefix) => {
            const p = prefix.replace(/[A-Za-z0-9_]+$/, '').slice(0, 100);
            // A prefix that itself names an error (or talks about certificates) may rightly win.
            if (normalizeError(p).code !== 'UNKNOWN') return;
            expect(normalizeError(`${p} net::${codeName}`).code).toBe(codeName);
          },
        ),
      );
    },
    timeout(3_000),
  );
});

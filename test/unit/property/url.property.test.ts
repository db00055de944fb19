/** analyzeUrl and redactUrl over arbitrary strings and generated URLs: never throw; redaction never leaks. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyzeUrl, hostPort, redactUrl } from '../../../src/engine/url';
import { anyUrl, check, hostileString, SECRET, secretUrl, timeout } from './arbitraries';

describe('analyzeUrl (property)', () => {
  it(
    'never throws and returns consistent facts for any input',
    () => {
      check(
        'analyzeUrl/any',
        1000,
        fc.property(fc.oneof(anyUrl, hostileString, fc.anything()), (input) => {
          const u = analyzeUrl(input);
          expect(typeof u.href).toBe('string');
          expect(u.href.length).toBeLessThanOrEqual(4096);
          expect(Number.isInteger(u.port) && u.port >= 0 && u.port <= 65535).toBe(true);
          expect([4, 6, null]).toContain(u.ipFamily);
          if (!u.valid) {
            expect(u).toMatchObject({
              scheme: '',
              host: '',
              port: 0,
              loopback: false,
              privateAddress: false,
              localName: false,
            });
          } else {
            expect(u.scheme).toMatch(/^[a-z][a-z0-9+.-]*$/);
            expect(u.host).toBe(u.host.toLowerCase());
            expect(u.host.startsWith('[')).toBe(false);
          }
          if (u.loopback) expect(u.privateAddress).toBe(false);
          if (u.ipFamily !== null) expect(u.localName).toBe(false);
          expect(typeof hostPort(u)).toBe('string');
        }),
      );
    },
    timeout(4_000),
  );

  it('schemes named like Object.prototype members get no port from the prototype', () => {
    for (const scheme of ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf']) {
      const u = analyzeUrl(`${scheme}://host.example/`);
      expect(u.valid).toBe(true);
      expect(u.port).toBe(0);
      expect(hostPort(u)).toBe('host.example');
    }
  });

  it(
    'knows loopback by address and by name, whatever the case and port',
    () => {
      check(
        'analyzeUrl/loopback',
        300,
        fc.property(
          fc.constantFrom(
            'localhost',
            'LOCALHOST',
            '127.0.0.1',
            '127.255.0.9',
            '[::1]',
            '[0:0:0:0:0:0:0:1]',
            'app.localhost',
          ),
          fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
          fc.constantFrom('http', 'https'),
          (host, port, scheme) => {
            const u = analyzeUrl(`${scheme}://${host}${port === undefined ? '' : `:${port}`}/x?y#z`);
            expect(u.valid).toBe(true);
            expect(u.loopback).toBe(true);
            const expected = port ?? (scheme === 'http' ? 80 : 443);
            expect(u.port).toBe(expected);
          },
        ),
      );
    },
    timeout(2_000),
  );
});

describe('redactUrl (property)', () => {
  it(
    'never throws, for any string',
    () => {
      check(
        'redactUrl/any',
        1000,
        fc.property(fc.oneof(anyUrl, hostileString), fc.boolean(), (s, dropPath) => {
          expect(typeof redactUrl(s, dropPath)).toBe('string');
        }),
      );
    },
    timeout(3_000),
  );

  it(
    'output of a valid URL never contains its query, fragment or credentials',
    () => {
      check(
        'redactUrl/secret',
        1500,
        fc.property(secretUrl, fc.boolean(), ({ url }, dropPath) => {
          let parsed: URL;
          try {
            parsed = new URL(url);
          } catch {
            return; // only valid URLs are promised anything
          }
          const out = redactUrl(url, dropPath);
          expect(out).not.toContain(SECRET);
          const again = new URL(out);
          expect(again.search).toBe('');
          expect(again.hash).toBe('');
          expect(again.username).toBe('');
          expect(again.password).toBe('');
          // What stays is the address itself.
          expect(again.host).toBe(parsed.host);
          expect(again.protocol).toBe(parsed.protocol);
          if (!dropPath) expect(again.pathname).toBe(parsed.pathname);
          // Redacting twice changes nothing.
          expect(redactUrl(out, dropPath)).toBe(out);
        }),
      );
    },
    timeout(4_000),
  );

  it(
    'holds for fast-check web URLs with every part, too',
    () => {
      check(
        'redactUrl/webUrl',
        800,
        fc.property(
          fc.webUrl({
            withQueryParameters: true,
            withFragments: true,
            authoritySettings: { withIPv4: true, withIPv6: true, withPort: true, withUserInfo: true },
          }),
          (url) => {
            const parsed = new URL(url);
            const again = new URL(redactUrl(url));
            expect([again.search, again.hash, again.username, again.password]).toEqual(['', '', '', '']);
            expect(again.origin).toBe(parsed.origin);
            expect(again.pathname).toBe(parsed.pathname);
          },
        ),
      );
    },
    timeout(3_000),
  );

  it(
    'an unparseable string loses everything from the first ? or #',
    () => {
      check(
        'redactUrl/invalid',
        500,
        fc.property(hostileString, hostileString, (a, b) => {
          const s = `http://[${a}?${SECRET}${b}`;
          if (URL.canParse(s)) return; // '@' in a can make it valid: covered above
          expect(redactUrl(s)).not.toContain(SECRET);
        }),
      );
    },
    timeout(2_000),
  );
});

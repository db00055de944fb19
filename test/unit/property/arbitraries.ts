/**
 * Shared generators and the run budget of the property suite.
 *
 * Budget: every property declares its CI run count; `PROPERTY_SCALE` multiplies all of them (bench/fuzz.mjs runs the
 * same files with PROPERTY_SCALE=100). `FC_SEED` replays a seed that fast-check printed for a failure.
 * With `PROPERTY_LOG=<file>`, each property appends one JSON line `{ name, runs }` so the runner can sum the cases.
 */
import fc from 'fast-check';
import { appendFileSync } from 'node:fs';
import { ALL_ERRORS } from '../../../src/engine/errors/table';
import type { Failure } from '../../../src/engine/failure';

export const SCALE = Math.max(1, Number(process.env.PROPERTY_SCALE ?? 1) || 1);
const SEED = process.env.FC_SEED === undefined ? undefined : Number(process.env.FC_SEED);

/** Per-test timeout that grows with the scale (the long run multiplies every property's runs). */
export const timeout = (ciMs: number): number => ciMs * SCALE + 10_000;

/** fc.assert with the scaled run count; logs the cases tried when PROPERTY_LOG is set. */
export function check<Ts extends [unknown, ...unknown[]]>(
  name: string,
  runs: number,
  property: fc.IProperty<Ts>,
): void {
  const numRuns = runs * SCALE;
  fc.assert(property, { numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });
  if (process.env.PROPERTY_LOG)
    appendFileSync(process.env.PROPERTY_LOG, `${JSON.stringify({ name, runs: numRuns })}\n`);
}

/** The same for async properties. */
export async function checkAsync<Ts extends [unknown, ...unknown[]]>(
  name: string,
  runs: number,
  property: fc.IAsyncProperty<Ts>,
): Promise<void> {
  const numRuns = runs * SCALE;
  await fc.assert(property, { numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });
  if (process.env.PROPERTY_LOG)
    appendFileSync(process.env.PROPERTY_LOG, `${JSON.stringify({ name, runs: numRuns })}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// strings

/** Pieces that have broken parsers, Markdown, HTML, shells and object lookups before. */
export const HOSTILE_TOKENS: readonly string[] = [
  '',
  ' ',
  '\n',
  '\r\n',
  '\r',
  '\t',
  '\u0000',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u200b',
  '\ufeff',
  '\v',
  '\f',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  '</code>',
  '&lt;',
  '&#60;',
  '## heading',
  '# h',
  '> quote',
  '- item',
  '1. item',
  '---',
  '===',
  '```',
  '`',
  '``',
  '***',
  '[x](javascript:alert(1))',
  '![i](http://evil.example/p.png)',
  '|',
  '\\',
  '<!--',
  '-->',
  '<details>',
  '{{7*7}}',
  '${x}',
  '%s',
  '%00',
  '%0a',
  "'",
  '"',
  "'\\''",
  '$(id)',
  '`id`',
  '; rm -rf /',
  '&& curl evil',
  '| sh',
  '>',
  '<',
  '*',
  '?',
  '~',
  '!',
  '#',
  '-rf',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'net::',
  'net::ERR_',
  'ERR_',
  'NS_ERROR_',
  'NS_ERROR_NET_ON_',
  'Error code ',
  'Error code: ',
  '0x',
  '-',
  '2152398861',
  '2153394151',
  '-102',
  '4294967295',
  '99999999999999999999',
  'NS_ERROR_GENERATE_FAILURE(',
  ')',
  ',',
  'SSL_ERROR_',
  'SEC_ERROR_',
  'PR_',
  '_ERROR',
  'MOZILLA_PKIX_ERROR_',
  'DNS_PROBE_',
  'certificate',
  'TLS',
  'handshake',
  'http://',
  'https://',
  'javascript:',
  'data:text/html,',
  'file:///',
  'chrome-extension://',
  '://',
  '@',
  ':',
  '/',
  '[',
  ']',
  '[::1]',
  '127.0.0.1',
  'localhost',
  '.local',
  'xn--',
  '\u0130',
  '\u212a',
  'ß',
  'İ',
  '🙂',
  '\ud800',
  '\udfff',
  '\u202e',
  'مرحبا',
  '日本語',
];

const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n));

/** Arbitrary text: any UTF-16 (lone surrogates included), any code point, and hostile tokens, mixed. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...HOSTILE_TOKENS), fc.string({ maxLength: 6 })), { maxLength: 10 })
      .map((p) => p.join('')),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: anyCodeUnit, maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc.string({ unit: fc.constantFrom('a', 'A', '_', '0', ':', ' ', '\n', '`', '<', '#'), maxLength: 2000 }),
  },
);

/** Every canonical code and alias the taxonomy knows, in the spellings browsers use. */
const KNOWN_CODES: readonly string[] = ALL_ERRORS.flatMap((e) => [e.code, ...(e.aliases ?? [])]);
export const knownErrorString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KNOWN_CODES).map((c) => (c.startsWith('ERR_') ? `net::${c}` : c)),
  fc.constantFrom(...KNOWN_CODES),
  fc.integer({ min: 0x80000000, max: 0xffffffff }).map((n) => `Error code ${n}`),
  fc.integer({ min: -1000, max: -1 }).map(String),
  fc.constantFrom(...KNOWN_CODES).map((c) => `Failed to load resource: net::${c}`),
);

/** What a browser error field may hold: a known code, or anything at all. */
export const errorString: fc.Arbitrary<string> = fc.oneof(knownErrorString, hostileString);

// ---------------------------------------------------------------------------------------------------------------
// URLs

/** Marker that appears only in the secret parts of generated URLs (query, fragment, credentials). */
export const SECRET = 'S3CR3T';

const hostLabel = fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?$/);
export const hostName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'localhost',
    '127.0.0.1',
    '[::1]',
    'example.com',
    'app.test',
    'wiki.corp',
    'printer.local',
    '10.0.0.8',
    '192.168.1.20',
    '[fd00::1]',
    'xn--bcher-kva.example',
    'a.localhost',
  ),
  fc.array(hostLabel, { minLength: 1, maxLength: 4 }).map((l) => l.join('.')),
  fc.ipV4(),
  fc.ipV6().map((ip) => `[${ip}]`),
);

const secretPart = fc.string({
  unit: fc.constantFrom(
    'a',
    'Z',
    '0',
    '=',
    '&',
    '%20',
    ' ',
    '/',
    '?',
    ':',
    '@',
    '#x',
    '<',
    '"',
    "'",
    '`',
    '$',
    '(',
    ')',
  ),
  maxLength: 12,
});

export interface SecretUrl {
  url: string;
  hasSecret: boolean;
}

/**
 * URLs of http(s) and friends whose query, fragment and credentials (when present) carry SECRET, and nowhere else.
 * The path never contains the marker, so "the output does not contain SECRET" is exactly "nothing secret leaked".
 */
export const secretUrl: fc.Arbitrary<SecretUrl> = fc
  .record({
    scheme: fc.constantFrom('http', 'https', 'HTTP', 'Https', 'ws', 'ftp'),
    user: fc.option(secretPart, { nil: undefined }),
    pass: fc.option(secretPart, { nil: undefined }),
    host: hostName,
    port: fc.option(fc.integer({ min: 0, max: 65535 }), { nil: undefined }),
    path: fc.array(fc.stringMatching(/^[a-zA-Z0-9._~!$&'()*+,;=:@%-]{0,8}$/), { maxLength: 4 }),
    query: fc.option(secretPart, { nil: undefined }),
    hash: fc.option(secretPart, { nil: undefined }),
    upperHost: fc.boolean(),
  })
  .map((p) => {
    const userinfo =
      p.user !== undefined
        ? `${encodeURIComponent(SECRET + p.user)}${p.pass !== undefined ? `:${encodeURIComponent(SECRET + p.pass)}` : ''}@`
        : '';
    const host = p.upperHost ? p.host.toUpperCase() : p.host;
    const port = p.port === undefined ? '' : `:${p.port}`;
    const path = `/${p.path.join('/')}`;
    const query = p.query === undefined ? '' : `?${SECRET}${p.query}`;
    const hash = p.hash === undefined ? '' : `#${SECRET}${p.hash}`;
    return {
      url: `${p.scheme}://${userinfo}${host}${port}${path}${query}${hash}`,
      hasSecret: !!(userinfo || query || hash),
    };
  })
  .filter(
    ({ url }) =>
      !url
        .replace(/[?#].*$/s, '')
        .replace(/^[^@]*@/, '')
        .includes(SECRET),
  );

/** Anything that may end up in a failure's URL: real-looking URLs, fast-check's web URLs, other schemes, garbage. */
export const anyUrl: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: secretUrl.map((s) => s.url) },
  {
    weight: 2,
    arbitrary: fc.webUrl({
      withQueryParameters: true,
      withFragments: true,
      authoritySettings: { withIPv4: true, withIPv6: true, withPort: true, withUserInfo: true },
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'javascript:alert(1)',
      'JAVASCRIPT:alert(document.domain)//http://x',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'chrome://settings',
      'about:blank',
      'http://',
      'http://[::1',
      'http://a b/',
      'http:// /',
      'http://127.0.0.1:99999/',
      'https://user:pw@host.example:8443/p?q=1#f',
      'blob:http://x/1',
      'ws://[::1]:3000/',
      'http://-x.example/',
      "http://a'b.example/",
      'http://a%60id%60.example/',
      // Schemes that are names on Object.prototype (found by the long run: `constructor:` gave a function as port).
      'constructor:',
      'toString://x/',
      'valueOf:',
      'hasOwnProperty://a/b?c#d',
    ),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('http://', 'https://', 'javascript:', 'data:', ''), hostileString)
      .map(([a, b]) => a + b),
  },
);

// ---------------------------------------------------------------------------------------------------------------
// failures

const time = fc.oneof(
  fc.integer({ min: 1_600_000_000_000, max: 1_900_000_000_000 }),
  fc.constantFrom(0, -1, 8.64e15, -8.64e15, 1e15, 253402300800000, Number.MAX_SAFE_INTEGER),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const neighbourHost = fc.oneof(
  hostName.map((h) => h.replace(/^\[|\]$/g, '')),
  hostileString,
);

/** Failures as capture and toFailure produce them, with hostile text in every free-form field. */
export const failureArb: fc.Arbitrary<Failure> = fc
  .record({
    id: fc.oneof(fc.string({ maxLength: 12 }), hostileString),
    time,
    firstTime: time,
    count: fc.oneof(fc.constant(1), fc.integer({ min: 1, max: 1_000_000 })),
    url: anyUrl,
    tabId: fc.integer({ min: -1, max: 100_000 }),
    resourceType: fc.oneof(
      fc.constantFrom('main_frame', 'sub_frame', 'xmlhttprequest', 'image', 'script', 'other'),
      hostileString,
    ),
    error: fc.option(errorString, { nil: null }),
    httpStatus: fc.option(fc.integer({ min: 100, max: 999 }), { nil: null }),
    ip: fc.option(fc.oneof(fc.ipV4(), fc.ipV6(), hostileString), { nil: null }),
    retryAfter: fc.option(fc.oneof(fc.nat().map(String), hostileString), { nil: null }),
    online: fc.option(fc.boolean(), { nil: null }),
    context: fc.record({
      recentSuccesses: fc.array(fc.record({ host: neighbourHost, time }), { maxLength: 6 }),
      recentFailures: fc.array(
        fc.record({ host: neighbourHost, code: fc.oneof(fc.constantFrom(...KNOWN_CODES), hostileString), time }),
        { maxLength: 6 },
      ),
      hostLastSuccess: fc.option(time, { nil: null }),
      similarHosts: fc.array(neighbourHost, { maxLength: 3 }),
      clockOffsetMs: fc.option(fc.integer({ min: -1e9, max: 1e9 }), { nil: null }),
      proxy: fc.option(fc.oneof(fc.constantFrom('direct', 'system', 'fixed_servers', 'pac_script'), hostileString), {
        nil: null,
      }),
    }),
    probes: fc.record(
      {
        otherFamily: fc.record({
          target: hostileString,
          host: neighbourHost,
          port: fc.integer({ min: 0, max: 65535 }),
          open: fc.boolean(),
        }),
        ports: fc.array(
          fc.record({
            target: hostileString,
            host: neighbourHost,
            port: fc.integer({ min: 0, max: 65535 }),
            open: fc.boolean(),
          }),
          { maxLength: 4 },
        ),
        publicDns: fc.record({
          resolver: hostileString,
          status: fc.constantFrom('exists' as const, 'nxdomain' as const, 'error' as const),
        }),
      },
      { requiredKeys: [] },
    ),
  })
  .map((f) => f as unknown as Failure);

/** Arbitrary JSON, plus JSON that looks almost like what we store (so repair paths past the first check run). */
export const jsonish: fc.Arbitrary<unknown> = fc.oneof(
  fc.jsonValue(),
  fc.anything({ withNullPrototype: true, withBoxedValues: true, withSparseArray: true, withMap: true, withSet: true }),
  failureArb.chain((f) =>
    fc
      .dictionary(
        fc.constantFrom(...Object.keys(f), 'host', 'code', 'category', 'verdict', 'cause', 'title', 'local', 'version'),
        fc.oneof(fc.jsonValue(), hostileString, fc.constantFrom(...Object.values(f))),
      )
      .map((noise) => ({ ...f, ...noise })),
  ),
);

import { CHROMIUM_ERRORS } from './chromium';
import { FIREFOX_NETWORK_ERRORS, FIREFOX_PHASES, makeNsresult, MODULE_SECURITY } from './firefox';
import { FIREFOX_ONLY_ERRORS, FIREFOX_PHASE_ERRORS } from './firefox-entries';
import {
  MOZILLA_PKIX_ERROR_BASE,
  nssErrorForName,
  PR_NSPR_ERROR_BASE,
  SEC_ERROR_BASE,
  SSL_ERROR_BASE,
  specificallyMappedNssNames,
} from './nss';
import { entryForCode } from './table';
import { entryText, entryTitle } from './text';
import type { Category, ErrorEntry } from './types';

const CATEGORY_TITLES: ReadonlyArray<readonly [Category, string, string]> = [
  ['connection', 'Connection', 'Opening, keeping and closing connections to the server.'],
  ['dns', 'Name lookup (DNS)', "Turning the site's name into an address."],
  [
    'tls',
    'Secure connection (TLS)',
    'Setting up encryption with the server, including personal (client) certificates.',
  ],
  ['certificate', 'Certificates', "The server's certificate. The browser's own warning page stays for these."],
  ['http', 'HTTP answers', 'What the server sent back, and the web protocols used to send it.'],
  ['proxy', 'Proxies', 'Proxy servers and their configuration between you and the site.'],
  ['policy', 'Blocked on purpose', 'Loads stopped by a rule: the browser, an extension, an administrator or the site.'],
  ['cache', 'Browser cache', "The browser's saved copies of pages."],
  ['aborted', 'Not failures', 'Loads that were stopped on purpose; netwhy ignores them.'],
  ['other', 'Other', "Addresses, files, memory and the browser's own machinery."],
];

const AUDIENCES = [
  ['you', 'You'],
  ['owner', 'Site owner'],
  ['developer', 'Developer'],
] as const;

const code = (text: string) => `\`${text}\``;
const cell = (text: string) => text.replace(/\|/g, '\\|');
const hex = (n: number) => `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;

/** Names that lead to an entry besides its code: its aliases, Firefox names and specifically mapped NSS names. */
function otherNames(entry: ErrorEntry): string[] {
  const names = new Set(entry.aliases ?? []);
  for (const row of FIREFOX_NETWORK_ERRORS)
    if (row.canonical === entry.code && row.name !== entry.code) names.add(row.name);
  for (const name of specificallyMappedNssNames()) if (nssErrorForName(name)?.canonical === entry.code) names.add(name);
  return [...names];
}

function renderEntry(entry: ErrorEntry): string[] {
  const number = entry.number === 0 ? 'Firefox only' : String(entry.number);
  const text = entryText(entry);
  const lines = [`### ${code(entry.code)} (${number})`, '', `**${text.title}.** ${text.meaning}`, ''];
  lines.push(`- Verdict: **${entry.verdict}**. ${text.verdictReason}`);
  if (!entry.takeover) lines.push("- Never replaces the tab: the browser's own page stays (badge and popup only).");
  if (entry.internal) lines.push('- Internal to the browser: rarely the reason a page fails.');
  if (entry.closest) lines.push(`- Treated like ${code(entry.closest)} by the rules.`);
  const names = otherNames(entry);
  if (names.length > 0) lines.push(`- Also seen as: ${names.map(code).join(', ')}.`);
  for (const [audience, label] of AUDIENCES) {
    const steps = text.steps[audience];
    if (steps && steps.length > 0) lines.push(`- ${label}: ${steps.join(' ')}`);
  }
  lines.push('');
  return lines;
}

function renderCategories(entries: readonly ErrorEntry[]): string[] {
  const lines: string[] = [];
  for (const [category, title, blurb] of CATEGORY_TITLES) {
    const inCategory = entries.filter((e) => e.category === category);
    if (inCategory.length === 0) continue;
    lines.push(`## ${title} (${inCategory.length})`, '', blurb, '');
    for (const entry of inCategory) lines.push(...renderEntry(entry));
  }
  return lines;
}

function renderFirefox(): string[] {
  const lines = [
    '## Firefox',
    '',
    'Firefox reports the same failure twice, in different words: webRequest gives a name (`NS_ERROR_CONNECTION_REFUSED`,',
    'or for TLS problems a sentence), webNavigation gives `Error code <decimal nsresult>`. The nsresult is',
    '`0x80000000 + ((module + 0x45) << 16) + code`: module 6 is the network, 21 the security module (TLS and',
    'certificates). Proxy refusals are network code 1000 + the HTTP status the proxy answered.',
    '',
    '### Firefox names',
    '',
    '| Name | nsresult | webNavigation string | Canonical code |',
    '|---|---|---|---|',
  ];
  for (const row of FIREFOX_NETWORK_ERRORS) {
    const nsresult = makeNsresult(row.module, row.code);
    lines.push(`| ${code(row.name)} | ${hex(nsresult)} | Error code ${nsresult} | ${code(row.canonical)} |`);
  }
  lines.push(
    '',
    '### Load phases',
    '',
    "When a load dies without an error name, Firefox's webRequest reports the last step it saw as",
    '`NS_ERROR_NET_ON_<phase>`. The step narrows the cause down but does not name it.',
    '',
    '| Name | Category | Verdict | Treated like | What it means |',
    '|---|---|---|---|---|',
  );
  for (const phase of FIREFOX_PHASES) {
    const entry = FIREFOX_PHASE_ERRORS.find((e) => e.code === phase)!;
    lines.push(
      `| ${code(phase)} | ${entry.category} | ${entry.verdict} | ${code(entry.closest ?? '')} | ${cell(entryTitle(entry))} |`,
    );
  }
  lines.push(
    '',
    '### TLS and certificate errors (NSS)',
    '',
    `An NSS error code is negative; Firefox reports it as security-module code = -code. SSL_ERROR_* start at ${SSL_ERROR_BASE}`,
    `(handshake and TLS), SEC_ERROR_* at ${SEC_ERROR_BASE} (mostly certificates), MOZILLA_PKIX_ERROR_* at`,
    `${MOZILLA_PKIX_ERROR_BASE} (certificates) and the NSPR socket errors (PR_*_ERROR) at ${PR_NSPR_ERROR_BASE}.`,
    'Names not listed here are decoded by their range: SSL_ERROR_* as `ERR_SSL_PROTOCOL_ERROR`, SEC_ERROR_* and',
    'MOZILLA_PKIX_ERROR_* as `ERR_CERT_INVALID`, SEC_ERROR_OCSP_* as `ERR_CERT_UNABLE_TO_CHECK_REVOCATION`.',
    '',
    '| Name | Code | webNavigation string | Canonical code |',
    '|---|---|---|---|',
  );
  for (const name of specificallyMappedNssNames()) {
    const nss = nssErrorForName(name)!;
    lines.push(
      `| ${code(name)} | ${nss.prCode} | Error code ${makeNsresult(MODULE_SECURITY, -nss.prCode)} | ${code(nss.canonical)} |`,
    );
  }
  lines.push('');
  return lines;
}

/** docs/errors.md, generated from the taxonomy. Deterministic: the same table always gives the same text. */
export function renderErrorsDoc(): string {
  const chromium = CHROMIUM_ERRORS;
  const firefoxOnly = [...FIREFOX_ONLY_ERRORS, ...FIREFOX_PHASE_ERRORS];
  const lines = [
    '# Error catalogue',
    '',
    '<!-- Generated from src/engine/errors by `npm run docs`. Do not edit by hand. -->',
    '',
    `Every error netwhy recognises: ${chromium.length} Chromium codes (every active code and the later additions)`,
    `and ${firefoxOnly.length} errors only Firefox reports, grouped by category. The canonical code is Chromium's name where one`,
    'exists; Firefox names, `Error code` numbers, NSS names and TLS sentences are mapped onto it (see the Firefox section).',
    '',
    'The verdict is the default guess before any other evidence: **client** (this device or browser), **network**',
    '(between you and the server), **server** (the site), **unknown**. The rules refine it with context.',
    '',
    '## Contents',
    '',
  ];
  const all = [...chromium, ...firefoxOnly];
  for (const [category, title] of CATEGORY_TITLES) {
    const count = all.filter((e) => e.category === category).length;
    if (count > 0) lines.push(`- ${title}: ${count}`);
  }
  lines.push('- Firefox: names, load phases, NSS errors', '');
  lines.push(...renderCategories(all));
  lines.push(...renderFirefox());
  // A sanity check that keeps the document honest: every mapped name leads to an entry.
  for (const row of FIREFOX_NETWORK_ERRORS)
    if (!entryForCode(row.canonical)) throw new Error(`no entry for ${row.canonical}`);
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

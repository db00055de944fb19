/**
 * The stores' rules that can be checked offline, and the listing text taken from the message catalogs.
 *
 * - `checkPackage(store, files, permissionsDoc)` reads a package as the store receives it (the files of the zip) and
 *   returns what a store would reject or a reviewer would flag: the manifest's name, short name and description in
 *   every language against the store's limits, the icons (16, 32, 48, 128: present, PNG, the size they claim), every
 *   permission justified in docs/permissions.md, and no remote code (CSP, pages' scripts, the bundles).
 * - `storeListing()` renders docs/store-listing.md: name, summary and description in every language of src/locales.
 *
 * Used by scripts/package.mjs (on the zips it wrote), scripts/store-listing.mjs, and test/unit/docs/store.test.ts.
 *
 * Limits, as the stores document them: Chrome Web Store — name ≤ 75 characters, short_name ≤ 12 (recommended),
 * description ≤ 132 (the upload is rejected above it), a 128×128 PNG icon in the package; addons.mozilla.org — name ≤
 * 50
 * characters, summary ≤ 250 (AMO takes it from the manifest's description), and Firefox's description limit of 132.
 */
import { DEFAULT_LOCALE, locales, readCatalog } from './locales';

export type Store = 'chrome' | 'firefox';
/** A package's files by path (forward slashes, no leading slash), as in the zip. */
export type Files = Record<string, Uint8Array>;

export const LIMITS: Record<Store, { name: number; shortName?: number; description: number }> = {
  chrome: { name: 75, shortName: 12, description: 132 },
  firefox: { name: 50, description: 132 },
};
export const AMO_SUMMARY = 250;
export const ICON_SIZES = ['16', '32', '48', '128'] as const;
/** CSP sources that load no code from elsewhere. */
const SAFE_SOURCES = new Set(["'self'", "'none'", "'wasm-unsafe-eval'"]);

interface Manifest {
  manifest_version?: number;
  name?: string;
  short_name?: string;
  description?: string;
  version?: string;
  default_locale?: string;
  icons?: Record<string, string>;
  action?: { default_icon?: string | Record<string, string> };
  permissions?: string[];
  optional_permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
  content_security_policy?: { extension_pages?: string };
  background?: { service_worker?: string; scripts?: string[] };
  content_scripts?: { js?: string[] }[];
  browser_specific_settings?: { gecko?: { id?: string; data_collection_permissions?: unknown } };
}

/** Width and height of a PNG, or null when the bytes are not a PNG. */
export function pngSize(data: Uint8Array): { width: number; height: number } | null {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (data.length < 24 || signature.some((b, i) => data[i] !== b)) return null;
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (String.fromCharCode(...data.subarray(12, 16)) !== 'IHDR') return null;
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const text = (data: Uint8Array | undefined) => (data ? new TextDecoder().decode(data) : '');

/** The value of a manifest string in every language the package carries (`__MSG_key__` resolved). */
export function localizedValues(
  files: Files,
  manifest: Manifest,
  value: string | undefined,
): Record<string, string | null> {
  const langs = Object.keys(files)
    .map((p) => /^_locales\/([^/]+)\/messages\.json$/.exec(p)?.[1])
    .filter((l): l is string => !!l)
    .sort();
  const ref = /^__MSG_(\w+)__$/.exec(value ?? '');
  if (!ref)
    return Object.fromEntries(
      (langs.length ? langs : [manifest.default_locale ?? 'default']).map((l) => [l, value ?? null]),
    );
  const key = ref[1]!.toLowerCase();
  const out: Record<string, string | null> = {};
  for (const lang of langs) {
    const catalog = JSON.parse(text(files[`_locales/${lang}/messages.json`])) as Record<string, { message?: string }>;
    const entry = Object.entries(catalog).find(([k]) => k.toLowerCase() === key)?.[1];
    out[lang] = entry?.message ?? null;
  }
  return out;
}

/** The section of docs/permissions.md that justifies `permission`, or '' when there is none. */
export function justification(permissionsDoc: string, permission: string): string {
  const parts = permissionsDoc.split(`## \`${permission}\``);
  return parts.length < 2 ? '' : parts[1]!.split(/^## /m)[0]!.trim();
}

const isRemote = (url: string) =>
  /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(url.trim()) && !/^(?:chrome|moz)-extension:/i.test(url.trim());

/** What a store would reject or a reviewer would flag in this package; empty when it passes. */
export function checkPackage(store: Store, files: Files, permissionsDoc: string): string[] {
  const problems: string[] = [];
  const raw = files['manifest.json'];
  if (!raw) return ['manifest.json is missing at the top of the package'];
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text(raw)) as Manifest;
  } catch (err) {
    return [`manifest.json does not parse: ${(err as Error).message}`];
  }
  const limits = LIMITS[store];

  if (manifest.manifest_version !== 3)
    problems.push(`manifest_version is ${manifest.manifest_version}, the stores take 3`);
  const version = manifest.version ?? '';
  if (
    !/^\d+(\.\d+){0,3}$/.test(version) ||
    version.split('.').some((n) => Number(n) > 65535 || (n.length > 1 && n.startsWith('0')))
  ) {
    problems.push(`version "${version}" is not 1 to 4 dot-separated integers (0–65535, no leading zeros)`);
  }

  // Name, short name, description in every language.
  if (manifest.default_locale && !files[`_locales/${manifest.default_locale}/messages.json`]) {
    problems.push(
      `default_locale "${manifest.default_locale}" has no _locales/${manifest.default_locale}/messages.json`,
    );
  }
  const fields: [string, string | undefined, number | undefined, boolean][] = [
    ['name', manifest.name, limits.name, true],
    ['short_name', manifest.short_name, limits.shortName, false],
    ['description', manifest.description, limits.description, true],
  ];
  for (const [field, value, limit, required] of fields) {
    if (value === undefined) {
      if (required) problems.push(`manifest ${field} is missing`);
      continue;
    }
    for (const [lang, resolved] of Object.entries(localizedValues(files, manifest, value))) {
      if (resolved === null) problems.push(`${field} (${value}) has no message in _locales/${lang}`);
      else if (resolved.trim() === '') problems.push(`${field} is empty in ${lang}`);
      else if (limit !== undefined && [...resolved].length > limit) {
        problems.push(
          `${field} in ${lang} is ${[...resolved].length} characters; the ${store === 'chrome' ? 'Chrome Web Store' : 'addons.mozilla.org'} takes at most ${limit}: "${resolved}"`,
        );
      }
    }
  }

  // Icons: the four sizes, each a PNG of the size it claims; the toolbar icons too.
  const checkIcon = (where: string, size: string, path: string | undefined) => {
    if (!path) return problems.push(`${where} has no ${size}×${size} icon`);
    const data = files[path.replace(/^\//, '')];
    if (!data) return problems.push(`${where} ${size}: ${path} is not in the package`);
    const got = pngSize(data);
    if (!got) return problems.push(`${where} ${size}: ${path} is not a PNG`);
    if (got.width !== Number(size) || got.height !== Number(size)) {
      problems.push(`${where} ${size}: ${path} is ${got.width}×${got.height}, not ${size}×${size}`);
    }
    return undefined;
  };
  for (const size of ICON_SIZES) checkIcon('icons', size, manifest.icons?.[size]);
  for (const [size, path] of Object.entries(manifest.icons ?? {}))
    if (!(ICON_SIZES as readonly string[]).includes(size)) checkIcon('icons', size, path);
  const actionIcon = manifest.action?.default_icon;
  if (typeof actionIcon === 'string') {
    if (!files[actionIcon]) problems.push(`action.default_icon ${actionIcon} is not in the package`);
  } else for (const [size, path] of Object.entries(actionIcon ?? {})) checkIcon('action.default_icon', size, path);

  // Every permission justified in docs/permissions.md.
  const permissions = [
    ...(manifest.permissions ?? []),
    ...(manifest.optional_permissions ?? []),
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
  ];
  for (const p of permissions) {
    const why = justification(permissionsDoc, p);
    if (why.length < 80)
      problems.push(`permission ${p} is not justified in docs/permissions.md (a "## \`${p}\`" section that says why)`);
  }

  // No remote code: the CSP allows only the package's own scripts, pages load only packaged scripts, bundles import
  // nothing from elsewhere and build no code from strings.
  const csp = manifest.content_security_policy?.extension_pages;
  if (csp) {
    for (const directive of csp.split(';').map((d) => d.trim().split(/\s+/))) {
      const [name, ...sources] = directive;
      if (!name || !['script-src', 'object-src', 'worker-src', 'default-src'].includes(name)) continue;
      const unsafe = sources.filter((s) => !SAFE_SOURCES.has(s));
      if (unsafe.length)
        problems.push(
          `content_security_policy ${name} allows ${unsafe.join(' ')}: only the package's own code may run`,
        );
    }
  }
  const referenced = [
    manifest.background?.service_worker,
    ...(manifest.background?.scripts ?? []),
    ...(manifest.content_scripts ?? []).flatMap((c) => c.js ?? []),
  ];
  for (const path of referenced)
    if (path && !files[path]) problems.push(`the manifest names ${path}, which is not in the package`);
  for (const [path, data] of Object.entries(files)) {
    if (path.endsWith('.map')) problems.push(`${path}: source maps do not belong in a store package`);
    if (path.endsWith('.html')) {
      const html = text(data);
      for (const m of html.matchAll(/<script\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi))
        if (isRemote(m[1]!)) problems.push(`${path} loads a remote script: ${m[1]}`);
      for (const m of html.matchAll(
        /<link\b[^>]*\brel\s*=\s*["']?modulepreload["']?[^>]*\bhref\s*=\s*["']([^"']+)["']/gi,
      ))
        if (isRemote(m[1]!)) problems.push(`${path} preloads a remote module: ${m[1]}`);
      if (/<script\b(?![^>]*\bsrc\s*=)[^>]*>\s*\S/i.test(html))
        problems.push(`${path} has an inline script (MV3's CSP refuses it)`);
    }
    if (/\.(m?js)$/.test(path)) {
      const js = text(data);
      const remoteImport =
        /\bimport\s*\(\s*["'`]((?:[a-z]+:)?\/\/[^"'`]*)|\bfrom\s*["']((?:[a-z]+:)?\/\/[^"']*)|\bimportScripts\s*\(\s*["'`]((?:[a-z]+:)?\/\/[^"'`]*)/i.exec(
          js,
        );
      if (remoteImport)
        problems.push(`${path} imports code from ${remoteImport[1] ?? remoteImport[2] ?? remoteImport[3]}`);
      if (/(?<![\w$.])eval\s*\(/.test(js)) problems.push(`${path} calls eval()`);
      if (/\bnew\s+Function\s*\(/.test(js)) problems.push(`${path} builds code with new Function()`);
    }
  }

  if (store === 'firefox') {
    const gecko = manifest.browser_specific_settings?.gecko;
    if (!gecko?.id)
      problems.push('browser_specific_settings.gecko.id is missing (addons.mozilla.org needs it for Manifest V3)');
    if (gecko && gecko.data_collection_permissions === undefined)
      problems.push('browser_specific_settings.gecko.data_collection_permissions is missing');
    for (const [lang, summary] of Object.entries(localizedValues(files, manifest, manifest.description))) {
      if (summary && [...summary].length > AMO_SUMMARY)
        problems.push(`the AMO summary (description) in ${lang} is over ${AMO_SUMMARY} characters`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// docs/store-listing.md

const LANGUAGE_NAMES: Record<string, string> = { de: 'Deutsch', en: 'English', es: 'Español', fr: 'Français' };

/** A catalog message that takes no parameters ($$ written as $). */
function message(catalog: Record<string, { message: string }>, lang: string, key: string): string {
  const m = catalog[key]?.message;
  if (m === undefined) throw new Error(`src/locales/${lang}: ${key} is missing (the store listing uses it)`);
  if (/\$[1-9]/.test(m))
    throw new Error(`src/locales/${lang}: ${key} takes parameters; the store listing cannot use it`);
  return m.replace(/\$\$/g, '$');
}

/** The long description for one language, from messages the extension already shows. */
export function listingDescription(lang: string): string {
  const catalog = readCatalog(lang) as Record<string, { message: string }>;
  const m = (key: string) => message(catalog, lang, key);
  const label = (key: string) => catalog['common_label']!.message.replace('$1', m(key));
  return [
    m('extDescription'),
    '',
    `${label('popup_filter_verdict_label')} ${m('popup_filter_client')} · ${m('popup_filter_network')} · ${m('popup_filter_server')}`,
    `${m('common_why')} · ${m('common_todo')} · ${m('common_check')}`,
    '',
    `${label('options_shows_heading')}`,
    `- ${m('options_takeover')}`,
    `- ${label('options_overlay5xx')} ${m('options_overlay5xx_help')}`,
    `- ${label('options_dev_banner')} ${m('options_dev_banner_help')}`,
    '',
    `${label('options_checks_heading')}`,
    `- ${m('options_probes_loopback_help')}`,
    `- ${m('options_private')}`,
    `- ${m('options_redact_query')}`,
  ].join('\n');
}

/** docs/store-listing.md, generated: `npm run store-listing` writes it, a unit test checks it is up to date. */
export function storeListing(): string {
  const langs = [DEFAULT_LOCALE, ...locales().filter((l) => l !== DEFAULT_LOCALE)];
  const out = [
    '# Store listing',
    '',
    '<!-- Generated by `npm run store-listing` from src/locales/<lang>/*.json (scripts/store.ts): do not edit. -->',
    '',
    'The text for the Chrome Web Store and addons.mozilla.org, in every language netwhy speaks, taken from the message',
    'catalogs, so the listing says what the extension says. Change a message in `src/locales/` and run',
    '`npm run store-listing`; a unit test fails while this page is stale. `npm run package` checks the same limits on',
    'the built packages.',
    '',
    '| field | where it goes | limit |',
    '|---|---|---|',
    `| Name (\`extName\`) | the manifest's \`name\`; both stores' listing title | ${LIMITS.firefox.name} characters (AMO), ${LIMITS.chrome.name} (Chrome Web Store) |`,
    `| Summary (\`extDescription\`) | the manifest's \`description\`: Chrome's short description, AMO's summary | ${LIMITS.chrome.description} characters (AMO: ${AMO_SUMMARY}) |`,
    "| Description | the listing's long description, pasted in the dashboard | — |",
    '',
    "Images: `npm run screenshots` writes the store's sizes into `docs/screenshots/store/` (1280×800 screenshots and the",
    '440×280 small promo tile); the 128×128 icon is in the package.',
    '',
  ];
  for (const lang of langs) {
    const catalog = readCatalog(lang) as Record<string, { message: string }>;
    const name = message(catalog, lang, 'extName');
    const summary = message(catalog, lang, 'extDescription');
    out.push(
      `## ${LANGUAGE_NAMES[lang] ?? lang} (\`${lang}\`)`,
      '',
      `**Name** (${[...name].length} characters): ${name}`,
      '',
      `**Summary** (${[...summary].length} characters): ${summary}`,
      '',
      '**Description**:',
      '',
      '```text',
      listingDescription(lang),
      '```',
      '',
    );
  }
  return out.join('\n');
}

/**
 * The store checks of scripts/store.ts (run by `npm run package` on the real zips): the repository's own manifest,
 * icons, catalogs and docs/permissions.md pass them, and each rule fails on a package that breaks it. And
 * docs/store-listing.md is generated from the catalogs and up to date.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { locales, readCatalog } from '../../../scripts/locales';
import { checkPackage, pngSize, storeListing, type Files } from '../../../scripts/store';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const PERMISSIONS = readFileSync(join(ROOT, 'docs/permissions.md'), 'utf8');
const enc = (s: string) => new TextEncoder().encode(s);

/** A package as the build makes it, from the sources: the manifest, _locales, icons and stand-ins for the code. */
function sourcePackage(patch: (manifest: Record<string, unknown>) => void = () => {}): Files {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  manifest['background'] = { service_worker: 'service-worker-loader.js', type: 'module' };
  patch(manifest);
  const files: Files = {
    'manifest.json': enc(JSON.stringify(manifest)),
    'service-worker-loader.js': enc("import './assets/index.js';\n"),
    'assets/index.js': enc('export const x = 1;\n'),
    'src/pages/popup/index.html': enc('<!doctype html><script type="module" src="/assets/index.js"></script>'),
  };
  return { ...files, ...LOCALES_AND_ICONS };
}

/** The catalogs as the build writes them, and the icons: read once. */
const LOCALES_AND_ICONS: Files = {};
for (const lang of locales()) {
  const slim = Object.fromEntries(Object.entries(readCatalog(lang)).map(([k, v]) => [k, { message: v.message }]));
  LOCALES_AND_ICONS[`_locales/${lang}/messages.json`] = enc(JSON.stringify(slim));
}
for (const icon of readdirSync(join(ROOT, 'public/icons'))) LOCALES_AND_ICONS[`icons/${icon}`] = readFileSync(join(ROOT, 'public/icons', icon));

describe('store checks', () => {
  it('pass on the repository manifest, icons, catalogs and permission docs, for both stores', () => {
    expect(checkPackage('chrome', sourcePackage(), PERMISSIONS)).toEqual([]);
    const firefox = sourcePackage((m) => {
      m['browser_specific_settings'] = { gecko: { id: 'netwhy@example.org', data_collection_permissions: { required: ['none'] } } };
    });
    expect(checkPackage('firefox', firefox, PERMISSIONS)).toEqual([]);
  });

  it('reads PNG sizes', () => {
    expect(pngSize(readFileSync(join(ROOT, 'public/icons/icon-48.png')))).toEqual({ width: 48, height: 48 });
    expect(pngSize(enc('GIF89a............................'))).toBeNull();
  });

  const broken: [string, (files: Files) => void, RegExp][] = [
    ['an icon of the wrong size', (f) => void (f['icons/icon-16.png'] = f['icons/icon-32.png']!), /icons 16: icons\/icon-16\.png is 32×32, not 16×16/],
    ['a missing 128 icon', (f) => void delete f['icons/icon-128.png'], /icons 128: icons\/icon-128\.png is not in the package/],
    ['a description over 132 characters', (f) => setMessage(f, 'fr', 'extDescription', 'x'.repeat(133)), /description in fr is 133 characters; the Chrome Web Store takes at most 132/],
    ['a name over 75 characters', (f) => setMessage(f, 'de', 'extName', 'n'.repeat(76)), /name in de is 76 characters/],
    ['a message missing in a language', (f) => setMessage(f, 'es', 'extName', undefined), /name \(__MSG_extName__\) has no message in _locales\/es/],
    ['a permission docs/permissions.md does not justify', (f) => patchManifest(f, (m) => (m['permissions'] as string[]).push('tabs')), /permission tabs is not justified/],
    ['a CSP that allows remote scripts', (f) => patchManifest(f, (m) => (m['content_security_policy'] = { extension_pages: "script-src 'self' https://cdn.example; object-src 'none'" })), /script-src allows https:\/\/cdn\.example/],
    ['a page loading a remote script', (f) => void (f['src/pages/popup/index.html'] = enc('<script src="https://cdn.example/x.js"></script>')), /loads a remote script: https:\/\/cdn\.example\/x\.js/],
    ['an inline script', (f) => void (f['src/pages/popup/index.html'] = enc('<script>alert(1)</script>')), /inline script/],
    ['a bundle importing remote code', (f) => void (f['assets/index.js'] = enc('await import("https://cdn.example/m.js");')), /imports code from https:\/\/cdn\.example\/m\.js/],
    ['a bundle calling eval', (f) => void (f['assets/index.js'] = enc('const y = eval(code);')), /calls eval\(\)/],
    ['a bundle using new Function', (f) => void (f['assets/index.js'] = enc('const g = new Function("return 1");')), /new Function/],
    ['a source map', (f) => void (f['assets/index.js.map'] = enc('{}')), /source maps do not belong/],
    ['a worker the package lacks', (f) => void delete f['service-worker-loader.js'], /names service-worker-loader\.js, which is not in the package/],
    ['a version the stores refuse', (f) => patchManifest(f, (m) => (m['version'] = '1.02.0-beta')), /version "1\.02\.0-beta"/],
  ];
  it.each(broken)('fail on %s', (_name, breakIt, expected) => {
    const files = sourcePackage();
    breakIt(files);
    const problems = checkPackage('chrome', files, PERMISSIONS);
    expect(problems.some((p) => expected.test(p)), problems.join('\n')).toBe(true);
  });

  it('hold Firefox packages to AMO: a 51-character name, no add-on id', () => {
    const files = sourcePackage((m) => (m['browser_specific_settings'] = { gecko: { data_collection_permissions: { required: ['none'] } } }));
    setMessage(files, 'en', 'extName', 'n'.repeat(51));
    expect(checkPackage('chrome', files, PERMISSIONS)).toEqual([]);
    const problems = checkPackage('firefox', files, PERMISSIONS);
    expect(problems.some((p) => /name in en is 51 characters; the addons\.mozilla\.org takes at most 50/.test(p))).toBe(true);
    expect(problems.some((p) => /gecko\.id is missing/.test(p))).toBe(true);
  });
});

describe('docs/store-listing.md', () => {
  it('is generated from the catalogs and up to date (npm run store-listing)', () => {
    const file = join(ROOT, 'docs/store-listing.md');
    const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
    expect(current === storeListing(), 'docs/store-listing.md is stale: run npm run store-listing').toBe(true);
  });

  it('has every language, each with the name and summary from its catalog', () => {
    const doc = storeListing();
    for (const lang of locales()) {
      const catalog = readCatalog(lang);
      expect(doc).toContain(`(\`${lang}\`)`);
      expect(doc).toContain(`**Summary** (${[...catalog['extDescription']!.message].length} characters): ${catalog['extDescription']!.message}`);
    }
  });
});

function setMessage(files: Files, lang: string, key: string, message: string | undefined): void {
  const path = `_locales/${lang}/messages.json`;
  const catalog = JSON.parse(new TextDecoder().decode(files[path])) as Record<string, { message: string }>;
  if (message === undefined) delete catalog[key];
  else catalog[key] = { message };
  files[path] = enc(JSON.stringify(catalog));
}

function patchManifest(files: Files, patch: (m: Record<string, unknown>) => void): void {
  const m = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as Record<string, unknown>;
  patch(m);
  files['manifest.json'] = enc(JSON.stringify(m));
}

/**
 * The docs for the next engineer stay true: every path they name exists, every `npm run X` they tell you to type is a
 * script in package.json, every `--project P` is a vitest project, every relative link resolves, and the parts of the
 * code the architecture page must cover (the folders of src/, the rule families, the languages) are all named.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The docs whose facts are checked. */
const DOCS = ['README.md', 'CONTRIBUTING.md', 'docs/architecture.md', 'docs/performance.md', 'docs/store-listing.md'];
/** Paths the docs name that exist only while something runs (a bench run's partial results). */
const MADE_AT_RUN_TIME = [/^bench\/results\/partial\./];

const scripts = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);
const projects = [...read('vitest.config.ts').matchAll(/name: '([\w-]+)'/g)].map((m) => m[1]!);

/** `a/{b,c}/d` → `a/b/d`, `a/c/d`. */
function expandBraces(path: string): string[] {
  const m = /\{([^{}]*)\}/.exec(path);
  if (!m) return [path];
  return m[1]!.split(',').flatMap((alt) => expandBraces(path.slice(0, m.index) + alt + path.slice(m.index + m[0].length)));
}

/** True when `pattern` (segments may hold `<placeholder>` or `*`) names at least one existing file or folder. */
function matches(pattern: string): boolean {
  const segments = pattern.replace(/\/$/, '').split('/');
  const walk = (dir: string, rest: string[]): boolean => {
    if (rest.length === 0) return true;
    const [seg, ...tail] = rest as [string, ...string[]];
    if (!/[<*]/.test(seg)) {
      const next = join(dir, seg);
      return existsSync(next) && (tail.length === 0 || statSync(next).isDirectory()) && walk(next, tail);
    }
    const re = new RegExp(`^${seg.replace(/[.+?^$()|[\]\\]/g, '\\$&').replace(/<[^>]+>|\*/g, '[^/]+')}$`);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return false;
    return readdirSync(dir).some((name) => re.test(name) && walk(join(dir, name), tail));
  };
  return walk(ROOT, segments);
}

/** Paths into the repository a doc names, in prose, code spans or code blocks. */
function pathsIn(text: string): string[] {
  const found = new Set<string>();
  const re = /(?<![\w./@-])((?:src|test|docs|scripts|bench|public|\.ci)\/[\w.\-/<>*{},]*)/g;
  for (const m of text.matchAll(re)) {
    const path = m[1]!.replace(/[.,]+$/, '');
    if (path.includes('://')) continue;
    found.add(path);
  }
  return [...found];
}

describe.each(DOCS)('%s', (doc) => {
  const text = existsSync(join(ROOT, doc)) ? read(doc) : '';

  it('exists', () => {
    expect(text.length, `${doc} is missing`).toBeGreaterThan(0);
  });

  it('names only paths that exist', () => {
    const missing = pathsIn(text)
      .filter((p) => !MADE_AT_RUN_TIME.some((re) => re.test(p)))
      .filter((p) => !expandBraces(p).every(matches));
    expect(missing, `${doc} names paths that do not exist`).toEqual([]);
  });

  it('links only to files that exist', () => {
    const links = [...text.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)].map((m) => m[1]!).filter((l) => !/^[a-z]+:/i.test(l));
    const missing = links.filter((l) => !existsSync(join(ROOT, dirname(doc), l)));
    expect(missing, `${doc} links to missing files`).toEqual([]);
  });

  it('tells you to run only npm scripts that exist', () => {
    const named = [...text.matchAll(/\bnpm run (?:--silent )?([\w:.-]+)/g)].map((m) => m[1]!);
    if (/\bnpm test\b/.test(text)) named.push('test');
    expect(named.filter((s) => !scripts.includes(s)), `${doc} names npm scripts package.json lacks`).toEqual([]);
  });

  it('names only vitest projects that exist', () => {
    const named = [...text.matchAll(/--project ([\w-]+)/g)].map((m) => m[1]!);
    expect(named.filter((p) => !projects.includes(p))).toEqual([]);
  });
});

describe('docs/architecture.md covers the code', () => {
  const arch = read('docs/architecture.md');
  const contributing = read('CONTRIBUTING.md');

  it('names every folder of src/', () => {
    const folders = readdirSync(join(ROOT, 'src')).filter((f) => statSync(join(ROOT, 'src', f)).isDirectory());
    expect(folders.filter((f) => !arch.includes(`src/${f}/`)), 'add a row to the layers table').toEqual([]);
  });

  it('names every rule family, and CONTRIBUTING.md does too', () => {
    const families = readdirSync(join(ROOT, 'src/engine/rules')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(families.filter((f) => !arch.includes(`\`${f}\``)), 'docs/architecture.md, the rules row').toEqual([]);
    expect(families.filter((f) => !contributing.includes(`\`${f}\``)), 'CONTRIBUTING.md, "Add a rule"').toEqual([]);
  });

  it('says which folder the lint rule keeps pure, as eslint.config.js does', () => {
    expect(read('eslint.config.js')).toMatch(/files: \['src\/engine\/\*\*\/\*\.ts'\][\s\S]*?no-restricted-imports/);
    expect(arch).toMatch(/enforced by lint/);
  });
});

describe('README.md', () => {
  const readme = read('README.md');
  const lines = readme.split('\n');
  const firstPicture = lines.findIndex((l) => /!\[[^\]]*\]\(/.test(l));

  it('fits on a screen before its first picture', () => {
    expect(firstPicture, 'a picture').toBeGreaterThan(0);
    expect(firstPicture, 'lines before the first picture').toBeLessThanOrEqual(25);
    expect(lines.slice(0, firstPicture).filter((l) => l.length > 120), 'lines over 120 columns').toEqual([]);
  });

  it('gives the two commands before the picture', () => {
    const top = lines.slice(0, firstPicture).join('\n');
    expect(top).toContain('npm ci && npm run build');
    expect(top).toMatch(/^npm test\b/m);
    expect(top).toContain('dist/');
    expect(top).toContain('dist-firefox/');
  });

  it("names the popup's keyboard shortcut the manifest suggests", () => {
    const manifest = JSON.parse(read('manifest.json')) as {
      commands: { _execute_action: { suggested_key: { default: string } } };
    };
    expect(readme).toContain(`**${manifest.commands._execute_action.suggested_key.default}** opens the popup`);
  });

  it('names every test suite (vitest project)', () => {
    expect(projects.filter((p) => !readme.includes(`| ${p} |`)), 'a row of the Tests table').toEqual([]);
  });

  it("quotes npm test's closing line as test/run-all.mjs prints it", () => {
    expect(read('test/run-all.mjs')).toMatch(/`\$\{\w+\} passed, \$\{\w+\} failed`/);
    expect(readme).toContain('`N passed, N failed`');
  });
});

describe('CONTRIBUTING.md', () => {
  it('lists the languages there are', () => {
    const text = read('CONTRIBUTING.md');
    const langs = readdirSync(join(ROOT, 'src/locales')).filter((f) => !f.includes('.')).sort();
    const named = /in all (\w+) languages \(([^)]*)\)/.exec(text);
    expect(named, 'the "in all N languages (`de`, ...)" sentence').not.toBeNull();
    expect([...named![2]!.matchAll(/`([\w-]+)`/g)].map((m) => m[1]).sort()).toEqual(langs);
  });

});

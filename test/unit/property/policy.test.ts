/**
 * Rules the code base keeps by construction: the lint rule that forbids HTML from data exists and fires (ESLint's own
 * Node API on real snippets, with the project's config), and the docs justify every permission and storage key.
 */
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const eslint = new ESLint({ cwd: ROOT });

async function errorsFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${ROOT}${filePath}` });
  return (result?.messages ?? []).filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('the lint rule against HTML from data', () => {
  const cases: [string, string, RegExp][] = [
    [
      'innerHTML',
      'export function show(el: HTMLElement, data: string) { el.innerHTML = data; }\n',
      /no-restricted-properties: .*Never write HTML from data/,
    ],
    [
      'outerHTML',
      'export function show(el: HTMLElement, data: string) { el.outerHTML = data; }\n',
      /no-restricted-properties: .*Never write HTML from data/,
    ],
    [
      'insertAdjacentHTML',
      "export function show(el: HTMLElement, data: string) { el.insertAdjacentHTML('beforeend', data); }\n",
      /no-restricted-properties: .*Never write HTML from data/,
    ],
    [
      'document.write',
      'export function show(data: string) { document.write(data); }\n',
      /no-restricted-syntax: No document.write/,
    ],
    ['eval', 'export function run(data: string) { return eval(data); }\n', /no-eval/],
    ['new Function', "export function run(data: string) { return new Function('x', data); }\n", /no-new-func/],
  ];
  it.each(cases)(
    'fires on %s in extension code',
    async (_name, code, expected) => {
      const errors = await errorsFor(code, 'src/pages/components/lint-probe.ts');
      expect(errors.some((e) => expected.test(e))).toBe(true);
    },
    30_000,
  );

  it('fires on dangerouslySetInnerHTML in a preact component', async () => {
    const code =
      'export function Card({ data }: { data: string }) {\n  return <div dangerouslySetInnerHTML={{ __html: data }} />;\n}\n';
    const errors = await errorsFor(code, 'src/pages/components/LintProbe.tsx');
    expect(errors).toContain('no-restricted-syntax: Never render HTML from data.');
  }, 30_000);

  it('fires in the page script and the worker too, and leaves text alone', async () => {
    for (const dir of ['src/content', 'src/background', 'src/engine']) {
      const errors = await errorsFor(
        'export const f = (el: HTMLElement, d: string) => { el.innerHTML = d; };\n',
        `${dir}/lint-probe.ts`,
      );
      expect(
        errors.some((e) => e.startsWith('no-restricted-properties:')),
        dir,
      ).toBe(true);
    }
    expect(
      await errorsFor(
        'export const f = (el: HTMLElement, d: string) => { el.textContent = d; };\n',
        'src/pages/components/lint-probe.ts',
      ),
    ).toEqual([]);
  }, 30_000);
});

describe('docs', () => {
  const manifest = JSON.parse(readFileSync(`${ROOT}manifest.json`, 'utf8')) as {
    permissions?: string[];
    optional_permissions?: string[];
    host_permissions?: string[];
    optional_host_permissions?: string[];
  };
  const permissions = [
    ...(manifest.permissions ?? []),
    ...(manifest.optional_permissions ?? []),
    ...(manifest.host_permissions ?? []),
    ...(manifest.optional_host_permissions ?? []),
  ];

  it('docs/permissions.md justifies every permission the manifest asks for, and no other', () => {
    const doc = readFileSync(`${ROOT}docs/permissions.md`, 'utf8');
    const documented = [...doc.matchAll(/^## `([^`]+)`/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual([...permissions].sort());
    for (const p of permissions) {
      const section = doc.split(`## \`${p}\``)[1]!.split(/^## /m)[0]!;
      expect(section.trim().length, `the section for ${p} says why`).toBeGreaterThan(80);
    }
  });

  it('docs/privacy.md names every storage key the extension uses, and where it lives', () => {
    const storage = readFileSync(`${ROOT}src/shared/storage-schema.ts`, 'utf8');
    const keysOf = (iface: string): string[] => {
      const body = new RegExp(`interface ${iface} \\{([\\s\\S]*?)\\n\\}`).exec(storage)?.[1] ?? '';
      return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((m) => m[1]!);
    };
    const local = keysOf('LocalSchema');
    const session = keysOf('SessionSchema');
    expect(local).toContain('history');
    expect(session).toContain('privateHistory');
    const doc = readFileSync(`${ROOT}docs/privacy.md`, 'utf8');
    const localPart = doc.split(/^## /m).find((s) => s.startsWith('What is stored on disk')) ?? '';
    const sessionPart = doc.split(/^## /m).find((s) => s.startsWith('What is kept in memory')) ?? '';
    for (const k of local) expect(localPart, `storage.local key ${k}`).toContain(`\`${k}\``);
    for (const k of session) expect(sessionPart, `storage.session key ${k}`).toContain(`\`${k}\``);
  });
});

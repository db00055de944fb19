/** scripts/check-width.mjs: code and comments over 120 columns fail; the inside of a literal (data) does not count. */
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script without types
import { tooWide, WIDTH } from '../../../scripts/check-width.mjs';

const pad = (n: number) => 'x'.repeat(n);

describe('check-width', () => {
  it('flags a comment and a line of code over the limit, with their line numbers', () => {
    const text = `const a = 1;\n// ${pad(WIDTH)}\nconst ${pad(WIDTH)} = 2;\n`;
    expect(tooWide('a.ts', text).map((w: { line: number }) => w.line)).toEqual([2, 3]);
  });

  it('does not count the inside of string, template, regex literals and JSX text', () => {
    const text = [
      `const s = '${pad(200)}';`,
      `const t = \`${pad(100)}\${s}${pad(100)}\`;`,
      `const r = /${pad(200)}/;`,
      `const j = <p>${pad(200)}</p>;`,
    ].join('\n');
    expect(tooWide('a.tsx', text)).toEqual([]);
  });

  it('counts the code inside a template expression', () => {
    const text = `const t = \`\${${pad(WIDTH)}}\`;`;
    expect(tooWide('a.ts', text)).toHaveLength(1);
  });

  it('allows exactly the limit', () => {
    expect(tooWide('a.ts', `// ${pad(WIDTH - 3)}`)).toEqual([]);
    expect(tooWide('a.ts', `// ${pad(WIDTH - 2)}`)).toHaveLength(1);
  });
});

// Lines longer than 120 columns fail `npm run lint`, unless what makes them long is data: the characters inside string,
// template and regular-expression literals (and JSX text) are not counted. Prettier breaks the code; it cannot break a
// sentence, a URL or a regex, and a comment is ours to wrap.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import ts from 'typescript';

export const WIDTH = 120;
const LITERALS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.JsxText,
]);

/** Lines of `text` whose code (everything outside literals, comments included) is wider than WIDTH. */
export function tooWide(file, text) {
  const kind = /\.tsx$/.test(file) ? ts.ScriptKind.TSX : /\.m?js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
  const literal = new Uint8Array(text.length);
  const visit = (node) => {
    if (LITERALS.has(node.kind)) literal.fill(1, node.getStart(source), node.end);
    node.forEachChild(visit);
  };
  visit(source);
  const wide = [];
  let start = 0;
  text.split('\n').forEach((line, i) => {
    if (line.length > WIDTH) {
      let code = 0;
      for (let k = 0; k < line.length; k++) if (!literal[start + k]) code++;
      if (code > WIDTH) wide.push({ line: i + 1, code, length: line.length });
    }
    start += line.length + 1;
  });
  return wide;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const files = execFileSync('git', ['ls-files', 'src', 'test', 'bench', 'scripts', '.ci'], { encoding: 'utf8' })
    .split('\n')
    .filter((f) => /\.(ts|tsx|mts|mjs|js)$/.test(f));
  let bad = 0;
  for (const file of files) {
    for (const w of tooWide(file, readFileSync(file, 'utf8'))) {
      bad++;
      console.log(`${file}:${w.line}: ${w.code} columns of code (${w.length} in all); wrap it (the limit is ${WIDTH})`);
    }
  }
  if (bad) {
    console.log(`check-width: ${bad} line(s) over ${WIDTH} columns`);
    process.exit(1);
  }
  console.log(`check-width: ${files.length} files, no line over ${WIDTH} columns outside its literals`);
}

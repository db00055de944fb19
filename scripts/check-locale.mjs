// Checks one translated part against English: node scripts/check-locale.mjs <lang> <part.json>
// Same keys, same $1..$9 parameters, `$` only as $1..$9 or $$, no empty message, few messages left in English.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [lang, part] = process.argv.slice(2);
const read = (l) => JSON.parse(readFileSync(join(import.meta.dirname, '..', 'src', 'locales', l, part), 'utf8'));
const en = read('en');
const tr = read(lang);
const problems = [];
const params = (m) =>
  [...m.matchAll(/\$([1-9])/g)]
    .map((x) => x[1])
    .sort()
    .join(',');
let same = 0;
for (const [key, { message }] of Object.entries(en)) {
  const got = tr[key]?.message;
  if (typeof got !== 'string' || got.trim() === '') {
    problems.push(`${key}: missing`);
    continue;
  }
  if (params(got) !== params(message)) problems.push(`${key}: parameters ${params(got)} instead of ${params(message)}`);
  if (/\$(?![1-9$])/.test(got.replace(/\$\$/g, ''))) problems.push(`${key}: stray $`);
  if (got === message && /[a-z]{3}/.test(message)) same += 1;
}
for (const key of Object.keys(tr)) if (!(key in en)) problems.push(`${key}: not in English`);
const total = Object.keys(en).length;
if (same > total * 0.1) problems.push(`${same} of ${total} messages are still the English text`);
console.log(
  problems.length
    ? problems.slice(0, 50).join('\n')
    : `${lang}/${part}: ${total} messages OK (${same} same as English)`,
);
process.exit(problems.length ? 1 : 0);

/** Markdown and plain-text renderings of a report. Untrusted text is escaped so it stays inert Markdown. */
import type { Report } from './build';

const VERDICT_WORDS: Record<string, string> = {
  client: 'your device or browser',
  network: 'your network',
  server: 'the site or server',
  unknown: "can't tell",
};

export function verdictWords(report: Pick<Report['diagnosis'], 'verdict' | 'local'>): string {
  if (report.verdict === 'server' && report.local) return 'a server on this computer';
  return VERDICT_WORDS[report.verdict] ?? "can't tell";
}

/** Unicode's mandatory line breaks (LF, CR, VT, FF, NEL, LS, PS): a field never starts a new line. */
const BREAKS = /[\n\r\v\f\u0085\u2028\u2029]+/g;

/** Escapes Markdown syntax and flattens line breaks so a field cannot inject structure. */
export function md(text: string): string {
  return String(text)
    .replace(BREAKS, ' ')
    // A field never starts a line (line breaks are flattened), so only inline syntax needs escaping.
    .replace(/([\\`*_[\]!|<>~])/g, '\\$1');
}

/** Inline code that cannot be broken out of: a fence longer than any backtick run inside. */
export function code(text: string): string {
  const flat = String(text).replace(BREAKS, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

const AUDIENCE: Record<string, string> = { you: 'You', owner: 'Site owner', developer: 'Developer' };

export function toMarkdown(r: Report): string {
  const d = r.diagnosis;
  const f = r.failure;
  const lines: string[] = [];
  lines.push(`## netwhy report: ${md(d.cause.title)}`, '');
  lines.push(`**${md(d.cause.summary)}**`, '');
  lines.push(`- **Where the fault most likely lies:** ${verdictWords(d)} (${d.confidenceWord})`);
  lines.push(`- **URL:** ${code(f.url)}`);
  lines.push(`- **Error:** ${code(f.error.code)}${f.error.number ? ` (${f.error.number})` : ''}, raw ${code(f.error.raw)}`);
  if (f.httpStatus) lines.push(`- **HTTP status:** ${f.httpStatus}`);
  if (f.ip) lines.push(`- **Server address:** ${code(f.ip)}`);
  lines.push(`- **When:** ${md(f.time)} (${md(f.timeLocal)})${f.count > 1 ? `, ${f.count} times` : ''}`);
  lines.push(`- **Request type:** ${md(f.resourceType)}`);
  lines.push(`- **Browser:** ${md(`${r.browser.name} ${r.browser.version} on ${r.browser.os}`)}, ${md(`${r.extension.name} ${r.extension.version}`)}`);
  lines.push(`- **Online:** ${r.context.online === null ? 'unknown' : r.context.online ? 'yes' : 'no'}; proxy: ${md(r.context.proxy ?? 'not known')}`);
  lines.push(`- **Recently:** ${r.context.recentSuccesses} other sites loaded fine, ${r.context.recentFailures} failures elsewhere`);
  if (r.support) lines.push(`- **Support:** ${md(r.support.contact)}`);
  lines.push('');
  if (d.evidence.length) {
    lines.push('### Why', '');
    for (const e of d.evidence) lines.push(`- ${md(e.text)} _(points to: ${md(e.pointsTo)})_`);
    lines.push('');
  }
  if (d.steps.length) {
    lines.push('### What to do', '');
    for (const s of d.steps) lines.push(`- **${AUDIENCE[s.audience] ?? md(s.audience)}:** ${md(s.text)}${s.link ? ` ${code(s.link)}` : ''}`);
    lines.push('');
  }
  if (d.commands.length) {
    lines.push('### Check it yourself', '');
    for (const c of d.commands) lines.push(`- ${md(c.label)} (${md(c.platform)}): ${code(c.command)}`);
    lines.push('');
  }
  if (d.alternatives.length) {
    lines.push('### Other possible causes', '');
    for (const a of d.alternatives) lines.push(`- ${md(a.title)}: ${md(a.summary)}`);
    lines.push('');
  }
  lines.push(`_Generated ${md(r.generatedAt)} by netwhy. No cookies or page content included._`);
  return lines.join('\n');
}

export function toText(r: Report): string {
  const d = r.diagnosis;
  const f = r.failure;
  const flat = (s: string) => String(s).replace(BREAKS, ' ');
  const lines = [
    `netwhy report: ${flat(d.cause.title)}`,
    flat(d.cause.summary),
    '',
    `Fault most likely: ${verdictWords(d)} (${d.confidenceWord})`,
    `URL: ${flat(f.url)}`,
    `Error: ${flat(f.error.code)}${f.error.number ? ` (${f.error.number})` : ''} - raw: ${flat(f.error.raw)}`,
    ...(f.httpStatus ? [`HTTP status: ${f.httpStatus}`] : []),
    `When: ${f.time} (${flat(f.timeLocal)})${f.count > 1 ? `, ${f.count} times` : ''}`,
    `Browser: ${flat(`${r.browser.name} ${r.browser.version} on ${r.browser.os}`)}; ${flat(`${r.extension.name} ${r.extension.version}`)}`,
    `Online: ${r.context.online === null ? 'unknown' : r.context.online ? 'yes' : 'no'}`,
    ...(r.support ? [`Support: ${flat(r.support.contact)}`] : []),
    '',
    'Why:',
    ...d.evidence.map((e) => `  - ${flat(e.text)} [points to: ${e.pointsTo}]`),
    '',
    'What to do:',
    ...d.steps.map((s) => `  - ${AUDIENCE[s.audience] ?? s.audience}: ${flat(s.text)}${s.link ? ` ${flat(s.link)}` : ''}`),
    '',
    'Check it yourself:',
    ...d.commands.map((c) => `  - ${flat(c.label)} (${c.platform}): ${flat(c.command)}`),
  ];
  return lines.join('\n');
}

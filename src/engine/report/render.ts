/** Markdown and plain-text renderings of a report. Untrusted text is escaped so it stays inert Markdown. */
import { t } from '../i18n';
import type { Report } from './build';

const VERDICT_WORDS: Record<string, string> = {
  client: 'report_side_client',
  network: 'report_side_network',
  server: 'report_side_server',
};

export function verdictWords(report: Pick<Report['diagnosis'], 'verdict' | 'local'>): string {
  if (report.verdict === 'server' && report.local) return t('report_side_local');
  return t(VERDICT_WORDS[report.verdict] ?? 'report_side_unknown');
}

/** Labels of the report's fields, in the user's language (the values stay as they are). */
const label = (name: string) => t(`report_${name}`);
const audience = (name: string) => t(`report_for_${name}`);
const online = (value: boolean | null) => t(value === null ? 'report_unknown' : value ? 'report_yes' : 'report_no');
const times = (count: number) => (count > 1 ? t('report_times', [count]) : '');
const confidence = (word: string) => t(`report_confidence_${word}`);

/** Unicode's mandatory line breaks (LF, CR, VT, FF, NEL, LS, PS): a field never starts a new line. */
const BREAKS = /[\n\r\v\f\u0085\u2028\u2029]+/g;

/** Escapes Markdown syntax and flattens line breaks so a field cannot inject structure. */
export function md(text: string): string {
  return (
    String(text)
      .replace(BREAKS, ' ')
      // A field never starts a line (line breaks are flattened), so only inline syntax needs escaping.
      .replace(/([\\`*_[\]!|<>~])/g, '\\$1')
  );
}

/** Inline code that cannot be broken out of: a fence longer than any backtick run inside. */
export function code(text: string): string {
  const flat = String(text).replace(BREAKS, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * The path of the request in words, up to the hop that answered: "you → network → Cloudflare (ray …) → site's server
 * ✗".
 */
export function pathWords(hop: NonNullable<Report['diagnosis']['hop']>): string {
  return t('report_path_hop', [hop.detail ? `${hop.name} (${hop.detail})` : hop.name]);
}

export function toMarkdown(r: Report): string {
  const d = r.diagnosis;
  const f = r.failure;
  const lines: string[] = [];
  lines.push(`## ${t('report_heading', [md(d.cause.title)])}`, '');
  lines.push(`**${md(d.cause.summary)}**`, '');
  lines.push(`- **${label('fault')}:** ${verdictWords(d)} (${confidence(d.confidenceWord)})`);
  lines.push(`- **URL:** ${code(f.url)}`);
  lines.push(
    `- **${label('error')}:** ${code(f.error.code)}${f.error.number ? ` (${f.error.number})` : ''}, ${label('raw')} ${code(f.error.raw)}`,
  );
  if (f.httpStatus) lines.push(`- **${label('status')}:** ${f.httpStatus}`);
  if (d.hop) lines.push(`- **${label('path')}:** ${md(pathWords(d.hop))}`);
  if (f.ip) lines.push(`- **${label('ip')}:** ${code(f.ip)}`);
  lines.push(`- **${label('when')}:** ${md(f.time)} (${md(f.timeLocal)})${times(f.count)}`);
  lines.push(`- **${label('type')}:** ${md(f.resourceType)}`);
  lines.push(
    `- **${label('browser')}:** ${md(t('report_browser_on', [r.browser.name, r.browser.version, r.browser.os]))}, ${md(`${r.extension.name} ${r.extension.version}`)}`,
  );
  lines.push(
    `- **${label('online')}:** ${online(r.context.online)}; ${label('proxy')}: ${md(r.context.proxy ?? t('report_unknown'))}`,
  );
  lines.push(
    `- **${label('recently')}:** ${t('report_recent', [r.context.recentSuccesses, r.context.recentFailures])}`,
  );
  if (r.support) lines.push(`- **${label('support')}:** ${md(r.support.contact)}`);
  lines.push('');
  if (d.evidence.length) {
    lines.push(`### ${label('why')}`, '');
    for (const e of d.evidence) lines.push(`- ${md(e.text)} _(${label('points_to')}: ${md(e.pointsTo)})_`);
    lines.push('');
  }
  if (d.steps.length) {
    lines.push(`### ${label('steps')}`, '');
    for (const s of d.steps)
      lines.push(`- **${audience(s.audience)}:** ${md(s.text)}${s.link ? ` ${code(s.link)}` : ''}`);
    lines.push('');
  }
  if (d.commands.length) {
    lines.push(`### ${label('commands')}`, '');
    for (const c of d.commands) lines.push(`- ${md(c.label)} (${md(c.platform)}): ${code(c.command)}`);
    lines.push('');
  }
  if (d.alternatives.length) {
    lines.push(`### ${label('alternatives')}`, '');
    for (const a of d.alternatives) lines.push(`- ${md(a.title)}: ${md(a.summary)}`);
    lines.push('');
  }
  lines.push(`_${md(footer(r))}_`);
  return lines.join('\n');
}

/** Says exactly what the report includes (and what it leaves out). */
function footer(r: Report): string {
  const keys: Record<string, string> = { none: 'report_footer_full', path: 'report_footer_path' };
  return t(keys[r.redaction?.url ?? ''] ?? 'report_footer', [r.generatedAt]);
}

export function toText(r: Report): string {
  const d = r.diagnosis;
  const f = r.failure;
  const flat = (s: string) => String(s).replace(BREAKS, ' ');
  const lines = [
    t('report_heading', [flat(d.cause.title)]),
    flat(d.cause.summary),
    '',
    `${label('fault')}: ${verdictWords(d)} (${confidence(d.confidenceWord)})`,
    `URL: ${flat(f.url)}`,
    `${label('error')}: ${flat(f.error.code)}${f.error.number ? ` (${f.error.number})` : ''} - ${label('raw')}: ${flat(f.error.raw)}`,
    ...(f.httpStatus ? [`${label('status')}: ${f.httpStatus}`] : []),
    ...(d.hop ? [`${label('path')}: ${pathWords(d.hop)}`] : []),
    `${label('when')}: ${f.time} (${flat(f.timeLocal)})${times(f.count)}`,
    `${label('browser')}: ${flat(t('report_browser_on', [r.browser.name, r.browser.version, r.browser.os]))}; ${flat(`${r.extension.name} ${r.extension.version}`)}`,
    `${label('online')}: ${online(r.context.online)}`,
    ...(r.support ? [`${label('support')}: ${flat(r.support.contact)}`] : []),
    '',
    `${label('why')}:`,
    ...d.evidence.map((e) => `  - ${flat(e.text)} [${label('points_to')}: ${e.pointsTo}]`),
    '',
    `${label('steps')}:`,
    ...d.steps.map((s) => `  - ${audience(s.audience)}: ${flat(s.text)}${s.link ? ` ${flat(s.link)}` : ''}`),
    '',
    `${label('commands')}:`,
    ...d.commands.map((c) => `  - ${flat(c.label)} (${c.platform}): ${flat(c.command)}`),
    '',
    flat(footer(r)),
  ];
  return lines.join('\n');
}

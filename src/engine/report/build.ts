/** The diagnostic report (`netwhy.report/1`): one object, three renderings. Pure. */
import type { Failure } from '../failure';
import { plural, t } from '../i18n';
import type { Diagnosis } from '../types';
import { analyzeUrl, redactUrl } from '../url';

export const REPORT_SCHEMA = 'netwhy.report/1';

export interface ReportMeta {
  generatedAt: number;
  extension: { name: string; version: string };
  browser: { name: string; version: string; os: string };
  /** Remove query, fragment and credentials (default on). */
  redactQuery: boolean;
  /** Also drop the path. */
  redactPath: boolean;
  proxy?: string | null;
  /** Shown in reports when an administrator set one. */
  supportContact?: string | null;
}

export interface Report {
  schema: typeof REPORT_SCHEMA;
  generatedAt: string;
  generatedAtLocal: string;
  extension: { name: string; version: string };
  browser: { name: string; version: string; os: string };
  failure: {
    time: string;
    timeLocal: string;
    url: string;
    host: string;
    port: number;
    scheme: string;
    resourceType: string;
    error: { raw: string; code: string; number: number; category: string };
    httpStatus: number | null;
    ip: string | null;
    count: number;
  };
  diagnosis: {
    verdict: Diagnosis['verdict'];
    local: boolean;
    cause: Diagnosis['cause'];
    confidence: number;
    confidenceWord: Diagnosis['confidenceWord'];
    alternatives: Diagnosis['alternatives'];
    evidence: Diagnosis['evidence'];
    steps: { audience: string; text: string; link?: string }[];
    commands: Diagnosis['commands'];
    /** Who answered an HTTP error between you and the site's server (a CDN or reverse proxy). */
    hop?: Diagnosis['hop'];
  };
  context: {
    online: boolean | null;
    proxy: string | null;
    recentSuccesses: number;
    recentFailures: number;
    /** How many distinct other sites failed recently: a count, never their names. */
    otherHostsFailing: number;
  };
  /**
   * What the report leaves out: the URL's query and fragment (`query`), also its path (`path`), or nothing (`none`);
   * other sites are always counts, never names.
   */
  redaction: { url: 'none' | 'query' | 'path'; otherSites: 'counts' };
  /** Who to ask, when an administrator set a support contact. */
  support?: { contact: string };
}

function localTime(ms: number): string {
  const d = new Date(ms);
  return Number.isFinite(d.getTime()) ? d.toString() : '';
}

/** ISO 8601 with a four-digit year (the schema's format); the epoch for anything a Date cannot show that way. */
function isoTime(ms: number): string {
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  return Number.isFinite(d.getTime()) && year >= 0 && year <= 9999 ? d.toISOString() : new Date(0).toISOString();
}

const LOOPBACK = /^(localhost|.+\.localhost|127(\.\d{1,3}){3}|::1)$/;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A host name is whole: not part of a longer name (a sentence's final period is not part of it). */
const BEFORE = '(?<![\\w.-])';
const AFTER = '(?![\\w-]|[.:][\\w\\[])';

/**
 * Reports never name the other sites a failure's context remembers (what else the user loaded or saw fail in the
 * last minutes): a report pasted into a ticket must not reveal the user's browsing. Whatever sentence the engine
 * built around them, every run of those names ("a.com, b.com and 3 more", or one name alone) becomes a count
 * ("5 other sites"). Done here, on the finished text, so it holds for any rule's evidence without the rules knowing.
 * Not masked: the failed host itself (other ports of it included: the same machine) and the typo suggestions (the
 * diagnosis itself, and one or two letters from the address in the report anyway).
 */
export function otherSitesMasker(failure: Failure): (text: string) => string {
  const own = analyzeUrl(failure.url).host.toLowerCase();
  const keep = new Set([own, ...(failure.context.similarHosts ?? []).map((h) => h.toLowerCase())]);
  const names = new Set<string>();
  for (const { host } of [...failure.context.recentSuccesses, ...failure.context.recentFailures]) {
    if (typeof host !== 'string' || !host) continue;
    const bare = host
      .replace(/:\d+$/, '')
      .replace(/^\[|\]$/g, '')
      .toLowerCase();
    if (keep.has(bare) || LOOPBACK.test(bare)) continue; // this computer: no one's browsing
    names.add(host);
    names.add(bare);
    if (host.startsWith('[')) names.add(host.replace(/:\d+$/, ''));
  }
  if (names.size === 0) return (text) => text;
  const name = [...names]
    .sort((a, b) => b.length - a.length)
    .map(escape)
    .join('|');
  // The list's "… and N more", in the user's language, when the template puts the list first.
  const template = t('text_list', ['\u0000', '\u0001']);
  const more =
    template.startsWith('\u0000') && template.includes('\u0001')
      ? `(?:${template.slice(1).split('\u0001').map(escape).join('(\\d+)')})?`
      : '';
  const one = `${BEFORE}(?:${name})${AFTER}`;
  const run = new RegExp(`${one}(?:, ${one})*${more}`, 'gi');
  const single = new RegExp(one, 'gi');
  return (text) =>
    text.replace(run, (match: string, extra: unknown) => {
      const count = (match.match(single)?.length ?? 1) + (typeof extra === 'string' ? Number(extra) : 0);
      return t(plural(count, 'report_other_sites_one', 'report_other_sites_other'), [count]);
    });
}

export function buildReport(failure: Failure, d: Diagnosis, meta: ReportMeta): Report {
  const u = analyzeUrl(failure.url);
  const clean = (href: string) => (meta.redactQuery || meta.redactPath ? redactUrl(href, meta.redactPath) : href);
  const others = otherSitesMasker(failure);
  // Commands carry the URL too: redact them the same way.
  const redact = (text: string) =>
    others(meta.redactQuery || meta.redactPath ? text.split(failure.url).join(clean(failure.url)) : text);
  return {
    schema: REPORT_SCHEMA,
    generatedAt: isoTime(meta.generatedAt),
    generatedAtLocal: localTime(meta.generatedAt),
    extension: meta.extension,
    browser: meta.browser,
    failure: {
      time: isoTime(failure.time),
      timeLocal: localTime(failure.time),
      url: clean(failure.url),
      host: u.host,
      port: u.port,
      scheme: u.scheme,
      resourceType: failure.resourceType,
      error: { raw: d.error.raw, code: d.error.code, number: d.error.number, category: d.error.category },
      httpStatus: failure.httpStatus,
      ip: failure.ip,
      count: failure.count,
    },
    diagnosis: {
      verdict: d.verdict,
      local: d.local,
      cause: { ...d.cause, title: redact(d.cause.title), summary: redact(d.cause.summary) },
      confidence: d.confidence,
      confidenceWord: d.confidenceWord,
      alternatives: d.alternatives.map((a) => ({ ...a, title: redact(a.title), summary: redact(a.summary) })),
      evidence: d.evidence.map((e) => ({ ...e, text: redact(e.text) })),
      steps: d.steps.map((s) => ({
        audience: s.audience,
        text: redact(s.text),
        ...(s.link ? { link: clean(s.link) } : {}),
      })),
      commands: d.commands.map((c) => ({ ...c, command: redact(c.command) })),
      ...(d.hop ? { hop: d.hop } : {}),
    },
    context: {
      online: failure.online,
      proxy: meta.proxy ?? null,
      recentSuccesses: failure.context.recentSuccesses.length,
      recentFailures: failure.context.recentFailures.length,
      otherHostsFailing: new Set(failure.context.recentFailures.map((f) => f.host)).size,
    },
    redaction: { url: meta.redactPath ? 'path' : meta.redactQuery ? 'query' : 'none', otherSites: 'counts' },
    ...(meta.supportContact ? { support: { contact: meta.supportContact } } : {}),
  };
}

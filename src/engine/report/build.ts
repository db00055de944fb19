/** The diagnostic report (`netwhy.report/1`): one object, three renderings. Pure. */
import type { Failure } from '../failure';
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
    otherHostsFailing: string[];
  };
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

export function buildReport(failure: Failure, d: Diagnosis, meta: ReportMeta): Report {
  const u = analyzeUrl(failure.url);
  const clean = (href: string) => (meta.redactQuery || meta.redactPath ? redactUrl(href, meta.redactPath) : href);
  // Commands carry the URL too: redact them the same way.
  const redact = (text: string) => (meta.redactQuery || meta.redactPath ? text.split(failure.url).join(clean(failure.url)) : text);
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
      cause: d.cause,
      confidence: d.confidence,
      confidenceWord: d.confidenceWord,
      alternatives: d.alternatives,
      evidence: d.evidence.map((e) => ({ ...e, text: redact(e.text) })),
      steps: d.steps.map((s) => ({ audience: s.audience, text: redact(s.text), ...(s.link ? { link: clean(s.link) } : {}) })),
      commands: d.commands.map((c) => ({ ...c, command: redact(c.command) })),
      ...(d.hop ? { hop: d.hop } : {}),
    },
    context: {
      online: failure.online,
      proxy: meta.proxy ?? null,
      recentSuccesses: failure.context.recentSuccesses.length,
      recentFailures: failure.context.recentFailures.length,
      otherHostsFailing: [...new Set(failure.context.recentFailures.map((f) => f.host))].slice(0, 10),
    },
    ...(meta.supportContact ? { support: { contact: meta.supportContact } } : {}),
  };
}

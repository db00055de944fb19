/**
 * Custom rules: the built-in rule shape written as data (JSON), for teams. Validated with clear messages; a bad rule
 * is dropped on its own and never breaks the others or the built-in rules. Host patterns are globs, never regular
 * expressions from the input, so no pattern can be slow. Pure.
 */
import { CATEGORIES, type Audience, type Category, type Verdict } from './errors/types';
import type { Facts } from './facts';
import type { Rule, Step } from './types';
import { t } from './i18n';

export interface CustomRuleInput {
  id: string;
  match: {
    hosts?: string[];
    codes?: string[];
    categories?: Category[];
    ports?: number[];
    schemes?: string[];
    statuses?: number[];
  };
  title: string;
  summary: string;
  verdict: Verdict;
  score?: number;
  steps?: { audience: Audience; text: string; link?: string }[];
}

/** Who wrote the rule: shown in the evidence. */
export type RuleOrigin = 'user' | 'managed';

export interface CompiledRules {
  rules: Rule[];
  errors: string[];
}

export const CUSTOM_LIMITS = { rules: 200, bytes: 256 * 1024, text: 500, list: 50, steps: 10 } as const;
const VERDICTS: readonly Verdict[] = ['client', 'network', 'server', 'unknown'];
const AUDIENCES: readonly Audience[] = ['you', 'owner', 'developer'];
const DEFAULT_SCORE = 0.95;

/** Parses JSON text (size-capped) and compiles it. Never throws. */
export function parseCustomRules(text: string, origin: RuleOrigin = 'user'): CompiledRules {
  if (text.length > CUSTOM_LIMITS.bytes)
    return { rules: [], errors: [t('custom_too_large', [Math.round(text.length / 1024)])] };
  if (text.trim() === '') return { rules: [], errors: [] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    return {
      rules: [],
      errors: [t('custom_not_json', [err instanceof Error ? err.message : String(err)]).slice(0, 300)],
    };
  }
  return compileCustomRules(data, origin);
}

/** Compiles already-parsed data (storage, managed policy). Never throws. */
export function compileCustomRules(data: unknown, origin: RuleOrigin = 'user'): CompiledRules {
  const list = Array.isArray(data)
    ? data
    : data && typeof data === 'object' && Array.isArray((data as { rules?: unknown }).rules)
      ? (data as { rules: unknown[] }).rules
      : null;
  if (!list) return { rules: [], errors: data === undefined || data === null ? [] : [t('custom_not_a_list')] };
  const errors: string[] = [];
  const rules: Rule[] = [];
  const seen = new Set<string>();
  if (list.length > CUSTOM_LIMITS.rules) errors.push(t('custom_too_many', [CUSTOM_LIMITS.rules, list.length]));
  list.slice(0, CUSTOM_LIMITS.rules).forEach((raw, index) => {
    const problems: string[] = [];
    const input = validate(raw, problems);
    const name =
      typeof (raw as { id?: unknown })?.id === 'string'
        ? t('custom_name_id', [String((raw as { id: string }).id).slice(0, 60)])
        : t('custom_name', [index + 1]);
    if (input && seen.has(input.id)) problems.push(t('custom_id_twice', [input.id]));
    if (!input || problems.length > 0) {
      errors.push(t('custom_problems', [name, problems.join('; ')]));
      return;
    }
    seen.add(input.id);
    rules.push(toRule(input, origin));
  });
  return { rules, errors };
}

function text(v: unknown, field: string, problems: string[], required = true): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v.trim() === '') {
    problems.push(t('custom_text_empty', [field]));
    return undefined;
  }
  if (v.length > CUSTOM_LIMITS.text) problems.push(t('custom_text_too_long', [field, CUSTOM_LIMITS.text]));
  return v.trim();
}

function strings(
  v: unknown,
  field: string,
  problems: string[],
  check: (s: string) => boolean,
  hint: string,
): string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.length === 0 || v.length > CUSTOM_LIMITS.list || !v.every((s) => typeof s === 'string')) {
    problems.push(t('custom_list_of_texts', [field, CUSTOM_LIMITS.list]));
    return undefined;
  }
  const bad = (v as string[]).filter((s) => !check(s));
  if (bad.length > 0)
    problems.push(t('custom_bad_values', [field, bad.map((b) => JSON.stringify(b.slice(0, 60))).join(', '), hint]));
  return v as string[];
}

function numbers(v: unknown, field: string, problems: string[], min: number, max: number): number[] | undefined {
  if (v === undefined) return undefined;
  if (
    !Array.isArray(v) ||
    v.length === 0 ||
    v.length > CUSTOM_LIMITS.list ||
    !v.every((n) => Number.isInteger(n) && n >= min && n <= max)
  ) {
    problems.push(t('custom_list_of_numbers', [field, min, max]));
    return undefined;
  }
  return v as number[];
}

const HOST_PATTERN = /^(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*$|^\*$/i;

function validate(raw: unknown, problems: string[]): CustomRuleInput | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push(t('custom_not_object'));
    return null;
  }
  const r = raw as Record<string, unknown>;
  const id = text(r.id, 'id', problems);
  if (id && !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id)) problems.push(t('custom_id_kebab'));
  const title = text(r.title, 'title', problems);
  const summary = text(r.summary, 'summary', problems);
  const verdict = VERDICTS.includes(r.verdict as Verdict)
    ? (r.verdict as Verdict)
    : (problems.push(t('custom_bad_verdict')), undefined);
  const score =
    r.score === undefined
      ? DEFAULT_SCORE
      : typeof r.score === 'number' && r.score >= 0 && r.score <= 1
        ? r.score
        : (problems.push(t('custom_bad_score')), undefined);
  const m = r.match;
  if (!m || typeof m !== 'object' || Array.isArray(m)) {
    problems.push(t('custom_match_object'));
    return null;
  }
  const match = m as Record<string, unknown>;
  const out: CustomRuleInput['match'] = {};
  const hosts = strings(match.hosts, 'hosts', problems, (s) => HOST_PATTERN.test(s), t('custom_hint_hosts'));
  const codes = strings(
    match.codes,
    'codes',
    problems,
    (s) => /^[A-Z][A-Z0-9_]{2,80}$/.test(s),
    t('custom_hint_codes'),
  );
  const categories = strings(
    match.categories,
    'categories',
    problems,
    (s) => (CATEGORIES as readonly string[]).includes(s),
    t('custom_hint_categories', [CATEGORIES.join(', ')]),
  );
  const schemes = strings(
    match.schemes,
    'schemes',
    problems,
    (s) => /^[a-z][a-z0-9+.-]{0,20}$/.test(s),
    t('custom_hint_schemes'),
  );
  const ports = numbers(match.ports, 'ports', problems, 1, 65535);
  const statuses = numbers(match.statuses, 'statuses', problems, 100, 999);
  if (hosts) out.hosts = hosts.map((h) => h.toLowerCase());
  if (codes) out.codes = codes;
  if (categories) out.categories = categories as Category[];
  if (schemes) out.schemes = schemes;
  if (ports) out.ports = ports;
  if (statuses) out.statuses = statuses;
  if (Object.keys(out).length === 0) problems.push(t('custom_match_empty'));
  const steps: NonNullable<CustomRuleInput['steps']> = [];
  if (r.steps !== undefined) {
    if (!Array.isArray(r.steps) || r.steps.length > CUSTOM_LIMITS.steps)
      problems.push(t('custom_steps_list', [CUSTOM_LIMITS.steps]));
    else
      r.steps.forEach((s, i) => {
        const step = s as Record<string, unknown> | null;
        const stepText = text(step?.text, `steps[${i}].text`, problems);
        const audience =
          step?.audience === undefined
            ? 'you'
            : AUDIENCES.includes(step.audience as Audience)
              ? (step.audience as Audience)
              : (problems.push(t('custom_bad_audience', [i])), undefined);
        const link =
          step?.link === undefined
            ? undefined
            : typeof step.link === 'string' && /^https?:\/\/[^\s]+$/i.test(step.link) && step.link.length <= 2000
              ? step.link
              : (problems.push(t('custom_bad_link', [i])), undefined);
        if (stepText && audience) steps.push(link ? { audience, text: stepText, link } : { audience, text: stepText });
      });
  }
  if (problems.length > 0 || !id || !title || !summary || !verdict || score === undefined) return null;
  return { id, match: out, title, summary, verdict, score, steps };
}

/** `*.corp.example.com` matches any subdomain (not the bare name); `*` matches all; otherwise exact. */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1;
  return host === pattern;
}

function fill(template: string, f: Facts): string {
  return (
    template
      // Replacer functions: a host like `a$&b` must not be read as a replacement pattern (`$&`, `$'`, `$1`).
      .replace(/\{host\}/g, () => f.url.host)
      .replace(/\{port\}/g, () => String(f.url.port))
      .replace(/\{code\}/g, () => f.error.code)
  );
}

function toRule(input: CustomRuleInput, origin: RuleOrigin): Rule {
  const m = input.match;
  const by = origin === 'managed' ? 'custom_ev_managed' : 'custom_ev';
  return {
    cause: `custom-${input.id}`,
    title: input.title,
    summary: (f) => fill(input.summary, f),
    verdict: input.verdict,
    score: input.score ?? DEFAULT_SCORE,
    when: (f) =>
      (!m.hosts || m.hosts.some((p) => hostMatches(p, f.url.host))) &&
      (!m.codes || m.codes.includes(f.error.code)) &&
      (!m.categories || m.categories.includes(f.error.category)) &&
      (!m.ports || m.ports.includes(f.url.port)) &&
      (!m.schemes || m.schemes.includes(f.url.scheme)) &&
      (!m.statuses || (f.status !== null && m.statuses.includes(f.status))),
    evidence: () => [
      { text: t(by, [input.id]), pointsTo: input.verdict === 'unknown' ? 'neutral' : input.verdict, source: 'rule' },
    ],
    steps: (f) => (input.steps ?? []).map((s): Step => ({ ...s, text: fill(s.text, f) })),
    commands: [],
  };
}

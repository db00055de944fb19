import { buildCommands } from './commands';
import { contextEvidence } from './evidence';
import { entryMeaning, entryReason, entrySteps, entryTitle } from './errors/text';
import { buildFacts, type Facts } from './facts';
import { t } from './i18n';
import type { Failure } from './failure';
import { RULES } from './rules';
import { hopOf } from './rules/gateway';
import { render } from './text';
import type { Alternative, ConfidenceWord, Diagnosis, Evidence, Rule, Step, Verdict } from './types';

interface Scored {
  rule: Rule;
  score: number;
  verdict: Verdict;
}

const valueOf = <T>(v: T | ((f: Facts) => T), f: Facts): T => (typeof v === 'function' ? (v as (f: Facts) => T)(f) : v);

/** Runs every rule; the best specific match is the cause, the rest are alternatives. Pure and synchronous. */
export function diagnose(failure: Failure, rules: readonly Rule[] = RULES): Diagnosis {
  return diagnoseFacts(buildFacts(failure), rules);
}

export function diagnoseFacts(f: Facts, rules: readonly Rule[] = RULES): Diagnosis {
  const matched: Scored[] = [];
  for (const rule of rules) {
    if (!safeWhen(rule, f)) continue;
    matched.push({ rule, score: valueOf(rule.score, f), verdict: valueOf(rule.verdict, f) });
  }
  const specific = matched.filter((m) => !m.rule.fallback);
  const pool = (specific.length > 0 ? specific : matched).sort((a, b) => b.score - a.score);
  const best: Scored = pool[0] ?? { rule: GENERIC, score: 0.2, verdict: f.entry.verdict };

  const evidence: Evidence[] = [...(best.rule.evidence?.(f) ?? []), ...contextEvidence(f, best.rule.covers)];
  if (!best.rule.evidence) {
    evidence.unshift({
      text: t('ev_browser_reported', [f.error.code, entryReason(f.entry)]),
      pointsTo: f.entry.verdict,
      source: 'browser',
    });
  }
  const confidence = adjust(best.score, best.verdict, evidence);
  const steps: Step[] = best.rule.steps?.(f) ?? stepsOfEntry(f);
  const alternatives: Alternative[] = pool.slice(1, 4).map((m) => ({
    id: m.rule.cause,
    title: render(m.rule.title, f),
    summary: render(m.rule.summary, f),
    verdict: m.verdict,
    confidence: round(m.score),
  }));

  const hop = f.status !== null && f.status >= 500 ? hopOf(f) : null;
  return {
    verdict: best.verdict,
    ...(hop ? { hop } : {}),
    local: f.url.loopback,
    cause: { id: best.rule.cause, title: render(best.rule.title, f), summary: render(best.rule.summary, f) },
    confidence,
    confidenceWord: word(confidence),
    alternatives,
    evidence,
    steps: withGeneralSteps(f.url.loopback ? steps.filter((s) => s.audience !== 'owner') : steps).map(webLinkOnly),
    commands: buildCommands(f, best.rule.commands ?? []),
    error: {
      code: f.error.code,
      number: f.error.number,
      category: f.error.category,
      raw: f.error.raw,
      title: entryTitle(f.entry),
      meaning: entryMeaning(f.entry),
      aliases: f.entry.aliases ?? [],
    },
  };
}

/**
 * The title the rule for `cause` gives this failure, in the language in use now (a stored history row keeps the
 * words of the day it was recorded); undefined when no rule has that cause any more.
 */
export function causeTitle(failure: Failure, cause: string, rules: readonly Rule[] = RULES): string | undefined {
  const rule = cause === GENERIC.cause ? GENERIC : rules.find((r) => r.cause === cause);
  if (!rule) return undefined;
  try {
    // Most titles name their words without looking at the failure (`() => t(key)`): no facts to build for them,
    // which matters when the worker retitles a history of thousands of entries for the popup.
    const title = rule.title;
    if (typeof title === 'function' && title.length === 0) return (title as () => string)() || undefined;
    return render(title, buildFacts(failure)) || undefined;
  } catch {
    return undefined;
  }
}

const GENERIC: Rule = {
  cause: 'browser-error',
  title: (f) => entryTitle(f.entry),
  summary: (f) => entryMeaning(f.entry),
  verdict: (f) => f.entry.verdict,
  score: 0.2,
  fallback: true,
  when: () => true,
};

/** A rule that throws never breaks the diagnosis: it simply does not match. */
function safeWhen(rule: Rule, f: Facts): boolean {
  try {
    return rule.when(f);
  } catch {
    return false;
  }
}

/** Step links are only ever valid web addresses (a rule may build one from a ws: URL or a broken host). */
function webLinkOnly(step: Step): Step {
  if (step.link === undefined) return step;
  try {
    const protocol = new URL(step.link).protocol;
    if (protocol === 'http:' || protocol === 'https:') return step;
  } catch {
    // not a URL at all
  }
  const { link: _link, ...rest } = step;
  return rest;
}

/**
 * Never an empty "What to do": when neither the rule nor the code's entry has a step for this case (a code with
 * owner steps only, on this computer), the general ones: reload, see whether other sites load, look the code up.
 */
const GENERAL_STEPS = ['e_internal_you1', 'e_step_other_sites', 'e_UNKNOWN_you2'];
function withGeneralSteps(steps: Step[]): Step[] {
  return steps.length > 0 ? steps : GENERAL_STEPS.map((key) => ({ audience: 'you', text: t(key) }));
}

function stepsOfEntry(f: Facts): Step[] {
  const s = entrySteps(f.entry);
  return [
    ...(s.you ?? []).map((text) => ({ audience: 'you' as const, text })),
    ...(s.owner ?? []).map((text) => ({ audience: 'owner' as const, text })),
    ...(s.developer ?? []).map((text) => ({ audience: 'developer' as const, text })),
  ];
}

/** Evidence for the verdict raises confidence, evidence against lowers it. */
function adjust(score: number, verdict: Verdict, evidence: Evidence[]): number {
  let c = score;
  for (const e of evidence) {
    if (e.pointsTo === 'neutral' || e.pointsTo === 'unknown') continue;
    c += e.pointsTo === verdict ? 0.05 : -0.1;
  }
  return round(Math.min(0.97, Math.max(0.05, c)));
}

function word(c: number): ConfidenceWord {
  return c >= 0.75 ? 'likely' : c >= 0.5 ? 'probably' : 'unsure';
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

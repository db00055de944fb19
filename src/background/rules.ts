/** The rules in force in this context: custom rules (the user's and the administrator's) before the built-in ones. */
import { compileCustomRules, parseCustomRules } from '../engine/custom-rules';
import { RULES } from '../engine/rules';
import type { Rule } from '../engine/types';
import { forgetManaged, readManaged } from '../platform/managed';
import { getLocal, onAreaChanged } from '../platform/storage';
import { t } from '../engine/i18n';

let active: readonly Rule[] = RULES;
let problems: string[] = [];

export function activeRules(): readonly Rule[] {
  return active;
}

/** Messages about the administrator's custom rules that were dropped (shown in the options page). */
export function ruleProblems(): readonly string[] {
  return problems;
}

/**
 * Reads and compiles the custom rules; a broken set never takes the built-in rules down. The policy's rules are
 * waited for at most `policyWaitMs` (storage.managed can be slow); a later call picks them up.
 */
export async function loadRules(policyWaitMs = 300): Promise<readonly Rule[]> {
  try {
    const [userText, managed] = await Promise.all([getLocal('customRules'), readManaged(policyWaitMs)]);
    const user = parseCustomRules(userText, 'user');
    const policy = compileCustomRules(managed.customRules, 'managed');
    // The user's own rules show their problems in the editor; the administrator's are reported here.
    problems = policy.errors.map((e) => t('custom_policy_problem', [e]));
    active = [...policy.rules, ...user.rules, ...RULES];
  } catch (err) {
    console.warn('netwhy: custom rules unreadable, using the built-in ones', err);
    active = RULES;
  }
  return active;
}

let settled: Promise<unknown> = Promise.resolve();

/** Resolves once the rules include the administrator's (the policy read, however late, then the rules loaded). */
export function rulesSettled(): Promise<unknown> {
  return settled;
}

/** Keeps this context's rules current when they change elsewhere. */
export function watchRules(): void {
  // The policy may answer after the first load: load again once it has.
  settled = readManaged().then(() => loadRules(0));
  onAreaChanged('managed', () => {
    forgetManaged();
    // A changed policy is read again in full: no time limit, or a slow read would leave its rules out until restart.
    settled = readManaged().then(() => loadRules(0));
  });
  onAreaChanged('local', (changes) => {
    if (changes.customRules) void loadRules();
  });
}

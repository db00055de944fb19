/** The options page's rule editor asks here: are these rules valid, and what would they say about a sample failure? */
import { parseCustomRules } from '../engine/custom-rules';
import { diagnose } from '../engine/diagnose';
import { toFailure } from '../engine/failure';
import { RULES } from '../engine/rules';
import type { RuleTest, RuleTestResult } from '../shared/messages';

export function testRules({ text, sampleUrl, sampleError }: RuleTest): RuleTestResult {
  const compiled = parseCustomRules(text);
  const status = /^\d{3}$/.test(sampleError.trim()) ? Number(sampleError.trim()) : null;
  const failure = toFailure({
    id: 'sample',
    url: sampleUrl,
    error: status === null ? sampleError : null,
    httpStatus: status,
  });
  const d = failure ? diagnose(failure, [...compiled.rules, ...RULES]) : null;
  return {
    errors: compiled.errors,
    count: compiled.rules.length,
    sample: d ? { cause: d.cause, verdict: d.verdict } : null,
  };
}

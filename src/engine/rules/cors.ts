/**
 * CORS failures: a web app's API call that the browser blocked shows its user a broken page and its developer one
 * console line ("Failed to fetch"). Each cause names the page's origin, the API's origin and the header line the
 * server must send. The verdict is the server's (its CORS configuration); local when the API is on this computer.
 */
import type { CorsProblem } from '../cors';
import type { Facts } from '../facts';
import { t } from '../i18n';
import type { Evidence, Rule, Step } from '../types';
import { serverSide } from '../text';
import { hostPort } from '../url';

type Kind = CorsProblem['kind'];

const problem = (f: Facts) => f.cors!.problem;
const origin = (f: Facts) => f.cors!.exchange.origin;
const api = (f: Facts) => hostPort(f.url);

function evidence(f: Facts): Evidence[] {
  const x = f.cors!.exchange;
  const lines: Evidence[] = [{ text: t('ev_cors_origin', [x.origin, api(f)]), pointsTo: 'neutral', source: 'browser' }];
  if (x.preflight)
    lines.push({
      text: t('ev_cors_preflight', [x.preflight.method, x.preflight.status]),
      pointsTo: 'server',
      source: 'browser',
    });
  const answer = problem(f).kind.startsWith('preflight') || !x.response ? x.preflight : x.response;
  if (answer && answer.status >= 200 && answer.status < 300) {
    lines.push({
      text: answer.allowOrigin
        ? t('ev_cors_answer', [answer.status, answer.allowOrigin])
        : t('ev_cors_answer_none', [answer.status]),
      pointsTo: 'server',
      source: 'browser',
    });
  }
  if (x.credentials) lines.push({ text: t('ev_cors_credentials'), pointsTo: 'neutral', source: 'browser' });
  return lines;
}

function steps(f: Facts): Step[] {
  const side = serverSide(f);
  const p = problem(f);
  return [
    { audience: 'you', text: t('r_cors_step_you') },
    ...(p.kind === 'preflight-status'
      ? [{ audience: side, text: t('r_cors_step_preflight', [p.status]) } as Step]
      : []),
    { audience: side, text: t('r_cors_step_fix', [api(f), f.cors!.fix]) },
    { audience: side, text: t('r_cors_step_where', [origin(f)]) },
  ];
}

/** One rule per cause; `kinds` are the problems it explains, `key` its messages (`r_<key>_title`, `_summary`). */
const cors = (cause: string, key: string, kinds: Kind[], summary: (f: Facts) => string): Rule => ({
  cause,
  title: () => t(`r_${key}_title`),
  summary,
  verdict: 'server',
  score: 0.9,
  when: (f) => f.cors !== null && kinds.includes(problem(f).kind),
  evidence,
  steps,
  commands: ['cors'],
});

export const corsRules: readonly Rule[] = [
  cors('cors-missing-allow-origin', 'cors_missing', ['missing-allow-origin'], (f) =>
    t('r_cors_missing_summary', [api(f), origin(f)]),
  ),
  cors('cors-origin-mismatch', 'cors_mismatch', ['origin-mismatch'], (f) => {
    const p = problem(f) as Extract<CorsProblem, { kind: 'origin-mismatch' }>;
    return t('r_cors_mismatch_summary', [api(f), origin(f), p.allowed]);
  }),
  cors('cors-credentials-wildcard', 'cors_wildcard', ['credentials-wildcard'], (f) =>
    t('r_cors_wildcard_summary', [api(f), origin(f)]),
  ),
  cors('cors-credentials-not-allowed', 'cors_credentials', ['credentials-not-allowed'], (f) =>
    t('r_cors_credentials_summary', [api(f), origin(f)]),
  ),
  cors('cors-preflight-failed', 'cors_preflight', ['preflight-status', 'preflight-method', 'preflight-header'], (f) => {
    const p = problem(f);
    if (p.kind === 'preflight-method')
      return t('r_cors_preflight_summary_method', [api(f), origin(f), p.method, p.allowed ?? '—']);
    if (p.kind === 'preflight-header')
      return t('r_cors_preflight_summary_header', [api(f), origin(f), p.header, p.allowed ?? '—']);
    return t('r_cors_preflight_summary', [api(f), origin(f), p.kind === 'preflight-status' ? p.status : 0]);
  }),
  {
    // Chromium's Local Network Access check: a public page calling a server on this computer or the LAN.
    cause: 'cors-private-network',
    title: () => t('r_cors_private_title'),
    summary: (f) => t('r_cors_private_summary', [api(f)]),
    verdict: 'server',
    score: 0.85,
    when: (f) => f.error.code === 'ERR_BLOCKED_BY_LOCAL_NETWORK_ACCESS_CHECKS',
    evidence: (f) => [
      { text: t('ev_browser_reported', [f.error.code, t('r_cors_private_ev')]), pointsTo: 'server', source: 'browser' },
    ],
    steps: (f) => [
      { audience: 'you', text: t('r_cors_private_step_you') },
      { audience: serverSide(f), text: t('r_cors_private_step') },
    ],
    commands: ['cors'],
  },
];

import { entryMeaning, entryTitle } from '../errors/text';
import type { Category } from '../errors/types';
import { t } from '../i18n';
import type { CommandKind, Rule } from '../types';

/**
 * One rule per category, used when no specific rule matched; they speak from the taxonomy entry.
 * (Proxy errors have no fallback: `proxy-failure` covers the whole category.)
 */
const FAMILY: Partial<Record<Category, { cause: string; commands: CommandKind[] }>> = {
  dns: { cause: 'dns-problem', commands: ['dns'] },
  connection: { cause: 'connection-problem', commands: ['connect', 'route'] },
  tls: { cause: 'tls-problem', commands: ['tls'] },
  certificate: { cause: 'certificate-problem', commands: ['tls'] },
  http: { cause: 'http-problem', commands: ['http'] },
  policy: { cause: 'blocked', commands: [] },
  cache: { cause: 'cache-problem', commands: [] },
  aborted: { cause: 'aborted', commands: [] },
  other: { cause: 'browser-error', commands: ['http'] },
};

export const fallbackRules: readonly Rule[] = (
  Object.entries(FAMILY) as [Category, { cause: string; commands: CommandKind[] }][]
).map(([category, family]) => ({
  cause: family.cause,
  title: (f) => entryTitle(f.entry),
  summary: (f) =>
    f.url.host
      ? t('fallback_summary_host', [entryTitle(f.entry), f.url.host, entryMeaning(f.entry)])
      : entryMeaning(f.entry),
  verdict: (f) => f.entry.verdict,
  score: 0.3,
  fallback: true,
  when: (f) => f.error.category === category,
  commands: family.commands,
}));

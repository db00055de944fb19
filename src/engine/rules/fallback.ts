import type { Category } from '../errors/types';
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

export const fallbackRules: readonly Rule[] = (Object.entries(FAMILY) as [Category, { cause: string; commands: CommandKind[] }][]).map(([category, family]) => ({
  cause: family.cause,
  title: (f) => f.entry.title,
  summary: (f) => (f.url.host ? `${f.entry.title} (${f.url.host}). ${f.entry.meaning}` : f.entry.meaning),
  verdict: (f) => f.entry.verdict,
  score: 0.3,
  fallback: true,
  when: (f) => f.error.category === category,
  commands: family.commands,
}));

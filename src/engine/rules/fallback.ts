import type { Category } from '../errors/types';
import type { CommandKind, Rule } from '../types';

/** One rule per category: used when no specific rule matched; they speak from the taxonomy entry. */
const FAMILY: Record<Category, { cause: string; commands: CommandKind[] }> = {
  dns: { cause: 'dns-problem', commands: ['dns'] },
  connection: { cause: 'connection-problem', commands: ['connect', 'route'] },
  tls: { cause: 'tls-problem', commands: ['tls'] },
  certificate: { cause: 'certificate-problem', commands: ['tls'] },
  http: { cause: 'http-problem', commands: ['http'] },
  proxy: { cause: 'proxy-problem', commands: ['connect'] },
  policy: { cause: 'blocked', commands: [] },
  cache: { cause: 'cache-problem', commands: [] },
  aborted: { cause: 'aborted', commands: [] },
  other: { cause: 'browser-error', commands: ['http'] },
};

export const fallbackRules: readonly Rule[] = (Object.keys(FAMILY) as Category[]).map((category) => ({
  cause: FAMILY[category].cause,
  title: (f) => f.entry.title,
  summary: (f) => (f.url.host ? `${f.entry.title} (${f.url.host}). ${f.entry.meaning}` : f.entry.meaning),
  verdict: (f) => f.entry.verdict,
  score: 0.3,
  fallback: true,
  when: (f) => f.error.category === category,
  commands: FAMILY[category].commands,
}));

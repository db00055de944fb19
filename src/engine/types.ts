import type { Audience, Verdict } from './errors/types';
import type { Facts } from './facts';

export type { Audience, Verdict };

/** What an evidence line points to; `neutral` lines are context that favours no side. */
export type PointsTo = Verdict | 'neutral';

/** Where an evidence line came from. */
export type EvidenceSource = 'browser' | 'url' | 'device' | 'history' | 'probe' | 'rule';

export interface Evidence {
  text: string;
  pointsTo: PointsTo;
  source: EvidenceSource;
}

export interface Step {
  audience: Audience;
  text: string;
  /** An optional link the step refers to (only http/https, built by the engine). */
  link?: string;
}

export type CommandPlatform = 'any' | 'linux' | 'macos' | 'windows';

export interface Command {
  label: string;
  command: string;
  platform: CommandPlatform;
}

export type Text = string | ((facts: Facts) => string);

/** One rule: when it matches, it proposes a cause with a verdict. Rules are data plus small functions. */
export interface Rule {
  /** Cause id, kebab-case, stable (documented in docs/). */
  cause: string;
  /** Short title of the cause. */
  title: Text;
  /** One sentence a non-expert understands, with the host in it. */
  summary: Text;
  verdict: Verdict | ((facts: Facts) => Verdict);
  /** How strongly this rule claims the failure, 0..1, used for ranking. */
  score: number | ((facts: Facts) => number);
  when: (facts: Facts) => boolean;
  evidence?: (facts: Facts) => Evidence[];
  steps?: (facts: Facts) => Step[];
  /** Which families of confirm-commands fit. */
  commands?: readonly CommandKind[];
  /** Fallback rules only decide when no specific rule matched. */
  fallback?: boolean;
  /** Context lines (evidence.ts) this rule's own evidence already says in its words: they are not repeated. */
  covers?: readonly ContextLine[];
}

export type ContextLine = 'host-loaded-before';

export type CommandKind = 'connect' | 'listen' | 'dns' | 'route' | 'tls' | 'http' | 'service' | 'firewall' | 'cors';

export type ConfidenceWord = 'likely' | 'probably' | 'unsure';

export interface CauseSummary {
  id: string;
  title: string;
  summary: string;
}

export interface Alternative extends CauseSummary {
  verdict: Verdict;
  confidence: number;
}

export interface Diagnosis {
  verdict: Verdict;
  /** Who answered an HTTP error between you and the site's server (a CDN or reverse proxy): a node of the path. */
  hop?: { kind: 'cdn' | 'proxy'; name: string; detail?: string };
  /** The server is on this device. */
  local: boolean;
  cause: CauseSummary;
  /** 0..1 */
  confidence: number;
  confidenceWord: ConfidenceWord;
  alternatives: Alternative[];
  evidence: Evidence[];
  steps: Step[];
  commands: Command[];
  error: {
    code: string;
    number: number;
    category: string;
    raw: string;
    title: string;
    meaning: string;
    aliases: readonly string[];
  };
}

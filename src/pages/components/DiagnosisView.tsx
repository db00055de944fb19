import type { ComponentChildren } from 'preact';
import type { Command, Diagnosis, PointsTo } from '../../engine/types';
import { browserName } from '../../platform/browser';
import { CopyButton } from './CopyButton';
import { POINTS_TO } from './verdict';

const OS_PLATFORM: Record<string, Command['platform']> = { Linux: 'linux', ChromeOS: 'linux', macOS: 'macos', Windows: 'windows' };
const PLATFORM_LABEL: Record<Command['platform'], string> = { any: 'Any system', linux: 'Linux', macos: 'macOS', windows: 'Windows' };

/** Splits commands into the ones for this OS (and any OS) and the rest. */
function splitCommands(commands: Command[]): { mine: Command[]; others: Command[] } {
  const os = OS_PLATFORM[browserName().os];
  const fits = (c: Command) => c.platform === 'any' || c.platform === os;
  return { mine: commands.filter(fits), others: commands.filter((c) => !fits(c)) };
}

function CommandList({ commands }: { commands: Command[] }) {
  return (
    <ul class="commands">
      {commands.map((c, i) => (
        <li key={i} data-platform={c.platform}>
          <div class="small muted">
            {c.label} · {PLATFORM_LABEL[c.platform]}
          </div>
          <div class="command">
            <code>{c.command}</code>
            <CopyButton text={() => c.command} label="Copy" />
          </div>
        </li>
      ))}
    </ul>
  );
}

/** What an evidence line points to, in words; "the site" reads wrong when the server is this computer. */
export function pointsToLabel(pointsTo: PointsTo, local: boolean): string {
  return pointsTo === 'server' && local ? 'your server' : POINTS_TO[pointsTo];
}

/**
 * Where a diagnosis is shown: the explanation page puts its sections under the h1 (h2, ids as they are); the popup
 * nests them in an entry under its own h2 (h3, ids made unique per entry, since several entries can be open).
 */
export interface Placement {
  diagnosis: Diagnosis;
  level?: 2 | 3;
  idPrefix?: string;
}

/**
 * A part of the page: a named region (section) on the explanation page; in a popup entry a plain block, since every
 * open entry has the same parts and a list of identical region names helps nobody.
 */
function Part({ level, id, children }: { level: 2 | 3; id: string; children: ComponentChildren }) {
  return level === 2 ? <section aria-labelledby={id}>{children}</section> : <div class="part">{children}</div>;
}

function heading(level: 2 | 3, sub = false) {
  const n = level + (sub ? 1 : 0);
  return n === 2 ? 'h2' : n === 3 ? 'h3' : 'h4';
}

export function Evidence({ diagnosis, level = 2, idPrefix = '' }: Placement) {
  if (diagnosis.evidence.length === 0) return null;
  const H = heading(level);
  return (
    <Part level={level} id={`${idPrefix}why`}>
      <H id={`${idPrefix}why`}>Why we think so</H>
      <ul class="evidence">
        {diagnosis.evidence.map((e, i) => (
          <li key={i} data-points-to={e.pointsTo}>
            <span class={`points verdict-${e.pointsTo === 'neutral' ? 'unknown' : e.pointsTo}`}>{pointsToLabel(e.pointsTo, diagnosis.local)}</span>{' '}
            {e.text}
          </li>
        ))}
      </ul>
    </Part>
  );
}

export function Steps({ diagnosis, level = 2, idPrefix = '' }: Placement) {
  const groups = (['you', 'developer', 'owner'] as const)
    .map((audience) => ({ audience, steps: diagnosis.steps.filter((s) => s.audience === audience) }))
    .filter((g) => g.steps.length > 0);
  if (groups.length === 0) return null;
  const H = heading(level);
  const Sub = heading(level, true);
  return (
    <Part level={level} id={`${idPrefix}todo`}>
      <H id={`${idPrefix}todo`}>What to do</H>
      {groups.map((g) => (
        <div key={g.audience} class="steps" data-audience={g.audience}>
          <Sub class="audience">{g.audience === 'you' ? 'You' : g.audience === 'owner' ? 'If you run the site' : 'If this is your server'}</Sub>
          <ol>
            {g.steps.map((s, i) => (
              <li key={i}>
                {s.text}
                {s.link && /^https?:\/\//i.test(s.link) ? (
                  <>
                    {' '}
                    <a href={s.link}>{s.link}</a>
                  </>
                ) : null}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </Part>
  );
}

export function Commands({ diagnosis, level = 2, idPrefix = '' }: Placement) {
  if (diagnosis.commands.length === 0) return null;
  const { mine, others } = splitCommands(diagnosis.commands);
  const H = heading(level);
  return (
    <Part level={level} id={`${idPrefix}check`}>
      <H id={`${idPrefix}check`}>Check it yourself</H>
      <CommandList commands={mine.length > 0 ? mine : others} />
      {mine.length > 0 && others.length > 0 ? (
        <details>
          <summary>Commands for other systems</summary>
          <CommandList commands={others} />
        </details>
      ) : null}
    </Part>
  );
}


import type { Command, Diagnosis, PointsTo } from '../../engine/types';
import { browserName } from '../../platform/browser';
import { CopyButton } from './CopyButton';
import { AUDIENCE_LABELS, POINTS_TO } from './verdict';

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
function pointsToLabel(pointsTo: PointsTo, local: boolean): string {
  return pointsTo === 'server' && local ? 'your server' : POINTS_TO[pointsTo];
}

export function Evidence({ diagnosis }: { diagnosis: Diagnosis }) {
  if (diagnosis.evidence.length === 0) return null;
  return (
    <section aria-labelledby="why">
      <h2 id="why">Why we think so</h2>
      <ul class="evidence">
        {diagnosis.evidence.map((e, i) => (
          <li key={i} data-points-to={e.pointsTo}>
            <span class={`points verdict-${e.pointsTo === 'neutral' ? 'unknown' : e.pointsTo}`}>{pointsToLabel(e.pointsTo, diagnosis.local)}</span>{' '}
            {e.text}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function Steps({ diagnosis }: { diagnosis: Diagnosis }) {
  const groups = (['you', 'developer', 'owner'] as const)
    .map((audience) => ({ audience, steps: diagnosis.steps.filter((s) => s.audience === audience) }))
    .filter((g) => g.steps.length > 0);
  if (groups.length === 0) return null;
  return (
    <section aria-labelledby="todo">
      <h2 id="todo">What to do</h2>
      {groups.map((g) => (
        <div key={g.audience} class="steps" data-audience={g.audience}>
          <h3>{g.audience === 'you' ? 'You' : g.audience === 'owner' ? 'If you run the site' : 'If this is your server'}</h3>
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
    </section>
  );
}

export function Commands({ diagnosis }: { diagnosis: Diagnosis }) {
  if (diagnosis.commands.length === 0) return null;
  const { mine, others } = splitCommands(diagnosis.commands);
  return (
    <section aria-labelledby="check">
      <h2 id="check">Check it yourself</h2>
      <CommandList commands={mine.length > 0 ? mine : others} />
      {mine.length > 0 && others.length > 0 ? (
        <details>
          <summary>Commands for other systems</summary>
          <CommandList commands={others} />
        </details>
      ) : null}
    </section>
  );
}

export { AUDIENCE_LABELS };

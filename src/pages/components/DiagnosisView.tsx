import type { Command, Diagnosis } from '../../engine/types';
import { browserName } from '../../platform/browser';
import { CopyButton } from './CopyButton';
import { AUDIENCE_LABELS, POINTS_TO } from './verdict';

const OS_PLATFORM: Record<string, Command['platform']> = { Linux: 'linux', ChromeOS: 'linux', macOS: 'macos', Windows: 'windows' };
const PLATFORM_LABEL: Record<Command['platform'], string> = { any: 'Any system', linux: 'Linux', macos: 'macOS', windows: 'Windows' };

/** Commands for the user's OS first, then the ones for any OS, then the others. */
function orderCommands(commands: Command[]): Command[] {
  const mine = OS_PLATFORM[browserName().os];
  const rank = (c: Command) => (c.platform === mine ? 0 : c.platform === 'any' ? 1 : 2);
  return [...commands].sort((a, b) => rank(a) - rank(b));
}

export function Evidence({ diagnosis }: { diagnosis: Diagnosis }) {
  if (diagnosis.evidence.length === 0) return null;
  return (
    <section aria-labelledby="why">
      <h2 id="why">Why we think so</h2>
      <ul class="evidence">
        {diagnosis.evidence.map((e, i) => (
          <li key={i} data-points-to={e.pointsTo}>
            <span class={`points verdict-${e.pointsTo === 'neutral' ? 'unknown' : e.pointsTo}`}>{POINTS_TO[e.pointsTo]}</span>{' '}
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
  return (
    <section aria-labelledby="check">
      <h2 id="check">Check it yourself</h2>
      <ul class="commands">
        {orderCommands(diagnosis.commands).map((c, i) => (
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
    </section>
  );
}

export { AUDIENCE_LABELS };

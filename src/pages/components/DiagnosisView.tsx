import type { ComponentChildren } from 'preact';
import { t } from '../../engine/i18n';
import type { Command, Diagnosis } from '../../engine/types';
import { browserName } from '../../platform/browser';
import { CopyButton } from './CopyButton';
import { audienceLabel, pointsToLabel } from '../../shared/words';

const OS_PLATFORM: Record<string, Command['platform']> = {
  Linux: 'linux',
  ChromeOS: 'linux',
  macOS: 'macos',
  Windows: 'windows',
};
/** Names of systems are not translated; "any system" is. */
const SYSTEM_NAME: Record<Exclude<Command['platform'], 'any'>, string> = {
  linux: 'Linux',
  macos: 'macOS',
  windows: 'Windows',
};

function platformLabel(platform: Command['platform']): string {
  return platform === 'any' ? t('common_platform_any') : SYSTEM_NAME[platform];
}

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
          <div class="small muted">{t('common_command_for', [c.label, platformLabel(c.platform)])}</div>
          <div class="command">
            <code>{c.command}</code>
            <CopyButton text={() => c.command} label={t('common_copy')} />
          </div>
        </li>
      ))}
    </ul>
  );
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
      <H id={`${idPrefix}why`}>{t('common_why')}</H>
      <ul class="evidence">
        {diagnosis.evidence.map((e, i) => (
          <li key={i} data-points-to={e.pointsTo}>
            <span class={`points verdict-${e.pointsTo === 'neutral' ? 'unknown' : e.pointsTo}`}>
              {pointsToLabel(e.pointsTo, diagnosis.local)}
            </span>{' '}
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
      <H id={`${idPrefix}todo`}>{t('common_todo')}</H>
      {groups.map((g) => (
        <div key={g.audience} class="steps" data-audience={g.audience}>
          <Sub class="audience">{audienceLabel(g.audience)}</Sub>
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
      <H id={`${idPrefix}check`}>{t('common_check')}</H>
      <CommandList commands={mine.length > 0 ? mine : others} />
      {mine.length > 0 && others.length > 0 ? (
        <details>
          <summary>{t('common_other_systems')}</summary>
          <CommandList commands={others} />
        </details>
      ) : null}
    </Part>
  );
}

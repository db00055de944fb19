/**
 * Retry-After (RFC 9110 §10.2.3): a number of seconds or an HTTP date. Anything else is ignored, never shown: the
 * header is the server's text, and netwhy repeats only what it could read as a time.
 */
import { plural, t } from './i18n';

/** A week: a longer wait is not a plan to come back. */
const MAX_MS = 7 * 86_400_000;
const IMF_FIXDATE =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

/** How long the server asked to wait, from `now`, in ms; null when the header is absent or not a valid time. */
export function retryAfterMs(value: string | null | undefined, now: number): number | null {
  const v = value?.trim() ?? '';
  let ms: number;
  if (/^\d{1,9}$/.test(v)) ms = Number(v) * 1000;
  else if (IMF_FIXDATE.test(v)) ms = Date.parse(v) - now;
  else return null;
  return Number.isFinite(ms) && ms >= 0 && ms <= MAX_MS ? ms : null;
}

/** A wait in words, rounded up to the unit people use for it: "45 seconds", "2 minutes", "3 hours". */
export function waitText(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 90) return t(plural(s, 'dur_seconds_one', 'dur_seconds_other'), [s]);
  const m = Math.ceil(s / 60);
  if (m < 90) return t(plural(m, 'dur_minutes_one', 'dur_minutes_other'), [m]);
  const h = Math.ceil(m / 60);
  return t(plural(h, 'dur_hours_one', 'dur_hours_other'), [h]);
}

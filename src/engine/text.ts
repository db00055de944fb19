import type { Facts } from './facts';
import type { Audience, Text } from './types';
import { hostPort } from './url';
import { t } from './i18n';

export function render(text: Text, facts: Facts): string {
  return typeof text === 'function' ? text(facts) : text;
}

/** `host:port` as written in sentences. */
export function where(f: Facts): string {
  return hostPort(f.url);
}

/** "your computer" for loopback, the host name otherwise. */
export function machine(f: Facts): string {
  return f.url.loopback ? t('text_your_computer') : f.url.host || t('text_the_server');
}

export function list(items: string[], max = 3): string {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  const head = shown.join(', ');
  return more > 0 ? t('text_list', [head, more]) : head;
}

export function clock(time: number): string {
  const d = new Date(time);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Who runs the server: the developer when it is on this computer, the site's owner otherwise. */
export function serverSide(f: Facts): Audience {
  return f.url.loopback ? 'developer' : 'owner';
}

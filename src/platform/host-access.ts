/**
 * Host access: netwhy sees page loads only for the sites it may access. Chromium grants MV3 `host_permissions` at
 * install; Firefox treats them as the user's choice: they can be withheld at install and revoked at any time
 * (Extensions panel, or about:addons → netwhy → Permissions). Without them webNavigation still reports a page that
 * failed to load (so the explanation page still comes), but webRequest reports nothing: no HTTP 4xx/5xx, no failed
 * requests of a page, no successes for the "only this site fails" evidence. Verified in Firefox ESR 153 (see
 * test/e2e/firefox/host-access.e2e.test.ts). So the toolbar button says so while access is missing, and stops saying
 * it once access is back (granting it in the browser fires `permissions.onAdded`).
 */
import { t } from '../engine/i18n';
import { browser } from './browser';

export const ALL_SITES = { origins: ['<all_urls>'] };

type ActionApi = {
  setBadgeText(d: { text: string }): Promise<void>;
  setBadgeBackgroundColor(d: { color: string }): Promise<void>;
  setTitle(d: { title: string }): Promise<void>;
};

function action(): ActionApi | null {
  const b = browser as unknown as { action?: ActionApi; browserAction?: ActionApi };
  return b.action ?? b.browserAction ?? null;
}

export async function hasHostAccess(): Promise<boolean> {
  try {
    return await browser.permissions.contains(ALL_SITES);
  } catch {
    return true; // no permissions API: nothing to tell the user
  }
}

let warned = false;

/** The default (all tabs) badge and title; a tab's own badge for a failure still wins over it. */
function show(granted: boolean): void {
  const a = action();
  if (!a || granted === !warned) return;
  warned = !granted;
  const ignore = () => undefined;
  a.setBadgeText({ text: granted ? '' : '!' }).catch(ignore);
  if (!granted) a.setBadgeBackgroundColor({ color: '#b45309' }).catch(ignore);
  a.setTitle({ title: granted ? 'netwhy' : t('host_access_missing') }).catch(ignore);
}

/** Registers the permission listeners synchronously (an event page may start for them), then checks once. */
export function watchHostAccess(): void {
  const permissions = (browser as Partial<typeof browser>).permissions;
  if (!permissions?.onAdded) return;
  const check = () => void hasHostAccess().then(show);
  permissions.onAdded.addListener(check);
  permissions.onRemoved.addListener(check);
  check();
}

/** The browser's proxy setting, when the user granted the optional `proxy` permission. Chrome and Firefox differ. */
import { browser } from './browser';
import { describeProxy } from '../shared/proxy-value';

type ProxyApi = { settings: { get(d: object): Promise<{ value?: Record<string, unknown> }> } };

let cached: { value: string | null; time: number } | null = null;
const TTL_MS = 30_000;

export async function hasProxyPermission(): Promise<boolean> {
  try {
    return await browser.permissions.contains({ permissions: ['proxy'] });
  } catch {
    return false;
  }
}

/** `direct`, `system`, or a short description such as `fixed_servers proxy.corp:3128`; null when unreadable. */
export async function readProxy(now = Date.now()): Promise<string | null> {
  if (cached && now - cached.time < TTL_MS) return cached.value;
  let value: string | null = null;
  try {
    const api = (browser as unknown as { proxy?: ProxyApi }).proxy;
    if (api && (await hasProxyPermission())) value = describeProxy((await api.settings.get({})).value ?? {});
  } catch {
    value = null;
  }
  cached = { value, time: now };
  return value;
}

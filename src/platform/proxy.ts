/** The browser's proxy setting, when the user granted the optional `proxy` permission. Chrome and Firefox differ. */
import { browser } from './browser';

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

/** Pure: turns either browser's proxy value into a short description. */
export function describeProxy(v: Record<string, unknown>): string {
  // Chrome: { mode, rules?: { singleProxy?: { host, port } }, pacScript? }
  if (typeof v.mode === 'string') {
    if (v.mode === 'direct' || v.mode === 'system') return v.mode;
    const single = (v.rules as { singleProxy?: { host?: string; port?: number } } | undefined)?.singleProxy;
    return single?.host ? `${v.mode} ${single.host}${single.port ? `:${single.port}` : ''}` : v.mode;
  }
  // Firefox: { proxyType: none | autoDetect | system | manual | autoConfig, http?: 'host:port', autoConfigUrl? }
  if (typeof v.proxyType === 'string') {
    if (v.proxyType === 'none') return 'direct';
    if (v.proxyType === 'system') return 'system';
    if (v.proxyType === 'manual' && typeof v.http === 'string' && v.http) return `manual ${v.http}`;
    return v.proxyType;
  }
  return 'unknown';
}

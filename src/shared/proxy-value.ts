/** Chrome and Firefox report proxy settings in different shapes; this reads both. Pure, tested in Node. */

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

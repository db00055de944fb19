/**
 * What an administrator set by policy (storage.managed, schema in public/managed-schema.json): setting defaults,
 * locked settings, custom rules and a support contact. Missing or unreadable policy means none.
 */
import { browser } from './browser';
import { NO_POLICY, toManaged, type ManagedConfig } from '../shared/managed-policy';

export { NO_POLICY, toManaged, withPolicy, type ManagedConfig } from '../shared/managed-policy';

/**
 * The policy. Chromium can take seconds to answer storage.managed in a fresh profile, so callers on a hot path give a
 * timeout and carry on without the policy (it is applied when it arrives: see onManagedLoaded).
 */
let cached: Promise<ManagedConfig> | null = null;

/** Some browsers (and test doubles) have no storage.managed at all: that is no policy, never an error. */
function readPolicy(): Promise<ManagedConfig> {
  try {
    const area = (browser.storage as { managed?: { get(): Promise<unknown> } }).managed;
    return area ? area.get().then(toManaged, () => NO_POLICY) : Promise.resolve(NO_POLICY);
  } catch {
    return Promise.resolve(NO_POLICY);
  }
}

export async function readManaged(timeoutMs?: number): Promise<ManagedConfig> {
  // One read per context, until the policy changes (Firefox rejects when there is no policy at all).
  cached ??= readPolicy();
  const read = cached;
  if (timeoutMs === undefined) return read;
  return Promise.race([read, new Promise<ManagedConfig>((resolve) => setTimeout(() => resolve(NO_POLICY), timeoutMs))]);
}

/** The policy changed (storage.onChanged, area "managed"): read it again next time. */
export function forgetManaged(): void {
  cached = null;
}

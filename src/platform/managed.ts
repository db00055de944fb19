/**
 * What an administrator set by policy (storage.managed, schema in public/managed-schema.json): setting defaults,
 * locked settings, custom rules and a support contact. Missing or unreadable policy means none.
 */
import { browser } from './browser';
import { NO_POLICY, toManaged, type ManagedConfig } from './managed-policy';

export { NO_POLICY, toManaged, withPolicy, type ManagedConfig } from './managed-policy';

/**
 * The policy. Chromium can take seconds to answer storage.managed in a fresh profile, so callers on a hot path give a
 * timeout and carry on without the policy (it is applied when it arrives: see onManagedLoaded).
 */
let cached: Promise<ManagedConfig> | null = null;

export async function readManaged(timeoutMs?: number): Promise<ManagedConfig> {
  // One read per context, until the policy changes (Firefox rejects when there is no policy at all).
  cached ??= browser.storage.managed.get().then(toManaged, () => NO_POLICY);
  const read = cached;
  if (timeoutMs === undefined) return read;
  return Promise.race([read, new Promise<ManagedConfig>((resolve) => setTimeout(() => resolve(NO_POLICY), timeoutMs))]);
}


/** The policy changed (storage.onChanged, area "managed"): read it again next time. */
export function forgetManaged(): void {
  cached = null;
}

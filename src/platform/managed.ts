/**
 * What an administrator set by policy (storage.managed, schema in public/managed-schema.json): setting defaults,
 * locked settings, custom rules and a support contact. Missing or unreadable policy means none.
 */
import { browser } from './browser';
import { NO_POLICY, toManaged, type ManagedConfig } from './managed-policy';

export { NO_POLICY, toManaged, withPolicy, type ManagedConfig } from './managed-policy';

export async function readManaged(): Promise<ManagedConfig> {
  try {
    // Firefox rejects when no policy manifest exists; Chrome resolves with {}.
    return toManaged(await browser.storage.managed.get());
  } catch {
    return NO_POLICY;
  }
}


/** Which tab the popup describes: the active tab of the window whose toolbar button opened it. */

/** The part of `browser.tabs` the lookup uses (a fake one in unit tests). */
export interface TabsQuery {
  query(q: { active: true; currentWindow: true }): Promise<{ id?: number }[]>;
}

/**
 * The active tab's id, or -1 when there is none (or it has no id). There is no way to name another tab: the e2e
 * suites open the popup as the toolbar does (`action.openPopup()`), or its document in a background tab of the
 * window whose active tab it should describe.
 */
export async function activeTabId(tabs: TabsQuery): Promise<number> {
  const [tab] = await tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? -1;
}

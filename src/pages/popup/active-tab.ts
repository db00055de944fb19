/** Which tab the popup describes: the active tab of the window whose toolbar button opened it. */

/** The part of `browser.tabs` the lookup uses (a fake one in unit tests). */
export interface TabsQuery {
  query(q: { active: true; currentWindow: true }): Promise<{ id?: number }[]>;
}

/**
 * The active tab's id, or -1 when there is none (or it has no id). `search`: the popup's query string; `?tab=<id>`
 * names the tab instead, for the e2e suites, which open the popup as a page in a tab of its own (where the active
 * tab of the current window is the popup itself).
 */
export async function activeTabId(tabs: TabsQuery, search: string): Promise<number> {
  const fromQuery = Number(new URLSearchParams(search).get('tab'));
  if (Number.isInteger(fromQuery) && fromQuery > 0) return fromQuery;
  const [tab] = await tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? -1;
}

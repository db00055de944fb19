import { describe, expect, it } from 'vitest';
import { activeTabId, type TabsQuery } from '../../../src/pages/popup/active-tab';

/** A fake browser's tabs: windows of tabs, one window current, each with at most one active tab. */
function fakeTabs(
  tabs: { id?: number; windowId: number; active: boolean }[],
  currentWindow: number,
): TabsQuery & { asked: object[] } {
  const asked: object[] = [];
  return {
    asked,
    async query(q) {
      asked.push(q);
      return tabs
        .filter((t) => (!q.active || t.active) && (!q.currentWindow || t.windowId === currentWindow))
        .map(({ id }) => (id === undefined ? {} : { id }));
    },
  };
}

describe('popup: the tab it describes (the toolbar path)', () => {
  const tabs = [
    { id: 11, windowId: 1, active: false },
    { id: 12, windowId: 1, active: true },
    { id: 21, windowId: 2, active: true },
  ];

  it('is the active tab of the current window, asked for exactly that', async () => {
    const fake = fakeTabs(tabs, 1);
    await expect(activeTabId(fake)).resolves.toBe(12);
    expect(fake.asked).toEqual([{ active: true, currentWindow: true }]);
    await expect(activeTabId(fakeTabs(tabs, 2))).resolves.toBe(21);
  });

  it('is -1 when the window has no active tab, or the tab has no id (devtools, some system tabs)', async () => {
    await expect(activeTabId(fakeTabs(tabs, 3))).resolves.toBe(-1);
    await expect(activeTabId(fakeTabs([{ windowId: 1, active: true }], 1))).resolves.toBe(-1);
  });
});

import { render } from 'preact';
import { t } from '../../engine/i18n';
import { browser } from '../../platform/browser';
import { send } from '../../platform/messages';
import { CATALOGUE_PAGE, explainUrl } from '../../platform/pages';
import type { HistoryEntry } from '../../shared/types';
import { useBrowserLanguage } from '../../platform/i18n';
import '../components/base.css';
import { activeTabId } from './active-tab';
import { Popup } from './Popup';
import './style.css';

// The user's language before anything renders.
useBrowserLanguage();
document.title = t('extName');

async function start() {
  const root = document.getElementById('app')!;
  const tabId = await activeTabId(browser.tabs).catch(() => -1);
  const [history, tab, status] = await Promise.all([
    send('history:list', {}).catch(() => [] as HistoryEntry[]),
    tabId >= 0 ? send('tab:state', { tabId }).catch(() => null) : Promise.resolve(null),
    send('history:status', {}).catch(() => null),
  ]);
  // The tab's failure as the worker diagnoses it now (it may still be on its way to storage, written in batches, and
  // rules may have changed since it was recorded: an administrator's policy read late).
  const list = history ?? [];
  if (tab?.failureId) {
    const view = await send('diagnosis:get', { id: tab.failureId }).catch(() => null);
    const at = list.findIndex((e) => e.id === tab.failureId);
    if (view && at >= 0) list[at] = { ...view.entry, count: list[at]!.count, firstTime: list[at]!.firstTime };
    else if (view) list.unshift(view.entry);
  }
  const open = (url: string) => {
    void browser.tabs.create({ url });
  };
  render(
    <Popup
      history={list}
      tab={tab}
      historyProblem={status?.problem ?? null}
      actions={{
        explainUrl: (entry) => explainUrl(entry),
        open,
        retry: (entry) => {
          // The tab that shows this failure retries in place; any other failure opens in a new tab.
          if (tab?.failureId === entry.id && tabId >= 0) {
            void send('retry:intent', { tabId, url: entry.url }).finally(() =>
              browser.tabs.update(tabId, { url: entry.url }),
            );
          } else open(entry.url);
        },
        remove: async (id) => {
          await send('history:delete', { id });
        },
        clear: async () => {
          await send('history:clear', { upTo: Date.now() });
        },
        openOptions: () => void browser.runtime.openOptionsPage(),
        openCatalogue: () => open(browser.runtime.getURL(CATALOGUE_PAGE)),
        diagnosis: async (entry) => (await send('diagnosis:get', { id: entry.id }))?.diagnosis ?? null,
        report: async (entry, format) => {
          const text = await send('report:get', { id: entry.id, format });
          if (text === null) throw new Error('no failure to report');
          return text;
        },
      }}
    />,
    root,
  );
}

void start();

/* global chrome */
// On the first error event of a top-level load, send the tab to a one-line extension page. Nothing else.
// (The event's timeStamp rides along in the fragment so the benchmark can read when the event fired.)
chrome.webRequest.onErrorOccurred.addListener(
  (d) => {
    if (d.tabId < 0 || d.error === 'net::ERR_ABORTED') return;
    chrome.tabs.update(d.tabId, { url: `${chrome.runtime.getURL('page.html')}#${d.timeStamp}` });
  },
  { urls: ['<all_urls>'], types: ['main_frame'] },
);

/* global URL */
/* global chrome */
// On the first error event of a top-level load, send the tab to a one-line extension page. Nothing else.
// (The event's timeStamp rides along in the fragment so the benchmark can read when the event fired.)
// A failing address under /words goes to words.html instead: the same line, written by a module script from the
// page's address — the least any page can do that shows words of its own failure (bench scenario (d)).
chrome.webRequest.onErrorOccurred.addListener(
  (d) => {
    if (d.tabId < 0 || d.error === 'net::ERR_ABORTED') return;
    const url = new URL(d.url);
    const page = url.pathname.startsWith('/words')
      ? `words.html?h=${encodeURIComponent(`${url.host} could not be loaded: ${d.error}`)}`
      : 'page.html';
    chrome.tabs.update(d.tabId, { url: `${chrome.runtime.getURL(page)}#${d.timeStamp}` });
  },
  { urls: ['<all_urls>'], types: ['main_frame'] },
);

/* global chrome, document, location, performance, URLSearchParams */
// Bench scenario (e)'s page script, at the end of its static HTML and async, as netwhy's served page has its own:
// the same User Timing marks as netwhy's page, then it asks the worker for the evidence (netwhy's loopback probes)
// and marks the page complete when it is in. It renders nothing of it: the least the complete form waits on.
const mark = (name) => performance.mark(`netwhy:${name}`);
mark('entry');
if (document.getElementById('app')?.firstChild) mark('served');
mark('headline');
const url = new URLSearchParams(location.search).get('url') ?? '';
mark('asked');
chrome.runtime.sendMessage({ probe: url }).then(() => {
  mark('replied');
  document.querySelector('main')?.setAttribute('data-ready', 'true');
  mark('rendered');
});

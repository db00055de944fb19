/**
 * The browser's own extension API object, which the builds use in place of webextension-polyfill (vite.config.ts
 * aliases the polyfill to this module; tests and the bench keep their fakes). Firefox has `browser`; Chromium's MV3
 * `chrome` returns promises for every API netwhy uses. The one difference left, onMessage listeners that answer with
 * a promise (Chromium wants sendResponse), is handled in messages.ts.
 */
const api = (globalThis as { browser?: unknown; chrome?: unknown }).browser ?? (globalThis as { chrome?: unknown }).chrome;

export default api;

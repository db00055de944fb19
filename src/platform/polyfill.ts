/**
 * The worker's first import: from here on `browser` (platform/browser.ts) is webextension-polyfill's. Pages never
 * import this (they use the browser's own API; lint forbids it): see platform/browser.ts for why.
 */
import polyfill from 'webextension-polyfill';
import { usePolyfill } from './browser';

usePolyfill(polyfill);

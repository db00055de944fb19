/**
 * The worker's second import (after the timeline's first mark and the polyfill): it starts reading the worker's
 * message catalog at once, so that the words of the first takeover after a cold start do not wait on the browser
 * (see platform/worker-catalog.ts).
 */
import { preloadCatalog } from '../platform/worker-catalog';
import { mark } from './timeline';

void preloadCatalog().then((read) => {
  if (read) mark('catalog');
});

/** Puts the page script into a document and talks to it: the overlay card and the developer banner. */
// The page script's built file name (crxjs), not its code: the worker injects it into pages.
// eslint-disable-next-line no-restricted-imports
import pageScript from '../content/overlay.ts?script&iife';
import { scriptingApi, sendToDocument } from '../platform/browser';
import type { ContentMessage } from '../shared/types';

/** Injects the page script into the tab's top document (that exact document when its id is known), then sends. */
export async function deliver(tabId: number, message: ContentMessage, documentId?: string): Promise<boolean> {
  const scripting = scriptingApi();
  if (!scripting) return false;
  const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] };
  try {
    await scripting.executeScript({ target, files: [pageScript] });
    await sendToDocument(tabId, message, documentId);
    return true;
  } catch (err) {
    // The page navigated on, or it is one scripts may not enter (the store, a PDF viewer): nothing to show.
    console.debug('netwhy: page script not delivered', err);
    return false;
  }
}

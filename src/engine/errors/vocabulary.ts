/**
 * Firefox's vocabulary (names, nsresults, NSS codes, TLS sentences, load phases and the Firefox-only entries) for
 * this context. The Firefox build installs it everywhere, the Chrome build only on the catalogue page (a Chrome user
 * may paste a Firefox code there); tests, the bench and the docs install it too (src/platform/vocabulary.ts).
 */
import { setFirefoxDecoder } from './decoder';
import { FIREFOX_ERRORS } from './firefox-entries';
import { FIREFOX_DECODER } from './normalize-firefox';
import { addEntries } from './table';

export function installFirefoxVocabulary(): void {
  addEntries(FIREFOX_ERRORS);
  setFirefoxDecoder(FIREFOX_DECODER);
}

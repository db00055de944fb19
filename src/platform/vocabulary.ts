/**
 * Which browser's error words this build understands. Chromium reports only its own `net::ERR_*` codes, so the
 * Chrome build leaves Firefox's vocabulary out of the worker and pages (it is most of the taxonomy's weight);
 * the Firefox build installs it. vite.config.ts defines __NETWHY_BROWSER__.
 */
import { installFirefoxVocabulary } from '../engine/errors/vocabulary';

declare const __NETWHY_BROWSER__: 'chrome' | 'firefox';

export function useBrowserVocabulary(): void {
  if (__NETWHY_BROWSER__ === 'firefox') installFirefoxVocabulary();
}

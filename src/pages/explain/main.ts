/**
 * The explanation page's entry: it paints the worker's headline from the address at once (first-paint.ts), then
 * loads the page's modules (engine, preact, its evidence) after the browser has painted it: loaded at once, they
 * would run before the first frame and hold the headline back until they are done.
 */
// The page's styles load with the page itself (render-blocking), so the first paint is already styled: imported
// only by the app, they would come with it, after that paint, and move everything.
import '../components/base.css';
import './style.css';
import { paintHeadline } from './first-paint';

paintHeadline();

let started = false;
function start(): void {
  if (started) return;
  started = true;
  // By its built name (EXPLAIN_APP, src/pages/explain/app-path.ts), not './app': see vite.config.ts. Its own imports
  // load with it, from the extension's files.
  const app = '/assets/explain-app.js';
  void import(/* @vite-ignore */ app);
}
requestAnimationFrame(() => setTimeout(start, 0));
// A hidden tab gets no frames: start anyway.
setTimeout(start, 100);

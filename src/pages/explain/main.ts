/**
 * The explanation page's entry. public/first-paint.js has drawn the headline from the address; the page's modules
 * (engine, preact, its evidence) load after the browser has painted it, not before: loaded at once, they would run
 * before the first frame and hold the headline back until they are done.
 */
// The page's styles load with the page itself (render-blocking), so the first paint is already styled: imported
// only by the app, they would come with it, after that paint, and move everything.
import '../components/base.css';
import './style.css';

let started = false;
function start(): void {
  if (started) return;
  started = true;
  void import('./app');
}
requestAnimationFrame(() => setTimeout(start, 0));
// A hidden tab gets no frames: start anyway.
setTimeout(start, 100);

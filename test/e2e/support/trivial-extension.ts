/**
 * A trivial MV3 extension written to a temp dir, for testing the launcher without the real build:
 * a background service worker that logs and answers runtime messages, and `page.html`, whose script pings the
 * worker (which wakes a stopped worker) and writes the answer into <body data-pong="...">.
 *
 *   const ext = await makeTrivialExtension();
 *   const b = await launchWithExtension({ extensionDir: ext.dir });
 *   ...
 *   await b.close(); await ext.remove();
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TrivialExtension {
  dir: string;
  remove(): Promise<void>;
}

export async function makeTrivialExtension(): Promise<TrivialExtension> {
  const dir = await mkdtemp(join(tmpdir(), 'netwhy-trivial-ext-'));
  const manifest = {
    manifest_version: 3,
    name: 'netwhy e2e trivial extension',
    version: '0.0.1',
    background: { service_worker: 'background.js' },
    host_permissions: ['http://127.0.0.1/*', 'http://localhost/*'],
  };
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(
    join(dir, 'background.js'),
    `console.log('trivial extension worker started');
chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  console.log('trivial extension got', message);
  sendResponse({ pong: message, at: Date.now() });
});
`,
  );
  await writeFile(
    join(dir, 'page.html'),
    '<!doctype html><title>trivial</title><body><script src="page.js"></script></body>\n',
  );
  await writeFile(
    join(dir, 'page.js'),
    `chrome.runtime.sendMessage('ping').then((r) => { document.body.dataset.pong = r.pong; });\n`,
  );
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * The card on a site's own 5xx page arrives in Firefox whatever the order of its events (issue 20: Firefox can commit
 * the page and complete the tab before webRequest reports the status; the card once never came in 6 of 45 loads).
 * Fifty loads of real error pages from the loopback fault server, each a new navigation; every one gets its card.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFaultServer, type FaultServer } from '../support/fault-server';
import { launchFirefox, type LaunchedFirefox } from './support/firefox';
import { overlayHooks, readOverlay } from './support/overlay';

let ff: LaunchedFirefox;
let fs: FaultServer;
let page: Page;

beforeAll(async () => {
  fs = await startFaultServer();
  ff = await launchFirefox();
  page = await ff.newPage();
});

afterAll(async () => {
  await page?.close().catch(() => undefined);
  await ff?.close();
  await fs?.close();
});

const CODES = [500, 502, 503, 504, 500];
const LOADS = 50;

describe("the card on a site's error page, in Firefox", () => {
  it(`comes on every one of ${LOADS} loads, on that page, with its status`, async () => {
    const missing: string[] = [];
    for (let i = 0; i < LOADS; i++) {
      const code = CODES[i % CODES.length]!;
      // A distinct URL per load: each is a new document, and a card of an earlier one cannot count.
      const url = `${fs.status(code, { body: `<html><title>site ${code} #${i}</title><body><h1>Our own ${code} page #${i}</h1></body></html>` })}&n=${i}`;
      const response = await page.goto(url, { timeout: 30_000 });
      expect(response?.status()).toBe(code);
      try {
        const card = await readOverlay(ff, page, 10_000);
        const hooks = overlayHooks(card);
        if (hooks['http-status'] !== String(code) || hooks.url !== url)
          missing.push(`#${i}: card for ${hooks.url} (${hooks['http-status']})`);
      } catch (err) {
        missing.push(`#${i} (${code}): ${(err as Error).message.slice(0, 120)}`);
      }
    }
    expect(missing).toEqual([]);
  });
});

// @vitest-environment happy-dom
/**
 * The page script's own words come from the catalog through chrome.i18n.getMessage (it has no polyfill and no
 * engine): in English it reads as before, and under a pseudo-translation nothing of its own is left in English.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../src/engine/i18n';
import type { BannerData, ContentMessage, OverlayData } from '../../../src/shared/types';
import { readParts } from '../../../scripts/locales';
import { shippedKey } from '../../../src/shared/message-key';
import { shippedGetMessage } from '../../support/catalog-say';

const UI: Catalog = readParts('en')['ui.json']!;
let pseudo = false;

type Listener = (message: unknown, sender: { id?: string }) => void;
let listener: Listener = () => undefined;

beforeAll(async () => {
  // The browser's getMessage over the shipped English catalog; the pseudo-translation wraps the screens' messages.
  const english = shippedGetMessage('en');
  const screens = new Set(
    Object.keys(UI)
      .filter((key) => key !== 'lang')
      .map((key) => shippedKey(key)),
  );
  const getMessage = (name: string, subs: string[] = []) => {
    const text = english(name, subs);
    return pseudo && text && screens.has(name) ? `⟦${text}⟧` : text;
  };
  (globalThis as Record<string, unknown>).chrome = {
    runtime: {
      id: 'netwhy',
      onMessage: { addListener: (fn: Listener) => void (listener = fn) },
      sendMessage: () => undefined,
    },
    i18n: { getMessage },
  };
  // The card lives in a closed shadow root; open it for the test.
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    return attach.call(this, { ...init, mode: 'open' });
  };
  await import('../../../src/content/overlay');
});

const overlay: OverlayData = {
  code: 'HTTP_502',
  httpStatus: 502,
  verdict: 'server',
  cause: 'http-bad-gateway',
  local: false,
  url: 'https://shop.example/',
  title: 'Bad gateway',
  summary: 'The server behind shop.example failed.',
  verdictLabel: 'The site',
};
const banner = (lines: number): BannerData => ({
  url: 'http://localhost:3000/',
  total: 9,
  code: 'ERR_CONNECTION_REFUSED',
  verdict: 'server',
  local: true,
  lines: Array.from({ length: lines }, (_, i) => `line ${i + 1}`),
});

function show(message: ContentMessage): ShadowRoot {
  document.querySelectorAll('netwhy-overlay').forEach((e) => e.remove());
  listener(message, { id: 'netwhy' });
  const host = [...document.querySelectorAll('netwhy-overlay')].find((h) =>
    h.shadowRoot?.querySelector(`[data-kind="${message.kind}"]`),
  );
  expect(host).toBeDefined();
  return host!.shadowRoot!;
}

const texts = (root: ShadowRoot) => [...root.querySelectorAll('.brand, p, li, button')].map((e) => e.textContent);
const labels = (root: ShadowRoot) =>
  [...root.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label'));

describe('the page script', () => {
  it('reads as before in English', () => {
    pseudo = false;
    const card = show({ netwhy: 1, kind: 'overlay', data: overlay });
    expect(texts(card)).toEqual(['netwhy · HTTP 502', '×', overlay.summary, overlay.verdictLabel, 'More', 'Dismiss']);
    expect(labels(card)).toEqual(['netwhy: why this page failed', 'Dismiss']);
    expect(card.querySelector('section')?.lang).toBe('en');

    const four = show({ netwhy: 1, kind: 'banner', data: banner(4) });
    expect(texts(four)).toEqual([
      'netwhy · requests of this page failed',
      '×',
      'line 1',
      'line 2',
      'line 3',
      'and 1 more kind of failure.',
      'Details',
      'Dismiss',
    ]);
    expect(labels(four)).toEqual(['netwhy: failed requests', 'Dismiss']);
    expect(texts(show({ netwhy: 1, kind: 'banner', data: banner(6) }))).toContain('and 3 more kinds of failure.');
  });

  it('puts nothing the page can read on the host element: the hooks are on the card, inside the closed root', () => {
    pseudo = false;
    const root = show({ netwhy: 1, kind: 'overlay', data: overlay });
    const host = document.querySelector('netwhy-overlay')!;
    expect(host.getAttributeNames()).toEqual([]);
    expect(host.textContent).toBe('');
    expect({ ...(root.querySelector('.card') as HTMLElement).dataset }).toEqual({
      kind: 'overlay',
      errorCode: 'HTTP_502',
      verdict: 'server',
      cause: 'http-bad-gateway',
      local: 'false',
      url: 'https://shop.example/',
      httpStatus: '502',
    });
    const bannerRoot = show({ netwhy: 1, kind: 'banner', data: banner(2) });
    expect(document.querySelector('netwhy-overlay')!.getAttributeNames()).toEqual([]);
    expect((bannerRoot.querySelector('.card') as HTMLElement).dataset).toMatchObject({
      kind: 'banner',
      errorCode: 'ERR_CONNECTION_REFUSED',
      local: 'true',
    });
  });

  it('takes every word of its own from the catalog', () => {
    pseudo = true;
    const data = new Set([overlay.summary, overlay.verdictLabel, '×', 'line 1', 'line 2', 'line 3']);
    for (const root of [
      show({ netwhy: 1, kind: 'overlay', data: overlay }),
      show({ netwhy: 1, kind: 'banner', data: banner(5) }),
    ]) {
      for (const text of [...texts(root), ...labels(root)]) if (!data.has(text!)) expect(text).toMatch(/^⟦.*⟧$/);
    }
  });
});

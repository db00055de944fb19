// @vitest-environment happy-dom
/**
 * src/pages/explain/first-paint.ts: the explanation page's headline painted from the address before the page's modules
 * run.
 * It must draw exactly the header the page renders, so that preact takes its nodes over: the same h1 stays on
 * screen (no flash, no layout shift), and it writes text only.
 */
import { render } from 'preact';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/diagnose';
import { substitute } from '../../../src/engine/i18n';
import { toFailure } from '../../../src/engine/failure';
import { shippedKey } from '../../../src/shared/message-key';
import { shippedGetMessage } from '../../support/catalog-say';
import { ENGLISH } from '../../support/english';

(globalThis as unknown as { chrome: unknown }).chrome = { runtime: { id: 'test', getURL: (path: string) => path } };
const { Explain } = await import('../../../src/pages/explain/Explain');

const { paintHeadline } = await import('../../../src/pages/explain/first-paint');
const getMessage = shippedGetMessage('en');

let app: HTMLElement;
beforeEach(() => {
  (globalThis as unknown as { chrome: unknown }).chrome = { i18n: { getMessage } };
  app = document.createElement('div');
  app.id = 'app';
  document.body.append(app);
});
afterEach(() => {
  render(null, app);
  app.remove();
  delete (globalThis as unknown as { chrome?: unknown }).chrome;
});

function firstPaint(search: string) {
  history.replaceState(null, '', `/src/pages/explain/index.html${search}`);
  paintHeadline(); // as the page's entry calls it: the address and the extension's i18n (here `chrome`) by default
}

describe('first paint', () => {
  it('draws the brand line and the headline from the address', () => {
    firstPaint(
      `?url=${encodeURIComponent('http://127.0.0.1:3000/')}&h=${encodeURIComponent('Nothing on your computer is answering at port 3000.')}`,
    );
    expect(app.querySelector('main[data-ready="false"] h1')?.textContent).toBe(
      'Nothing on your computer is answering at port 3000.',
    );
    expect(app.querySelector('.brand span')?.textContent).toBe(
      substitute(ENGLISH.explain_brand!.message, ['127.0.0.1:3000']),
    );
    expect(document.documentElement.lang).toBe('en');
    // The rest comes from the worker: said while it is on its way.
    expect(app.querySelector('[role="status"]')?.textContent).toBe(ENGLISH.explain_checking_evidence!.message);
  });

  it('hands its nodes to the page: preact keeps the same h1 and brand line', () => {
    const failure = toFailure({
      id: 'f1',
      url: 'http://127.0.0.1:3000/',
      error: 'net::ERR_CONNECTION_REFUSED',
      tabId: 1,
    })!;
    const d = diagnose(failure);
    firstPaint(`?url=${encodeURIComponent(failure.url)}&h=${encodeURIComponent(d.cause.summary)}`);
    const h1 = app.querySelector('h1')!;
    const brand = app.querySelector('.brand')!;
    render(
      <Explain
        failure={failure}
        diagnosis={d}
        canRetry
        onRetry={() => undefined}
        report={async () => ''}
        site="localhost:8000"
        watching={false}
        watchStatus=""
        onWatch={() => undefined}
      />,
      app,
    );
    expect(app.querySelectorAll('h1')).toHaveLength(1);
    expect(app.querySelector('h1')).toBe(h1);
    expect(app.querySelector('.brand')).toBe(brand);
    expect(h1.textContent).toBe(d.cause.summary);
    expect(app.querySelector('[data-testid="verdict"]')).not.toBeNull();
    // The page is complete: the "checking" status of the first paint is gone.
    expect(app.textContent).not.toContain(ENGLISH.explain_checking_evidence!.message);
    expect(app.querySelector('main')?.getAttribute('data-ready')).toBe('true');
  });

  it("reads Firefox's `browser` before `chrome`, as Firefox pages have both", () => {
    (globalThis as unknown as { browser: unknown }).browser = {
      i18n: {
        getMessage: (name: string, subs?: string[]) => (name === shippedKey('lang') ? 'de' : getMessage(name, subs)),
      },
    };
    (globalThis as unknown as { chrome: unknown }).chrome = { i18n: { getMessage: () => 'from chrome' } };
    try {
      firstPaint(`?url=${encodeURIComponent('http://127.0.0.1:3000/')}&h=x`);
      expect(app.querySelector('.brand span')?.textContent).toBe(
        substitute(ENGLISH.explain_brand!.message, ['127.0.0.1:3000']),
      );
      expect(document.documentElement.lang).toBe('de');
    } finally {
      delete (globalThis as unknown as { browser?: unknown }).browser;
    }
  });

  it('writes markup in the address as text, and does nothing without a headline', () => {
    firstPaint(`?url=x&h=${encodeURIComponent('<img src=x onerror=alert(1)><b>bold</b>')}`);
    expect(app.querySelector('h1')?.textContent).toBe('<img src=x onerror=alert(1)><b>bold</b>');
    expect(app.querySelector('h1 img, h1 b')).toBeNull();
    expect(app.querySelector('.brand span')?.textContent).toBe(ENGLISH.explain_brand_no_host!.message);
    app.replaceChildren();
    firstPaint('?url=http%3A%2F%2Fexample.com%2F');
    expect(app.childNodes).toHaveLength(0);
  });
});

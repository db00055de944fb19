// @vitest-environment happy-dom
/**
 * The pages rendered in a DOM: in English they read exactly as before the catalogs (the e2e tests and people rely on
 * that), and under a pseudo-translation of the UI catalog every word the pages write themselves comes out marked, so
 * a string left hard-coded in a component shows up here.
 */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/diagnose';
import { ALL_ERRORS } from '../../../src/engine/errors/table';
import { VERDICTS } from '../../../src/engine/errors/types';
import { verdictLabel } from '../../../src/engine/words';
import { entryText } from '../../../src/engine/errors/text';
import { toFailure, type Failure } from '../../../src/engine/failure';
import { catalogTranslator, setTranslator, type Catalog, type Translate } from '../../../src/engine/i18n';
import { RULES } from '../../../src/engine/rules';
import type { Diagnosis } from '../../../src/engine/types';
import { toEntry, withCurrentTitles } from '../../../src/shared/history-list';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import type { HistoryEntry, TabState } from '../../../src/shared/types';
import { readParts } from '../../../scripts/locales';
import { testRules } from '../../../src/background/rule-tester';
import type { RuleTest } from '../../../src/shared/messages';
import { ENGLISH } from '../../support/english';

// The pages call the browser's own API (src/platform/browser: Chromium's `chrome`): the little they touch here.
(globalThis as unknown as { chrome: unknown }).chrome = {
  runtime: { id: 'test', getManifest: () => ({ name: 'netwhy', version: '0.0.0' }), getURL: (path: string) => path },
  storage: {
    local: { get: async () => ({}), set: async () => undefined },
    onChanged: { addListener: () => undefined },
  },
};

/** Lets the pages' requests to the (fake) worker answer and the answers render. */
const settle = () =>
  act(async () => {
    for (let i = 0; i < 3; i++) await new Promise((resolve) => setTimeout(resolve, 0));
  });

const { Popup } = await import('../../../src/pages/popup/Popup');
const { Explain } = await import('../../../src/pages/explain/Explain');
const { Options } = await import('../../../src/pages/options/Options');
const { Catalogue } = await import('../../../src/pages/catalogue/Catalogue');

const UI: Catalog = readParts('en')['ui.json']!;
const english = catalogTranslator(ENGLISH);
/** Every UI message wrapped in ⟦ ⟧; the engine's messages stay English (they are not the pages' words). */
const pseudo: Translate = (key, params) =>
  Object.hasOwn(UI, key) && key !== 'lang' ? `⟦${english(key, params)}⟧` : english(key, params);
/** The verdict labels are the engine's words (shared with the page script), not the pages'. */
const VERDICT_WORDS = VERDICTS.flatMap((v) => [verdictLabel(v, false), verdictLabel(v, true)]);
const KEY_LIKE = /\b(?:common|popup|explain|options|rules|cat|overlay)_[a-z0-9_]+/;

let root: HTMLElement;
beforeEach(() => {
  root = document.createElement('div');
  document.body.append(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  setTranslator(english);
});

function failure(value: Partial<Failure> & { url: string }): Failure {
  return toFailure({ id: 'f1', time: Date.now(), ...value })!;
}

/** Texts and the attributes people read or hear. */
function attributes(el: Element): string[] {
  return [...el.querySelectorAll('[placeholder], [aria-label], [title], img[alt]')].flatMap((e) =>
    ['placeholder', 'aria-label', 'title', 'alt'].map((a) => e.getAttribute(a)).filter((v): v is string => v !== null),
  );
}

/**
 * What is left of the text once the pseudo-translated spans and the data (engine words, codes, addresses) are taken
 * out: it must hold no words.
 */
function leftover(text: string, data: readonly string[]): string {
  let rest = text;
  for (let before = ''; before !== rest;) {
    before = rest;
    rest = rest.replace(/⟦[^⟦⟧]*⟧/g, ' ');
  }
  for (const d of [...data, ...VERDICT_WORDS].filter(Boolean).sort((a, b) => b.length - a.length))
    rest = rest.split(d).join(' ');
  // Names of systems, and times and dates (formatted by Intl in the catalog's language).
  return rest.replace(/\b(?:Linux|macOS|Windows)\b/g, ' ').replace(/\b\d{1,2}:\d{2}(?:\s?[AP]M)?/g, ' ');
}

function diagnosisData(d: Diagnosis): string[] {
  return [
    d.cause.title,
    d.cause.summary,
    d.cause.id,
    d.error.code,
    d.error.raw,
    d.error.meaning,
    String(d.error.number ?? ''),
    ...d.error.aliases,
    ...d.evidence.map((e) => e.text),
    ...d.steps.flatMap((s) => [s.text, s.link ?? '']),
    ...d.commands.flatMap((c) => [c.label, c.command]),
    ...d.alternatives.flatMap((a) => [a.title, a.summary]),
  ];
}

function noKeys(el: Element) {
  for (const text of [el.textContent ?? '', ...attributes(el)]) {
    expect(text).not.toMatch(KEY_LIKE);
    expect(text).not.toMatch(/[\uE000-\uE008]/);
  }
}

function button(name: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!found)
    throw new Error(
      `no button "${name}" in: ${[...root.querySelectorAll('button')].map((b) => b.textContent).join(' | ')}`,
    );
  return found;
}

describe('popup', () => {
  const refused = toEntry(
    failure({ url: 'http://localhost:8000/app?token=x', error: 'net::ERR_CONNECTION_REFUSED', count: 3 }),
  );
  const dns = toEntry(
    failure({
      id: 'f2',
      url: 'https://typo-host.example/',
      error: 'net::ERR_NAME_NOT_RESOLVED',
      resourceType: 'xmlhttprequest',
    }),
  );
  const history: HistoryEntry[] = [refused, dns];
  const tab: TabState = {
    tabId: 1,
    failureId: refused.id,
    subresources: [
      { host: 'cdn.example', code: 'ERR_CONNECTION_RESET', count: 1 },
      { host: 'api.example', code: 'HTTP_502', count: 4 },
    ],
  };
  const actions = {
    explainUrl: () => '',
    open: () => undefined,
    retry: () => undefined,
    remove: async () => undefined,
    clear: async () => undefined,
    openOptions: () => undefined,
    openCatalogue: () => undefined,
    diagnosis: async (entry: HistoryEntry) => diagnose(entry, RULES),
    report: async () => '',
  };
  const show = () => render(<Popup history={history} tab={tab} actions={actions} />, root);

  it('reads as before in English', async () => {
    show();
    await settle();
    const text = root.textContent ?? '';
    expect(root.querySelector('h1')?.textContent).toBe('netwhy');
    expect(text).toContain('why pages fail to load');
    expect([...root.querySelectorAll('.subs li')].map((li) => li.textContent)).toEqual([
      '1 request to cdn.example failed: ERR_CONNECTION_RESET',
      '4 requests to api.example failed: HTTP_502',
    ]);
    expect(text).toContain('3× · ');
    expect(root.querySelector('.entry-body .small.muted')?.textContent).toBe(
      'ERR_CONNECTION_REFUSED · main frame · http://localhost:8000/app?token=x',
    );
    expect(root.querySelector('.entry-body .verdict')?.textContent).toBe('A server on this computer (likely)');
    expect((root.querySelector('#q') as HTMLInputElement).placeholder).toBe('Search host, code, cause…');
    expect([...root.querySelectorAll('#verdict option')].map((o) => o.textContent)).toEqual([
      'Any side',
      'Your device',
      'Your network',
      'The site',
      "Can't tell",
    ]);
    expect([...root.querySelectorAll('#category option')].map((o) => o.textContent)).toEqual([
      'Any kind',
      'dns',
      'connection',
      'tls',
      'certificate',
      'http',
      'proxy',
      'policy',
      'cache',
      'other',
      'hanging loads',
      'slow loads',
    ]);
    expect(root.querySelector('ul.entries[aria-label]')?.getAttribute('aria-label')).toBe('Failures, newest first');
    for (const name of [
      'Retry',
      'Open explanation',
      'Copy report',
      'as text',
      'as JSON',
      'Delete',
      'Error codes',
      'Settings',
    ])
      button(name);
    await act(() => button('Clear history').click());
    expect(root.querySelector('.footer-actions span')?.textContent).toBe('Delete all 2 entries?');
    button('Delete all');
    button('Keep');
    noKeys(root);
  });

  it('names the kind of request in words, and an unknown kind as the browser does', async () => {
    render(<Popup history={[dns]} tab={null} actions={actions} />, root);
    await act(() => (root.querySelector('.entry-head') as HTMLButtonElement).click());
    await settle();
    expect(root.querySelector('.entry-body .small.muted')?.textContent).toContain(' · xmlhttprequest · ');
    render(null, root);
    const odd = toEntry(
      failure({ url: 'https://x.example/', error: 'net::ERR_FAILED', resourceType: 'some_new_type' }),
    );
    render(<Popup history={[odd]} tab={null} actions={actions} />, root);
    await act(() => (root.querySelector('.entry-head') as HTMLButtonElement).click());
    await settle();
    expect(root.querySelector('.entry-body .small.muted')?.textContent).toContain(' · some new_type · ');
  });

  it('titles a row with the title the worker gives it (withCurrentTitles: in the language in use now)', () => {
    // Recorded while the browser spoke German: the stored title is in German; the worker's list has today's words.
    const german = { ...refused, id: 'de1', title: 'Auf diesem Port lauscht nichts' };
    const custom = { ...dns, id: 'c1', cause: 'no-such-rule-any-more', title: 'Stored words' };
    render(<Popup history={withCurrentTitles([german, custom], RULES)} tab={null} actions={actions} />, root);
    const titles = [...root.querySelectorAll('section[aria-labelledby="recent"] .entry-title .muted')].map(
      (s) => s.textContent,
    );
    expect(titles).toEqual(['Nothing is listening on that port', 'Stored words']);
  });

  it('says when the history could not be saved, as an alert in the style of a failed action', () => {
    render(<Popup history={[dns]} tab={null} actions={actions} historyProblem="QUOTA_BYTES quota exceeded" />, root);
    const alert = root.querySelector('p[role="alert"].problem[data-problem="storage"]');
    expect(alert?.textContent).toBe(
      'History could not be saved: QUOTA_BYTES quota exceeded. The newest failures are kept for now, and saving is tried again.',
    );
    render(null, root);
    render(<Popup history={[dns]} tab={null} actions={actions} />, root);
    expect(root.querySelector('[data-problem="storage"]')).toBeNull();
  });

  it('says "entry" for one, and the empty and no-match states', async () => {
    render(<Popup history={[dns]} tab={null} actions={actions} />, root);
    await act(() => button('Clear history').click());
    expect(root.querySelector('.footer-actions span')?.textContent).toBe('Delete 1 entry?');
    render(null, root);
    render(<Popup history={[]} tab={null} actions={actions} />, root);
    expect(root.textContent).toContain('No failed page loads yet. When one happens, it is explained here.');
  });

  it('writes no word of its own outside the catalog', async () => {
    setTranslator(pseudo);
    show();
    await settle();
    await act(() => button('⟦Clear history⟧').click());
    const d = diagnose(refused, RULES);
    const data = [
      ...diagnosisData(d),
      ...history.flatMap((e) => [e.host, e.url, e.title, e.code]),
      ...tab.subresources.flatMap((s) => [s.host, s.code]),
    ];
    expect(leftover(root.textContent ?? '', data)).not.toMatch(/[A-Za-z]{2,}/);
    for (const a of attributes(root)) if (a !== '') expect(a).toMatch(/^⟦.*⟧$/);
  });
});

describe('explanation page', () => {
  const f = failure({ url: 'http://localhost:8000/app', error: 'net::ERR_CONNECTION_REFUSED', httpStatus: null });
  const d = diagnose(f, RULES);
  const show = (props: Partial<Parameters<typeof Explain>[0]> = {}, target = f, diagnosis = d) =>
    render(
      <Explain
        failure={target}
        diagnosis={diagnosis}
        canRetry
        onRetry={() => undefined}
        report={async () => ''}
        site={toEntry(target).host}
        watching={false}
        watchStatus=""
        onWatch={() => undefined}
        {...props}
      />,
      root,
    );

  it('reads as before in English', () => {
    show();
    expect(root.querySelector('.brand span')?.textContent).toBe('netwhy · localhost:8000 could not be loaded');
    expect(root.querySelector('[data-testid="verdict"]')?.textContent).toBe('A server on this computer(likely)');
    expect(root.querySelector('header p.muted:not(.brand)')?.textContent).toBe(`${d.cause.title}.`);
    for (const name of ['Retry', 'Watch and reload', 'Copy report']) button(name);
    // The worker's answer is in: nothing is being checked any more (the first paint said so until now).
    expect(root.querySelector('[data-testid="watch-status"]')?.textContent).toBe('');
    expect(root.querySelector('main')?.getAttribute('data-ready')).toBe('true');
    const footer = [...root.querySelectorAll('footer p')].map((p) => p.textContent);
    expect(footer[0]).toBe(
      `Error ERR_CONNECTION_REFUSED${d.error.number ? ` (${d.error.number})` : ''} · browser said net::ERR_CONNECTION_REFUSED`,
    );
    expect(root.querySelector('[data-testid="error-code"]')?.textContent).toBe('ERR_CONNECTION_REFUSED');
    expect(footer.at(-1)).toBe('Address: http://localhost:8000/app');
    const headings = [...root.querySelectorAll('h2')].map((h) => h.textContent);
    expect(headings).toContain('Why we think so');
    expect(headings).toContain('What to do');
    noKeys(root);
  });

  it('names the HTTP status, the watching and a page without a host', () => {
    const http = failure({ url: 'https://shop.example/cart', error: null, httpStatus: 502 });
    show({ watching: true, watchStatus: 'Checking…' }, http, diagnose(http, RULES));
    expect(root.querySelector('footer p')?.textContent).toMatch(/ · HTTP 502$/);
    expect(root.querySelector('.brand span')?.textContent).toBe('netwhy · shop.example could not be loaded');
    button('Stop watching');
    expect(root.querySelector('[data-testid="watch-status"]')?.textContent).toBe('Checking…');
    render(null, root);
    const file = failure({ url: 'file:///tmp/x.html', error: 'net::ERR_FILE_NOT_FOUND' });
    show({ canRetry: false }, file, diagnose(file, RULES));
    expect(root.querySelector('.brand span')?.textContent).toBe('netwhy · this page could not be loaded');
    noKeys(root);
  });

  it('writes no word of its own outside the catalog', () => {
    setTranslator(pseudo);
    const dd = diagnose(f, RULES);
    show({}, f, dd);
    expect(leftover(root.textContent ?? '', [...diagnosisData(dd), f.url, 'localhost:8000'])).not.toMatch(
      /[A-Za-z]{2,}/,
    );
  });
});

describe('settings page', () => {
  const props = {
    initial: { ...DEFAULT_SETTINGS },
    save: async () => ({ ...DEFAULT_SETTINGS }),
    locked: ['takeover'],
    supportContact: 'IT help desk, extension 1234',
    ruleProblems: [],
    rulesText: '',
    saveRules: async () => undefined,
    testRules: async (request: RuleTest) => testRules(request),
    setNotificationsAllowed: async () => false,
    proxyAllowed: false,
    setProxyAllowed: async () => false,
  };

  it('reads as before in English', async () => {
    render(<Options {...props} />, root);
    await settle();
    const label = (id: string) => root.querySelector(`label[for="${id}"]`)?.textContent;
    expect(label('takeover')).toBe(
      'Show the explanation page when a page fails to load' +
        'Off: the browser keeps its own error page; netwhy marks the toolbar icon and explains in its popup.' +
        'Set by your organisation',
    );
    expect(label('hangThresholdSec')).toBe('Explain a page as hanging after');
    expect(label('rules-json')).toBe('Rules (JSON)');
    expect(label('sample-url')).toBe('Address');
    expect(root.textContent).toContain('Support for this browser: IT help desk, extension 1234 (included in reports).');
    expect(root.querySelector('[data-testid="rules-ok"]')?.textContent).toBe('0 valid rules.');
    await act(() => button('Insert an example').click());
    await settle();
    expect(root.querySelector('[data-testid="rules-ok"]')?.textContent).toBe('1 valid rule.');
    const example = JSON.parse((root.querySelector('#rules-json') as HTMLTextAreaElement).value) as {
      title: string;
      summary: string;
    }[];
    expect(example[0]).toMatchObject({
      title: 'Company site: connect to the VPN',
      summary: '{host} only resolves inside the company network.',
    });
    await act(async () => {
      button('Save rules').click();
      await new Promise((resolve) => setTimeout(resolve, 0));
    });
    expect(root.querySelector('[data-testid="rules-status"]')?.textContent).toBe('Saved 1 rule.');
    noKeys(root);
  });

  it('writes no word of its own outside the catalog', async () => {
    setTranslator(pseudo);
    render(<Options {...props} />, root);
    await settle();
    const sample = root.querySelector('[data-testid="sample-result"]');
    const d = diagnose(
      toFailure({ id: 'sample', url: 'https://wiki.corp.example.com/', error: 'net::ERR_NAME_NOT_RESOLVED' })!,
      RULES,
    );
    expect(sample?.getAttribute('data-cause')).toBe(d.cause.id);
    expect(
      leftover(root.textContent ?? '', [d.cause.title, d.cause.summary, d.cause.id, d.verdict, props.supportContact]),
    ).not.toMatch(/[A-Za-z]{2,}/);
    // The example rule is JSON: its keys and values stay as written, its words come from the catalog.
    await act(() => button('⟦Insert an example⟧').click());
    expect(JSON.parse((root.querySelector('#rules-json') as HTMLTextAreaElement).value)[0].title).toBe(
      '⟦Company site: connect to the VPN⟧',
    );
  });
});

describe('error catalogue', () => {
  it('reads as before in English', async () => {
    render(<Catalogue initialQuery="" />, root);
    expect(root.querySelector('h1')?.textContent).toBe('Browser error codes, explained');
    expect(root.querySelector('p.muted')?.textContent).toBe(
      'Every network error Chromium and Firefox can report, in plain words. Paste what you saw: ERR_CONNECTION_REFUSED, NS_ERROR_UNKNOWN_HOST, Error code 2152398861, DNS_PROBE_FINISHED_NXDOMAIN or words.',
    );
    expect(root.querySelector('[role="status"]')?.textContent).toBe(`${ALL_ERRORS.length} errors`);
    expect(root.querySelector('h2#cat-dns')?.textContent).toBe('dns');
    const card = root.querySelector('article[data-code="ERR_CONNECTION_REFUSED"]')!;
    expect([...card.querySelectorAll('div.small strong')].map((s) => s.textContent)[0]).toBe('You:');
    const input = root.querySelector('#q') as HTMLInputElement;
    expect(input.placeholder).toBe('ERR_…, NS_ERROR_…, a number or words');
    await act(() => {
      input.value = 'ERR_CONNECTION_REFUSED';
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    expect(root.querySelector('[role="status"]')?.textContent).toBe('1 error');
    expect([...root.querySelectorAll('article[data-code]')].map((a) => a.getAttribute('data-code'))).toEqual([
      'ERR_CONNECTION_REFUSED',
    ]);
    noKeys(root);
  });

  it('writes no word of its own outside the catalog', () => {
    setTranslator(pseudo);
    render(<Catalogue initialQuery="" />, root);
    const data = ALL_ERRORS.flatMap((e) => {
      const text = entryText(e);
      return [
        e.code,
        String(e.number ?? ''),
        ...(e.aliases ?? []),
        text.title,
        text.meaning,
        text.verdictReason,
        ...Object.values(text.steps).map((s) => s.join(' ')),
      ];
    });
    const examples = [
      'ERR_CONNECTION_REFUSED',
      'NS_ERROR_UNKNOWN_HOST',
      'Error code 2152398861',
      'DNS_PROBE_FINISHED_NXDOMAIN',
    ];
    expect(leftover(root.textContent ?? '', [...data, ...examples])).not.toMatch(/[A-Za-z]{2,}/);
  });
});

import { describe, expect, it } from 'vitest';
import { diagnose } from '../../../src/engine/diagnose';
import { editDistance, similarHosts } from '../../../src/engine/similar';
import { failureOf } from '../../fixtures/rule-cases';

describe('similar hosts', () => {
  it('counts edits, swaps as one, and stops early', () => {
    expect(editDistance('github.com', 'githbu.com')).toBe(1);
    expect(editDistance('example.com', 'exmaple.com')).toBe(1);
    expect(editDistance('example.com', 'examples.co')).toBe(2);
    expect(editDistance('example.com', 'wikipedia.org')).toBe(3);
  });

  it('suggests hosts one or two edits away, closest first, ignoring ports and IPs', () => {
    expect(similarHosts('githbu.com', ['news.example', 'github.com:443', 'gitlab.com', '127.0.0.1:3000'])).toEqual([
      'github.com',
    ]);
    expect(similarHosts('myap.test', ['myapp.test:41234'])).toEqual(['myapp.test']);
    expect(similarHosts('ab.io', ['xy.io'])).toEqual([]);
    expect(similarHosts('ab.io', ['ac.io'])).toEqual(['ac.io']);
    expect(similarHosts('127.0.0.2', ['127.0.0.1'])).toEqual([]);
  });

  it("links the suggested host's root, never the typed path and query", () => {
    const d = diagnose(
      failureOf({
        url: 'https://githbu.com/netwhy?x=1',
        error: 'net::ERR_NAME_NOT_RESOLVED',
        context: { recentSuccesses: [], recentFailures: [], hostLastSuccess: null, similarHosts: ['github.com'] },
      }),
    );
    expect(d.cause.summary).toContain('did you mean');
    expect(d.steps.find((s) => s.link)?.link).toBe('https://github.com/');
  });

  it('links the open port for a dev server on another port', () => {
    const d = diagnose(
      failureOf({
        url: 'http://localhost:3000/app',
        error: 'net::ERR_CONNECTION_REFUSED',
        probes: { ports: [{ target: 'localhost:5173', host: 'localhost', port: 5173, open: true }] },
      }),
    );
    expect(d.cause.summary).toBe('Nothing answers on port 3000, but something answers on 5173.');
    expect(d.steps.find((s) => s.link)?.link).toBe('http://localhost:5173/app');
    expect(d.evidence.some((e) => e.text.includes('tried these ports on this computer: 5173'))).toBe(true);
  });
});

/** The size check itself: a package it cannot find a part of fails, it does not pass on nothing. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXPLAIN_HTML, measureSizes } from '../../../bench/sizes';

const dist = mkdtempSync(join(tmpdir(), 'netwhy-sizes-'));
afterAll(() => rmSync(dist, { recursive: true, force: true }));

function put(path: string, text: string): void {
  mkdirSync(dirname(join(dist, path)), { recursive: true });
  writeFileSync(join(dist, path), text);
}

describe('size check', () => {
  it('a package with no content script found fails the content-script budget (the extension ships one)', () => {
    put(
      'manifest.json',
      JSON.stringify({
        manifest_version: 3,
        background: { service_worker: 'sw.js' },
        action: { default_popup: 'popup.html' },
      }),
    );
    put('sw.js', 'console.log(1);');
    put('popup.html', '<script type="module" src="/p.js"></script>');
    put('p.js', 'console.log(2);');
    put(EXPLAIN_HTML, '<script type="module" src="/e.js"></script>');
    put('e.js', 'console.log(3);');
    const content = measureSizes(dist).targets.find((t) => t.id === 'content')!;
    expect(content.gzip).toBeNull();
    expect(content.ok).toBe(false);
  });
});

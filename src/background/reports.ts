/** The diagnostic report, built in the worker (the engine's builder plus the browser's facts) for a page to copy. */
import type { Failure } from '../engine/failure';
import { buildReport } from '../engine/report/build';
import { toMarkdown, toText } from '../engine/report/render';
import type { Diagnosis } from '../engine/types';
import { browser, browserName } from '../platform/browser';
import type { Settings } from '../shared/settings';
import type { ReportFormat } from '../shared/messages';

export function renderReport(
  failure: Failure,
  diagnosis: Diagnosis,
  format: ReportFormat,
  settings: Pick<Settings, 'redactQuery' | 'redactPath'>,
  supportContact: string | null,
  now: number = Date.now(),
): string {
  const manifest = browser.runtime.getManifest();
  const report = buildReport(failure, diagnosis, {
    generatedAt: now,
    extension: { name: manifest.name, version: manifest.version },
    browser: browserName(),
    redactQuery: settings.redactQuery,
    redactPath: settings.redactPath,
    supportContact,
  });
  if (format === 'json') return JSON.stringify(report, null, 2);
  return format === 'text' ? toText(report) : toMarkdown(report);
}

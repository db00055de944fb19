/** Builds the report for a failure in a page: the engine does the work, the platform adds browser facts. */
import { diagnose } from '../../engine/diagnose';
import type { Failure } from '../../engine/failure';
import { buildReport, type Report } from '../../engine/report/build';
import { toMarkdown, toText } from '../../engine/report/render';
import { browser, browserName } from '../../platform/browser';
import { activeRules } from '../../platform/rules';
import type { Settings } from '../../platform/settings';

export type ReportFormat = 'markdown' | 'text' | 'json';

export function reportFor(
  failure: Failure,
  settings: Pick<Settings, 'redactQuery' | 'redactPath'>,
  supportContact: string | null = null,
): Report {
  const manifest = browser.runtime.getManifest();
  return buildReport(failure, diagnose(failure, activeRules()), {
    generatedAt: Date.now(),
    extension: { name: manifest.name, version: manifest.version },
    browser: browserName(),
    redactQuery: settings.redactQuery,
    redactPath: settings.redactPath,
    supportContact,
  });
}

export function renderReport(report: Report, format: ReportFormat): string {
  if (format === 'json') return JSON.stringify(report, null, 2);
  return format === 'text' ? toText(report) : toMarkdown(report);
}

import { readFileSync } from 'node:fs';

/** Rows of a tab-separated fixture in test/fixtures, keyed by its header line. */
export function readTsv(name: string): Record<string, string>[] {
  const text = readFileSync(new URL(`../../fixtures/${name}`, import.meta.url), 'utf8');
  const [header, ...lines] = text.split('\n').filter((line) => line.trim() !== '');
  const columns = header!.split('\t');
  return lines.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(columns.map((column, i) => [column, (cells[i] ?? '').trim()]));
  });
}

export interface ChromiumRow {
  number: number;
  /** `ERR_` + the name, or + the newer name when upstream renamed it. */
  code: string;
  status: string;
  change: string;
}

export function chromiumRows(): ChromiumRow[] {
  return readTsv('chromium-net-errors.tsv').map((row) => {
    const change = row['later_upstream_change'] ?? '';
    const renamed = /^renamed ([A-Z0-9_]+)$/.exec(change);
    return {
      number: Number(row['code']),
      code: `ERR_${renamed ? renamed[1] : row['name']}`,
      status: row['status_late_2024'] ?? '',
      change,
    };
  });
}

/** Codes the taxonomy must know: active in the late-2024 list, or added later (`added`, or `absent` from that copy). */
export function requiredChromiumRows(): ChromiumRow[] {
  return chromiumRows().filter(
    (row) => row.status === 'active' || row.status === 'absent' || row.change.startsWith('added'),
  );
}

export interface FirefoxRow {
  name: string;
  hex: number;
  decimal: number;
  /** The Chromium code(s) the fixture names; empty for Firefox-only errors. */
  closest: string[];
}

export function firefoxRows(): FirefoxRow[] {
  return readTsv('firefox-errors.tsv').map((row) => ({
    name: row['name']!,
    hex: parseInt(row['nsresult_hex']!, 16),
    decimal: Number(/^Error code (\d+)$/.exec(row['webNavigation_error_string']!)![1]),
    closest: (row['closest_chromium_code'] ?? '')
      .split('/')
      .map((s) => s.trim())
      .filter(Boolean),
  }));
}

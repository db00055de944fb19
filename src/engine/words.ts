/** Short words for verdicts shared by the pages, the page script and reports. Pure. */
import type { Verdict } from './errors/types';
import { t } from './i18n';

export function verdictLabel(verdict: Verdict, local: boolean): string {
  if (verdict === 'server') return local ? t('side_local_server') : t('side_site');
  if (verdict === 'client') return t('side_device');
  if (verdict === 'network') return t('side_network');
  return t('side_unknown');
}

/** Short words for verdicts shared by the pages, the page script and reports. Pure. */
import type { Verdict } from './errors/types';

export function verdictLabel(verdict: Verdict, local: boolean): string {
  if (verdict === 'server') return local ? 'A server on this computer' : 'The site';
  if (verdict === 'client') return 'Your device';
  if (verdict === 'network') return 'Your network';
  return "Can't tell yet";
}

/** Words for verdicts and confidence, shared by every page (text lives here, not in components). */
import type { ConfidenceWord, PointsTo } from '../../engine/types';

export { verdictLabel } from '../../engine/words';

export const CONFIDENCE_WORDS: Record<ConfidenceWord, string> = {
  likely: 'likely',
  probably: 'probably',
  unsure: "can't tell for sure",
};

export const POINTS_TO: Record<PointsTo, string> = {
  client: 'your device',
  network: 'your network',
  server: 'the site',
  unknown: 'unclear',
  neutral: 'context',
};


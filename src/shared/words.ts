/**
 * Words for verdicts, sides, confidence, audiences and error categories, shared by every page (text lives here, not
 * in components). Functions, not tables of text: the words are looked up when a page renders, after
 * useBrowserLanguage() installed the user's catalog.
 */
import { t } from '../engine/i18n';
import type { Category } from '../engine/errors/types';
import type { Audience, ConfidenceWord, PointsTo } from '../engine/types';

/** Who is most likely at fault, as a short label ("The site"): the engine's words, shared with the page script. */
export { verdictLabel } from '../engine/words';

const CONFIDENCE: Record<ConfidenceWord, string> = {
  likely: 'common_confidence_likely',
  probably: 'common_confidence_probably',
  unsure: 'common_confidence_unsure',
};

/** How sure the verdict is, in brackets after it: "(likely)". */
export function confidenceNote(word: ConfidenceWord): string {
  return t('common_confidence_note', [t(CONFIDENCE[word])]);
}

const POINTS_TO: Record<PointsTo, string> = {
  client: 'common_points_client',
  network: 'common_points_network',
  server: 'common_points_server',
  unknown: 'common_points_unknown',
  neutral: 'common_points_neutral',
};

/**
 * What an evidence line (or a node of the path picture) points to; "the site" reads wrong when the server is this
 * computer.
 */
export function pointsToLabel(pointsTo: PointsTo, local: boolean): string {
  return t(pointsTo === 'server' && local ? 'common_points_server_local' : POINTS_TO[pointsTo]);
}

const AUDIENCE: Record<Audience, string> = {
  you: 'common_audience_you',
  owner: 'common_audience_owner',
  developer: 'common_audience_developer',
};

/** Who a group of steps is for. */
export function audienceLabel(audience: Audience): string {
  return t(AUDIENCE[audience]);
}

const CATEGORY: Record<Category, string> = {
  dns: 'common_category_dns',
  connection: 'common_category_connection',
  tls: 'common_category_tls',
  certificate: 'common_category_certificate',
  http: 'common_category_http',
  proxy: 'common_category_proxy',
  policy: 'common_category_policy',
  cache: 'common_category_cache',
  aborted: 'common_category_aborted',
  other: 'common_category_other',
};

/** The kinds of error in the engine's order (its CATEGORIES; a unit test keeps them equal), without the engine. */
export const CATEGORY_NAMES = Object.keys(CATEGORY) as Category[];

/** The name of a kind of error (the catalogue's headings, the popup's filter). */
export function categoryLabel(category: Category): string {
  return t(CATEGORY[category]);
}

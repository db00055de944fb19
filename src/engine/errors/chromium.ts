import { CHROMIUM_CACHE_ERRORS } from './chromium-cache';
import { CHROMIUM_CERT_ERRORS } from './chromium-cert';
import { CHROMIUM_CONNECTION_ERRORS } from './chromium-connection';
import { CHROMIUM_DNS_ERRORS } from './chromium-dns';
import { CHROMIUM_HTTP_ERRORS } from './chromium-http';
import { CHROMIUM_INTERNAL_ERRORS } from './chromium-internal';
import { CHROMIUM_SYSTEM_ERRORS } from './chromium-system';
import type { ErrorEntry } from './types';

/**
 * Chromium net errors, in our own words: every code that is active in Chromium's net_error_list.h plus the later
 * additions, one row per code, `number` being Chromium's net error number. The rows live in one file per range;
 * this is the single list the rest of the code uses, ordered by code (-1, -2, ... -906).
 * The list is checked against test/fixtures/chromium-net-errors.tsv.
 */
export const CHROMIUM_ERRORS: readonly ErrorEntry[] = [
  ...CHROMIUM_SYSTEM_ERRORS,
  ...CHROMIUM_CONNECTION_ERRORS,
  ...CHROMIUM_CERT_ERRORS,
  ...CHROMIUM_HTTP_ERRORS,
  ...CHROMIUM_CACHE_ERRORS,
  ...CHROMIUM_INTERNAL_ERRORS,
  ...CHROMIUM_DNS_ERRORS,
].sort((a, b) => b.number - a.number);

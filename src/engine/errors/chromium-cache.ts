import { internal } from './define';
import type { ErrorEntry } from './types';

// Text lives in src/locales/*/errors.json under e_<CODE>_t (title), _m (meaning), _v (why that verdict).
/** Chromium net errors -400 to -499: the browser's own HTTP cache. Only the first two can reach a page. */
export const CHROMIUM_CACHE_ERRORS: readonly ErrorEntry[] = [
  {
    code: 'ERR_CACHE_MISS',
    number: -400,
    category: 'cache',
    verdict: 'client',
    takeover: true,
    steps: { you: ['.you1'] },
    aliases: ['NS_ERROR_DOCUMENT_NOT_CACHED', 'NS_ERROR_CACHE_KEY_NOT_FOUND'],
  },
  {
    code: 'ERR_CACHE_READ_FAILURE',
    number: -401,
    category: 'cache',
    verdict: 'client',
    takeover: true,
    steps: { you: ['e_internal_you1', '.you2'] },
    aliases: ['NS_ERROR_CACHE_READ_ACCESS_DENIED'],
  },
  internal('ERR_CACHE_WRITE_FAILURE', -402, 'cache', { aliases: ['NS_ERROR_CACHE_WRITE_ACCESS_DENIED'] }),
  internal('ERR_CACHE_OPERATION_NOT_SUPPORTED', -403, 'cache'),
  internal('ERR_CACHE_OPEN_FAILURE', -404, 'cache'),
  internal('ERR_CACHE_CREATE_FAILURE', -405, 'cache'),
  internal('ERR_CACHE_RACE', -406, 'cache', { aliases: ['NS_ERROR_CACHE_IN_USE'] }),
  internal('ERR_CACHE_CHECKSUM_READ_FAILURE', -407, 'cache'),
  internal('ERR_CACHE_CHECKSUM_MISMATCH', -408, 'cache'),
  internal('ERR_CACHE_LOCK_TIMEOUT', -409, 'cache', { aliases: ['NS_ERROR_CACHE_WAIT_FOR_VALIDATION'] }),
  internal('ERR_CACHE_AUTH_FAILURE_AFTER_READ', -410, 'cache'),
  internal('ERR_CACHE_ENTRY_NOT_SUITABLE', -411, 'cache'),
  internal('ERR_CACHE_DOOM_FAILURE', -412, 'cache', { aliases: ['NS_ERROR_CACHE_ENTRY_DOOMED'] }),
  internal('ERR_CACHE_OPEN_OR_CREATE_FAILURE', -413, 'cache'),
  internal('ERR_CACHE_COMPRESSION_FAILURE', -414, 'cache'),
];

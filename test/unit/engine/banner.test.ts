import { describe, expect, it } from 'vitest';
import { bannerLine } from '../../../src/engine/banner';
import { verdictLabel } from '../../../src/engine/words';

describe('developer banner lines', () => {
  it('asks whether the API server runs when local requests are refused', () => {
    expect(bannerLine({ host: 'localhost:8000', code: 'ERR_CONNECTION_REFUSED', count: 4 })).toBe(
      '4 requests to localhost:8000 were refused — is your API server running?',
    );
    expect(bannerLine({ host: '127.0.0.1:8000', code: 'ERR_CONNECTION_REFUSED', count: 1 })).toBe(
      '1 request to 127.0.0.1:8000 was refused — is your API server running?',
    );
    expect(bannerLine({ host: 'api.example', code: 'ERR_CONNECTION_REFUSED', count: 2 })).toBe(
      '2 requests to api.example were refused: nothing listens there.',
    );
  });

  it('words other failures by kind', () => {
    expect(bannerLine({ host: 'cdn.example', code: 'ERR_NAME_NOT_RESOLVED', count: 3 })).toContain('does not resolve');
    expect(bannerLine({ host: 'api.example', code: 'HTTP_502', count: 2 })).toBe(
      '2 requests to api.example failed with HTTP 502: the server behind it is failing.',
    );
    expect(bannerLine({ host: 'ads.example', code: 'ERR_BLOCKED_BY_CLIENT', count: 5 })).toContain(
      'blocked by an extension',
    );
    expect(bannerLine({ host: 'x.example', code: 'ERR_CONNECTION_RESET', count: 1 })).toContain('ERR_CONNECTION_RESET');
    expect(bannerLine({ host: 'x.example', code: 'something odd', count: 1 })).toBe(
      '1 request to x.example failed (UNKNOWN).',
    );
  });

  it('labels verdicts in words', () => {
    expect(verdictLabel('server', true)).toBe('A server on this computer');
    expect(verdictLabel('server', false)).toBe('The site');
    expect(verdictLabel('network', false)).toBe('Your network');
  });
});

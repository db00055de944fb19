import { describe, expect, it } from 'vitest';
import { CorsTracker } from '../../../src/background/cors-tracker';

const H = (o: Record<string, string>) => Object.entries(o).map(([name, value]) => ({ name, value }));

describe('the CORS tracker', () => {
  it("joins a blocked request with its Origin, credentials (never their values) and its answer's headers", () => {
    const c = new CorsTracker(() => 1000);
    c.sent({
      requestId: '1',
      tabId: 3,
      url: 'http://127.0.0.1:8000/api',
      method: 'GET',
      requestHeaders: H({ Origin: 'http://localhost:5173', Cookie: 'sid=secret' }),
    });
    c.received({
      requestId: '1',
      tabId: 3,
      url: 'http://127.0.0.1:8000/api',
      method: 'GET',
      statusCode: 200,
      responseHeaders: H({ 'Access-Control-Allow-Origin': 'http://other.example', 'Set-Cookie': 'x=y' }),
    });
    const x = c.take({ requestId: '1', tabId: 3, url: 'http://127.0.0.1:8000/api' });
    expect(x).toEqual({
      origin: 'http://localhost:5173',
      method: 'GET',
      credentials: true,
      response: {
        status: 200,
        allowOrigin: 'http://other.example',
        allowCredentials: null,
        allowMethods: null,
        allowHeaders: null,
      },
    });
    expect(JSON.stringify(x)).not.toContain('secret');
    expect(c.take({ requestId: '1', tabId: 3, url: 'http://127.0.0.1:8000/api' })).toBeUndefined();
  });

  it('explains a request stopped at its preflight by the preflight', () => {
    const c = new CorsTracker(() => 1000);
    c.sent({
      requestId: 'p',
      tabId: 3,
      url: 'http://127.0.0.1:8000/api',
      method: 'OPTIONS',
      requestHeaders: H({
        Origin: 'http://localhost:5173',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'x-custom',
      }),
    });
    c.received({
      requestId: 'p',
      tabId: 3,
      url: 'http://127.0.0.1:8000/api',
      method: 'OPTIONS',
      statusCode: 404,
      responseHeaders: [],
    });
    expect(c.take({ requestId: 'real', tabId: 3, url: 'http://127.0.0.1:8000/api' })).toMatchObject({
      origin: 'http://localhost:5173',
      method: 'PUT',
      preflight: { status: 404, method: 'PUT', headers: ['x-custom'] },
    });
  });

  it('ignores same-origin requests and stays bounded', () => {
    let now = 0;
    const c = new CorsTracker(() => now);
    c.sent({
      requestId: 's',
      tabId: 1,
      url: 'http://localhost:5173/x',
      method: 'GET',
      requestHeaders: H({ Origin: 'http://localhost:5173' }),
    });
    expect(c.take({ requestId: 's', tabId: 1, url: 'http://localhost:5173/x' })).toBeUndefined();
    for (let i = 0; i < 1000; i++)
      c.sent({
        requestId: String(i),
        tabId: 1,
        url: `http://127.0.0.1:8000/${i}`,
        method: 'GET',
        requestHeaders: H({ Origin: 'http://localhost:5173' }),
      });
    expect((c as unknown as { requests: Map<string, unknown> }).requests.size).toBeLessThanOrEqual(256);
    now = 120_000;
    c.sent({
      requestId: 'late',
      tabId: 1,
      url: 'http://127.0.0.1:8000/late',
      method: 'GET',
      requestHeaders: H({ Origin: 'http://localhost:5173' }),
    });
    expect((c as unknown as { requests: Map<string, unknown> }).requests.size).toBe(1);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { NeighbourhoodTracker } from '../../../src/background/neighbourhood';
import { SESSION_REPAIRS } from '../../../src/shared/storage-repair';
import { candidatePorts, checkPublicDns, probeLoopback, type Fetcher } from '../../../src/background/probes';
import { describeProxy } from '../../../src/shared/proxy-value';
import { failureOf } from '../../fixtures/rule-cases';

/** A fake network: only the listed origins answer; everything else is refused; `hang` never answers. */
function network(open: string[], hang: string[] = []): Fetcher & { asked: string[] } {
  const asked: string[] = [];
  const fetcher = (async (url: string, init: RequestInit) => {
    asked.push(url);
    if (hang.includes(url)) {
      return new Promise((_, reject) =>
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    }
    if (open.includes(url)) return { ok: true, status: 200 };
    throw new TypeError('Failed to fetch');
  }) as Fetcher & { asked: string[] };
  fetcher.asked = asked;
  return fetcher;
}

describe('loopback probes', () => {
  it('tries the neighbours first, then common dev ports, skipping the failed and unsafe ones', () => {
    const ports = candidatePorts(3000);
    expect(ports.slice(0, 4)).toEqual([3001, 2999, 3002, 2998]);
    expect(ports).toContain(5173);
    expect(ports).not.toContain(3000);
    expect(candidatePorts(6001)).not.toContain(6000);
    expect(ports.length).toBeLessThanOrEqual(16);
    // A random high port's neighbours are unrelated servers: only the dev ports are tried.
    expect(candidatePorts(40001)).not.toContain(40002);
    expect(candidatePorts(40001)).toContain(5173);
  });

  it('finds the other IP family and open dev ports, only on loopback', async () => {
    const net = network(['http://[::1]:3000/', 'http://127.0.0.1:5173/']);
    const probes = await probeLoopback(
      failureOf({ url: 'http://127.0.0.1:3000/', error: 'net::ERR_CONNECTION_REFUSED' }),
      'loopback',
      net,
    );
    expect(probes.otherFamily).toEqual({ target: '[::1]:3000', host: '::1', port: 3000, open: true });
    expect(probes.ports!.filter((p) => p.open).map((p) => p.port)).toEqual([5173]);
    for (const url of net.asked) expect(url).toMatch(/^http:\/\/(127\.0\.0\.1|\[::1\]):\d+\/$/);
  });

  it("for a refused LAN address, asks only the same port on this computer's loopback", async () => {
    const net = network(['http://127.0.0.1:8084/']);
    const probes = await probeLoopback(
      failureOf({ url: 'http://192.0.2.10:8084/x?q=1', error: 'net::ERR_CONNECTION_REFUSED' }),
      'loopback',
      net,
    );
    expect(probes).toEqual({ onLoopback: { target: '127.0.0.1:8084', host: '127.0.0.1', port: 8084, open: true } });
    expect(net.asked.sort()).toEqual(['http://127.0.0.1:8084/', 'http://[::1]:8084/']);
    const v6 = network(['http://[::1]:8084/']);
    expect(
      (
        await probeLoopback(
          failureOf({ url: 'http://nas.local:8084/', error: 'net::ERR_CONNECTION_REFUSED' }),
          'loopback',
          v6,
        )
      ).onLoopback,
    ).toEqual({ target: '[::1]:8084', host: '::1', port: 8084, open: true });
    const none = network([]);
    expect(
      (
        await probeLoopback(
          failureOf({ url: 'http://10.0.0.5:8084/', error: 'net::ERR_CONNECTION_REFUSED' }),
          'loopback',
          none,
        )
      ).onLoopback!.open,
    ).toBe(false);
    expect(
      await probeLoopback(
        failureOf({ url: 'http://10.0.0.5:8084/', error: 'net::ERR_CONNECTION_REFUSED' }),
        'off',
        none,
      ),
    ).toEqual({});
  });

  it("ends at its time budget when a port never answers (a clock of its own, not the machine's speed)", async () => {
    vi.useFakeTimers();
    try {
      const net = network([], ['http://127.0.0.1:3001/']);
      let probes: Awaited<ReturnType<typeof probeLoopback>> | undefined;
      void probeLoopback(
        failureOf({ url: 'http://127.0.0.1:3000/', error: 'net::ERR_CONNECTION_REFUSED' }),
        'loopback',
        net,
        100,
      ).then((p) => {
        probes = p;
      });
      await vi.advanceTimersByTimeAsync(99);
      expect(probes).toBeUndefined(); // still waiting for the port that never answers
      await vi.advanceTimersByTimeAsync(1);
      expect(probes).toBeDefined();
      expect(probes!.ports!.find((p) => p.port === 3001)!.open).toBe(false);
      expect(vi.getTimerCount()).toBe(0); // its budget timer is gone too
    } finally {
      vi.useRealTimers();
    }
  });

  it('does nothing when off, for remote hosts, or for localhost on the other family', async () => {
    const net = network([]);
    expect(
      await probeLoopback(
        failureOf({ url: 'http://127.0.0.1:3000/', error: 'net::ERR_CONNECTION_REFUSED' }),
        'off',
        net,
      ),
    ).toEqual({});
    expect(
      await probeLoopback(
        failureOf({ url: 'http://example.com:3000/', error: 'net::ERR_CONNECTION_REFUSED' }),
        'remote',
        net,
      ),
    ).toEqual({});
    expect(net.asked).toEqual([]);
    const probes = await probeLoopback(
      failureOf({ url: 'http://localhost:3000/', error: 'net::ERR_CONNECTION_REFUSED' }),
      'loopback',
      net,
    );
    expect(probes.otherFamily).toBeUndefined();
    expect(net.asked.every((u) => u.startsWith('http://localhost:'))).toBe(true);
  });
});

describe('public DNS check (opt-in)', () => {
  const doh = (status: number | 'fail') =>
    (async () => {
      if (status === 'fail') throw new TypeError('offline');
      return { ok: true, json: async () => ({ Status: status }) };
    }) as Fetcher;

  it('is never sent unless remote checks are on', async () => {
    let asked = 0;
    const counting = (async () => {
      asked++;
      return { ok: true, json: async () => ({ Status: 0 }) };
    }) as Fetcher;
    expect(await checkPublicDns('example.com', 'loopback', counting)).toBeUndefined();
    expect(await checkPublicDns('example.com', 'off', counting)).toBeUndefined();
    expect(asked).toBe(0);
  });

  it('tells a name that exists from one that does not', async () => {
    expect(await checkPublicDns('example.com', 'remote', doh(0))).toEqual({
      resolver: 'cloudflare-dns.com',
      status: 'exists',
    });
    expect(await checkPublicDns('nope.example', 'remote', doh(3))).toEqual({
      resolver: 'cloudflare-dns.com',
      status: 'nxdomain',
    });
    expect(await checkPublicDns('x.example', 'remote', doh('fail'))).toMatchObject({ status: 'error' });
  });
});

describe('neighbourhood extras', () => {
  it('measures the clock offset from Date headers, sampled, as a median', () => {
    const t = new NeighbourhoodTracker(() => undefined, 60_000);
    const now = Date.UTC(2026, 10, 27, 12);
    t.serverDate(new Date(now - 3_600_000).toUTCString(), now);
    t.serverDate(new Date(now).toUTCString(), now + 1000); // too soon: ignored
    expect(t.clockOffset()).toBe(3_600_000);
    t.serverDate('not a date', now + 20_000);
    expect(t.clockOffset()).toBe(3_600_000);
    expect(t.snapshot('https://a.example/', now).clockOffsetMs).toBe(3_600_000);
  });

  it('survives a restart through its saved state', () => {
    const a = new NeighbourhoodTracker(() => undefined, 60_000);
    a.success('https://news.example/', 1000);
    a.failure('https://down.example/', 'ERR_CONNECTION_RESET', 2000);
    const b = new NeighbourhoodTracker(() => undefined, 60_000);
    b.restore(JSON.parse(JSON.stringify(a.state())));
    const snap = b.snapshot('https://other.example/', 3000);
    expect(snap.recentSuccesses.map((s) => s.host)).toEqual(['news.example']);
    expect(snap.recentFailures.map((f) => f.host)).toEqual(['down.example']);
    // Garbage, as platform/storage.ts's getSession('neighbourhood') repairs it.
    b.restore(SESSION_REPAIRS.neighbourhood('garbage'));
    b.restore(SESSION_REPAIRS.neighbourhood({ successes: 5, failures: [null, { host: 1 }] }));
  });
});

describe('proxy settings', () => {
  it('describes Chrome and Firefox values the same way', () => {
    expect(describeProxy({ mode: 'direct' })).toBe('direct');
    expect(describeProxy({ mode: 'fixed_servers', rules: { singleProxy: { host: 'proxy.corp', port: 3128 } } })).toBe(
      'fixed_servers proxy.corp:3128',
    );
    expect(describeProxy({ proxyType: 'none' })).toBe('direct');
    expect(describeProxy({ proxyType: 'manual', http: 'proxy.corp:8080' })).toBe('manual proxy.corp:8080');
    expect(describeProxy({})).toBe('unknown');
  });
});

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ensure, plan, needed, POLICY_RC_D, TOOLS, type Io } from '../../../scripts/lib/deps.mjs';

/** A system with the given commands and files, recording what would be run and written. */
function fakeSystem(
  o: {
    have?: string[];
    files?: string[];
    root?: boolean;
    apt?: boolean;
    env?: Record<string, string>;
    platform?: string;
    installs?: boolean;
    aptStatus?: number;
  } = {},
) {
  const have = new Set(o.have ?? TOOLS.map((t) => t.command));
  const files = new Set(o.files ?? []);
  const calls: string[] = [];
  const log: string[] = [];
  const io: Io = {
    env: o.env ?? {},
    isRoot: o.root ?? true,
    hasAptGet: o.apt ?? true,
    platform: o.platform ?? 'linux',
    found: (c) => have.has(c),
    exists: (p) => files.has(p),
    run(cmd, args, env) {
      calls.push(
        `${env['DEBIAN_FRONTEND'] === 'noninteractive' ? '' : '(interactive) '}${cmd} ${args.join(' ')}${files.has(POLICY_RC_D) ? ' [services forbidden]' : ''}`,
      );
      if (args[0] === 'install' && (o.aptStatus ?? 0) === 0 && o.installs !== false) {
        for (const t of TOOLS) if (args.includes(t.pkg)) have.add(t.command);
      }
      return o.aptStatus ?? 0;
    },
    writeFile(path, text, mode) {
      calls.push(`write ${path} ${mode.toString(8)} ${JSON.stringify(text.split('\n').at(-2))}`);
      files.add(path);
    },
    remove(path) {
      calls.push(`remove ${path}`);
      files.delete(path);
    },
    log: (line) => log.push(line),
  };
  return { io, calls, log, files };
}

const all = TOOLS.map((t) => t.command);
const without = (...missing: string[]) => all.filter((c) => !missing.includes(c));

describe('ensure-deps: what the suites need', () => {
  it('needs nothing for the unit suite, and everything for a full run', () => {
    expect(TOOLS.filter((t) => needed(t, ['unit']))).toEqual([]);
    expect(TOOLS.filter((t) => needed(t, []))).toEqual(TOOLS);
  });

  it('needs only Chromium for the Chromium suite, and git (the package test) and the namespace tools for Firefox', () => {
    expect(TOOLS.filter((t) => needed(t, ['e2e'])).map((t) => t.command)).toEqual(['chromium']);
    expect(TOOLS.filter((t) => needed(t, ['firefox'])).map((t) => t.command)).toEqual([
      'firefox-esr',
      'git',
      'ip',
      'unshare',
      'mount',
    ]);
  });

  it('covers a suite family by its prefix (realworld-chromium, realworld:firefox)', () => {
    const rw = TOOLS.filter((t) => needed(t, ['realworld-chromium'])).map((t) => t.command);
    expect(rw).toEqual(expect.arrayContaining(['nginx', 'apache2', 'dnsmasq', 'iptables', 'ip', 'unshare']));
    expect(TOOLS.filter((t) => needed(t, ['e2e-x']))).toHaveLength(1);
    expect(TOOLS.filter((t) => needed(t, ['e2eish']))).toHaveLength(0);
  });
});

describe('ensure-deps: the decision', () => {
  it('does nothing when everything is there', () => {
    expect(plan([], fakeSystem().io)).toEqual({ action: 'none' });
  });

  it('installs the missing packages, once each, as root with apt-get', () => {
    const p = plan([], fakeSystem({ have: without('chromium', 'ip', 'dnsmasq') }).io);
    expect(p.action).toBe('install');
    expect(p.action === 'install' && p.packages).toEqual(['chromium', 'iproute2', 'dnsmasq-base']);
    const twoFromOne = plan(['firefox'], fakeSystem({ have: without('unshare', 'mount') }).io, [
      { command: 'unshare', pkg: 'util-linux', suites: ['firefox'], why: '' },
      { command: 'mount', pkg: 'util-linux', suites: ['firefox'], why: '' },
    ]);
    expect(twoFromOne.action === 'install' && twoFromOne.packages).toEqual(['util-linux']);
  });

  it('only looks at what the selected suites need', () => {
    expect(plan(['e2e'], fakeSystem({ have: without('firefox-esr', 'nginx') }).io)).toEqual({ action: 'none' });
    expect(plan(['unit'], fakeSystem({ have: [] }).io)).toEqual({ action: 'none' });
  });

  it('tells a user without root the exact sudo command, and why', () => {
    const p = plan([], fakeSystem({ have: without('firefox-esr', 'iptables'), root: false }).io);
    expect(p.action).toBe('instruct');
    const lines = p.action === 'instruct' ? p.lines : [];
    expect(lines).toContain(
      '  sudo apt-get update && sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y firefox-esr iptables',
    );
    expect(lines).toContain('  - `firefox-esr` not found: the browser of the Firefox suites (firefox, realworld)');
    expect(lines.at(-1)).toBe('Or run the unit suite alone, which needs none of this: npm test -- unit');
  });

  it('without apt-get (macOS, Windows) names the packages, the browser variables and the unit suite', () => {
    const p = plan(
      ['e2e', 'firefox'],
      fakeSystem({ have: ['ip', 'git'], apt: false, root: false, platform: 'darwin' }).io,
    );
    const text = p.action === 'instruct' ? p.lines.join('\n') : '';
    expect(text).toContain('install the equivalent of the Debian packages chromium, firefox-esr, util-linux, mount');
    expect(text).toContain('NETWHY_CHROMIUM=/path/to/chromium NETWHY_FIREFOX=/path/to/firefox-esr');
    expect(text).toContain('need Linux network namespaces');
    expect(text).toContain('npm test -- unit');
    expect(text).not.toContain('apt-get install');
  });

  it('honours NETWHY_CHROMIUM / NETWHY_FIREFOX: found there, never installed over, and a wrong path is reported', () => {
    const env = { NETWHY_CHROMIUM: '/opt/chrome/chrome', NETWHY_FIREFOX: '/opt/ff/firefox' };
    const ok = fakeSystem({ have: without('chromium', 'firefox-esr'), env, files: Object.values(env) });
    expect(plan([], ok.io)).toEqual({ action: 'none' });
    const wrong = fakeSystem({ have: without('firefox-esr'), env: { NETWHY_FIREFOX: '/nope/firefox' } });
    const p = plan(['firefox'], wrong.io);
    expect(p.action).toBe('instruct');
    expect(p.action === 'instruct' && p.lines).toContain(
      '  - NETWHY_FIREFOX=/nope/firefox does not exist: the browser of the Firefox suites (firefox, realworld)',
    );
    expect(ensure(['firefox'], wrong.io)).toBe(1);
    expect(wrong.calls).toEqual([]);
  });
});

describe('ensure-deps: the installation', () => {
  it('updates, then installs non-interactively under a policy-rc.d it creates and removes', () => {
    const s = fakeSystem({ have: without('nginx', 'apache2') });
    expect(ensure([], s.io)).toBe(0);
    expect(s.calls).toEqual([
      `write ${POLICY_RC_D} 755 "exit 101"`,
      'apt-get update -qq [services forbidden]',
      'apt-get install -y -qq nginx apache2 [services forbidden]',
      `remove ${POLICY_RC_D}`,
    ]);
    expect(s.log[0]).toBe('ensure-deps: missing nginx, apache2; installing nginx apache2 with apt-get');
    expect(s.log.at(-1)).toBe('ensure-deps: installed nginx apache2');
  });

  it('leaves an existing policy-rc.d alone', () => {
    const s = fakeSystem({ have: without('dnsmasq'), files: [POLICY_RC_D] });
    expect(ensure([], s.io)).toBe(0);
    expect(s.calls).toEqual([
      'apt-get update -qq [services forbidden]',
      'apt-get install -y -qq dnsmasq-base [services forbidden]',
    ]);
    expect(s.files.has(POLICY_RC_D)).toBe(true);
  });

  it('fails, with the command, when apt-get fails, and still removes its policy-rc.d', () => {
    const s = fakeSystem({ have: without('chromium'), aptStatus: 100 });
    expect(ensure([], s.io)).toBe(1);
    expect(s.calls).toEqual([
      `write ${POLICY_RC_D} 755 "exit 101"`,
      'apt-get update -qq [services forbidden]',
      `remove ${POLICY_RC_D}`,
    ]);
    expect(s.log.at(-1)).toBe('ensure-deps: apt-get failed (exit 100); install by hand: apt-get install -y chromium');
  });

  it('fails when the install did not provide the command', () => {
    const s = fakeSystem({ have: without('chromium'), installs: false });
    expect(ensure([], s.io)).toBe(1);
    expect(s.log.at(-1)).toBe('ensure-deps: still missing after the install: `chromium` not found');
  });

  it('runs nothing when it cannot install, and prints what to do', () => {
    const s = fakeSystem({ have: without('chromium'), root: false });
    expect(ensure([], s.io)).toBe(1);
    expect(s.calls).toEqual([]);
    expect(s.log).toContain(
      '  sudo apt-get update && sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y chromium',
    );
  });
});

describe('ensure-deps: the docs name what it installs', () => {
  const read = (path: string) => readFileSync(fileURLToPath(new URL(`../../../${path}`, import.meta.url)), 'utf8');
  const packages = [...new Set(TOOLS.map((t) => t.pkg))].sort();

  it("the README's list is the table's Debian packages", () => {
    const list = /It installs what the browser suites need \(Debian packages ([^)]+)\)/.exec(
      read('README.md').replace(/\s+/g, ' '),
    );
    expect(list, 'README.md: "It installs what the browser suites need (Debian packages …)"').not.toBeNull();
    expect(list![1]!.split(/, /).sort()).toEqual(packages);
  });

  it("the real-world README's list is what the table installs for that suite besides the browsers", () => {
    const list = /the Debian packages `([^`]+)`/.exec(read('test/realworld/README.md').replace(/\s+/g, ' '));
    expect(list, 'test/realworld/README.md: "the Debian packages `…`"').not.toBeNull();
    const tools = TOOLS.filter((t) => needed(t, ['realworld']) && !t.env);
    expect(list![1]!.split(' ').sort()).toEqual([...new Set(tools.map((t) => t.pkg))].sort());
  });
});

import { describe, expect, it } from 'vitest';
import { compileCustomRules, hostMatches, parseCustomRules } from '../../../src/engine/custom-rules';
import { diagnose } from '../../../src/engine/diagnose';
import { RULES } from '../../../src/engine/rules';
import { failureOf } from '../../fixtures/rule-cases';

const vpnRule = {
  id: 'corp-vpn',
  match: { hosts: ['*.corp.example.com'], codes: ['ERR_NAME_NOT_RESOLVED'] },
  title: 'Company site: connect to the VPN',
  summary: '{host} only resolves inside the company network.',
  verdict: 'network',
  steps: [{ audience: 'you', text: 'Connect to the VPN, then reload {host}.', link: 'https://help.example.com/vpn' }],
};

describe('custom rules: validation', () => {
  it('compiles a valid rule into a rule with a custom- cause id', () => {
    const { rules, errors } = parseCustomRules(JSON.stringify([vpnRule]));
    expect(errors).toEqual([]);
    expect(rules.map((r) => r.cause)).toEqual(['custom-corp-vpn']);
    expect(compileCustomRules({ rules: [vpnRule] }).rules).toHaveLength(1);
  });

  it('says clearly what is wrong, per rule, and keeps the good ones', () => {
    const { rules, errors } = compileCustomRules([
      vpnRule,
      { ...vpnRule, id: 'Bad Id' },
      { ...vpnRule, id: 'no-match', match: {} },
      { ...vpnRule, id: 'bad-verdict', verdict: 'them' },
      { ...vpnRule, id: 'bad-host', match: { hosts: ['(.*)+$'] } },
      { ...vpnRule, id: 'bad-link', steps: [{ text: 'x', link: 'javascript:alert(1)' }] },
      { ...vpnRule, id: 'corp-vpn' },
      'not an object',
    ]);
    expect(rules.map((r) => r.cause)).toEqual(['custom-corp-vpn']);
    expect(errors).toHaveLength(7);
    expect(errors.join('\n')).toMatch(/kebab-case/);
    expect(errors.join('\n')).toMatch(/needs at least one of hosts/);
    expect(errors.join('\n')).toMatch(/"verdict" must be one of/);
    expect(errors.join('\n')).toMatch(/use names such as/);
    expect(errors.join('\n')).toMatch(/must be an http or https address/);
    expect(errors.join('\n')).toMatch(/used twice/);
  });

  it('survives hostile input: bad JSON, huge files, deep nesting, huge lists, wrong types', () => {
    expect(parseCustomRules('{oops').errors[0]).toMatch(/not valid JSON/);
    expect(parseCustomRules('x'.repeat(300 * 1024)).errors[0]).toMatch(/too large/);
    const deep = '['.repeat(50_000) + ']'.repeat(50_000);
    expect(() => parseCustomRules(deep)).not.toThrow();
    const many = compileCustomRules(Array.from({ length: 500 }, (_, i) => ({ ...vpnRule, id: `r-${i}` })));
    expect(many.rules).toHaveLength(200);
    expect(many.errors[0]).toMatch(/Only the first 200/);
    for (const junk of [null, undefined, 42, 'text', {}, { rules: 'x' }, [[]], [{ match: { hosts: 'a' } }]]) {
      expect(() => compileCustomRules(junk)).not.toThrow();
    }
    expect(compileCustomRules(undefined)).toEqual({ rules: [], errors: [] });
  });
});

describe('custom rules: matching and scoring', () => {
  const { rules } = compileCustomRules([
    vpnRule,
    {
      id: 'staging-ca',
      match: { hosts: ['staging.example.com'], categories: ['certificate'] },
      title: 'Staging uses our private CA',
      summary: 'Install the company CA.',
      verdict: 'client',
    },
  ]);
  const all = [...rules, ...RULES];

  it('matches host globs only on subdomains, or exactly', () => {
    expect(hostMatches('*.corp.example.com', 'wiki.corp.example.com')).toBe(true);
    expect(hostMatches('*.corp.example.com', 'corp.example.com')).toBe(false);
    expect(hostMatches('*.corp.example.com', 'evilcorp.example.com')).toBe(false);
    expect(hostMatches('staging.example.com', 'staging.example.com')).toBe(true);
    expect(hostMatches('*', 'anything')).toBe(true);
  });

  it('decides the cause when it matches, with its steps, and says a custom rule decided', () => {
    const d = diagnose(
      failureOf({ url: 'https://wiki.corp.example.com/page', error: 'net::ERR_NAME_NOT_RESOLVED' }),
      all,
    );
    expect(d.cause.id).toBe('custom-corp-vpn');
    expect(d.verdict).toBe('network');
    expect(d.cause.summary).toBe('wiki.corp.example.com only resolves inside the company network.');
    expect(d.steps[0]).toEqual({
      audience: 'you',
      text: 'Connect to the VPN, then reload wiki.corp.example.com.',
      link: 'https://help.example.com/vpn',
    });
    expect(d.evidence[0]).toMatchObject({ source: 'rule', pointsTo: 'network' });
    expect(d.evidence[0]!.text).toContain('custom rule');
    expect(d.alternatives.map((a) => a.id)).toContain('name-not-found');
  });

  it("puts the host in the message as it is, even with `$&` or `$'` in it (no replacement patterns)", () => {
    const host = "a$&b$'c$`d$1.corp.example.com";
    const d = diagnose(failureOf({ url: `https://${host}/page`, error: 'net::ERR_NAME_NOT_RESOLVED' }), all);
    expect(d.cause.id).toBe('custom-corp-vpn');
    expect(d.cause.summary).toBe(`${host} only resolves inside the company network.`);
    expect(d.steps[0]!.text).toBe(`Connect to the VPN, then reload ${host}.`);
  });

  it('leaves other failures to the built-in rules', () => {
    expect(
      diagnose(failureOf({ url: 'https://wiki.corp.example.com/', error: 'net::ERR_CONNECTION_REFUSED' }), all).cause
        .id,
    ).toBe('no-listener');
    expect(
      diagnose(failureOf({ url: 'https://staging.example.com/', error: 'net::ERR_CERT_AUTHORITY_INVALID' }), all).cause
        .id,
    ).toBe('custom-staging-ca');
    expect(
      diagnose(failureOf({ url: 'https://prod.example.com/', error: 'net::ERR_CERT_AUTHORITY_INVALID' }), all).cause.id,
    ).toBe('certificate-untrusted');
  });

  it('a low score lets a stronger built-in rule win', () => {
    const weak = compileCustomRules([{ ...vpnRule, id: 'weak', score: 0.1 }]).rules;
    const d = diagnose(failureOf({ url: 'https://wiki.corp.example.com/', error: 'net::ERR_NAME_NOT_RESOLVED' }), [
      ...weak,
      ...RULES,
    ]);
    expect(d.cause.id).toBe('name-not-found');
  });
});
